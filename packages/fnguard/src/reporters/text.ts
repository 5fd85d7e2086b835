import { isUsableLocation } from '../findings/location.js';
import { countBySeverity } from '../findings/severity.js';
import { partitionWarnings, type ScanResult } from '../findings/scan-result.js';
import { SEVERITIES, type Finding } from '../findings/types.js';
import type { App, LoadWarning, SourceLocation } from '../model/types.js';
import { palette, type Palette } from './color.js';

export interface TextOptions {
  color: boolean;
  /** findings only: no warnings, no per-app headers for clean apps, no summary */
  quiet?: boolean;
}

function where(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

interface Group {
  label: string;
  findings: Finding[];
}

/** Functions in the app's own order, then resources by id: the order a reader of the template expects. */
function groupFindings(app: App, findings: Finding[]): Group[] {
  const groups: Group[] = [];
  for (const fn of app.functions) {
    const own = findings.filter((finding) => finding.function === fn.id);
    if (own.length > 0) groups.push({ label: fn.name === fn.id ? `function ${fn.id}` : `function ${fn.name} (${fn.id})`, findings: own });
  }
  const known = new Set(app.functions.map((fn) => fn.id));
  const rest = findings.filter((finding) => finding.function === undefined || !known.has(finding.function));
  const byResource = new Map<string, Finding[]>();
  for (const finding of rest) {
    const label = finding.function !== undefined ? `function ${finding.function}` : finding.resource !== undefined ? `resource ${finding.resource}` : 'app';
    byResource.set(label, [...(byResource.get(label) ?? []), finding]);
  }
  for (const label of [...byResource.keys()].sort()) groups.push({ label, findings: byResource.get(label)! });
  return groups;
}

/** The first sentence of the remediation: enough to act on; the full advice and fixes are in `fnguard rules`. */
export function firstSentence(text: string): string {
  const match = /^(.*?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text).trim();
}

function findingLines(finding: Finding, p: Palette): string[] {
  const tag = p.severity(finding.severity, finding.severity.toUpperCase().padEnd(8));
  const lines = [`    ${tag} ${p.bold(finding.ruleId)} ${finding.title}`, `             ${finding.message}`, `             ${p.dim(`at ${where(finding.location)}`)}`];
  if (finding.evidence !== undefined) lines.push(`             ${p.dim(`evidence: ${finding.evidence}`)}`);
  lines.push(`             ${p.dim(`fix: ${firstSentence(finding.remediation)}`)}`);
  return lines;
}

function warningLine(warning: LoadWarning, p: Palette): string {
  const at = isUsableLocation(warning.location) ? ` ${where(warning.location)}` : '';
  return `    ${p.dim(`warning ${warning.code}${at}:`)} ${warning.message}`;
}

export function summaryLine(result: ScanResult): string {
  const counts = countBySeverity(result.findings);
  const functions = result.apps.reduce((sum, app) => sum + app.functions.length, 0);
  const bySeverity = SEVERITIES.map((severity) => `${counts[severity]} ${severity}`).join(', ');
  const warnings = result.apps.reduce((sum, app) => sum + app.warnings.length, 0) + result.warnings.length;
  return `${plural(result.findings.length, 'finding')} (${bySeverity}) in ${plural(result.apps.length, 'app')} and ${plural(functions, 'function')}; ${plural(result.rules.length, 'rule')} run; ${plural(warnings, 'warning')}`;
}

export function renderText(result: ScanResult, options: TextOptions): string {
  const p = palette(options.color);
  const lines: string[] = [];
  const { byApp, general } = partitionWarnings(result);
  for (const app of result.apps) {
    const findings = result.findings.filter((finding) => finding.app === app.path);
    const warnings: LoadWarning[] = [...app.warnings, ...(byApp.get(app.path) ?? [])];
    // clean apps would bury the findings of a large monorepo; the summary still counts them
    if (findings.length === 0 && (options.quiet || warnings.length === 0)) continue;
    lines.push(`${p.bold(app.path)} ${p.dim(`(${app.framework}, ${plural(app.functions.length, 'function')})`)}`);
    for (const group of groupFindings(app, findings)) {
      lines.push(`  ${group.label}`);
      for (const finding of group.findings) lines.push(...findingLines(finding, p));
    }
    if (findings.length === 0) lines.push('  no findings');
    if (!options.quiet) for (const warning of warnings) lines.push(warningLine(warning, p));
    lines.push('');
  }
  if (!options.quiet) {
    if (general.length > 0) {
      lines.push('warnings');
      for (const warning of general) lines.push(warningLine(warning, p));
      lines.push('');
    }
    if (result.apps.length === 0) lines.push(`no serverless apps found in ${result.target}`, '');
    const worst = SEVERITIES.find((severity) => result.findings.some((finding) => finding.severity === severity));
    const summary = summaryLine(result);
    lines.push(worst !== undefined ? p.severity(worst, summary) : summary);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

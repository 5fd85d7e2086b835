import { fingerprint } from '../findings/fingerprint.js';
import type { ScanWarning } from '../findings/scan-result.js';
import { sortFindings } from '../findings/sort.js';
import type { Finding } from '../findings/types.js';
import type { App, SourceLocation } from '../model/types.js';
import type { Rule, RuleHit } from './rule.js';

export interface EngineResult {
  findings: Finding[];
  warnings: ScanWarning[];
}

/**
 * Synthesised facts (statements expanded from a managed policy, defaults) can carry a
 * placeholder location; reports need a real file and 1-based positions, so those point at the
 * start of the app's main file instead.
 */
function usableLocation(location: SourceLocation, app: App): SourceLocation {
  if (location.file === '' || !(location.line >= 1)) return { file: app.path, line: 1, column: 1 };
  return location.column >= 1 ? location : { ...location, column: 1 };
}

function toFinding(rule: Rule, app: App, hit: RuleHit): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    title: rule.title,
    severity: hit.severity ?? rule.severity,
    sas: rule.sas,
    cwe: rule.cwe,
    message: hit.message,
    app: app.path,
    location: usableLocation(hit.location, app),
    remediation: rule.remediation,
    fix: rule.fix,
    fingerprint: fingerprint({ ruleId: rule.id, app: app.path, function: hit.function, resource: hit.resource, key: hit.key }),
  };
  if (hit.function !== undefined) finding.function = hit.function;
  if (hit.resource !== undefined) finding.resource = hit.resource;
  if (hit.evidence !== undefined) finding.evidence = hit.evidence;
  return finding;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs every rule over every app. One faulty rule must not hide the findings of the others,
 * so a throwing rule becomes a `rule-error` warning for that app.
 */
export function runRules(apps: readonly App[], rules: readonly Rule[]): EngineResult {
  const findings: Finding[] = [];
  const warnings: ScanWarning[] = [];
  const seen = new Set<string>();
  for (const app of apps) {
    for (const rule of rules) {
      let hits: RuleHit[];
      try {
        hits = rule.check(app);
      } catch (error) {
        warnings.push({
          code: 'rule-error',
          app: app.path,
          message: `rule ${rule.id} failed on ${app.path}: ${describeError(error)}`,
        });
        continue;
      }
      for (const hit of hits) {
        const finding = toFinding(rule, app, hit);
        // the same fact reached twice (e.g. one statement seen through two paths) is one finding
        if (seen.has(finding.fingerprint)) continue;
        seen.add(finding.fingerprint);
        findings.push(finding);
      }
    }
  }
  return { findings: sortFindings(findings), warnings };
}

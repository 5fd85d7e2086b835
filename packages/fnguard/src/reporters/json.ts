import { withUsableLocation } from '../findings/location.js';
import { countBySeverity } from '../findings/severity.js';
import { partitionWarnings, type ScanResult, type ScanWarning } from '../findings/scan-result.js';
import { SAS_TITLES, type Finding, type PeerRuleIds, type RuleFix, type RuleProfile, type SasCategory, type Severity } from '../findings/types.js';
import type { Framework, CloudProvider, LoadWarning } from '../model/types.js';
import { precisionOf, type Rule } from '../rules/rule.js';
import { TOOL_NAME, toolVersion } from './tool.js';

/**
 * Bumped on any incompatible change to the report shape (removed or retyped field);
 * new optional fields keep the version. Documented in docs/json-report.md.
 */
export const JSON_REPORT_VERSION = '1.0.0';

export interface JsonRuleEntry {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  sas: SasCategory;
  sasTitle: string;
  cwe: string;
  profile: RuleProfile;
  precision: string;
  peers: PeerRuleIds;
  remediation: string;
  fix: RuleFix;
}

export interface JsonAppEntry {
  name: string;
  path: string;
  provider: CloudProvider;
  framework: Framework;
  functionCount: number;
  warnings: LoadWarning[];
}

export interface JsonReport {
  version: string;
  tool: { name: string; version: string };
  target: string;
  profile: RuleProfile;
  apps: JsonAppEntry[];
  rules: JsonRuleEntry[];
  findings: Finding[];
  warnings: ScanWarning[];
  summary: {
    apps: number;
    functions: number;
    rules: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    warnings: number;
  };
}

export function ruleEntry(rule: Rule): JsonRuleEntry {
  return {
    id: rule.id,
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    sas: rule.sas,
    sasTitle: SAS_TITLES[rule.sas],
    cwe: rule.cwe,
    profile: rule.profile,
    precision: precisionOf(rule),
    peers: rule.peers,
    remediation: rule.remediation,
    fix: rule.fix,
  };
}

function stripApp(warning: ScanWarning): LoadWarning {
  const { app: _app, ...rest } = warning;
  return rest;
}

export function buildJsonReport(result: ScanResult): JsonReport {
  const { byApp, general } = partitionWarnings(result);
  const apps = result.apps.map((app) => ({
    name: app.name,
    path: app.path,
    provider: app.provider,
    framework: app.framework,
    functionCount: app.functions.length,
    // rule failures concern one app, so they are listed with that app's load warnings
    warnings: [...app.warnings, ...(byApp.get(app.path) ?? []).map(stripApp)].map(withUsableLocation),
  }));
  const scanWarnings = general.map(withUsableLocation);
  const warningCount = apps.reduce((sum, app) => sum + app.warnings.length, 0) + scanWarnings.length;
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    target: result.target,
    profile: result.profile,
    apps,
    rules: result.rules.map(ruleEntry),
    findings: result.findings,
    warnings: scanWarnings,
    summary: {
      apps: result.apps.length,
      functions: result.apps.reduce((sum, app) => sum + app.functions.length, 0),
      rules: result.rules.length,
      findings: result.findings.length,
      bySeverity: countBySeverity(result.findings),
      warnings: warningCount,
    },
  };
}

export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(buildJsonReport(result), null, 2)}\n`;
}

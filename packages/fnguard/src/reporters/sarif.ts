import { pathToFileURL } from 'node:url';
import { isUsableLocation } from '../findings/location.js';
import { SECURITY_SEVERITY_SCORE } from '../findings/severity.js';
import type { ScanResult, ScanWarning } from '../findings/scan-result.js';
import type { Finding, Severity } from '../findings/types.js';
import type { SourceLocation } from '../model/types.js';
import { precisionOf, type Rule } from '../rules/rule.js';
import { ruleHelpMarkdown, ruleHelpText } from './markdown-fix.js';
import { TOOL_NAME, toolVersion } from './tool.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning and most SARIF viewers resolve this base id to the checkout root. */
export const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'fnguard/v1';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** `FG-API-001` titles become identifier-like SARIF names: `HttpEndpointWithoutAuthorization`. */
export function sarifRuleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** Relative paths with forward slashes, each segment percent-encoded as a URI reference requires. */
export function relativeUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function physicalLocation(location: SourceLocation) {
  return {
    artifactLocation: { uri: relativeUri(location.file), uriBaseId: SRCROOT },
    region: { startLine: location.line, startColumn: location.column },
  };
}

function driverRule(rule: Rule) {
  return {
    id: rule.id,
    name: sarifRuleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: ruleHelpText(rule), markdown: ruleHelpMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', rule.sas, rule.cwe],
      'security-severity': SECURITY_SEVERITY_SCORE[rule.severity],
      precision: precisionOf(rule),
      'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity],
      profile: rule.profile,
      peers: rule.peers,
    },
  };
}

function result(finding: Finding, ruleIndex: number) {
  const logicalLocations = [
    ...(finding.function !== undefined ? [{ name: finding.function, kind: 'function' }] : []),
    ...(finding.resource !== undefined ? [{ name: finding.resource, kind: 'resource' }] : []),
  ];
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: physicalLocation(finding.location),
        ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      'security-severity': SECURITY_SEVERITY_SCORE[finding.severity],
      sas: finding.sas,
      cwe: finding.cwe,
      app: finding.app,
      ...(finding.function !== undefined ? { function: finding.function } : {}),
      ...(finding.resource !== undefined ? { resource: finding.resource } : {}),
      ...(finding.evidence !== undefined ? { evidence: finding.evidence } : {}),
    },
  };
}

function notification(warning: ScanWarning) {
  return {
    level: 'warning' as const,
    message: { text: warning.app !== undefined && !warning.message.includes(warning.app) ? `${warning.app}: ${warning.message}` : warning.message },
    descriptor: { id: warning.code },
    ...(isUsableLocation(warning.location) ? { locations: [{ physicalLocation: physicalLocation(warning.location) }] } : {}),
  };
}

/** The root URI must end with a slash for relative URIs to resolve under it, not beside it. */
function rootUri(root: string): string {
  const uri = pathToFileURL(root).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

export function buildSarif(scan: ScanResult) {
  const index = new Map(scan.rules.map((rule, position) => [rule.id, position]));
  const loadWarnings: ScanWarning[] = scan.apps.flatMap((app) => app.warnings.map((warning) => ({ ...warning, app: app.path })));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion(),
            semanticVersion: toolVersion(),
            rules: scan.rules.map(driverRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(scan.root) } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [...loadWarnings, ...scan.warnings].map(notification),
          },
        ],
        results: scan.findings.map((finding) => result(finding, index.get(finding.ruleId) ?? -1)),
        // the YAML parser counts columns in JavaScript string units
        columnKind: 'utf16CodeUnits' as const,
      },
    ],
  };
}

export function renderSarif(scan: ScanResult): string {
  return `${JSON.stringify(buildSarif(scan), null, 2)}\n`;
}

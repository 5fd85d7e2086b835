/** Public API: the model, the rules and engine, and the reporters, for embedding fnguard in other tools. */
export type * from './model/types.js';
export type * from './findings/types.js';
export { SEVERITIES, SAS_TITLES } from './findings/types.js';
export type { ScanResult, ScanWarning } from './findings/scan-result.js';
export { fingerprint } from './findings/fingerprint.js';
export { atOrAbove, countBySeverity, isSeverity, severityRank } from './findings/severity.js';
export { compareFindings, sortFindings } from './findings/sort.js';
export { rule, type Rule, type RuleHit, type RulePrecision } from './rules/rule.js';
export { RULES, findRule } from './rules/index.js';
export { runRules, type EngineResult } from './rules/engine.js';
export { selectRules, type RuleSelection, type SelectedRules } from './rules/select.js';
export { buildJsonReport, renderJson, JSON_REPORT_VERSION, type JsonReport } from './reporters/json.js';
export { buildSarif, renderSarif } from './reporters/sarif.js';
export { renderText, type TextOptions } from './reporters/text.js';
export { buildModelReport, renderModelJson, MODEL_REPORT_VERSION } from './reporters/model.js';
export { main } from './cli/main.js';
export { scan, type ScanOptions } from './cli/run-scan.js';
export { prepareRuleData } from './rules/prepare.js';

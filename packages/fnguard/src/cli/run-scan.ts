import type { ScanResult } from '../findings/scan-result.js';
import type { RuleProfile } from '../findings/types.js';
import { scanDirectory as loaderScanDirectory } from '../loaders/index.js';
import { runRules } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import { prepareRuleData } from '../rules/prepare.js';
import type { Rule } from '../rules/rule.js';
import { selectRules } from '../rules/select.js';
import { loadTarget, type ScanDirectory } from './load.js';

export interface ScanOptions {
  /** directory or template file, relative to `cwd` */
  target: string;
  cwd?: string;
  rules?: readonly Rule[];
  profile?: RuleProfile;
  includeGenerated?: boolean;
  scanDirectory?: ScanDirectory;
}

/** Load, prepare rule data, run rules: the whole scan without any output, for the CLI and for library users. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const rules = options.rules ?? selectRules(RULES, { profile: options.profile ?? 'recommended' }).rules;
  const loaded = await loadTarget(options.target, options.cwd ?? process.cwd(), options.scanDirectory ?? loaderScanDirectory, options.includeGenerated === true, 'scan');
  const dataWarnings = await prepareRuleData(loaded.apps, rules);
  const engine = runRules(loaded.apps, rules);
  return {
    target: options.target,
    root: loaded.root,
    profile: options.profile ?? 'recommended',
    apps: loaded.apps,
    rules,
    findings: engine.findings,
    warnings: [...loaded.warnings, ...dataWarnings, ...engine.warnings],
  };
}

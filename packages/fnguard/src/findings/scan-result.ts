import type { App, LoadWarning } from '../model/types.js';
import type { Rule } from '../rules/rule.js';
import type { Finding, RuleProfile } from './types.js';

/** A warning raised while scanning; `app` (the app's main file) ties it to one app when it concerns only that one. */
export interface ScanWarning extends LoadWarning {
  app?: string;
}

/** Everything a reporter needs; reporters never re-read files or re-run rules. */
export interface ScanResult {
  /** the path the user asked to scan, as given */
  target: string;
  /** absolute directory that finding and app paths are relative to (the directory of a single scanned file) */
  root: string;
  profile: RuleProfile;
  apps: App[];
  /** the rules that ran, in registry order */
  rules: readonly Rule[];
  /** sorted, see findings/sort.ts */
  findings: Finding[];
  /** discovery-level warnings and rule failures; per-app load warnings stay on App.warnings */
  warnings: ScanWarning[];
}

/**
 * The scan's own warnings split the way reports show them: those tied to a listed app (by its path),
 * and the general rest (discovery-level, or about an app that is not in the list).
 */
export function partitionWarnings(result: ScanResult): { byApp: Map<string, ScanWarning[]>; general: ScanWarning[] } {
  const byApp = new Map<string, ScanWarning[]>(result.apps.map((app) => [app.path, []]));
  const general: ScanWarning[] = [];
  for (const warning of result.warnings) {
    const own = warning.app !== undefined ? byApp.get(warning.app) : undefined;
    if (own !== undefined) own.push(warning);
    else general.push(warning);
  }
  return { byApp, general };
}

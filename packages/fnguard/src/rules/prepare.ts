import { catalogServicesForRoles, loadIamCatalog } from '../analyzers/iam/index.js';
import type { ScanWarning } from '../findings/scan-result.js';
import type { App } from '../model/types.js';
import type { Rule } from './rule.js';

/**
 * Loads the reference data the selected rules declare in `requires`, limited to what the apps
 * touch. Rules stay synchronous and pure; a failure here degrades them, it does not stop the scan.
 */
export async function prepareRuleData(apps: readonly App[], rules: readonly Rule[]): Promise<ScanWarning[]> {
  const needsCatalog = rules.some((rule) => rule.requires?.includes('iam-catalog'));
  if (!needsCatalog) return [];
  try {
    // Also with no roles at all: the rules that need the catalogue ask for it on every app, and an
    // app without roles needs no service of it, only the catalogue itself.
    await loadIamCatalog(catalogServicesForRoles(apps.flatMap((app) => app.roles)));
    return [];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ code: 'iam-catalog-unavailable', message: `the AWS IAM action catalogue could not be loaded (${reason}); IAM rules use a verb-based access-level fallback` }];
  }
}

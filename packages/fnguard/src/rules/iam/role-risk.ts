/**
 * Per-function IAM risk for the consumers that look at functions rather than roles (attack
 * paths, the HTML report). Functions sharing a role share one summary object, computed once.
 */
import { type IamCatalog, type RoleRiskSummary, iamCatalog, summarizeRole } from '../../analyzers/iam/index.js';
import type { App } from '../../model/types.js';

/**
 * Function id -> the risk summary of the role it runs with. Functions whose role is defined
 * outside the app (externalRoleArn) or that have none are absent: nothing is known about them.
 */
export function functionIamRisk(app: App, catalog: IamCatalog = iamCatalog()): Map<string, RoleRiskSummary> {
  const byRole = new Map<string, RoleRiskSummary>();
  const risk = new Map<string, RoleRiskSummary>();
  for (const fn of app.functions) {
    // The function's own roleId is authoritative; usedBy is the fallback for hand-built models.
    const role = app.roles.find((candidate) => candidate.id === fn.roleId) ?? app.roles.find((candidate) => candidate.usedBy.includes(fn.id));
    if (role === undefined) continue;
    let summary = byRole.get(role.id);
    if (summary === undefined) {
      summary = summarizeRole(role, catalog);
      byRole.set(role.id, summary);
    }
    risk.set(fn.id, summary);
  }
  return risk;
}

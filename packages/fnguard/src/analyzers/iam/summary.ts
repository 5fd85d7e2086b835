/**
 * One role's risk at a glance, for attack paths and the HTML report. Managed policies are folded
 * in through their approximate statements (managed.ts); counts of wildcards only look at the
 * statements written in the app, since those are what its authors can fix.
 */
import type { IamStatement, Role } from '../../model/types.js';
import { type AccessLevel, isWriteLevel, mergeAccessLevels } from './access-level.js';
import { type IamCatalog, iamCatalog } from './catalog.js';
import { type ExfiltrationReach, findExfiltrationIn } from './exfiltration.js';
import { type ManagedPolicyRisk, classifyManagedPolicy } from './managed.js';
import { type Escalation, findEscalationsIn } from './privesc.js';
import { type StatementAnalysis, analyzeStatement, coversAllResources } from './statements.js';

export interface UnknownActionEntry {
  pattern: string;
  status: 'malformed' | 'unknown-service' | 'unknown-action';
  origin: string;
}

export interface RoleRiskSummary {
  roleId: string;
  /** Allow statements and managed policies; `'*'` when some grant spans every service */
  maxAccessLevelByService: Record<string, AccessLevel>;
  /** Action entries with a wildcard, plus Allow statements using NotAction, in the app's own statements */
  wildcardActionCount: number;
  /** the app's own Allow statements that grant write-level (or higher) actions on every resource */
  wildcardResourceWriteCount: number;
  /** every action on every resource, without a narrowing condition or a blanket Deny */
  adminLike: boolean;
  adminReasons: string[];
  escalations: Escalation[];
  exfiltration: ExfiltrationReach[];
  /** number of functions running with the role */
  sharedBy: number;
  managedPolicyRisks: ManagedPolicyRisk[];
  /** action entries that matched nothing in the catalogue (typos, unknown services) */
  unknownActions: UnknownActionEntry[];
}

function wildcardEntries(analysis: StatementAnalysis): number {
  if (analysis.effect !== 'Allow') return 0;
  if (analysis.usesNotAction) return 1;
  return analysis.expansions.filter((expansion) => expansion.wildcard !== undefined).length;
}

function grantsWriteEverywhere(analysis: StatementAnalysis): boolean {
  if (analysis.effect !== 'Allow' || !coversAllResources(analysis)) return false;
  for (const service in analysis.maxAccessLevelByService) if (isWriteLevel(analysis.maxAccessLevelByService[service])) return true;
  return false;
}

function blanketDeny(analyses: StatementAnalysis[]): StatementAnalysis | undefined {
  return analyses.find(
    (analysis) =>
      analysis.effect === 'Deny' &&
      analysis.actionSet.kind === 'all' &&
      !analysis.conditions.conditional &&
      (analysis.statement.Resource ?? []).some((resource) => resource.trim() === '*'),
  );
}

function adminReason(analysis: StatementAnalysis): string | undefined {
  const everyAction = analysis.actionSet.kind !== 'listed';
  if (analysis.effect !== 'Allow' || !everyAction || !coversAllResources(analysis) || analysis.conditions.narrowed) return undefined;
  const what = analysis.usesNotAction ? `every action except ${(analysis.statement.NotAction ?? []).join(', ')}` : 'every action';
  return `${analysis.statement.origin} allows ${what} on every resource`;
}

interface CachedSummary {
  summary: RoleRiskSummary;
  /** what the summary was computed from, so that a role changed in place is summarised again */
  statements: readonly IamStatement[];
  statementCount: number;
  managedPolicyArns: readonly string[];
  managedPolicyCount: number;
  sharedBy: number;
}

const summaries = new WeakMap<IamCatalog, WeakMap<Role, CachedSummary>>();

/**
 * The role's risk summary, computed once per role and catalogue: several rules (privilege
 * escalation, exfiltration reach) and the per-function view ask for the same role during a scan,
 * and the model does not change while rules run. The summary is shared: callers must not mutate it.
 */
export function summarizeRole(role: Role, catalog: IamCatalog = iamCatalog()): RoleRiskSummary {
  let perCatalog = summaries.get(catalog);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    summaries.set(catalog, perCatalog);
  }
  const cached = perCatalog.get(role);
  if (
    cached
    && cached.statements === role.statements && cached.statementCount === role.statements.length
    && cached.managedPolicyArns === role.managedPolicyArns && cached.managedPolicyCount === role.managedPolicyArns.length
    && cached.sharedBy === role.usedBy.length
  ) {
    return cached.summary;
  }
  const summary = computeSummary(role, catalog);
  perCatalog.set(role, {
    summary,
    statements: role.statements,
    statementCount: role.statements.length,
    managedPolicyArns: role.managedPolicyArns,
    managedPolicyCount: role.managedPolicyArns.length,
    sharedBy: role.usedBy.length,
  });
  return summary;
}

function computeSummary(role: Role, catalog: IamCatalog): RoleRiskSummary {
  const own = role.statements.map((statement) => analyzeStatement(statement, catalog));
  const managedPolicyRisks = role.managedPolicyArns
    .map((arn) => classifyManagedPolicy(arn, catalog))
    .filter((risk): risk is ManagedPolicyRisk => risk !== undefined);
  const managedStatements: IamStatement[] = managedPolicyRisks.flatMap((risk) => risk.statements);
  const all = [...own, ...managedStatements.map((statement) => analyzeStatement(statement, catalog))];

  const maxAccessLevelByService: Record<string, AccessLevel> = {};
  for (const analysis of all) if (analysis.effect === 'Allow') mergeAccessLevels(maxAccessLevelByService, analysis.maxAccessLevelByService);
  for (const risk of managedPolicyRisks) {
    if (risk.statements.length === 0) mergeAccessLevels(maxAccessLevelByService, { [risk.service ?? '*']: risk.maxAccessLevel });
  }

  const denied = blanketDeny(all);
  const adminReasons = denied ? [] : all.map(adminReason).filter((reason): reason is string => reason !== undefined);

  return {
    roleId: role.id,
    maxAccessLevelByService,
    wildcardActionCount: own.reduce((count, analysis) => count + wildcardEntries(analysis), 0),
    wildcardResourceWriteCount: own.filter(grantsWriteEverywhere).length,
    adminLike: adminReasons.length > 0,
    adminReasons,
    escalations: findEscalationsIn(all, catalog),
    exfiltration: findExfiltrationIn(all, catalog),
    sharedBy: role.usedBy.length,
    managedPolicyRisks,
    unknownActions: own.flatMap((analysis) =>
      analysis.problems.flatMap((problem): UnknownActionEntry[] =>
        problem.status === 'ok' ? [] : [{ pattern: problem.pattern, status: problem.status, origin: analysis.statement.origin }],
      ),
    ),
  };
}

/**
 * Per-statement facts: which actions it covers (NotAction as a complement), what wildcards it
 * uses, the highest access level per service, how broad its resources are and whether its
 * conditions narrow it.
 */
import type { IamEffect, IamStatement } from '../../model/types.js';
import { type AccessLevel, maxAccessLevel } from './access-level.js';
import { type ActionSet, enumerateActions } from './action-set.js';
import { parseArn, resourceBreadth } from './arn.js';
import { type ActionExpansion, type IamCatalog, iamCatalog } from './catalog.js';
import { type ConditionAssessment, assessConditions } from './conditions.js';
import { type WildcardKind, parseActionPattern } from './patterns.js';

/**
 * `all`: a `*`/wildcard-only entry; `all-except`: NotResource; `specific`: named resources only;
 * `none`: neither Resource nor NotResource (an invalid statement that grants nothing).
 */
export type ResourceScope = 'all' | 'all-except' | 'specific' | 'none';

export interface StatementAnalysis {
  statement: IamStatement;
  effect: IamEffect;
  usesNotAction: boolean;
  actionSet: ActionSet;
  /**
   * One per Action / NotAction entry, with its status (malformed, unknown service...). `*`
   * entries are not enumerated here (empty `actions`, wildcard `admin`): see actionSet.
   */
  expansions: ActionExpansion[];
  /** the entries that matched nothing or could not be parsed */
  problems: ActionExpansion[];
  wildcardKinds: WildcardKind[];
  /** `'*'` when the statement covers every service (`*`, NotAction) */
  maxAccessLevelByService: Record<string, AccessLevel>;
  resourceScope: ResourceScope;
  usesNotResource: boolean;
  /** Resource entries that cover everything or every resource of a type */
  wildcardResources: string[];
  /** ARN service segment of each wildcard resource (`*` for a bare `*`), for per-action breadth */
  wildcardResourceServices: string[];
  conditions: ConditionAssessment;
}

const cache = new WeakMap<IamCatalog, WeakMap<IamStatement, StatementAnalysis>>();

export function analyzeStatement(statement: IamStatement, catalog: IamCatalog = iamCatalog()): StatementAnalysis {
  let perCatalog = cache.get(catalog);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    cache.set(catalog, perCatalog);
  }
  const cached = perCatalog.get(statement);
  if (cached) return cached;
  const analysis = compute(statement, catalog);
  perCatalog.set(statement, analysis);
  return analysis;
}

function compute(statement: IamStatement, catalog: IamCatalog): StatementAnalysis {
  const usesNotAction = statement.NotAction !== undefined && statement.Action === undefined;
  const patterns = (usesNotAction ? statement.NotAction : statement.Action) ?? [];
  const expansions = patterns.map((pattern) => expandEntry(pattern, catalog));
  const actionSet = buildActionSet(patterns, expansions, usesNotAction);
  const wildcardKinds = collectWildcardKinds(patterns, usesNotAction);
  const resources = statement.Resource ?? [];
  const wildcardResources = resources.filter((resource) => resourceBreadth(resource, catalog) !== 'specific');
  const usesNotResource = statement.NotResource !== undefined && statement.Resource === undefined;
  return {
    statement,
    effect: statement.Effect,
    usesNotAction,
    actionSet,
    expansions,
    problems: expansions.filter((expansion) => expansion.status !== 'ok'),
    wildcardKinds,
    maxAccessLevelByService: accessLevelsOf(actionSet, catalog),
    resourceScope: usesNotResource ? 'all-except' : wildcardResources.length > 0 ? 'all' : resources.length > 0 ? 'specific' : 'none',
    usesNotResource,
    wildcardResources,
    wildcardResourceServices: [...new Set(wildcardResources.map((resource) => parseArn(resource)?.service || '*'))],
    conditions: assessConditions(statement.Condition),
  };
}

/** `*` is never enumerated here, so a statement with `*` does not force the whole catalogue to load. */
function expandEntry(pattern: string, catalog: IamCatalog): ActionExpansion {
  const parsed = parseActionPattern(pattern);
  if (parsed.ok && parsed.pattern.wildcard === 'admin') return { pattern, status: 'ok', wildcard: 'admin', actions: [] };
  return catalog.expand(pattern);
}

function buildActionSet(patterns: string[], expansions: ActionExpansion[], usesNotAction: boolean): ActionSet {
  const admin = expansions.some((expansion) => expansion.wildcard === 'admin');
  if (usesNotAction) {
    // NotAction: ["*"] excludes everything, so the statement covers nothing.
    if (admin) return { kind: 'listed', actions: new Set() };
    return { kind: 'all-except', patterns: patterns.map((pattern) => pattern.toLowerCase()) };
  }
  if (admin) return { kind: 'all' };
  return { kind: 'listed', actions: new Set(expansions.flatMap((expansion) => expansion.actions)) };
}

function collectWildcardKinds(patterns: string[], usesNotAction: boolean): WildcardKind[] {
  // NotAction is reported through usesNotAction: its patterns name what is NOT granted.
  if (usesNotAction) return [];
  const kinds = new Set<WildcardKind>();
  for (const pattern of patterns) {
    const parsed = parseActionPattern(pattern);
    if (parsed.ok && parsed.pattern.wildcard) kinds.add(parsed.pattern.wildcard);
  }
  return (['admin', 'service', 'partial'] as const).filter((kind) => kinds.has(kind));
}

/** Roles repeat the same action lists (`logs:*`, the SAM policy templates), so levels are memoised per list. */
const levelCache = new WeakMap<IamCatalog, Map<string, Record<string, AccessLevel>>>();

function accessLevelsOf(set: ActionSet, catalog: IamCatalog): Record<string, AccessLevel> {
  if (set.kind !== 'listed') return { '*': 'Permissions management' };
  let perCatalog = levelCache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    levelCache.set(catalog, perCatalog);
  }
  const key = [...set.actions].join(',');
  const cached = perCatalog.get(key);
  if (cached) return { ...cached };
  const levels = computeLevels(set.actions, catalog);
  perCatalog.set(key, levels);
  return { ...levels };
}

function computeLevels(actions: ReadonlySet<string>, catalog: IamCatalog): Record<string, AccessLevel> {
  const levels: Record<string, AccessLevel> = {};
  for (const action of actions) {
    const service = action.split(':')[0] ?? '';
    const level = maxAccessLevel(levels[service], catalog.accessLevel(action));
    if (level) levels[service] = level;
  }
  return levels;
}

/** The concrete actions a statement covers; NotAction yields the complement over the whole catalogue. */
export function expandedActions(analysis: StatementAnalysis, catalog: IamCatalog = iamCatalog()): readonly string[] {
  return enumerateActions(analysis.actionSet, catalog);
}

/** True when the statement grants (or denies) every resource of what it covers. */
export function coversAllResources(analysis: StatementAnalysis): boolean {
  return analysis.resourceScope === 'all' || analysis.resourceScope === 'all-except';
}

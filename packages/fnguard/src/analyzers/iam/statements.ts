/**
 * Per-statement facts: which actions it covers (NotAction as a complement), what wildcards it
 * uses, the highest access level per service, how broad its resources are and whether its
 * conditions narrow it.
 */
import type { IamEffect, IamStatement } from '../../model/types.js';
import { type AccessLevel, mergeAccessLevels } from './access-level.js';
import { type ActionSet, enumerateActions } from './action-set.js';
import { parseArn, resourceBreadth } from './arn.js';
import { type ActionExpansion, type IamCatalog, iamCatalog } from './catalog.js';
import { type ConditionAssessment, assessConditions } from './conditions.js';
import { type WildcardKind, parseActionPattern } from './patterns.js';
import { remember } from './value-cache.js';

/**
 * `all`: a `*`/wildcard-only entry; `all-except`: NotResource; `specific`: named resources only;
 * `none`: neither Resource nor NotResource (an invalid statement that grants nothing).
 */
export type ResourceScope = 'all' | 'all-except' | 'specific' | 'none';

/**
 * What a statement's Action (or NotAction) list means. Statements repeat the same lists across
 * roles and templates (`logs:*`, the SAM policy templates), so these facts are computed once per
 * list and shared: they must not be modified.
 */
export interface ActionFacts {
  usesNotAction: boolean;
  actionSet: ActionSet;
  /**
   * One per Action / NotAction entry, with its status (malformed, unknown service...). `*`
   * entries are not enumerated here (empty `actions`, wildcard `admin`): see actionSet.
   */
  expansions: readonly ActionExpansion[];
  /** the entries that matched nothing or could not be parsed */
  problems: readonly ActionExpansion[];
  wildcardKinds: readonly WildcardKind[];
  /** `'*'` when the statement covers every service (`*`, NotAction) */
  maxAccessLevelByService: Readonly<Record<string, AccessLevel>>;
}

export interface StatementAnalysis extends ActionFacts {
  statement: IamStatement;
  effect: IamEffect;
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
  const facts = actionFactsOf(statement, catalog);
  const resources = statement.Resource ?? [];
  const wildcardResources = resources.filter((resource) => resourceBreadth(resource, catalog) !== 'specific');
  const usesNotResource = statement.NotResource !== undefined && statement.Resource === undefined;
  return {
    statement,
    effect: statement.Effect,
    ...facts,
    resourceScope: usesNotResource ? 'all-except' : wildcardResources.length > 0 ? 'all' : resources.length > 0 ? 'specific' : 'none',
    usesNotResource,
    wildcardResources,
    wildcardResourceServices: [...new Set(wildcardResources.map((resource) => parseArn(resource)?.service || '*'))],
    conditions: assessConditions(statement.Condition),
  };
}

const factsCache = new WeakMap<IamCatalog, Map<string, ActionFacts>>();

function actionFactsOf(statement: IamStatement, catalog: IamCatalog): ActionFacts {
  const usesNotAction = statement.NotAction !== undefined && statement.Action === undefined;
  const patterns = (usesNotAction ? statement.NotAction : statement.Action) ?? [];
  let perCatalog = factsCache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    factsCache.set(catalog, perCatalog);
  }
  // JSON keeps lists apart that a joined string would not (["a,b"] and ["a", "b"]).
  const key = `${usesNotAction ? 'NotAction' : 'Action'}${JSON.stringify(patterns)}`;
  return perCatalog.get(key) ?? remember(perCatalog, key, computeActionFacts(patterns, usesNotAction, catalog));
}

function computeActionFacts(patterns: readonly string[], usesNotAction: boolean, catalog: IamCatalog): ActionFacts {
  const expansions = patterns.map((pattern) => expandEntry(pattern, catalog));
  const actionSet = buildActionSet(patterns, expansions, usesNotAction);
  return {
    usesNotAction,
    actionSet,
    expansions,
    problems: expansions.filter((expansion) => expansion.status !== 'ok'),
    wildcardKinds: collectWildcardKinds(patterns, usesNotAction),
    maxAccessLevelByService: accessLevelsOf(actionSet, expansions, catalog),
  };
}

/** `*` is never enumerated here, so a statement with `*` does not force the whole catalogue to load. */
function expandEntry(pattern: string, catalog: IamCatalog): ActionExpansion {
  const parsed = parseActionPattern(pattern);
  if (parsed.ok && parsed.pattern.wildcard === 'admin') return { pattern, status: 'ok', wildcard: 'admin', actions: [] };
  return catalog.expand(pattern);
}

function buildActionSet(patterns: readonly string[], expansions: readonly ActionExpansion[], usesNotAction: boolean): ActionSet {
  const admin = expansions.some((expansion) => expansion.wildcard === 'admin');
  if (usesNotAction) {
    // NotAction: ["*"] excludes everything, so the statement covers nothing.
    if (admin) return { kind: 'listed', actions: new Set() };
    return { kind: 'all-except', patterns: patterns.map((pattern) => pattern.toLowerCase()) };
  }
  if (admin) return { kind: 'all' };
  return { kind: 'listed', actions: new Set(expansions.flatMap((expansion) => expansion.actions)) };
}

function collectWildcardKinds(patterns: readonly string[], usesNotAction: boolean): WildcardKind[] {
  // NotAction is reported through usesNotAction: its patterns name what is NOT granted.
  if (usesNotAction) return [];
  const kinds = new Set<WildcardKind>();
  for (const pattern of patterns) {
    const parsed = parseActionPattern(pattern);
    if (parsed.ok && parsed.pattern.wildcard) kinds.add(parsed.pattern.wildcard);
  }
  return (['admin', 'service', 'partial'] as const).filter((kind) => kinds.has(kind));
}

/**
 * A listed set's per-service maximum is the merge of its patterns' maxima in pattern order, which
 * also keeps the services in the order of their first action. The catalogue works those out
 * once per pattern, and different lists share patterns (`logs:*`, `s3:GetObject`).
 */
function accessLevelsOf(set: ActionSet, expansions: readonly ActionExpansion[], catalog: IamCatalog): Record<string, AccessLevel> {
  if (set.kind !== 'listed') return { '*': 'Permissions management' };
  const levels: Record<string, AccessLevel> = {};
  // The one listed NotAction set is NotAction ["*"], which grants nothing: its expansions name exclusions.
  if (set.actions.size === 0) return levels;
  for (const expansion of expansions) mergeAccessLevels(levels, catalog.maxAccessLevels(expansion.pattern));
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

/**
 * Effective permission for one action across a set of statements: Allow minus Deny.
 *
 * An Allow is cancelled only by an unconditional Deny whose Resource patterns cover every
 * resource the Allow names (a Deny on `*` covers everything). Any other Deny that touches the
 * action (conditional, NotResource, or covering only some resources) makes the grant
 * `partial`: we cannot tell statically which requests it blocks.
 */
import { actionSetHas } from './action-set.js';
import { globMatches } from './patterns.js';
import { type IamCatalog, iamCatalog } from './catalog.js';
import type { StatementAnalysis } from './statements.js';

export type GrantStrength = 'full' | 'partial';

export interface ActionGrant {
  action: string;
  granted: boolean;
  /** `full`: on every resource, with no narrowing condition and no Deny in the way */
  strength?: GrantStrength;
  /** some surviving Allow covers every resource (conditions aside) */
  broad: boolean;
  allowedBy: StatementAnalysis[];
  deniedBy: StatementAnalysis[];
  denial: 'none' | 'partial' | 'full';
  /** what the surviving Allows name; NotResource renders as `all except ...` */
  resources: string[];
  /** why the grant is only partial, or why it is absent */
  reasons: string[];
}

/**
 * A named ARN only grants actions that can act on its service: `Action: *` on one DynamoDB
 * table grants no IAM or Lambda action. ARNs whose service is unresolved (`${Table.Arn}`) or
 * a wildcard may belong to any service, so they keep the grant possible.
 */
function resourceMayApply(resource: string, action: string, catalog: IamCatalog): boolean {
  if (!resource.startsWith('arn:')) return true;
  const service = resource.split(':')[2] ?? '';
  if (service === '' || service.includes('*') || service.includes('$') || service.includes('?')) return true;
  return catalog.resourceArnServices(action).some((candidate) => candidate === service || globMatches(candidate, service));
}

function appliesTo(analysis: StatementAnalysis, action: string, catalog: IamCatalog): boolean {
  if (analysis.resourceScope === 'none' || !actionSetHas(analysis.actionSet, action)) return false;
  if (analysis.effect !== 'Allow' || analysis.usesNotResource) return true;
  return (analysis.statement.Resource ?? ['*']).some((resource) => resourceMayApply(resource, action, catalog));
}

/**
 * A wildcard resource only makes the grant broad for actions of the service it names:
 * `arn:aws:dynamodb:*:*:table/*` next to s3:GetObject says nothing about buckets.
 */
function isBroadFor(analysis: StatementAnalysis, action: string, catalog: IamCatalog): boolean {
  if (analysis.usesNotResource) return true;
  if (analysis.wildcardResourceServices.length === 0) return false;
  const services = catalog.resourceArnServices(action);
  return analysis.wildcardResourceServices.some(
    (arnService) => arnService === '*' || services.some((service) => globMatches(arnService, service)),
  );
}

function cancels(deny: StatementAnalysis, resource: string): boolean {
  if (deny.conditions.conditional || deny.usesNotResource) return false;
  return (deny.statement.Resource ?? []).some((pattern) => globMatches(pattern, resource));
}

function isCancelled(allow: StatementAnalysis, denies: StatementAnalysis[]): boolean {
  const resources = allow.usesNotResource ? ['*'] : (allow.statement.Resource ?? []);
  return resources.length > 0 && resources.every((resource) => denies.some((deny) => cancels(deny, resource)));
}

function describeResources(allow: StatementAnalysis): string[] {
  if (allow.usesNotResource) return [`all except ${(allow.statement.NotResource ?? []).join(', ')}`];
  return allow.statement.Resource ?? [];
}

/**
 * Escalation and exfiltration tables ask about the same actions (iam:PassRole a dozen times)
 * over the same statement list, so grants are memoised per list: callers must not mutate a
 * list after evaluating it.
 */
const memo = new WeakMap<IamCatalog, WeakMap<readonly StatementAnalysis[], Map<string, ActionGrant>>>();

export function evaluateAction(analyses: readonly StatementAnalysis[], action: string, catalog: IamCatalog = iamCatalog()): ActionGrant {
  const id = action.toLowerCase();
  let perCatalog = memo.get(catalog);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    memo.set(catalog, perCatalog);
  }
  let grants = perCatalog.get(analyses);
  if (!grants) {
    grants = new Map();
    perCatalog.set(analyses, grants);
  }
  const known = grants.get(id);
  if (known) return known;
  const grant = computeGrant(analyses, id, catalog);
  grants.set(id, grant);
  return grant;
}

function computeGrant(analyses: readonly StatementAnalysis[], id: string, catalog: IamCatalog): ActionGrant {
  const allows: StatementAnalysis[] = [];
  const denies: StatementAnalysis[] = [];
  for (const analysis of analyses) {
    if (appliesTo(analysis, id, catalog)) (analysis.effect === 'Allow' ? allows : denies).push(analysis);
  }
  if (allows.length === 0) {
    const denial = denies.length > 0 ? 'full' : 'none';
    return { action: id, granted: false, broad: false, allowedBy: [], deniedBy: denies, denial, resources: [], reasons: [`${id} is not allowed`] };
  }
  const surviving = allows.filter((allow) => !isCancelled(allow, denies));
  if (surviving.length === 0) {
    const reasons = [`${id} is allowed but an unconditional Deny cancels it`];
    return { action: id, granted: false, broad: false, allowedBy: [], deniedBy: denies, denial: 'full', resources: [], reasons };
  }

  const denial = denies.length > 0 ? 'partial' : 'none';
  const broadAllows = surviving.filter((allow) => isBroadFor(allow, id, catalog));
  const unconditionalBroad = broadAllows.filter((allow) => !allow.conditions.narrowed);
  const reasons: string[] = [];
  if (broadAllows.length === 0) {
    reasons.push(`${id} is allowed only on ${[...new Set(surviving.flatMap(describeResources))].join(', ')}`);
  } else if (unconditionalBroad.length === 0) {
    reasons.push(...new Set(broadAllows.flatMap((allow) => allow.conditions.reasons)));
  }
  if (denial === 'partial') {
    const conditional = denies.some((deny) => deny.conditions.conditional);
    reasons.push(conditional ? `${id} is denied under some conditions` : `${id} is denied on some resources`);
  }
  // Plain literals rather than spreads: this runs ~75 times per role and spreads showed up in profiles.
  return {
    action: id,
    allowedBy: surviving,
    deniedBy: denies,
    granted: true,
    strength: unconditionalBroad.length > 0 && denial === 'none' ? 'full' : 'partial',
    broad: broadAllows.length > 0,
    denial,
    resources: [...new Set(surviving.flatMap(describeResources))],
    reasons,
  };
}

/**
 * What the Allows of a statement list cover, the first condition of any grant. A role is asked
 * about some 75 escalation and exfiltration actions, most of which none of its statements lists:
 * this answers for those with a set lookup, without evaluating (and memoising) a refusal.
 */
interface AllowedActions {
  /** some Allow covers actions it does not list (`*`, NotAction) */
  unlisted: boolean;
  listed: ReadonlySet<string>[];
}

const allowedActions = new WeakMap<readonly StatementAnalysis[], AllowedActions>();

function allowedActionsOf(analyses: readonly StatementAnalysis[]): AllowedActions {
  const known = allowedActions.get(analyses);
  if (known) return known;
  const allowed: AllowedActions = { unlisted: false, listed: [] };
  for (const { effect, resourceScope, actionSet } of analyses) {
    if (effect !== 'Allow' || resourceScope === 'none') continue;
    if (actionSet.kind === 'listed') allowed.listed.push(actionSet.actions);
    else allowed.unlisted = true;
  }
  allowedActions.set(analyses, allowed);
  return allowed;
}

/** False when no Allow can grant the action; true says only that evaluateAction must decide. */
function mayBeAllowed(allowed: AllowedActions, action: string): boolean {
  if (allowed.unlisted) return true;
  const id = action.toLowerCase();
  for (const actions of allowed.listed) if (actions.has(id)) return true;
  return false;
}

export type Confidence = 'definite' | 'possible';

export interface CombinationResult {
  confidence: Confidence;
  grants: ActionGrant[];
  reasons: string[];
}

/**
 * Every action must be granted. `requireBroad` drops grants limited to named resources: for
 * actions like sts:AssumeRole a named target is ordinary use, not a risk.
 */
export function evaluateAllOf(
  analyses: readonly StatementAnalysis[],
  actions: readonly string[],
  requireBroad = false,
  catalog: IamCatalog = iamCatalog(),
): CombinationResult | undefined {
  const allowed = allowedActionsOf(analyses);
  for (const action of actions) if (!mayBeAllowed(allowed, action)) return undefined;
  const grants: ActionGrant[] = [];
  for (const action of actions) {
    const grant = evaluateAction(analyses, action, catalog);
    if (!grant.granted || (requireBroad && !grant.broad)) return undefined;
    grants.push(grant);
  }
  const confidence: Confidence = grants.every((grant) => grant.strength === 'full') ? 'definite' : 'possible';
  return { confidence, grants, reasons: grants.flatMap((grant) => grant.reasons) };
}

/** At least one action must be granted; the strongest grant decides the confidence. */
export function evaluateAnyOf(
  analyses: readonly StatementAnalysis[],
  actions: readonly string[],
  requireBroad = false,
  catalog: IamCatalog = iamCatalog(),
): CombinationResult | undefined {
  const allowed = allowedActionsOf(analyses);
  const grants: ActionGrant[] = [];
  for (const action of actions) {
    if (!mayBeAllowed(allowed, action)) continue;
    const grant = evaluateAction(analyses, action, catalog);
    if (grant.granted && (!requireBroad || grant.broad)) grants.push(grant);
  }
  if (grants.length === 0) return undefined;
  const full = grants.filter((grant) => grant.strength === 'full');
  if (full.length > 0) return { confidence: 'definite', grants: full, reasons: [] };
  return { confidence: 'possible', grants, reasons: [...new Set(grants.flatMap((grant) => grant.reasons))] };
}

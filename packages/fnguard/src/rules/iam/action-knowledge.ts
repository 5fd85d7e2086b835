/**
 * What FG-IAM-002 needs to know about an action: its access level and whether IAM lets it be
 * scoped at all. The AWS catalogue (analyzers/iam) answers when it is loaded; otherwise a
 * verb-based classifier and a short list of well-known `*`-only actions stand in, so the rule
 * still works in library use where nobody loaded the catalogue.
 */
import { type AccessLevel as CatalogLevel, IamCatalogNotLoadedError, iamCatalog, maxAccessLevel } from '../../analyzers/iam/index.js';
import { classifyAction, type AccessLevel } from './access-level.js';

export interface ActionKnowledge {
  level(action: string): AccessLevel;
  /** the action accepts no resource-level permissions, so `Resource: *` is the only option */
  wildcardOnly(action: string): boolean;
}

/**
 * Accept only `*` (X-Ray, PutMetricData) or need it in practice: Lambda creates VPC network
 * interfaces in subnets it picks, so AWSLambdaVPCAccessExecutionRole grants these on `*` too.
 */
const WELL_KNOWN_WILDCARD_ONLY: ReadonlySet<string> = new Set([
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'cloudwatch:putmetricdata',
  'ec2:createnetworkinterface',
  'ec2:deletenetworkinterface',
  'ec2:assignprivateipaddresses',
  'ec2:unassignprivateipaddresses',
]);

export const verbKnowledge: ActionKnowledge = {
  level: classifyAction,
  wildcardOnly: (action) => WELL_KNOWN_WILDCARD_ONLY.has(action.toLowerCase()),
};

const FROM_CATALOG: Record<CatalogLevel, AccessLevel> = {
  List: 'list',
  Read: 'read',
  Tagging: 'tagging',
  Write: 'write',
  'Permissions management': 'permissions',
};

/** Concrete catalogue actions behind a name or prefix pattern; undefined when the catalogue cannot say. */
function expand(action: string): readonly string[] | undefined {
  try {
    const expansion = iamCatalog().expand(action);
    return expansion.status === 'ok' && expansion.actions.length > 0 ? expansion.actions : undefined;
  } catch (error) {
    if (error instanceof IamCatalogNotLoadedError) return undefined;
    throw error;
  }
}

/**
 * The rule asks both questions about every action of every `Resource: *` statement, and the same
 * actions recur across roles. An answer drawn from the catalogue cannot change (a loaded service
 * stays as it is), so it is kept; a fallback answer is not, as the service may still be loaded.
 */
export function catalogKnowledge(fallback: ActionKnowledge = verbKnowledge): ActionKnowledge {
  const levels = new Map<string, AccessLevel>();
  const wildcardOnly = new Map<string, boolean>();
  return {
    level(action) {
      const known = levels.get(action);
      if (known) return known;
      const actions = expand(action);
      if (actions === undefined) return fallback.level(action);
      let highest: CatalogLevel | undefined;
      for (const id of actions) highest = maxAccessLevel(highest, iamCatalog().accessLevel(id));
      if (highest === undefined) return fallback.level(action);
      levels.set(action, FROM_CATALOG[highest]);
      return FROM_CATALOG[highest];
    },
    wildcardOnly(action) {
      if (fallback.wildcardOnly(action)) return true;
      const known = wildcardOnly.get(action);
      if (known !== undefined) return known;
      const actions = expand(action);
      if (actions === undefined) return false;
      const answer = actions.every((id) => iamCatalog().action(id)?.wildcardOnly === true);
      wildcardOnly.set(action, answer);
      return answer;
    },
  };
}

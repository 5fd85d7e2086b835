/**
 * What the SAS-4 rule pack asks about a role besides its policies: which functions run with it,
 * whether one of them can be triggered from the internet, and how exposure and narrowing
 * conditions move a finding's severity. Kept in one place so that every IAM rule raises and
 * lowers severity the same way and phrases it the same way.
 */
import { SEVERITIES, type Severity } from '../../findings/types.js';
import type { App, Role, ServerlessFunction, SourceLocation, Trigger } from '../../model/types.js';
import { httpEntryLabel, isPubliclyTriggered } from '../support/model-queries.js';

/** Functions that run with the role, by the role's own list and by the functions' roleId. */
export function functionsOfRole(app: App, role: Role): ServerlessFunction[] {
  return app.functions.filter((fn) => fn.roleId === role.id || role.usedBy.includes(fn.id));
}

export interface PublicEntry {
  fn: ServerlessFunction;
  /** how the internet reaches it, e.g. `HTTP API route GET /orders (route without authorizer)` */
  through: string;
}

function triggerLabel(trigger: Trigger): string {
  const kind = httpEntryLabel(trigger.kind);
  const route = [trigger.method, trigger.path].filter((part) => part !== undefined && part !== '').join(' ');
  const what = trigger.kind === 'function-url'
    ? 'its function URL'
    : kind !== undefined && route !== '' ? `${kind} ${route}` : `${trigger.kind} event ${trigger.name}`;
  return trigger.publicReason ? `${what} (${trigger.publicReason})` : what;
}

/** How anyone on the internet can trigger the function, or undefined when nobody can. */
export function functionPublicEntry(fn: ServerlessFunction): PublicEntry | undefined {
  if (!isPubliclyTriggered(fn)) return undefined;
  const trigger = fn.triggers.find((candidate) => candidate.public);
  return { fn, through: trigger ? triggerLabel(trigger) : 'its function URL (AuthType NONE)' };
}

/** The first function of the role (in template order) that anyone on the internet can trigger. */
export function publicEntry(app: App, role: Role): PublicEntry | undefined {
  for (const fn of functionsOfRole(app, role)) {
    const entry = functionPublicEntry(fn);
    if (entry) return entry;
  }
  return undefined;
}

/**
 * How a reader knows the function: the key written under `functions:` in serverless.yml (the
 * model's id there is the generated logical id, `GetOrderLambdaFunction`), the logical id elsewhere.
 */
export function functionLabel(fn: ServerlessFunction): string {
  const key = fn.properties.functionKey;
  return typeof key === 'string' && key !== '' ? key : fn.id;
}

/** The sentence every rule of the pack appends when exposure raised the severity. */
export function exposureSentence(entry: PublicEntry): string {
  return ` Function ${functionLabel(entry.fn)} is reachable from the internet through ${entry.through}, so severity is raised one level.`;
}

export function raiseSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - 1)] ?? severity;
}

/** Never below `low`: a narrowed grant is still a grant, and `info` findings are hidden by default. */
export function lowerSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf('low'), SEVERITIES.indexOf(severity) + 1)] ?? severity;
}

export interface SeverityFactors {
  base: Severity;
  exposure?: PublicEntry;
  /** why the grant is narrowed or only possibly effective; empty when it is not */
  narrowing?: readonly string[];
}

/** Exposure raises one level, narrowing lowers one level; both can apply and cancel out. */
export function adjustedSeverity({ base, exposure, narrowing = [] }: SeverityFactors): Severity {
  const raised = exposure ? raiseSeverity(base) : base;
  return narrowing.length > 0 ? lowerSeverity(raised) : raised;
}

export function factorSentences({ exposure, narrowing = [] }: SeverityFactors, narrowingLead = 'Narrowed'): string {
  const parts: string[] = [];
  if (exposure) parts.push(exposureSentence(exposure));
  if (narrowing.length > 0) parts.push(` ${narrowingLead}: ${narrowing.join('; ')}, so severity is lowered one level.`);
  return parts.join('');
}

/**
 * Statements synthesised for managed policies carry an empty location; a finding about them
 * points at the role instead.
 */
export function locationOr(location: SourceLocation | undefined, fallback: SourceLocation): SourceLocation {
  return location !== undefined && location.file !== '' && location.line >= 1 ? location : fallback;
}

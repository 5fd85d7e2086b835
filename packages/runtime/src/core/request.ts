/**
 * Per-invocation facts shared between protections through `request.internal`, under namespaced
 * keys so they cannot clash with Middy's own use of `internal` for its fetch-style middlewares.
 */
import { detectEventSource, type EventSource, isHttpSource } from '../events/detect.js';
import type { GuardRequest } from './types.js';

export const INTERNAL_SOURCE = 'fnguard.source';
export const INTERNAL_REJECTED_BY = 'fnguard.rejectedBy';
const INTERNAL_SOURCE_EVENT = 'fnguard.sourceEvent';
export const INTERNAL_START = 'fnguard.start';
/** the error already reported as error.unhandled, so outer layers do not log it twice */
export const INTERNAL_ERROR_LOGGED = 'fnguard.errorLogged';
const INTERNAL_PARSED_BODY = 'fnguard.parsedBody';

/**
 * Detects once per invocation; every protection asks, Middy or guard alike. The cache is tied
 * to the event object because Middy lets users share one `internal` object across invocations.
 */
export function sourceOf(request: GuardRequest): EventSource {
  const cached = request.internal[INTERNAL_SOURCE];
  if (typeof cached === 'string' && request.internal[INTERNAL_SOURCE_EVENT] === request.event) return cached as EventSource;
  const source = detectEventSource(request.event);
  request.internal[INTERNAL_SOURCE] = source;
  request.internal[INTERNAL_SOURCE_EVENT] = request.event;
  return source;
}

export function isHttpRequest(request: GuardRequest): boolean {
  return isHttpSource(sourceOf(request));
}

/** Lets the log line say which protection turned the request away. */
export function markRejected(request: GuardRequest, by: string): void {
  request.internal[INTERNAL_REJECTED_BY] = by;
}

/** A JSON body as validation parsed it, for inspection to walk instead of parsing the text again. */
export interface ParsedBody {
  text: string;
  value: object;
}

/**
 * Parsing a 2 KB body costs about as much as inspecting it, so validation hands on what it parsed.
 * Only a value nobody changed may be shared: validation offers it only when its schema checker
 * leaves input intact, and it is keyed to the event and its body text, as `sourceOf` is.
 */
export function shareParsedBody(request: GuardRequest, text: string, value: object): void {
  request.internal[INTERNAL_PARSED_BODY] = { event: request.event, text, value };
}

export function sharedParsedBody(request: GuardRequest): ParsedBody | undefined {
  const shared = request.internal[INTERNAL_PARSED_BODY] as (ParsedBody & { event: unknown }) | undefined;
  if (shared === undefined || shared.event !== request.event) return undefined;
  const event = request.event as { body?: unknown };
  return event.body === shared.text ? { text: shared.text, value: shared.value } : undefined;
}

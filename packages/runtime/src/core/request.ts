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

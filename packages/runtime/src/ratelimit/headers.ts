/**
 * Rate limit response headers: Retry-After (RFC 9110) and the RateLimit-Limit / -Remaining /
 * -Reset / -Policy fields of the IETF httpapi rate limit headers draft, which is what most
 * gateways and clients read today. Values are whole seconds, rounded up so a client that waits
 * exactly that long is not rejected again.
 */
import type { RateLimitDecision } from './types.js';

export function toSeconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

export function rateLimitHeaders(decision: RateLimitDecision, windowS: number): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(toSeconds(decision.resetMs)),
    'RateLimit-Policy': `${decision.limit};w=${windowS}`,
  };
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, toSeconds(decision.retryAfterMs)));
  return headers;
}

/** Adds headers to a handler's HTTP response without overriding any the handler set itself. */
export function mergeHeaders(response: unknown, extra: Record<string, string>): void {
  if (typeof response !== 'object' || response === null || !('statusCode' in response)) return;
  const target = response as { headers?: Record<string, unknown> };
  const headers = (target.headers ??= {});
  const present = new Set(Object.keys(headers).map((k) => k.toLowerCase()));
  for (const [name, value] of Object.entries(extra)) {
    if (!present.has(name.toLowerCase())) headers[name] = value;
  }
}

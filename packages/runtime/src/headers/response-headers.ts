/**
 * Header editing on Lambda HTTP responses, which come in three shapes: `headers`,
 * `multiValueHeaders` (API Gateway v1 / ALB with multi-value on) and, for API Gateway v2 and
 * function URLs, a bare value that the platform itself turns into a 200 JSON response.
 */
import type { EventSource } from '../events/detect.js';
import type { HttpResponse } from '../core/response.js';

export type MutableHttpResponse = HttpResponse & { multiValueHeaders?: Record<string, string[]> };

/**
 * API Gateway v2 and function URLs accept any value and wrap it themselves; doing the same
 * wrapping here lets the headers apply. Other sources would 502 on such a value, so they are left
 * alone for the platform to report.
 */
export function asHttpResponse(response: unknown, source: EventSource): MutableHttpResponse | undefined {
  if (typeof response === 'object' && response !== null && typeof (response as { statusCode?: unknown }).statusCode === 'number') {
    const shaped = response as MutableHttpResponse;
    if (typeof shaped.headers !== 'object' || shaped.headers === null) shaped.headers = {};
    return shaped;
  }
  if (source !== 'apigw-http' && source !== 'function-url') return undefined;
  if (response === undefined) return { statusCode: 200, headers: {}, body: '' };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof response === 'string' ? response : JSON.stringify(response) };
}

export function hasHeader(response: MutableHttpResponse, name: string): boolean {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(response.headers)) if (key.toLowerCase() === wanted) return true;
  if (response.multiValueHeaders) for (const key of Object.keys(response.multiValueHeaders)) if (key.toLowerCase() === wanted) return true;
  return false;
}

export function removeHeader(response: MutableHttpResponse, name: string): void {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(response.headers)) if (key.toLowerCase() === wanted) delete response.headers[key];
  if (response.multiValueHeaders) for (const key of Object.keys(response.multiValueHeaders)) if (key.toLowerCase() === wanted) delete response.multiValueHeaders[key];
}

/** Replaces any casing of `name` so the response never carries two conflicting copies. */
export function setHeader(response: MutableHttpResponse, name: string, value: string): void {
  removeHeader(response, name);
  response.headers[name] = value;
}

export function getHeader(response: MutableHttpResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(response.headers)) if (key.toLowerCase() === wanted) return value;
  if (response.multiValueHeaders) for (const [key, value] of Object.entries(response.multiValueHeaders)) if (key.toLowerCase() === wanted) return value.join(', ');
  return undefined;
}

/** Adds a token to a comma list header (Vary) without duplicating it. */
export function appendToken(response: MutableHttpResponse, name: string, token: string): void {
  const current = getHeader(response, name);
  if (!current) return setHeader(response, name, token);
  const tokens = current.split(',').map((t) => t.trim().toLowerCase());
  if (tokens.includes('*') || tokens.includes(token.toLowerCase())) return;
  setHeader(response, name, `${current}, ${token}`);
}

/**
 * Browser-facing hardening for API responses. An API never serves documents, so the defaults are
 * the strictest ones that do not break JSON clients: no framing, no sniffing, no referrer, a CSP
 * that forbids everything, HSTS, and no caching of error responses (which may be per-user).
 * Headers the handler set itself win; it may serve HTML on purpose and know its own CSP.
 */
import { isHttpRequest, sourceOf } from '../core/request.js';
import type { GuardRequest, Middleware, ProtectionOptions } from '../core/types.js';
import { type MutableHttpResponse, asHttpResponse, hasHeader, setHeader } from './response-headers.js';

/** One pass over the response's header names instead of one per default header. */
function presentHeaders(response: MutableHttpResponse): Set<string> {
  const names = new Set<string>();
  for (const key of Object.keys(response.headers)) names.add(key.toLowerCase());
  if (response.multiValueHeaders) for (const key of Object.keys(response.multiValueHeaders)) names.add(key.toLowerCase());
  return names;
}

export interface SecurityHeadersOptions extends ProtectionOptions {
  /** each value replaces a default; `false` drops that header */
  hsts?: string | false;
  contentSecurityPolicy?: string | false;
  frameOptions?: 'DENY' | 'SAMEORIGIN' | false;
  referrerPolicy?: string | false;
  /** Cache-Control for responses with status >= 400; default `no-store` */
  errorCacheControl?: string | false;
  /** Cache-Control for every response that does not set one; off by default */
  cacheControl?: string | false;
  /** more headers to add when absent */
  extra?: Record<string, string>;
}

export const DEFAULT_SECURITY_HEADERS = {
  hsts: 'max-age=31536000; includeSubDomains',
  contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  frameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  errorCacheControl: 'no-store',
} as const;

function pick<T>(value: T | false | undefined, fallback: T): T | undefined {
  return value === false ? undefined : value ?? fallback;
}

function checkValue(name: string, value: string | undefined): void {
  if (value !== undefined && (typeof value !== 'string' || /[\r\n]/.test(value))) {
    throw new TypeError(`headers.${name} must be a single-line string or false`);
  }
}

export function compileSecurityHeaders(options: SecurityHeadersOptions = {}): { always: Array<[name: string, value: string, lower: string]>; errorCacheControl?: string; cacheControl?: string } {
  const always: Array<[string, string, string]> = [];
  const add = (name: string, optionName: string, value: string | undefined) => {
    checkValue(optionName, value);
    if (value !== undefined) always.push([name, value, name.toLowerCase()]);
  };
  add('Strict-Transport-Security', 'hsts', pick(options.hsts, DEFAULT_SECURITY_HEADERS.hsts));
  add('X-Content-Type-Options', 'nosniff', 'nosniff');
  add('X-Frame-Options', 'frameOptions', pick(options.frameOptions, DEFAULT_SECURITY_HEADERS.frameOptions));
  add('Referrer-Policy', 'referrerPolicy', pick(options.referrerPolicy, DEFAULT_SECURITY_HEADERS.referrerPolicy));
  add('Content-Security-Policy', 'contentSecurityPolicy', pick(options.contentSecurityPolicy, DEFAULT_SECURITY_HEADERS.contentSecurityPolicy));
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw new TypeError(`headers.extra: invalid header name ${JSON.stringify(name)}`);
    add(name, `extra.${name}`, value);
  }
  const errorCacheControl = pick(options.errorCacheControl, DEFAULT_SECURITY_HEADERS.errorCacheControl);
  const cacheControl = options.cacheControl === false ? undefined : options.cacheControl;
  checkValue('errorCacheControl', errorCacheControl);
  checkValue('cacheControl', cacheControl);
  return { always, ...(errorCacheControl ? { errorCacheControl } : {}), ...(cacheControl ? { cacheControl } : {}) };
}

export function securityHeaders(options: SecurityHeadersOptions = {}): Middleware {
  const compiled = compileSecurityHeaders(options);
  const apply = (request: GuardRequest) => {
    if (request.response === undefined && request.error !== undefined) return;
    if (!isHttpRequest(request)) return;
    const response = asHttpResponse(request.response, sourceOf(request));
    if (!response) return;
    request.response = response;
    const present = presentHeaders(response);
    // a fresh object filled in a fixed order stays on V8's fast path; adding keys to the handler's
    // own object (often built by spreading) measured ten times slower
    const merged: Record<string, string> = {};
    for (const [name, value, lower] of compiled.always) if (!present.has(lower)) merged[name] = value;
    const own = response.headers;
    for (const key of Object.keys(own)) merged[key] = own[key]!;
    response.headers = merged;
    // an error may carry private data or a transient state; caches and proxies must not keep it
    if (response.statusCode >= 400 && compiled.errorCacheControl) setHeader(response, 'Cache-Control', compiled.errorCacheControl);
    else if (compiled.cacheControl && !hasHeader(response, 'Cache-Control')) setHeader(response, 'Cache-Control', compiled.cacheControl);
  };
  return { after: apply, onError: apply };
}

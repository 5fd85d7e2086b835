/**
 * CORS with an explicit allow-list. The request Origin is echoed only when it is on the list,
 * `Vary: Origin` keeps shared caches from serving one origin's answer to another, and the
 * credentialed wildcard (which browsers reject, and which reflecting any origin would turn into
 * "every site can read this user's data") is refused when the guard is built.
 */
import { isHttpRequest, markRejected, sourceOf } from '../core/request.js';
import type { GuardRequest, Middleware, ProtectionOptions } from '../core/types.js';
import { header, httpMethod } from '../events/http.js';
import { appendToken, asHttpResponse, removeHeader, setHeader } from './response-headers.js';

export interface CorsOptions extends ProtectionOptions {
  /** exact origins (`https://app.example.com`), RegExps anchored by you, or `'*'` for public, credential-less APIs */
  origins: ReadonlyArray<string | RegExp> | '*';
  credentials?: boolean;
  methods?: readonly string[];
  allowHeaders?: readonly string[];
  exposeHeaders?: readonly string[];
  /** preflight cache lifetime in seconds; default 600 */
  maxAge?: number;
}

export class CorsConfigError extends Error {
  override readonly name = 'CorsConfigError';
}

const ORIGIN_SHAPE = /^https?:\/\/[^/\s?#]+$/i;
const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Origins compare as scheme://host[:port], lowercase, no trailing slash: the form browsers send. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

export interface CompiledCors {
  anyOrigin: boolean;
  exact: ReadonlySet<string>;
  patterns: readonly RegExp[];
  credentials: boolean;
  methods: string;
  allowHeaders: string | undefined;
  exposeHeaders: string | undefined;
  maxAge: string;
}

function tokenList(name: string, values: readonly string[] | undefined): string | undefined {
  if (!values || values.length === 0) return undefined;
  for (const value of values) if (typeof value !== 'string' || !TOKEN.test(value)) throw new CorsConfigError(`cors.${name}: invalid token ${JSON.stringify(value)}`);
  return values.join(', ');
}

export function compileCors(options: CorsOptions): CompiledCors {
  if (!options || options.origins === undefined) throw new CorsConfigError('cors.origins is required: list the origins allowed to call this API, or "*" for a public API without credentials');
  const credentials = options.credentials === true;
  const list = options.origins === '*' ? ['*'] : options.origins;
  if (!Array.isArray(list) || list.length === 0) throw new CorsConfigError('cors.origins must be "*" or a non-empty list of origins');
  const anyOrigin = list.includes('*');
  if (anyOrigin && credentials) {
    throw new CorsConfigError('cors: origins "*" cannot be combined with credentials: true; list the exact origins that may send credentials');
  }
  if (anyOrigin && list.length > 1) throw new CorsConfigError('cors.origins: "*" must be the only entry');
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  if (!anyOrigin) {
    for (const entry of list) {
      if (entry instanceof RegExp) {
        patterns.push(entry);
        continue;
      }
      if (typeof entry !== 'string' || !ORIGIN_SHAPE.test(entry.trim().replace(/\/+$/, ''))) {
        throw new CorsConfigError(`cors.origins: ${JSON.stringify(entry)} is not an origin (scheme://host[:port])`);
      }
      exact.add(normalizeOrigin(entry));
    }
  }
  const maxAge = options.maxAge ?? 600;
  if (!Number.isInteger(maxAge) || maxAge < 0) throw new CorsConfigError('cors.maxAge must be a non-negative integer');
  return {
    anyOrigin,
    exact,
    patterns,
    credentials,
    methods: tokenList('methods', options.methods ?? ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']) ?? 'GET',
    allowHeaders: tokenList('allowHeaders', options.allowHeaders),
    exposeHeaders: tokenList('exposeHeaders', options.exposeHeaders),
    maxAge: String(maxAge),
  };
}

/** The value to send as Access-Control-Allow-Origin, or undefined to send none. */
export function allowedOrigin(cors: CompiledCors, origin: string | undefined): string | undefined {
  if (cors.anyOrigin) return '*';
  // `null` comes from sandboxed iframes and file: pages; it is never a trustworthy identity
  if (!origin || origin === 'null' || origin.length > 2048) return undefined;
  if (cors.exact.has(normalizeOrigin(origin))) return origin;
  for (const pattern of cors.patterns) {
    pattern.lastIndex = 0;
    if (ORIGIN_SHAPE.test(origin) && pattern.test(origin)) return origin;
  }
  return undefined;
}

function isPreflight(request: GuardRequest): boolean {
  return httpMethod(request.event) === 'OPTIONS' && header(request.event, 'access-control-request-method') !== undefined;
}

export function cors(options: CorsOptions): Middleware {
  const compiled = compileCors(options);

  const decorate = (request: GuardRequest) => {
    if (request.response === undefined && request.error !== undefined) return;
    if (!isHttpRequest(request)) return;
    const response = asHttpResponse(request.response, sourceOf(request));
    if (!response) return;
    request.response = response;
    const allow = allowedOrigin(compiled, header(request.event, 'origin'));
    if (!compiled.anyOrigin) appendToken(response, 'Vary', 'Origin');
    // the handler may not widen what this policy allows
    if (allow === undefined) {
      removeHeader(response, 'Access-Control-Allow-Origin');
      removeHeader(response, 'Access-Control-Allow-Credentials');
      return;
    }
    setHeader(response, 'Access-Control-Allow-Origin', allow);
    if (compiled.credentials) setHeader(response, 'Access-Control-Allow-Credentials', 'true');
    if (compiled.exposeHeaders) setHeader(response, 'Access-Control-Expose-Headers', compiled.exposeHeaders);
  };

  return {
    before(request) {
      if (!isHttpRequest(request) || !isPreflight(request)) return undefined;
      const allow = allowedOrigin(compiled, header(request.event, 'origin'));
      const headers: Record<string, string> = { 'Content-Length': '0' };
      if (!compiled.anyOrigin) headers.Vary = 'Origin';
      if (allow === undefined) {
        // answering without CORS headers is how a browser learns "no"; nothing reaches the handler
        markRejected(request, 'cors');
        return { statusCode: 204, headers, body: '' };
      }
      headers['Access-Control-Allow-Origin'] = allow;
      headers['Access-Control-Allow-Methods'] = compiled.methods;
      const requested = header(request.event, 'access-control-request-headers');
      const allowHeaders = compiled.allowHeaders ?? (requested && /^[A-Za-z0-9!#$%&'*+.^_`|~, -]{1,1024}$/.test(requested) ? requested : undefined);
      if (allowHeaders) headers['Access-Control-Allow-Headers'] = allowHeaders;
      if (compiled.credentials) headers['Access-Control-Allow-Credentials'] = 'true';
      headers['Access-Control-Max-Age'] = compiled.maxAge;
      return { statusCode: 204, headers, body: '' };
    },
    after: decorate,
    onError: decorate,
  };
}

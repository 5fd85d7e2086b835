/**
 * createAuthorizer(): the same verification packaged as an API Gateway Lambda authorizer.
 * REST APIs (TOKEN and REQUEST) follow API Gateway's convention: throwing the exact error
 * message "Unauthorized" makes the gateway answer 401; a Deny policy makes it answer 403.
 * HTTP APIs (payload 2.0) get the simple `{ isAuthorized, context }` shape when asked, else
 * an IAM policy on the routeArn.
 */
import { normaliseAuthOptions, type JwtAuthOptions } from './options.js';
import { createEmitter } from '../core/security-event.js';
import { checkToken, readRawToken, schemeOf } from './token.js';
import { createVerifier } from './verify.js';
import { asRecord, getHeader } from '../core/http-fields.js';
import type { JWTPayload } from 'jose';

export interface AuthorizerOptions extends JwtAuthOptions {
  /** HTTP API payload 2.0 "simple response" format; default false (IAM policy) */
  simpleResponse?: boolean;
  /**
   * Resource(s) the Allow statement covers, derived from the method/route ARN. Default: that ARN
   * only. Widen (e.g. to the whole stage) only if you enable authorizer caching, because a cached
   * policy is reused for every route the same token calls.
   */
  resource?: (arn: string) => string | string[];
}

export interface PolicyResponse {
  principalId: string;
  policyDocument: { Version: '2012-10-17'; Statement: Array<{ Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string | string[] }> };
  context?: Record<string, string>;
}

export interface SimpleResponse {
  isAuthorized: boolean;
  context?: Record<string, string>;
}

/** Authorizer context values must be flat scalars; nested claims are carried as JSON text. */
export function flattenClaims(claims: JWTPayload): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    context[name] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return context;
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string | string[], context?: Record<string, string>): PolicyResponse {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    ...(context ? { context } : {}),
  };
}

function rawToken(event: Record<string, unknown>, options: AuthorizerOptions): unknown {
  if (options.tokenFrom) return readRawToken(options.tokenFrom, event, {});
  if (typeof event.authorizationToken === 'string') return event.authorizationToken;
  const header = getHeader(event, 'authorization');
  if (header !== undefined) return header;
  return Array.isArray(event.identitySource) ? event.identitySource[0] : undefined;
}

export function createAuthorizer(options: AuthorizerOptions): (event: unknown) => Promise<PolicyResponse | SimpleResponse> {
  const config = normaliseAuthOptions(options, 'createAuthorizer');
  const verify = createVerifier(config);
  const emit = createEmitter(options.logger);
  const scheme = schemeOf(config.tokenFrom);

  return async (input) => {
    const event = asRecord(input) ?? {};
    const arn = typeof event.methodArn === 'string' ? event.methodArn : typeof event.routeArn === 'string' ? event.routeArn : undefined;
    const v2 = event.version === '2.0';
    if (!arn) throw new Error('Unauthorized'); // not an authorizer event: nothing to grant

    let raw: unknown;
    try {
      raw = rawToken(event, options);
    } catch {
      raw = undefined;
    }
    const lookup = checkToken(raw, scheme, config.maxTokenLength);
    const result = lookup.status === 'found'
      ? await verify(lookup.token)
      : { ok: false as const, status: 401 as const, reason: lookup.status === 'missing' ? 'missing_token' as const : 'malformed_token' as const };

    if (result.ok) {
      const context = flattenClaims(result.claims);
      if (v2 && options.simpleResponse) return { isAuthorized: true, context };
      const resource = options.resource ? options.resource(arn) : arn;
      return policy(typeof result.claims.sub === 'string' ? result.claims.sub : 'unknown', 'Allow', resource, context);
    }

    emit({ type: 'auth.failure', level: result.status === 503 ? 'error' : 'warn', message: 'authorizer rejected token', reason: result.reason, status: result.status, ...(result.detail ? { missing: result.detail } : {}) });
    if (v2 && options.simpleResponse) return { isAuthorized: false };
    if (result.status === 503) throw new Error('Authorizer unavailable'); // gateway answers 500: not the caller's fault
    if (result.status === 401 && !v2) throw new Error('Unauthorized');
    return policy('unauthorized', 'Deny', arn);
  };
}

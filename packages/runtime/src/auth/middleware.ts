/**
 * jwtAuth(): verifies the caller's JWT before the handler runs and exposes the verified claims
 * on `context.auth`. Failures answer 401 (no/invalid token), 403 (valid token, not enough scope
 * or claims) or 503 (the JWKS could not be fetched), each with an `auth.failure` event that
 * carries the reason but never the token.
 */
import { jsonErrorResponse } from '../core/response.js';
import type { GuardRequest, Middleware } from '../core/types.js';
import { detectEventSource, isHttpSource } from '../events/detect.js';
import { AuthError } from './errors.js';
import { normaliseAuthOptions, type JwtAuthOptions } from './options.js';
import { createEmitter } from '../core/security-event.js';
import { checkToken, readRawToken, schemeOf } from './token.js';
import { createVerifier, type VerifyResult } from './verify.js';

type Failure = Extract<VerifyResult, { ok: false }>;

function challenge(failure: Failure): Record<string, string> {
  if (failure.status === 401) {
    // RFC 6750 §3.1: a request with no credentials gets the challenge without an error code.
    return { 'WWW-Authenticate': failure.reason === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"' };
  }
  if (failure.status === 403 && failure.reason === 'insufficient_scope') {
    return { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${(failure.detail ?? []).join(' ')}"` };
  }
  return {};
}

export function jwtAuth(options: JwtAuthOptions): Middleware {
  const config = normaliseAuthOptions(options);
  const verify = createVerifier(config);
  const emit = createEmitter(options.logger);
  const scheme = schemeOf(config.tokenFrom);

  function fail(request: GuardRequest, failure: Failure): unknown {
    emit({
      type: 'auth.failure',
      level: failure.status === 503 ? 'error' : 'warn',
      message: 'JWT authentication failed',
      reason: failure.reason,
      status: failure.status,
      ...(failure.detail ? { missing: failure.detail } : {}),
    }, request);
    if (!isHttpSource(detectEventSource(request.event))) throw new AuthError(failure.status, failure.reason);
    return jsonErrorResponse(failure.status, request.context.awsRequestId, {}, challenge(failure));
  }

  return {
    async before(request) {
      // Whatever was on context.auth before (another middleware, a test) is not ours to trust.
      delete request.context.auth;
      let raw: unknown;
      try {
        raw = readRawToken(config.tokenFrom, request.event, request.context);
      } catch {
        raw = undefined;
      }
      const lookup = checkToken(raw, scheme, config.maxTokenLength);
      if (lookup.status === 'missing') return fail(request, { ok: false, status: 401, reason: 'missing_token' });
      if (lookup.status === 'malformed') return fail(request, { ok: false, status: 401, reason: 'malformed_token' });
      const result = await verify(lookup.token);
      if (!result.ok) return fail(request, result);
      request.context.auth = result.claims;
      return undefined;
    },
  };
}

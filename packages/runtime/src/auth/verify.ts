/**
 * Verifies a compact JWT with jose (imported on first use) and turns every failure into a
 * closed set of reasons that are safe to log and to map onto HTTP statuses. The token itself
 * never leaves this module in an error or event.
 */
import type { JWTPayload, JWTVerifyOptions, JWTVerifyGetKey } from 'jose';
import { missingScopes, unmetClaims } from './claims.js';
import type { NormalisedAuthOptions } from './options.js';

export type AuthFailureReason =
  | 'missing_token' | 'malformed_token' | 'missing_kid' | 'unknown_kid' | 'ambiguous_key' | 'alg_not_allowed'
  | 'bad_signature' | 'expired' | 'not_yet_valid' | 'issuer_mismatch' | 'audience_mismatch' | 'invalid_claims'
  | 'jwks_unavailable' | 'insufficient_scope' | 'claim_mismatch';

export type VerifyResult =
  | { ok: true; claims: JWTPayload }
  | { ok: false; status: 401 | 403 | 503; reason: AuthFailureReason; detail?: string[] };

type Jose = typeof import('jose');
let josePromise: Promise<Jose> | undefined;
const loadJose = (): Promise<Jose> => (josePromise ??= import('jose'));

type KeyInput = JWTVerifyGetKey | Uint8Array;

async function buildKey(options: NormalisedAuthOptions, jose: Jose): Promise<KeyInput> {
  if (options.secret !== undefined) {
    return typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
  }
  if (options.jwks) return jose.createLocalJWKSet(options.jwks);
  // jose caches the set, refetches when a kid is unknown (key rotation), and rate-limits
  // refetches with the cooldown so a flood of random kids cannot hammer the IdP.
  return jose.createRemoteJWKSet(new URL(options.jwksUri!), {
    timeoutDuration: options.jwksTimeoutMs ?? 3000,
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
  });
}

function classify(error: unknown): { status: 401 | 503; reason: AuthFailureReason } {
  const code = (error as { code?: unknown })?.code;
  const claim = (error as { claim?: unknown })?.claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED': return { status: 401, reason: 'expired' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'nbf' || claim === 'iat') return { status: 401, reason: 'not_yet_valid' };
      if (claim === 'iss') return { status: 401, reason: 'issuer_mismatch' };
      if (claim === 'aud') return { status: 401, reason: 'audience_mismatch' };
      return { status: 401, reason: 'invalid_claims' };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED': return { status: 401, reason: 'alg_not_allowed' };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': return { status: 401, reason: 'bad_signature' };
    case 'ERR_JWKS_NO_MATCHING_KEY': return { status: 401, reason: 'unknown_kid' };
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS': return { status: 401, reason: 'ambiguous_key' };
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID': return { status: 503, reason: 'jwks_unavailable' };
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_GENERIC': return { status: 401, reason: 'malformed_token' };
    default:
      // Fetch failures surface as plain TypeError/Error from the JWKS download: the IdP, not the caller, is at fault.
      return error instanceof TypeError || (error as Error)?.name === 'AbortError'
        ? { status: 503, reason: 'jwks_unavailable' }
        : { status: 401, reason: 'malformed_token' };
  }
}

export function createVerifier(options: NormalisedAuthOptions): (token: string) => Promise<VerifyResult> {
  let keyPromise: Promise<KeyInput> | undefined;
  const presence = Array.isArray(options.requiredClaims) ? options.requiredClaims : Object.keys(options.requiredClaims ?? {});
  const verifyOptions: JWTVerifyOptions = {
    algorithms: options.algorithms,
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSec,
    requiredClaims: ['exp', ...presence],
    ...(options.maxTokenAgeSec !== undefined ? { maxTokenAge: options.maxTokenAgeSec } : {}),
  };

  return async (token) => {
    const jose = await loadJose();
    let header: ReturnType<Jose['decodeProtectedHeader']>;
    try {
      header = jose.decodeProtectedHeader(token);
    } catch {
      return { ok: false, status: 401, reason: 'malformed_token' };
    }
    if (typeof header.alg !== 'string' || !(options.algorithms as string[]).includes(header.alg)) {
      return { ok: false, status: 401, reason: 'alg_not_allowed' };
    }
    if (options.requireKid && (typeof header.kid !== 'string' || header.kid === '')) return { ok: false, status: 401, reason: 'missing_kid' };
    // Critical header parameters we do not understand (e.g. b64=false) are rejected by jose itself.

    keyPromise ??= buildKey(options, jose);
    let claims: JWTPayload;
    try {
      const key = await keyPromise;
      // Two calls because jwtVerify's overloads take a key or a key resolver, not their union.
      const result = typeof key === 'function' ? await jose.jwtVerify(token, key, verifyOptions) : await jose.jwtVerify(token, key, verifyOptions);
      claims = result.payload;
    } catch (error) {
      return { ok: false, ...classify(error) };
    }
    const scopes = missingScopes(claims, options.requiredScopes);
    if (scopes.length > 0) return { ok: false, status: 403, reason: 'insufficient_scope', detail: scopes };
    const unmet = unmetClaims(claims, options.requiredClaims);
    if (unmet.length > 0) return { ok: false, status: 403, reason: 'claim_mismatch', detail: unmet };
    return { ok: true, claims };
  };
}

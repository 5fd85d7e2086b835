/**
 * Checks a jwtAuth/createAuthorizer configuration once, at cold start, so that a dangerous setup
 * fails deployment instead of quietly accepting forged tokens. The rules:
 * - an explicit algorithm allow-list is required, and `none` is never allowed;
 * - HMAC (HS*) and asymmetric algorithms cannot be mixed: with both allowed, an attacker who
 *   knows the public key could sign HS256 with it as the shared secret (algorithm confusion);
 * - HS* needs `secret` and no JWKS; asymmetric algorithms need `jwks`/`jwksUri` and no secret;
 * - issuer and audience are required: a token minted for another API of the same IdP must fail.
 */
import type { JWK } from 'jose';
import type { LambdaContextLike, ProtectionOptions } from '../core/types.js';

export const HMAC_ALGS = ['HS256', 'HS384', 'HS512'] as const;
export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
export type JwtAlgorithm = (typeof HMAC_ALGS)[number] | (typeof ASYMMETRIC_ALGS)[number];

export type ClaimRequirement = string | number | boolean | ((value: unknown) => boolean);

export type TokenSource =
  | { header: string; scheme?: string | null }
  | { cookie: string }
  | { query: string }
  | ((event: any, context: LambdaContextLike) => string | undefined);

export interface JwtAuthOptions extends ProtectionOptions {
  /** URL of the issuer's JWKS document (fetched, cached, refetched on unknown kid) */
  jwksUri?: string;
  /** a JWKS given inline */
  jwks?: { keys: JWK[] };
  /** shared secret for HS* algorithms; at least 32 bytes */
  secret?: string | Uint8Array;
  issuer: string | string[];
  audience: string | string[];
  algorithms: JwtAlgorithm[];
  /** allowed clock skew for exp/nbf/iat; default 30 s */
  clockToleranceSec?: number;
  /** reject tokens older than this (needs iat) */
  maxTokenAgeSec?: number;
  /** every scope must be granted, via `scope` (space-separated) or `scp` (array or string) */
  requiredScopes?: string[];
  /** names that must be present, or name -> expected value / predicate */
  requiredClaims?: string[] | Record<string, ClaimRequirement>;
  /** default: Authorization header with the Bearer scheme */
  tokenFrom?: TokenSource;
  /** refuse JWKS-verified tokens without a kid header; default true */
  requireKid?: boolean;
  /** default 8192 */
  maxTokenLength?: number;
  /** JWKS fetch: timeout (default 3000 ms), minimum gap between refetches (default 30 s), cache max age (default 10 min) */
  jwksTimeoutMs?: number;
  jwksCooldownMs?: number;
  jwksCacheMaxAgeMs?: number;
}

export interface NormalisedAuthOptions extends JwtAuthOptions {
  kind: 'hmac' | 'asymmetric';
  clockToleranceSec: number;
  requireKid: boolean;
  maxTokenLength: number;
}

const KNOWN = new Set<string>([...HMAC_ALGS, ...ASYMMETRIC_ALGS]);

function nonEmptyStrings(value: unknown): boolean {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((v) => typeof v === 'string' && v.length > 0);
}

export function normaliseAuthOptions(options: JwtAuthOptions, caller = 'jwtAuth'): NormalisedAuthOptions {
  const fail = (message: string): never => { throw new TypeError(`${caller}(): ${message}`); };
  if (!Array.isArray(options.algorithms) || options.algorithms.length === 0) fail('algorithms is required (an explicit allow-list)');
  for (const alg of options.algorithms) {
    if (typeof alg !== 'string' || alg.toLowerCase() === 'none') fail('algorithm "none" is never allowed');
    if (!KNOWN.has(alg)) fail(`unsupported algorithm ${String(alg)}`);
  }
  const hmac = options.algorithms.filter((a) => (HMAC_ALGS as readonly string[]).includes(a));
  if (hmac.length > 0 && hmac.length !== options.algorithms.length) fail('do not mix HS* with asymmetric algorithms (algorithm confusion)');
  const kind = hmac.length > 0 ? 'hmac' : 'asymmetric';
  const keySources = [options.jwksUri, options.jwks, options.secret].filter((s) => s !== undefined).length;
  if (keySources !== 1) fail('give exactly one of jwksUri, jwks or secret');
  if (kind === 'hmac') {
    if (options.secret === undefined) fail('HS* algorithms need `secret`');
    const length = typeof options.secret === 'string' ? Buffer.byteLength(options.secret) : options.secret!.byteLength;
    if (length < 32) fail('secret must be at least 32 bytes');
  } else if (options.secret !== undefined) {
    fail('asymmetric algorithms need jwksUri or jwks, not a secret');
  }
  if (options.jwksUri !== undefined) {
    let url: URL | undefined;
    try { url = new URL(options.jwksUri); } catch { fail('jwksUri is not a URL'); }
    if (url!.protocol !== 'https:' && !(url!.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url!.hostname))) {
      fail('jwksUri must use https (plain http only on loopback)');
    }
  }
  if (options.jwks !== undefined && !Array.isArray(options.jwks?.keys)) fail('jwks must be { keys: [...] }');
  if (!nonEmptyStrings(options.issuer)) fail('issuer is required');
  if (!nonEmptyStrings(options.audience)) fail('audience is required');
  const clockToleranceSec = options.clockToleranceSec ?? 30;
  if (!Number.isFinite(clockToleranceSec) || clockToleranceSec < 0 || clockToleranceSec > 600) fail('clockToleranceSec must be between 0 and 600');
  if (options.requiredScopes !== undefined && !options.requiredScopes.every((s) => typeof s === 'string' && s.length > 0 && !/\s/.test(s))) {
    fail('requiredScopes must be scope names without spaces');
  }
  return {
    ...options,
    kind,
    clockToleranceSec,
    requireKid: options.requireKid ?? kind === 'asymmetric',
    maxTokenLength: options.maxTokenLength ?? 8192,
  };
}

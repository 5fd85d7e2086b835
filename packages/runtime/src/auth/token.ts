/**
 * Pulls the bearer token out of the request. Anything that is not shaped like a compact JWS
 * (three base64url segments, bounded length) is refused here, before any parsing or crypto.
 */
import type { LambdaContextLike } from '../core/types.js';
import { getCookie, getHeader, getQueryParameter } from '../core/http-fields.js';
import type { TokenSource } from './options.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export type TokenLookup = { status: 'missing' } | { status: 'malformed' } | { status: 'found'; token: string };

/** Splits "<scheme> <credentials>", scheme case-insensitive (RFC 9110 §11.1). */
function stripScheme(value: string, scheme: string | null): string | undefined {
  if (scheme === null) return value.trim();
  const match = /^([A-Za-z][\w-]*) +(\S+)\s*$/.exec(value);
  if (!match || match[1]!.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return match[2];
}

export function readRawToken(source: TokenSource | undefined, event: unknown, context: LambdaContextLike): string | undefined {
  if (typeof source === 'function') return source(event, context);
  if (!source) return getHeader(event, 'authorization');
  if ('header' in source) return getHeader(event, source.header);
  if ('cookie' in source) return getCookie(event, source.cookie);
  return getQueryParameter(event, source.query);
}

export function schemeOf(source: TokenSource | undefined): string | null {
  if (!source) return 'Bearer';
  if (typeof source !== 'function' && 'header' in source) return source.scheme === undefined ? 'Bearer' : source.scheme;
  return null;
}

export function checkToken(raw: unknown, scheme: string | null, maxLength: number): TokenLookup {
  if (typeof raw !== 'string' || raw.trim() === '') return { status: 'missing' };
  if (raw.length > maxLength + 64) return { status: 'malformed' };
  const token = stripScheme(raw, scheme);
  if (token === undefined || token.length > maxLength || !COMPACT_JWS.test(token)) return { status: 'malformed' };
  return { status: 'found', token };
}

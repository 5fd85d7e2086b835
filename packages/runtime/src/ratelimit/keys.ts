/**
 * Turns a request into the identity the limit applies to. Identities are hashed before they
 * reach the store: API keys are secrets and must not sit in Redis in clear, and hashing also
 * bounds key length whatever the caller sends.
 */
import { createHash } from 'node:crypto';
import { asRecord, getHeader, getRequestContext, getSourceIp } from '../core/http-fields.js';
import type { LambdaContextLike } from '../core/types.js';

export type KeyResolver = (event: any, context: LambdaContextLike) => string | undefined | Promise<string | undefined>;
export type RateLimitKey = 'sourceIp' | 'user' | 'apiKey' | KeyResolver;

export interface ResolvedKey {
  /** what goes into the store key */
  storeKey: string;
  /** what may appear in logs: IPs and user ids as they are, API keys only as a hash */
  logKey: string;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The caller's user id: our own jwtAuth first, then what an API Gateway authorizer attached. */
function userId(event: unknown, context: LambdaContextLike): string | undefined {
  const fromGuard = stringField(asRecord(context.auth)?.sub);
  if (fromGuard) return fromGuard;
  const authorizer = asRecord(getRequestContext(event)?.authorizer);
  return (
    stringField(asRecord(asRecord(authorizer?.jwt)?.claims)?.sub) ??
    stringField(asRecord(authorizer?.claims)?.sub) ??
    stringField(asRecord(authorizer?.lambda)?.sub) ??
    stringField(authorizer?.principalId)
  );
}

function apiKey(event: unknown): string | undefined {
  return stringField(asRecord(getRequestContext(event)?.identity)?.apiKey) ?? stringField(getHeader(event, 'x-api-key'));
}

export function hashIdentity(kind: string, value: string): string {
  return createHash('sha256').update(kind).update('\0').update(value).digest('base64url').slice(0, 32);
}

export async function resolveKey(key: RateLimitKey, event: unknown, context: LambdaContextLike): Promise<ResolvedKey | undefined> {
  let kind: string;
  let value: string | undefined;
  if (typeof key === 'function') {
    kind = 'custom';
    const custom = await key(event, context);
    value = typeof custom === 'string' && custom.length > 0 ? custom : undefined;
  } else if (key === 'sourceIp') {
    kind = 'ip';
    value = getSourceIp(event);
  } else if (key === 'user') {
    kind = 'user';
    value = userId(event, context);
  } else {
    kind = 'apikey';
    value = apiKey(event);
  }
  if (value === undefined) return undefined;
  const hashed = hashIdentity(kind, value);
  const loggable = kind === 'apikey' || value.length > 128 ? `sha256:${hashed.slice(0, 12)}` : value;
  return { storeKey: `${kind}:${hashed}`, logKey: loggable };
}

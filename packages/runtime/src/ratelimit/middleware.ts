/**
 * rateLimit(): counts each invocation against a per-caller quota before the handler runs.
 * Over the quota an HTTP caller gets 429 with Retry-After; other event sources get a thrown
 * RateLimitExceededError so the service's own retry/backoff (SQS, Kinesis...) applies.
 */
import { createEmitter } from '../core/security-event.js';
import { jsonErrorResponse } from '../core/response.js';
import type { GuardRequest, Middleware, ProtectionOptions } from '../core/types.js';
import { detectEventSource, isHttpSource } from '../events/detect.js';
import { mergeHeaders, rateLimitHeaders, toSeconds } from './headers.js';
import { resolveKey, type RateLimitKey } from './keys.js';
import { memory } from './memory-store.js';
import { RateLimitExceededError, RateLimitStoreError, type RateLimitAlgorithm, type RateLimitDecision, type RateLimitRule, type RateLimitStore } from './types.js';

export interface RateLimitOptions extends ProtectionOptions {
  key: RateLimitKey;
  limit: number;
  windowS: number;
  /** default 'sliding-window' */
  algorithm?: RateLimitAlgorithm;
  /** default: memory() for this container only */
  store?: RateLimitStore;
  /**
   * When the store cannot answer in time. Default 'allow': a limiter outage should not become an
   * API outage; choose 'deny' where the limit protects something costlier than availability.
   */
  onStoreError?: 'allow' | 'deny';
  /**
   * When the request carries no identity for `key` (no API key header, anonymous user): 'shared'
   * (default) puts all such callers in one bucket, 'deny' refuses them with 403.
   */
  onMissingKey?: 'shared' | 'deny';
  /** separates limiters sharing one store; default 'default' */
  name?: string;
  /** add RateLimit-* headers to successful HTTP responses too; default true */
  headers?: boolean;
}

const DECISION = 'fnguard.rateLimit.decision';

function validate(options: RateLimitOptions): RateLimitRule {
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new TypeError('rateLimit(): limit must be a positive integer');
  if (typeof options.windowS !== 'number' || !Number.isFinite(options.windowS) || options.windowS <= 0) {
    throw new TypeError('rateLimit(): windowS must be a positive number');
  }
  const algorithm = options.algorithm ?? 'sliding-window';
  if (algorithm !== 'sliding-window' && algorithm !== 'token-bucket') throw new TypeError(`rateLimit(): unknown algorithm ${String(algorithm)}`);
  const key = options.key;
  if (typeof key !== 'function' && key !== 'sourceIp' && key !== 'user' && key !== 'apiKey') throw new TypeError('rateLimit(): key must be sourceIp, user, apiKey or a function');
  if (options.name !== undefined && !/^[\w.-]{1,64}$/.test(options.name)) throw new TypeError('rateLimit(): name must be 1-64 word characters');
  return { limit: options.limit, windowMs: Math.ceil(options.windowS * 1000), algorithm };
}

export function rateLimit(options: RateLimitOptions): Middleware {
  const rule = validate(options);
  const store = options.store ?? memory();
  const emit = createEmitter(options.logger);
  const name = options.name ?? 'default';
  const onStoreError = options.onStoreError ?? 'allow';
  const keyKind = typeof options.key === 'function' ? 'custom' : options.key;

  function reject(request: GuardRequest, http: boolean, status: number, headers: Record<string, string>, error: Error): unknown {
    if (!http) throw error;
    return jsonErrorResponse(status, request.context.awsRequestId, {}, headers);
  }

  return {
    async before(request) {
      const http = isHttpSource(detectEventSource(request.event));
      const resolved = await resolveKey(options.key, request.event, request.context);
      if (!resolved && options.onMissingKey === 'deny') {
        emit({ type: 'rate_limit.hit', level: 'warn', message: 'request has no rate limit identity', limiter: name, keyType: keyKind, reason: 'missing_key' }, request);
        return reject(request, http, 403, {}, new RateLimitExceededError(0));
      }
      const storeKey = `${name}:${rule.algorithm}:${resolved?.storeKey ?? 'anonymous'}`;

      let decision: RateLimitDecision;
      try {
        decision = await store.hit(storeKey, rule);
      } catch (error) {
        const storeError = error instanceof RateLimitStoreError ? error : new RateLimitStoreError('rate limit store call failed', { cause: error });
        emit({
          type: 'rate_limit.store_error', level: 'error', message: storeError.message, limiter: name,
          policy: onStoreError, cause: storeError.cause instanceof Error ? storeError.cause.message : undefined,
        }, request);
        if (onStoreError === 'allow') return undefined;
        return reject(request, http, 503, { 'Retry-After': '1' }, storeError);
      }

      request.internal[DECISION] = decision;
      if (decision.allowed) return undefined;
      emit({
        type: 'rate_limit.hit', level: 'warn', message: 'rate limit exceeded', limiter: name, keyType: keyKind,
        key: resolved?.logKey ?? 'anonymous', limit: rule.limit, windowS: options.windowS, retryAfterS: toSeconds(decision.retryAfterMs),
      }, request);
      return reject(request, http, 429, rateLimitHeaders(decision, options.windowS), new RateLimitExceededError(decision.retryAfterMs));
    },
    after(request) {
      if (options.headers === false) return;
      const decision = request.internal[DECISION] as RateLimitDecision | undefined;
      if (decision) mergeHeaders(request.response, rateLimitHeaders(decision, options.windowS));
    },
  };
}

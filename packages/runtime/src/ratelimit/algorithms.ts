/**
 * The two limiting algorithms over plain in-process state, for the memory store. The Redis store
 * runs the same arithmetic in Lua (redis-scripts.ts); keep the two in step.
 */
import type { RateLimitDecision, RateLimitRule } from './types.js';

/** Timestamps (ms, ascending) of admitted hits still inside the window; at most `limit` long. */
export interface SlidingLogState { kind: 'log'; hits: number[] }
export interface TokenBucketState { kind: 'bucket'; tokens: number; updatedAt: number }
export type LimiterState = SlidingLogState | TokenBucketState;

export function slidingLogHit(state: SlidingLogState, rule: RateLimitRule, now: number): RateLimitDecision {
  const cutoff = now - rule.windowMs;
  let drop = 0;
  while (drop < state.hits.length && (state.hits[drop] as number) <= cutoff) drop++;
  if (drop > 0) state.hits.splice(0, drop);
  const allowed = state.hits.length < rule.limit;
  if (allowed) state.hits.push(now);
  const oldest = state.hits[0] ?? now;
  const untilOldestLeaves = Math.max(1, oldest + rule.windowMs - now);
  return {
    allowed,
    limit: rule.limit,
    remaining: rule.limit - state.hits.length,
    resetMs: untilOldestLeaves,
    retryAfterMs: allowed ? 0 : untilOldestLeaves,
  };
}

export function tokenBucketHit(state: TokenBucketState, rule: RateLimitRule, now: number): RateLimitDecision {
  const perMs = rule.limit / rule.windowMs;
  // A clock stepping backwards must not mint tokens, hence the max(0, ...).
  state.tokens = Math.min(rule.limit, state.tokens + Math.max(0, now - state.updatedAt) * perMs);
  state.updatedAt = now;
  const allowed = state.tokens >= 1;
  if (allowed) state.tokens -= 1;
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.floor(state.tokens),
    resetMs: Math.ceil((rule.limit - state.tokens) / perMs),
    retryAfterMs: allowed ? 0 : Math.max(1, Math.ceil((1 - state.tokens) / perMs)),
  };
}

export function initialState(rule: RateLimitRule, now: number): LimiterState {
  return rule.algorithm === 'token-bucket' ? { kind: 'bucket', tokens: rule.limit, updatedAt: now } : { kind: 'log', hits: [] };
}

export function applyHit(state: LimiterState, rule: RateLimitRule, now: number): RateLimitDecision {
  return state.kind === 'bucket' ? tokenBucketHit(state, rule, now) : slidingLogHit(state, rule, now);
}

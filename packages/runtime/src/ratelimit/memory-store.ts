/**
 * A store for one container: each Lambda container keeps its own counts, so the effective limit
 * across a fleet is limit x concurrency. Use it for per-container protection or tests; use the
 * Redis store for a real shared limit. Size is bounded with least-recently-used eviction so a
 * flood of distinct keys (spoofed IPs, random API keys) cannot grow memory without bound.
 */
import { applyHit, initialState, type LimiterState } from './algorithms.js';
import type { RateLimitDecision, RateLimitRule, RateLimitStore } from './types.js';

export interface MemoryStoreOptions {
  /** distinct keys kept; default 10,000 */
  maxKeys?: number;
  /** injectable clock for tests */
  now?: () => number;
}

export interface MemoryStore extends RateLimitStore {
  readonly size: number;
}

export function memory(options: MemoryStoreOptions = {}): MemoryStore {
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new TypeError('memory(): maxKeys must be a positive integer');
  const now = options.now ?? Date.now;
  const entries = new Map<string, { state: LimiterState; algorithm: RateLimitRule['algorithm'] }>();

  return {
    get size() {
      return entries.size;
    },
    async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
      const at = now();
      let entry = entries.get(key);
      // Map keeps insertion order: re-inserting moves the key to the most-recent end.
      if (entry) entries.delete(key);
      if (!entry || entry.algorithm !== rule.algorithm) entry = { state: initialState(rule, at), algorithm: rule.algorithm };
      entries.set(key, entry);
      while (entries.size > maxKeys) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      return applyHit(entry.state, rule, at);
    },
    async close() {
      entries.clear();
    },
  };
}

export type RateLimitAlgorithm = 'sliding-window' | 'token-bucket';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
  algorithm: RateLimitAlgorithm;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** until the quota is fully available again */
  resetMs: number;
  /** until the next request would be admitted; 0 when this one was */
  retryAfterMs: number;
}

/** Counts one hit against `key` and says whether it fits the rule. Must be atomic per key. */
export interface RateLimitStore {
  hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
  close?(): Promise<void>;
}

/** The store could not answer (down, slow, malformed reply); the limiter applies onStoreError. */
export class RateLimitStoreError extends Error {
  readonly code = 'RATE_LIMIT_STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RateLimitStoreError';
  }
}

/** Thrown for non-HTTP events, where there is no status code to answer with. */
export class RateLimitExceededError extends Error {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterMs: number) {
    super('Rate limit exceeded');
    this.name = 'RateLimitExceededError';
  }
}

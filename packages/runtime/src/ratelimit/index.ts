export { rateLimit, type RateLimitOptions } from './middleware.js';
export { memory, type MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { redis, type RedisClientLike, type RedisStoreOptions } from './redis-store.js';
export type { KeyResolver, RateLimitKey } from './keys.js';
export {
  RateLimitExceededError, RateLimitStoreError,
  type RateLimitAlgorithm, type RateLimitDecision, type RateLimitRule, type RateLimitStore,
} from './types.js';

/**
 * Lua run atomically inside Redis, so concurrent containers cannot both read "one left" and both
 * take it. Both scripts read the clock with TIME on the Redis server: Lambda containers' clocks
 * drift independently, and one clock for everybody keeps the window consistent. (TIME in a
 * script that writes is allowed since Redis 5, where scripts replicate their effects.)
 *
 * Reply for both: { allowed (0|1), remaining, retryAfterMs, resetMs } as integers.
 */

/**
 * Sliding-window log in a sorted set: one member per admitted hit, scored by its time. It is exact
 * (no boundary burst of 2x the limit as with fixed windows, no estimate as with the two-counter
 * approximation) and memory is bounded because rejected hits are never stored, so a key holds at
 * most `limit` members. KEYS[1] key; ARGV limit, windowMs, unique member suffix.
 */
export const SLIDING_LOG_SCRIPT = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, now, now .. ':' .. ARGV[3])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', key, window)
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local wait = window
if oldest[2] then wait = math.max(1, tonumber(oldest[2]) + window - now) end
local retry = 0
if allowed == 0 then retry = wait end
return { allowed, limit - count, retry, wait }
`;

/**
 * Token bucket in a hash {tokens, updatedAt}: holds `limit` tokens, refilled continuously at
 * limit/window. Constant memory per key and it allows short bursts up to the limit. The key
 * expires once a full refill would have happened, because a missing key means a full bucket.
 * KEYS[1] key; ARGV limit, windowMs.
 */
export const TOKEN_BUCKET_SCRIPT = `
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local rate = capacity / window
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local saved = redis.call('HMGET', key, 'tokens', 'at')
local tokens = tonumber(saved[1])
local at = tonumber(saved[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', key, window)
local retry = 0
if allowed == 0 then retry = math.max(1, math.ceil((1 - tokens) / rate)) end
return { allowed, math.floor(tokens), retry, math.ceil((capacity - tokens) / rate) }
`;

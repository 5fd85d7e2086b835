/**
 * A shared store in Redis through ioredis. ioredis is an optional peer dependency, imported only
 * when a URL is given (pass your own client to avoid that). Every call is bounded by `timeoutMs`:
 * a Redis that is down, partitioned or overloaded must cost an invocation milliseconds, not its
 * whole timeout, and the limiter then applies its onStoreError policy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SLIDING_LOG_SCRIPT, TOKEN_BUCKET_SCRIPT } from './redis-scripts.js';
import { RateLimitStoreError, type RateLimitDecision, type RateLimitRule, type RateLimitStore } from './types.js';

/** The part of an ioredis client (Redis or Cluster) this store uses. */
export interface RedisClientLike {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  status?: string;
  quit?(): Promise<unknown>;
  disconnect?(): void;
  on?(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface RedisStoreOptions {
  /** namespace for every key; default "fnguard:rl:" */
  prefix?: string;
  /** per-call budget; default 200 ms */
  timeoutMs?: number;
  /** TCP connect budget when the store creates the client; default 1000 ms */
  connectTimeoutMs?: number;
}

const SCRIPTS = {
  'sliding-window': { source: SLIDING_LOG_SCRIPT, sha: sha1(SLIDING_LOG_SCRIPT) },
  'token-bucket': { source: TOKEN_BUCKET_SCRIPT, sha: sha1(TOKEN_BUCKET_SCRIPT) },
} as const;

// States in which ioredis would only queue the command; failing at once beats waiting out the timeout.
const DOWN_STATES = new Set(['reconnecting', 'end', 'close']);

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

async function connect(url: string, connectTimeoutMs: number): Promise<RedisClientLike> {
  const mod = (await import('ioredis')) as unknown as { Redis: new (url: string, options: object) => RedisClientLike };
  const client = new mod.Redis(url, {
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 1,
    // Keep reconnecting in the background, never faster than every 2 s, so recovery is automatic.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2000),
  });
  // Without a listener ioredis prints every connection error; the limiter reports them as events instead.
  client.on?.('error', () => undefined);
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => undefined); // a late rejection after the timeout must not become unhandled
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RateLimitStoreError(`rate limit store did not answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

function parseReply(reply: unknown, rule: RateLimitRule): RateLimitDecision {
  if (!Array.isArray(reply) || reply.length !== 4 || !reply.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new RateLimitStoreError('unexpected reply from rate limit script');
  }
  const [allowed, remaining, retryAfterMs, resetMs] = reply as number[];
  return { allowed: allowed === 1, limit: rule.limit, remaining: Math.max(0, remaining as number), retryAfterMs: retryAfterMs as number, resetMs: resetMs as number };
}

export function redis(urlOrClient: string | RedisClientLike, options: RedisStoreOptions = {}): RateLimitStore {
  const prefix = options.prefix ?? 'fnguard:rl:';
  const timeoutMs = options.timeoutMs ?? 200;
  const owned = typeof urlOrClient === 'string';
  let clientPromise: Promise<RedisClientLike> | undefined = owned ? undefined : Promise.resolve(urlOrClient);

  function client(): Promise<RedisClientLike> {
    clientPromise ??= connect(urlOrClient as string, options.connectTimeoutMs ?? 1000);
    return clientPromise;
  }

  async function run(c: RedisClientLike, rule: RateLimitRule, key: string): Promise<unknown> {
    const script = SCRIPTS[rule.algorithm];
    const args: (string | number)[] = [key, rule.limit, rule.windowMs];
    if (rule.algorithm === 'sliding-window') args.push(randomBytes(8).toString('hex'));
    try {
      return await c.evalsha(script.sha, 1, ...args);
    } catch (error) {
      // First use on this server (or after SCRIPT FLUSH): send the body once, Redis caches it.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return c.eval(script.source, 1, ...args);
      throw error;
    }
  }

  return {
    async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
      try {
        const c = await withTimeout(client(), timeoutMs);
        if (c.status && DOWN_STATES.has(c.status)) throw new RateLimitStoreError(`rate limit store is ${c.status}`);
        return parseReply(await withTimeout(run(c, rule, prefix + key), timeoutMs), rule);
      } catch (error) {
        if (error instanceof RateLimitStoreError) throw error;
        throw new RateLimitStoreError('rate limit store call failed', { cause: error });
      }
    },
    async close() {
      if (!owned || !clientPromise) return;
      const c = await clientPromise.catch(() => undefined);
      c?.disconnect?.();
    },
  };
}

import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger, httpEvent, run } from '../../test/helpers/lambda.js';
import { redisAvailable, startRedis, type RedisServer } from '../../test/helpers/redis-server.js';
import { rateLimit } from './middleware.js';
import { redis } from './redis-store.js';
import type { RateLimitRule, RateLimitStore } from './types.js';

describe.skipIf(!redisAvailable)('redis store (real redis-server on loopback)', () => {
  let server: RedisServer;
  let store: RateLimitStore;
  let admin: Redis;
  let seq = 0;
  const key = () => `test-${++seq}`;

  beforeAll(async () => {
    server = await startRedis();
    // Generous budget: these tests are about atomicity and semantics on a loaded CI box, not latency.
    store = redis(server.url, { timeoutMs: 5000 });
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    await store?.close?.();
    admin?.disconnect();
    await server?.stop();
  });

  it('admits exactly limit hits, namespaced and expiring', async () => {
    const rule: RateLimitRule = { limit: 3, windowMs: 60_000, algorithm: 'sliding-window' };
    const k = key();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await store.hit(k, rule));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(results[4]!.retryAfterMs).toBeGreaterThan(59_000);
    expect(await admin.zcard(`fnguard:rl:${k}`)).toBe(3); // rejected hits are not stored
    const ttl = await admin.pttl(`fnguard:rl:${k}`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('slides: capacity returns one window after each admitted hit', async () => {
    const rule: RateLimitRule = { limit: 2, windowMs: 600, algorithm: 'sliding-window' };
    const k = key();
    expect((await store.hit(k, rule)).allowed).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.hit(k, rule)).allowed).toBe(true);
    expect((await store.hit(k, rule)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 350)); // first hit has left, second has not
    expect((await store.hit(k, rule)).allowed).toBe(true);
    expect((await store.hit(k, rule)).allowed).toBe(false);
  });

  it('keeps keys separate', async () => {
    const rule: RateLimitRule = { limit: 1, windowMs: 60_000, algorithm: 'sliding-window' };
    const [a, b] = [key(), key()];
    expect((await store.hit(a, rule)).allowed).toBe(true);
    expect((await store.hit(a, rule)).allowed).toBe(false);
    expect((await store.hit(b, rule)).allowed).toBe(true);
  });

  it('token bucket: burst of limit, then refill, state in an expiring hash', async () => {
    const rule: RateLimitRule = { limit: 5, windowMs: 500, algorithm: 'token-bucket' };
    const k = key();
    const burst = await Promise.all(Array.from({ length: 8 }, () => store.hit(k, rule)));
    expect(burst.filter((d) => d.allowed)).toHaveLength(5);
    expect(await admin.type(`fnguard:rl:${k}`)).toBe('hash');
    expect(await admin.pttl(`fnguard:rl:${k}`)).toBeLessThanOrEqual(500);
    await new Promise((r) => setTimeout(r, 220)); // 100 ms per token
    const after = await Promise.all(Array.from({ length: 4 }, () => store.hit(k, rule)));
    expect(after.filter((d) => d.allowed).length).toBe(2);
  });

  it.each(['sliding-window', 'token-bucket'] as const)('%s: 1,000 concurrent calls from separate clients admit exactly limit', async (algorithm) => {
    const rule: RateLimitRule = { limit: 37, windowMs: 3_600_000, algorithm };
    const k = key();
    // Several connections, as several Lambda containers would have.
    const stores = [store, ...Array.from({ length: 3 }, () => redis(server.url, { timeoutMs: 5000 }))];
    try {
      const decisions = await Promise.all(Array.from({ length: 1000 }, (_, i) => stores[i % stores.length]!.hit(k, rule)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(37);
    } finally {
      await Promise.all(stores.slice(1).map((s) => s.close?.()));
    }
  });

  it('accepts an existing ioredis client and leaves it open on close()', async () => {
    const own = new Redis(server.url);
    const shared = redis(own, { prefix: 'app:rl:' });
    const k = key();
    expect((await shared.hit(k, { limit: 1, windowMs: 60_000, algorithm: 'sliding-window' })).allowed).toBe(true);
    expect(await admin.exists(`app:rl:${k}`)).toBe(1);
    await shared.close?.();
    expect(await own.ping()).toBe('PONG');
    own.disconnect();
  });

  it('reloads its script after SCRIPT FLUSH', async () => {
    const rule: RateLimitRule = { limit: 2, windowMs: 60_000, algorithm: 'sliding-window' };
    const k = key();
    await store.hit(k, rule);
    await admin.script('FLUSH');
    expect((await store.hit(k, rule)).remaining).toBe(0);
  });

  it('through the middleware: 429 once the shared limit is used up', async () => {
    const mw = rateLimit({ key: 'sourceIp', limit: 2, windowS: 60, store, name: `mw${seq++}` });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await run(mw, httpEvent())).response.statusCode);
    expect(codes).toEqual([200, 200, 429]);
  });
});

describe.skipIf(!redisAvailable)('redis store when Redis dies mid-run', () => {
  let server: RedisServer;
  const stores: RateLimitStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close?.()));
    await server?.stop();
  });

  async function killMidRun(onStoreError: 'allow' | 'deny') {
    server = await startRedis();
    const store = redis(server.url, { timeoutMs: 250 });
    stores.push(store);
    // Warm the connection and script cache first, so a slow CI box cannot turn the "before" call into a timeout.
    for (let i = 0; i < 20 && !(await store.hit('warm-up', { limit: 1000, windowMs: 1000, algorithm: 'sliding-window' }).then(() => true, () => false)); i++);
    const { logger, events } = captureLogger();
    const mw = rateLimit({ key: 'sourceIp', limit: 100, windowS: 60, store, onStoreError, logger });
    expect((await run(mw, httpEvent())).response.statusCode).toBe(200);
    await server.kill();
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 20 }, () => run(mw, httpEvent())));
    // later calls, while ioredis is reconnecting, must fail fast too
    await new Promise((r) => setTimeout(r, 100));
    responses.push(await run(mw, httpEvent()));
    return { responses, elapsed: Date.now() - started, events };
  }

  it('onStoreError allow: requests pass, store errors are logged, nothing hangs', async () => {
    const { responses, elapsed, events } = await killMidRun('allow');
    expect(responses.every((r) => r.response.statusCode === 200 && !r.shortCircuited)).toBe(true);
    expect(elapsed).toBeLessThan(2000);
    expect(events.length).toBe(responses.length);
    expect(events.every((e) => e.type === 'rate_limit.store_error' && e.policy === 'allow')).toBe(true);
  });

  it('onStoreError deny: requests get 503, nothing hangs', async () => {
    const { responses, elapsed, events } = await killMidRun('deny');
    expect(responses.every((r) => r.response.statusCode === 503)).toBe(true);
    expect(elapsed).toBeLessThan(2000);
    expect(events.every((e) => e.type === 'rate_limit.store_error' && e.policy === 'deny')).toBe(true);
  });

  it('times out against a server that accepts connections but never answers', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const store = redis(`redis://127.0.0.1:${port}`, { timeoutMs: 100 });
    stores.push(store);
    server = { stop: async () => { silent.close(); } } as RedisServer;
    const started = Date.now();
    await expect(store.hit('k', { limit: 1, windowMs: 1000, algorithm: 'sliding-window' })).rejects.toMatchObject({ code: 'RATE_LIMIT_STORE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('recovers by itself when Redis comes back', async () => {
    server = await startRedis();
    const port = server.port;
    const store = redis(server.url, { timeoutMs: 150 });
    stores.push(store);
    const rule: RateLimitRule = { limit: 5, windowMs: 60_000, algorithm: 'sliding-window' };
    await store.hit('k', rule);
    await server.kill();
    await expect(store.hit('k', rule)).rejects.toThrow();
    const { spawn } = await import('node:child_process');
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    server = { stop: async () => { child.kill('SIGKILL'); await new Promise((r) => child.once('exit', r)); } } as RedisServer;
    const deadline = Date.now() + 5000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      recovered = await store.hit('k', rule).then(() => true, () => false);
      if (!recovered) await new Promise((r) => setTimeout(r, 100));
    }
    expect(recovered).toBe(true);
  });
});

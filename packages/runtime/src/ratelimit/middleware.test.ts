import { describe, expect, it, vi } from 'vitest';
import { captureLogger, httpEvent, lambdaContext, run, sqsEvent } from '../../test/helpers/lambda.js';
import { memory } from './memory-store.js';
import { rateLimit } from './middleware.js';
import { RateLimitExceededError, type RateLimitStore } from './types.js';

describe('rateLimit middleware', () => {
  it('answers 429 with Retry-After and RateLimit headers once over the limit, and logs rate_limit.hit', async () => {
    const { logger, events } = captureLogger();
    const mw = rateLimit({ key: 'sourceIp', limit: 2, windowS: 60, logger });
    const ok1 = await run(mw, httpEvent());
    const ok2 = await run(mw, httpEvent());
    expect(ok1.shortCircuited || ok2.shortCircuited).toBe(false);
    expect(ok2.response.headers['RateLimit-Remaining']).toBe('0');
    expect(ok1.response.headers['RateLimit-Limit']).toBe('2');
    const over = await run(mw, httpEvent());
    expect(over.shortCircuited).toBe(true);
    expect(over.response.statusCode).toBe(429);
    expect(Number(over.response.headers['Retry-After'])).toBeGreaterThanOrEqual(59);
    expect(over.response.headers['RateLimit-Policy']).toBe('2;w=60');
    expect(JSON.parse(over.response.body)).toEqual({ message: 'Too Many Requests', requestId: 'req-1' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'rate_limit.hit', key: '203.0.113.7', keyType: 'sourceIp', limit: 2 });
  });

  it('separates callers by source IP', async () => {
    const mw = rateLimit({ key: 'sourceIp', limit: 1, windowS: 60 });
    expect((await run(mw, httpEvent({ sourceIp: '198.51.100.1' }))).shortCircuited).toBe(false);
    expect((await run(mw, httpEvent({ sourceIp: '198.51.100.2' }))).shortCircuited).toBe(false);
    expect((await run(mw, httpEvent({ sourceIp: '198.51.100.1' }))).response.statusCode).toBe(429);
  });

  it('keys by the authenticated user from context.auth or the API Gateway authorizer', async () => {
    const mw = rateLimit({ key: 'user', limit: 1, windowS: 60 });
    await run(mw, httpEvent({ sourceIp: '198.51.100.1' }), lambdaContext({ auth: { sub: 'alice' } }));
    // same user from another IP is still the same bucket
    expect((await run(mw, httpEvent({ sourceIp: '198.51.100.9' }), lambdaContext({ auth: { sub: 'alice' } }))).response.statusCode).toBe(429);
    const viaAuthorizer = httpEvent({ authorizer: { jwt: { claims: { sub: 'bob' } } } });
    expect((await run(mw, viaAuthorizer)).shortCircuited).toBe(false);
    expect((await run(mw, viaAuthorizer)).response.statusCode).toBe(429);
  });

  it('never logs a raw API key', async () => {
    const { logger, events } = captureLogger();
    const mw = rateLimit({ key: 'apiKey', limit: 1, windowS: 60, logger });
    const event = httpEvent({ headers: { 'X-Api-Key': 'sk_live_supersecret' } });
    await run(mw, event);
    await run(mw, event);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('supersecret');
    expect(events[0]?.key).toMatch(/^sha256:/);
  });

  it('puts callers without an identity in one shared bucket by default, or refuses them', async () => {
    const shared = rateLimit({ key: 'apiKey', limit: 1, windowS: 60 });
    await run(shared, httpEvent({ sourceIp: '198.51.100.1' }));
    expect((await run(shared, httpEvent({ sourceIp: '198.51.100.2' }))).response.statusCode).toBe(429);
    const strict = rateLimit({ key: 'apiKey', limit: 10, windowS: 60, onMissingKey: 'deny' });
    expect((await run(strict, httpEvent())).response.statusCode).toBe(403);
  });

  it('supports a custom key function, including an async one', async () => {
    const mw = rateLimit({ key: async (event) => (event as { headers: Record<string, string> }).headers['x-tenant'], limit: 1, windowS: 60 });
    await run(mw, httpEvent({ headers: { 'x-tenant': 't1' } }));
    expect((await run(mw, httpEvent({ headers: { 'x-tenant': 't2' } }))).shortCircuited).toBe(false);
    expect((await run(mw, httpEvent({ headers: { 'x-tenant': 't1' } }))).response.statusCode).toBe(429);
  });

  it('throws RateLimitExceededError for non-HTTP events', async () => {
    const mw = rateLimit({ key: () => 'queue', limit: 1, windowS: 60 });
    await run(mw, sqsEvent);
    await expect(run(mw, sqsEvent)).rejects.toBeInstanceOf(RateLimitExceededError);
  });

  it('does not override headers the handler set', async () => {
    const mw = rateLimit({ key: 'sourceIp', limit: 5, windowS: 60 });
    const result = await run(mw, httpEvent(), lambdaContext(), () => ({ statusCode: 200, headers: { 'ratelimit-limit': 'mine' }, body: '' }));
    expect(result.response.headers['ratelimit-limit']).toBe('mine');
    expect(result.response.headers['RateLimit-Limit']).toBeUndefined();
  });

  it('applies onStoreError and logs rate_limit.store_error when the store fails', async () => {
    const broken: RateLimitStore = { hit: vi.fn(async () => { throw new Error('ECONNREFUSED'); }) };
    const { logger, events } = captureLogger();
    const allow = rateLimit({ key: 'sourceIp', limit: 1, windowS: 1, store: broken, onStoreError: 'allow', logger });
    expect((await run(allow, httpEvent())).shortCircuited).toBe(false);
    const deny = rateLimit({ key: 'sourceIp', limit: 1, windowS: 1, store: broken, onStoreError: 'deny', logger });
    const denied = await run(deny, httpEvent());
    expect(denied.response.statusCode).toBe(503);
    expect(denied.response.headers['Retry-After']).toBe('1');
    expect(events.map((e) => [e.type, e.policy])).toEqual([['rate_limit.store_error', 'allow'], ['rate_limit.store_error', 'deny']]);
  });

  it('rejects invalid configuration at construction', () => {
    expect(() => rateLimit({ key: 'sourceIp', limit: 0, windowS: 60 })).toThrow(TypeError);
    expect(() => rateLimit({ key: 'sourceIp', limit: 1.5, windowS: 60 })).toThrow(TypeError);
    expect(() => rateLimit({ key: 'sourceIp', limit: 1, windowS: Number.NaN })).toThrow(TypeError);
    expect(() => rateLimit({ key: 'sourceIp', limit: 1, windowS: -1 })).toThrow(TypeError);
    expect(() => rateLimit({ key: 'nope' as never, limit: 1, windowS: 1 })).toThrow(TypeError);
    expect(() => rateLimit({ key: 'sourceIp', limit: 1, windowS: 1, algorithm: 'leaky' as never })).toThrow(TypeError);
    expect(() => rateLimit({ key: 'sourceIp', limit: 1, windowS: 1, name: 'a b:c' })).toThrow(TypeError);
  });

  it('takes the client address ALB appended, not the one the client wrote into X-Forwarded-For', async () => {
    const mw = rateLimit({ key: 'sourceIp', limit: 1, windowS: 60 });
    const alb = (xff: string) => ({ httpMethod: 'GET', path: '/', headers: { 'x-forwarded-for': xff }, requestContext: { elb: { targetGroupArn: 'arn' } } });
    await run(mw, alb('1.1.1.1, 192.0.2.10'));
    expect((await run(mw, alb('9.9.9.9, 192.0.2.10'))).response.statusCode).toBe(429);
  });
});

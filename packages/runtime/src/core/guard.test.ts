import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import * as f from '../events/__tests__/fixtures.js';
import { DeadlineExceededError } from '../deadline/deadline.js';
import { JsonSecurityLogger } from '../log/logger.js';
import { ValidationError } from '../validate/issues.js';
import { guard } from './guard.js';
import type { Middleware } from './types.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function logger() {
  const out = f.memoryDestination();
  return { out, log: { destination: out } };
}

const ok = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });

describe('guard: composition', () => {
  it('runs the handler with the extended context and decorates the response', async () => {
    const { out, log } = logger();
    const handler = vi.fn(async (_event: unknown, context: any) => {
      expect(context.signal).toBeInstanceOf(AbortSignal);
      expect(context.validated.body).toEqual({ item: 'book', quantity: 2 });
      return { statusCode: 201, headers: {}, body: '{}' };
    });
    const guarded = guard(handler, { log, validate: { body: z.object({ item: z.string(), quantity: z.number() }) } });
    const response: any = await guarded(f.apigwRest(), f.lambdaContext());
    expect(handler).toHaveBeenCalledOnce();
    expect(response.statusCode).toBe(201);
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
    const [line] = out.records();
    expect(line).toMatchObject({ event: 'request.accepted', level: 30, status: 201, method: 'POST', path: '/orders/42', sourceIp: '203.0.113.9', source: 'apigw-rest' });
    expect(typeof line!.durationMs).toBe('number');
    expect(out.lines).toHaveLength(1);
  });

  it('refuses unknown option keys so a typo cannot silently disable a protection', () => {
    expect(() => guard(ok, { rateLimits: {} } as any)).toThrow(/unknown option "rateLimits"/);
    expect(() => guard('not a function' as any)).toThrow(TypeError);
    expect(() => guard(ok, { use: [{} as Middleware] })).toThrow(/use/);
  });

  it('validates option values when the guard is built', () => {
    expect(() => guard(ok, { cors: { origins: '*', credentials: true } })).toThrow(/credentials/);
    expect(() => guard(ok, { deadline: { marginMs: -5 } })).toThrow(/marginMs/);
    expect(() => guard(ok, { log: { redact: ['a..b'] } })).toThrow(/redaction path/);
  });

  it('orders layers: headers and log wrap errors, user middlewares run innermost', async () => {
    const { out, log } = logger();
    const order: string[] = [];
    const inner: Middleware = { before: () => { order.push('use.before'); }, onError: () => { order.push('use.onError'); } };
    const guarded = guard(async () => { order.push('handler'); throw new Error('db down at 10.0.0.5'); }, { log, use: [inner] });
    const response: any = await guarded(f.apigwHttp(), f.lambdaContext());
    expect(order).toEqual(['use.before', 'handler', 'use.onError']);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('10.0.0.5');
    expect(response.headers['Cache-Control']).toBe('no-store');
    expect(response.headers['X-Frame-Options']).toBe('DENY');
    const events = out.records().map((r) => r.event);
    expect(events).toEqual(['error.unhandled']);
    expect(out.records()[0]!.error.message).toContain('db down');
  });

  it('early answers from a protection still get headers, CORS and a rejection log line, and skip the handler', async () => {
    const { out, log } = logger();
    const handler = vi.fn(ok);
    const guarded = guard(handler, { log, cors: { origins: ['https://app.example.com'] }, validate: { body: z.object({ item: z.string() }) } });
    const response: any = await guarded(f.apigwRest({ body: '{broken', headers: { Origin: 'https://app.example.com', 'Content-Type': 'application/json' } }), f.lambdaContext());
    expect(handler).not.toHaveBeenCalled();
    expect(response.statusCode).toBe(400);
    expect(response.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
    expect(response.headers['Strict-Transport-Security']).toBeDefined();
    expect(out.records().map((r) => [r.event, r.rejectedBy])).toEqual([['validation.failed', undefined], ['request.rejected', 'validate']]);
  });

  it('logs a preflight from a foreign origin as rejected even though it answers 204', async () => {
    const { out, log } = logger();
    const guarded = guard(ok, { log, cors: { origins: ['https://app.example.com'] } });
    const response: any = await guarded(f.apigwRest({ httpMethod: 'OPTIONS', body: null, headers: { Origin: 'https://evil.example.net', 'Access-Control-Request-Method': 'DELETE' } }), f.lambdaContext());
    expect(response.statusCode).toBe(204);
    expect(out.records()).toEqual([expect.objectContaining({ event: 'request.rejected', status: 204, rejectedBy: 'cors' })]);
  });

  it('answers CORS preflights without running auth or the handler', async () => {
    const handler = vi.fn(ok);
    const guarded = guard(handler, { log: false, cors: { origins: ['https://app.example.com'] }, auth: { secret: 'x'.repeat(32), algorithms: ['HS256'], issuer: 'https://idp.example.test/', audience: 'api://orders' } });
    const response: any = await guarded(f.apigwRest({ httpMethod: 'OPTIONS', body: null, headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' } }), f.lambdaContext());
    expect(response.statusCode).toBe(204);
    expect(response.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
    expect(handler).not.toHaveBeenCalled();
  });

  it('rethrows for async sources after logging, so Lambda retries the batch', async () => {
    const { out, log } = logger();
    const failure = new Error('downstream');
    const guarded = guard(async () => { throw failure; }, { log });
    await expect(guarded(f.sqs(), f.lambdaContext())).rejects.toBe(failure);
    expect(out.records().filter((r) => r.event === 'error.unhandled')).toHaveLength(1);
    const invalid = guard(ok, { log, validate: { body: z.object({ orderId: z.number() }) } });
    await expect(invalid(f.sqs(), f.lambdaContext())).rejects.toBeInstanceOf(ValidationError);
    expect(out.records().at(-1)).toMatchObject({ event: 'request.rejected', status: 400, rejectedBy: 'validate' });
  });

  it('survives hostile events: null, primitives, arrays, and an HTTP-looking event with odd fields', async () => {
    const { out, log } = logger();
    const guarded = guard(async (event) => ({ statusCode: 200, headers: {}, body: typeof event }), { log });
    for (const event of [null, undefined, 42, 'x', [1, 2], { httpMethod: 'GET', path: '/', headers: { Origin: ['x'] }, requestContext: null }]) {
      await expect(guarded(event as any, f.lambdaContext())).resolves.toBeDefined();
    }
    expect(out.records().every((r) => r.event === 'request.accepted')).toBe(true);
    const validated = guard(ok, { log: false, validate: {} });
    await expect(validated(null as any, f.lambdaContext())).rejects.toBeInstanceOf(ValidationError);
  });

  it('keeps working with a logger that throws and with a frozen context', async () => {
    const throwing = { event() { throw new Error('log sink down'); }, log() { throw new Error('log sink down'); } };
    const guarded = guard(async (_e, context) => ({ statusCode: 200, headers: {}, body: String(context.signal.aborted) }), { log: throwing });
    const frozen = Object.freeze(f.lambdaContext());
    expect(await guarded(f.apigwRest(), frozen)).toMatchObject({ statusCode: 200, body: 'false' });
    const failing = guard(async () => { throw new Error('x'); }, { log: throwing });
    expect(await failing(f.apigwRest(), f.lambdaContext())).toMatchObject({ statusCode: 500 });
  });

  it('works without a Lambda context (local runs)', async () => {
    const guarded = guard(async (_e, context) => ({ statusCode: 200, headers: {}, body: String(context.signal.aborted) }), { log: false });
    expect(await guarded(f.alb())).toMatchObject({ statusCode: 200, body: 'false' });
  });

  it('gives each invocation a fresh signal so handler listeners do not pile up', async () => {
    const signals = new Set<AbortSignal>();
    const guarded = guard(async (_e, context) => { signals.add(context.signal); return 'done'; }, { log: false, deadline: false });
    await guarded(f.eventbridge());
    await guarded(f.eventbridge());
    expect(signals.size).toBe(2);
  });
});

describe('guard: deadline', () => {
  it('answers 504 JSON with headers when an HTTP handler ignores the signal', async () => {
    const { out, log } = logger();
    let aborted = false;
    const guarded = guard(async (_e, context) => {
      context.signal.addEventListener('abort', () => { aborted = true; });
      await new Promise((resolve) => setTimeout(resolve, 400));
      throw new Error('late failure must not surface');
    }, { log, deadline: { marginMs: 50 } });
    const started = Date.now();
    const response: any = await guarded(f.apigwHttp(), f.lambdaContext({}, 100));
    expect(Date.now() - started).toBeLessThan(300);
    expect(aborted).toBe(true);
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(response.body)).toEqual({ message: 'Gateway Timeout', requestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd' });
    expect(response.headers['Cache-Control']).toBe('no-store');
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(out.records().map((r) => r.event)).toContain('deadline.exceeded');
  });

  it('throws a timeout error for async sources', async () => {
    const guarded = guard(() => new Promise(() => {}), { log: false, deadline: { marginMs: 10 } });
    await expect(guarded(f.sqs(), f.lambdaContext({}, 40))).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('leaves no timer armed after the invocation, whether the handler succeeds or throws', async () => {
    const live = new Set<unknown>();
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const handle = realSet(() => { live.delete(handle); fn(...args); }, ms);
      live.add(handle);
      return handle;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((handle: NodeJS.Timeout) => { live.delete(handle); realClear(handle); }) as typeof clearTimeout);
    await guard(ok, { log: false })(f.apigwRest(), f.lambdaContext({}, 60_000));
    expect(live.size).toBe(0);
    await guard(async () => { throw new Error('x'); }, { log: false })(f.apigwRest(), f.lambdaContext({}, 60_000));
    await expect(guard(async () => { throw new Error('x'); }, { log: false })(f.sqs(), f.lambdaContext({}, 60_000))).rejects.toThrow();
    expect(live.size).toBe(0);
  });

  it('maps a handler that honours the signal and rethrows its reason to the same 504', async () => {
    const guarded = guard(async (_e, context) => {
      await new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)));
    }, { log: false, deadline: { marginMs: 20 } });
    const response: any = await guarded(f.apigwRest(), f.lambdaContext({}, 40));
    expect(response.statusCode).toBe(504);
  });
});

describe('guard: external protections', () => {
  it('wires rateLimit (lazy import): 429 with security headers and a log line', async () => {
    const { out, log } = logger();
    const handler = vi.fn(ok);
    const guarded = guard(handler, { log, rateLimit: { key: 'sourceIp', limit: 1, windowS: 60 } });
    expect((await guarded(f.apigwRest(), f.lambdaContext()) as any).statusCode).toBe(200);
    const limited: any = await guarded(f.apigwRest(), f.lambdaContext());
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['X-Frame-Options']).toBe('DENY');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(out.records().map((r) => r.event)).toEqual(expect.arrayContaining(['request.accepted', 'request.rejected']));
  });

  it('wires auth (lazy import): rejects a missing token, accepts a valid one', async () => {
    const secret = 'a-very-long-shared-secret-for-tests-only!';
    const options = { secret, algorithms: ['HS256' as const], issuer: 'https://idp.example.test/', audience: 'api://orders' };
    const handler = vi.fn(ok);
    const guarded = guard(handler, { log: false, auth: options });
    const anonymous: any = await guarded(f.apigwRest(), f.lambdaContext());
    expect(anonymous.statusCode).toBe(401);
    expect(handler).not.toHaveBeenCalled();
    const token = await new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(options.issuer).setAudience(options.audience).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    const authed: any = await guarded(f.apigwRest({ headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }), f.lambdaContext());
    expect(authed.statusCode).toBe(200);
  });

  it('turns a protection that fails to build into a logged generic 500, not a crash or a bypass', async () => {
    const { out, log } = logger();
    const handler = vi.fn(ok);
    const guarded = guard(handler, { log, rateLimit: { key: 'nonsense' as never, limit: 0, windowS: 1 } });
    const response: any = await guarded(f.apigwRest(), f.lambdaContext());
    expect(response.statusCode).toBe(500);
    expect(handler).not.toHaveBeenCalled();
    expect(out.records()[0]).toMatchObject({ event: 'error.unhandled', msg: 'guard configuration failed' });
    await expect(guarded(f.sqs(), f.lambdaContext())).rejects.toThrow(/rateLimit/);
  });

  it('wires inspect (lazy import): blocks an injection before the handler, with a log line', async () => {
    const { out, log } = logger();
    const handler = vi.fn(ok);
    const guarded = guard(handler, { log, inspect: { mode: 'block' } });
    const id = "1' OR '1'='1' --";
    const attack = f.apigwRest({ queryStringParameters: { id }, multiValueQueryStringParameters: { id: [id] }, body: null });
    const response: any = await guarded(attack, f.lambdaContext());
    expect(response.statusCode).toBe(403);
    expect(response.headers['Cache-Control']).toBe('no-store');
    expect(handler).not.toHaveBeenCalled();
    expect(out.records().map((r) => r.event)).toEqual(['inspection.hit', 'request.rejected']);
    expect(out.lines.join('')).not.toContain("OR '1'='1'");
    expect((await guarded(f.apigwRest(), f.lambdaContext()) as any).statusCode).toBe(200);
  });

  it('wires secrets (lazy import) onto context.secrets, only for requests that pass validation', async () => {
    const send = vi.fn(async () => ({ Name: 'prod/db', SecretString: 'pw-from-store' }));
    const seen: unknown[] = [];
    const guarded = guard(async (_e, context) => {
      seen.push(context.secrets?.db);
      return { statusCode: 200, headers: {}, body: '' };
    }, { log: false, validate: { body: z.object({ item: z.string() }) }, secrets: { db: { secretsManager: 'prod/db' }, clients: { secretsManager: { send } } } });
    expect((await guarded(f.apigwRest({ body: '{}' }), f.lambdaContext()) as any).statusCode).toBe(400);
    expect(send).not.toHaveBeenCalled();
    expect((await guarded(f.apigwRest(), f.lambdaContext()) as any).statusCode).toBe(200);
    expect(seen).toEqual(['pw-from-store']);
  });

  it('wires egress (lazy import): a blocked outbound call becomes a safe 500', async () => {
    const { uninstallEgressGuard } = await import('../egress/index.js');
    try {
      const { out, log } = logger();
      const http = await import('node:http');
      const guarded = guard(async () => {
        http.request('http://exfil.example.net/collect').end();
        return { statusCode: 200, headers: {}, body: '' };
      }, { log, egress: { allow: ['api.example.com'] } });
      const response: any = await guarded(f.apigwRest(), f.lambdaContext());
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('exfil');
      expect(out.records().map((r) => r.event)).toEqual(expect.arrayContaining(['egress.blocked', 'error.unhandled']));
    } finally {
      uninstallEgressGuard();
    }
  });
});


import middy from '@middy/core';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import * as f from './events/__tests__/fixtures.js';
import { JsonSecurityLogger } from './log/logger.js';
import { middlewares } from './middy.js';

function build(handler: (event: any, context: any) => Promise<unknown>) {
  const out = f.memoryDestination();
  const logger = new JsonSecurityLogger({ destination: out });
  const wrapped = middy(handler)
    .use(middlewares.deadline({ marginMs: 100 }))
    .use(middlewares.log({ logger }))
    .use(middlewares.headers())
    .use(middlewares.cors({ origins: ['https://app.example.com'] }))
    .use(middlewares.errors({ logger }))
    .use(middlewares.rateLimit({ key: 'sourceIp', limit: 2, windowS: 60, logger }))
    .use(middlewares.validate({ logger, body: z.object({ item: z.string(), quantity: z.number().int() }) }));
  return { wrapped, out };
}

describe('@fnguard/runtime/middy with real @middy/core 6', () => {
  it('validates, passes the signal, decorates and logs a good request', async () => {
    const handler = vi.fn(async (_event: any, context: any) => {
      expect(context.signal).toBeInstanceOf(AbortSignal);
      return { statusCode: 200, headers: {}, body: JSON.stringify(context.validated.body) };
    });
    const { wrapped, out } = build(handler);
    const response: any = await wrapped(f.apigwRest({ headers: { Origin: 'https://app.example.com', 'Content-Type': 'application/json' } }), f.lambdaContext() as any);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ item: 'book', quantity: 2 });
    expect(response.headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': 'https://app.example.com', Vary: 'Origin' });
    expect(out.records().map((r) => r.event)).toEqual(['request.accepted']);
  });

  it('turns a thrown error into a safe 500 with headers through Middy onError', async () => {
    const { wrapped, out } = build(async () => { throw new Error('secret internals'); });
    const response: any = await wrapped(f.apigwRest(), f.lambdaContext() as any);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internals');
    expect(response.headers['Cache-Control']).toBe('no-store');
    expect(out.records().map((r) => r.event)).toEqual(['error.unhandled']);
  });

  it('answers invalid input with 400 and never calls the handler (Middy early return)', async () => {
    const handler = vi.fn();
    const { wrapped } = build(handler);
    const response: any = await wrapped(f.apigwRest({ body: JSON.stringify({ item: 1 }) }), f.lambdaContext() as any);
    expect(response.statusCode).toBe(400);
    expect(handler).not.toHaveBeenCalled();
  });

  it('loads rateLimit lazily and enforces it', async () => {
    const { wrapped } = build(async () => ({ statusCode: 200, headers: {}, body: '' }));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push(((await wrapped(f.apigwRest(), f.lambdaContext() as any)) as any).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('rethrows for async sources', async () => {
    const { wrapped } = build(async () => { throw new Error('retry me'); });
    await expect(wrapped(f.sqs([{ item: 'a', quantity: 1 }]), f.lambdaContext() as any)).rejects.toThrow('retry me');
  });

  it('exposes every protection as a factory', () => {
    expect(Object.keys(middlewares).sort()).toEqual(['auth', 'cors', 'deadline', 'egress', 'errors', 'headers', 'inspect', 'log', 'rateLimit', 'secrets', 'validate'].sort());
    for (const factory of Object.values(middlewares)) expect(typeof factory).toBe('function');
  });
});

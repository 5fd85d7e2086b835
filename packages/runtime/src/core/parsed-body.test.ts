import Ajv from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { inspection } from '../inspect/middleware.js';
import { validate } from '../validate/validate.js';
import { guard } from './guard.js';
import { shareParsedBody, sharedParsedBody } from './request.js';
import type { GuardRequest, SecurityLogger } from './types.js';

const silent: SecurityLogger = { event: () => undefined, log: () => undefined };

function httpEvent(body: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '2.0',
    rawPath: '/orders',
    rawQueryString: '',
    headers: { host: 'api.example.com', 'content-type': 'application/json' },
    requestContext: { domainName: 'api.example.com', http: { method: 'POST', path: '/orders', sourceIp: '203.0.113.9' } },
    body,
    isBase64Encoded: false,
    ...extra,
  };
}

function request(event: unknown): GuardRequest {
  return { event, context: { awsRequestId: 'req-1' }, response: undefined, error: undefined, internal: {} };
}

async function validated(options: Parameters<typeof validate>[0], event: Record<string, unknown>): Promise<GuardRequest> {
  const middleware = validate({ logger: silent, ...options });
  await middleware.ready;
  const req = request(event);
  expect(await middleware.before!(req)).toBeUndefined();
  return req;
}

const orderSchema = { type: 'object', properties: { note: { type: 'string' } } };
const body = '{"note":"leave it at the door"}';

afterEach(() => vi.restoreAllMocks());

describe('validation hands its parsed JSON body to inspection', () => {
  it('shares the body the default ajv checked, keyed to the event and its text', async () => {
    const event = httpEvent(body);
    const req = await validated({ body: orderSchema }, event);
    const shared = sharedParsedBody(req);
    expect(shared?.text).toBe(body);
    expect(shared?.value).toBe(req.context.validated?.body);
  });

  it('shares with parseJson and no schema', async () => {
    const req = await validated({ parseJson: true }, httpEvent(body));
    expect(sharedParsedBody(req)?.value).toEqual({ note: 'leave it at the door' });
  });

  it('does not share what a checker may have rewritten: a caller-supplied ajv or a zod schema', async () => {
    const coercing = new Ajv({ coerceTypes: true, useDefaults: true });
    expect(sharedParsedBody(await validated({ body: orderSchema, ajv: coercing }, httpEvent(body)))).toBeUndefined();
    const zodSchema = z.object({ note: z.string().transform((s) => s.toUpperCase()) });
    expect(sharedParsedBody(await validated({ body: zodSchema }, httpEvent(body)))).toBeUndefined();
  });

  it('does not share base64 bodies, scalar JSON bodies or non-JSON media types', async () => {
    const base64 = httpEvent(Buffer.from(body).toString('base64'), { isBase64Encoded: true });
    expect(sharedParsedBody(await validated({ body: orderSchema }, base64))).toBeUndefined();
    expect(sharedParsedBody(await validated({ body: { type: 'string' } }, httpEvent('"just text"')))).toBeUndefined();
    const text = httpEvent('a=1', { headers: { host: 'api.example.com', 'content-type': 'text/plain' } });
    expect(sharedParsedBody(await validated({ parseJson: true, contentTypes: ['text/plain'] }, text))).toBeUndefined();
  });

  it('is ignored for another event or a body that changed since (Middy may keep `internal` across invocations)', () => {
    const first = request(httpEvent(body));
    shareParsedBody(first, body, { note: 'x' });
    expect(sharedParsedBody({ ...first, event: httpEvent(body) })).toBeUndefined();
    (first.event as Record<string, unknown>).body = '{"note":"changed"}';
    expect(sharedParsedBody(first)).toBeUndefined();
  });

  it('inspection walks the shared value instead of parsing the text again', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const attack = '{"note":"1\' OR \'1\'=\'1"}';
    const req = request(httpEvent(attack));
    shareParsedBody(req, attack, JSON.parse(attack) as object);
    parse.mockClear();
    const result = (await inspection({ logger: silent }).before!(req)) as { statusCode: number };
    expect(result.statusCode).toBe(403);
    expect(parse).not.toHaveBeenCalled();
  });

  it('inspection parses the text itself when the shared value belongs to another text', async () => {
    const attack = '{"note":"1\' OR \'1\'=\'1"}';
    const req = request(httpEvent(attack));
    // a stale share (same event object, body replaced afterwards) must not hide the attack
    shareParsedBody(req, body, { note: 'harmless' });
    const result = (await inspection({ logger: silent }).before!(req)) as { statusCode: number };
    expect(result.statusCode).toBe(403);
  });

  it('through guard: one JSON.parse of the body per request, and attacks are still blocked', async () => {
    const handler = vi.fn(async () => ({ statusCode: 200, body: '{}' }));
    const guarded = guard(handler, { log: false, validate: { body: orderSchema }, inspect: {} });
    const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 };
    await guarded(httpEvent(body), context); // first call waits for ajv and the lazy inspection module
    const parse = vi.spyOn(JSON, 'parse');
    const clean = '{"note":"ring twice"}';
    expect((await guarded(httpEvent(clean), context)).statusCode).toBe(200);
    expect(parse.mock.calls.filter(([text]) => text === clean)).toHaveLength(1);
    const blocked = await guarded(httpEvent('{"note":"x; cat /etc/passwd"}'), context);
    expect(blocked.statusCode).toBe(403);
    expect(handler).toHaveBeenCalledTimes(2);
  });
});

import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { TRACE_HEADER, apigwRest, lambdaContext, memoryDestination } from '../events/__tests__/fixtures.js';
import { JsonSecurityLogger, xrayTraceId } from './logger.js';

afterEach(() => {
  delete process.env._X_AMZN_TRACE_ID;
});

function request(context = lambdaContext()) {
  return { event: apigwRest(), context, response: undefined, error: undefined, internal: { 'fnguard.source': 'apigw-rest' } };
}

describe('JsonSecurityLogger', () => {
  it('writes one pino-shaped JSON line per event with Lambda correlation fields', () => {
    process.env._X_AMZN_TRACE_ID = TRACE_HEADER;
    const out = memoryDestination();
    const logger = new JsonSecurityLogger({ destination: out, base: { service: 'orders' } });
    logger.event({ type: 'auth.failure', message: 'bad token', reason: 'expired' }, request());
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]!.endsWith('\n')).toBe(true);
    const [record] = out.records();
    expect(record).toMatchObject({
      level: 40,
      msg: 'bad token',
      event: 'auth.failure',
      requestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
      functionName: 'orders-api',
      xrayTraceId: '1-5759e988-bd862e3fe1be46a994272793',
      service: 'orders',
      source: 'apigw-rest',
      reason: 'expired',
    });
    expect(typeof record!.time).toBe('number');
    expect(Math.abs(record!.time - Date.now())).toBeLessThan(5000);
  });

  it('uses the same level numbers, time unit and message key as pino itself', () => {
    const chunks: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
    const reference = pino({ base: undefined }, sink);
    reference.warn('x');
    const pinoLine = JSON.parse(chunks[0]!);
    const out = memoryDestination();
    new JsonSecurityLogger({ destination: out }).log('warn', 'x');
    const ours = out.records()[0]!;
    expect(ours.level).toBe(pinoLine.level);
    expect(ours.level).toBe(reference.levels.values.warn);
    expect(typeof ours.time).toBe(typeof pinoLine.time);
    expect(ours.msg).toBe(pinoLine.msg);
    for (const level of ['debug', 'info', 'error'] as const) {
      const sinkOut = memoryDestination();
      new JsonSecurityLogger({ destination: sinkOut, level: 'debug' }).log(level, 'm');
      expect(sinkOut.records()[0]!.level).toBe(reference.levels.values[level]);
    }
  });

  it('can write Powertools-style string levels', () => {
    const out = memoryDestination();
    new JsonSecurityLogger({ destination: out, levelFormat: 'label' }).log('error', 'boom');
    expect(out.records()[0]!.level).toBe('ERROR');
  });

  it('filters by level and honours silent', () => {
    const out = memoryDestination();
    const logger = new JsonSecurityLogger({ destination: out, level: 'warn' });
    logger.event({ type: 'request.accepted' });
    logger.log('info', 'chatty');
    logger.event({ type: 'rate_limit.hit' });
    expect(out.records().map((r) => r.event ?? r.msg)).toEqual(['rate_limit.hit']);
    const silent = memoryDestination();
    new JsonSecurityLogger({ destination: silent, level: 'silent' }).event({ type: 'error.unhandled' });
    expect(silent.lines).toHaveLength(0);
  });

  it('redacts configured paths, secret-looking keys and secret-looking values', () => {
    const out = memoryDestination();
    const logger = new JsonSecurityLogger({ destination: out, redact: ['headers.x-tenant', 'users[*].email'] });
    logger.event({
      type: 'request.rejected',
      headers: { Authorization: 'Bearer abc.def.ghi', 'x-tenant': 'acme', accept: '*/*' },
      users: [{ email: 'a@example.com', id: 1 }],
      body: { password: 'hunter2', note: 'AKIAIOSFODNN7EXAMPLE' },
    });
    const line = out.lines[0]!;
    for (const leaked of ['abc.def.ghi', 'acme', 'a@example.com', 'hunter2', 'AKIAIOSFODNN7EXAMPLE']) expect(line).not.toContain(leaked);
    expect(JSON.parse(line).headers.accept).toBe('*/*');
  });

  it('does not let event fields overwrite level, time, msg or the request id', () => {
    const out = memoryDestination();
    new JsonSecurityLogger({ destination: out }).event({ type: 'inspection.hit', time: 'forged', msg: 'forged', requestId: 'forged', level: 'error' } as any, request());
    const record = out.records()[0]!;
    expect(record.level).toBe(50);
    expect(typeof record.time).toBe('number');
    expect(record.msg).toBe('inspection.hit');
    expect(record.requestId).toBe('8476a536-e9f4-11e8-9739-2dfe598c3fcd');
    expect(record.field_time).toBe('forged');
  });

  it('redacts secrets inside the message itself', () => {
    const out = memoryDestination();
    const logger = new JsonSecurityLogger({ destination: out });
    logger.log('error', 'upstream said: Authorization: Bearer abcdefghijklmnop1234 for AKIAIOSFODNN7EXAMPLE');
    logger.event({ type: 'auth.failure', message: 'rejected eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' });
    const text = out.lines.join('');
    for (const leaked of ['abcdefghijklmnop1234', 'AKIAIOSFODNN7EXAMPLE', 'eyJzdWIi']) expect(text).not.toContain(leaked);
  });

  it('marks a field that points back at the event itself as circular', () => {
    const out = memoryDestination();
    const event: any = { type: 'request.rejected', note: 'x' };
    event.self = event;
    new JsonSecurityLogger({ destination: out }).event(event);
    expect(out.records()[0]).toMatchObject({ note: 'x', self: '[Circular]' });
  });

  it('keeps newlines in attacker data inside the JSON string (no log injection)', () => {
    const out = memoryDestination();
    new JsonSecurityLogger({ destination: out }).event({ type: 'request.rejected', path: '/x\n{"level":30,"msg":"fake"}' });
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]!.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('never throws: cyclic, huge and hostile fields, and a destination that throws', () => {
    const out = memoryDestination();
    const logger = new JsonSecurityLogger({ destination: out });
    const cyclic: any = { a: 1 };
    cyclic.self = cyclic;
    const big = { blob: 'y'.repeat(5_000_000), list: Array.from({ length: 100_000 }, (_, i) => i) };
    expect(() => logger.event({ type: 'error.unhandled', cyclic, big, n: 1n })).not.toThrow();
    const record = out.records()[0]!;
    expect(record.cyclic.self).toBe('[Circular]');
    expect(out.lines[0]!.length).toBeLessThan(20_000);
    const broken = new JsonSecurityLogger({ destination: { write() { throw new Error('EPIPE'); } } });
    expect(() => broken.event({ type: 'error.unhandled' })).not.toThrow();
  });

  it('binds the current invocation for protections that log without the request', () => {
    const out = memoryDestination();
    const logger = new JsonSecurityLogger({ destination: out });
    logger.bindInvocation(lambdaContext({ awsRequestId: 'bound-id' }));
    logger.log('warn', 'from a protection');
    logger.bindInvocation(undefined);
    logger.log('warn', 'after');
    expect(out.records().map((r) => r.requestId)).toEqual(['bound-id', undefined]);
  });
});

describe('xrayTraceId', () => {
  it('extracts the Root segment and ignores malformed headers', () => {
    expect(xrayTraceId(TRACE_HEADER)).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(xrayTraceId('Parent=1;Sampled=0')).toBeUndefined();
    expect(xrayTraceId('')).toBeUndefined();
    expect(xrayTraceId(undefined)).toBeUndefined();
  });
});

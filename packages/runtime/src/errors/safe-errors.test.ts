import { describe, expect, it } from 'vitest';
import * as f from '../events/__tests__/fixtures.js';
import { JsonSecurityLogger } from '../log/logger.js';
import { errorStatus, exposedMessage, safeErrors } from './safe-errors.js';

function run(event: unknown, error: unknown, options = {}) {
  const out = f.memoryDestination();
  const middleware = safeErrors({ logger: new JsonSecurityLogger({ destination: out }), ...options });
  const request = { event, context: f.lambdaContext() as any, response: undefined as any, error, internal: {} };
  middleware.onError!(request);
  return { response: request.response, out };
}

describe('safeErrors', () => {
  it('turns an unhandled error into a generic 500 with the correlation id; the stack goes to the log only', () => {
    const error = new Error('connect ECONNREFUSED 10.0.3.7:5432 user=admin');
    const { response, out } = run(f.apigwRest(), error);
    expect(response.statusCode).toBe(500);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error', requestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd' });
    const record = out.records()[0]!;
    expect(record).toMatchObject({ event: 'error.unhandled', level: 50, status: 500, requestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd' });
    expect(record.error.stack).toContain('ECONNREFUSED');
  });

  it('shows the message of an explicit 4xx with expose: true (http-errors convention)', () => {
    const error = Object.assign(new Error('order 42 is already shipped'), { statusCode: 409, expose: true });
    const { response, out } = run(f.apigwHttp(), error);
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body).message).toBe('order 42 is already shipped');
    expect(out.lines).toHaveLength(0);
  });

  it.each([
    ['a 4xx without expose', Object.assign(new Error('row 42 locked by tx 9'), { statusCode: 404 }), 404, 'Not Found'],
    ['a 5xx with expose', Object.assign(new Error('db password wrong'), { statusCode: 503, expose: true }), 503, 'Service Unavailable'],
    ['a string statusCode', Object.assign(new Error('internal'), { statusCode: '400', expose: true }), 500, 'Internal Server Error'],
    ['an out-of-range statusCode', Object.assign(new Error('internal'), { statusCode: 200, expose: true }), 500, 'Internal Server Error'],
    ['a thrown string', 'raw secret string', 500, 'Internal Server Error'],
    ['null', null, 500, 'Internal Server Error'],
  ])('keeps %s generic', (_name, error, status, message) => {
    const { response } = run(f.alb(), error);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body).message).toBe(message);
    expect(response.body).not.toMatch(/row 42|password|raw secret|internal"/);
  });

  it('bounds an exposed message', () => {
    const error = Object.assign(new Error('x'.repeat(5000)), { status: 422, expose: true });
    expect(exposedMessage(error, 422)!.length).toBeLessThanOrEqual(203);
  });

  it('exposes details only in explicit development mode', () => {
    const { response } = run(f.apigwRest(), new Error('detail for devs'), { expose: true });
    const body = JSON.parse(response.body);
    expect(body.message).toBe('detail for devs');
    expect(body.error.stack[0]).toContain('detail for devs');
  });

  it('logs and leaves the error in place for async sources so Lambda retries', () => {
    const error = new Error('downstream failed');
    const { response, out } = run(f.sqs(), error);
    expect(response).toBeUndefined();
    expect(out.records()[0]).toMatchObject({ event: 'error.unhandled', source: 'sqs' });
  });

  it('does not override a response another layer already produced', () => {
    const out = f.memoryDestination();
    const middleware = safeErrors({ logger: new JsonSecurityLogger({ destination: out }) });
    const existing = { statusCode: 401, headers: {}, body: '' };
    const request = { event: f.apigwRest(), context: {}, response: existing, error: new Error('x'), internal: {} };
    middleware.onError!(request);
    expect(request.response).toBe(existing);
  });

  it('reads status only from integer 4xx/5xx', () => {
    expect(errorStatus({ status: 418 })).toBe(418);
    expect(errorStatus({ statusCode: 99 })).toBeUndefined();
    expect(errorStatus({ statusCode: 404.5 })).toBeUndefined();
    expect(errorStatus(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import * as f from '../events/__tests__/fixtures.js';
import { CorsConfigError, cors } from './cors.js';
import { securityHeaders } from './security-headers.js';

function request(event: unknown, response?: unknown) {
  return { event, context: {}, response, error: undefined, internal: {} } as any;
}

describe('securityHeaders', () => {
  it('adds the hardening headers to API responses', () => {
    const r = request(f.apigwRest(), { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
    securityHeaders().after!(r);
    expect(r.response.headers).toMatchObject({
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': expect.stringContaining("default-src 'none'"),
    });
    expect(r.response.headers['Cache-Control']).toBeUndefined();
  });

  it('lets headers the handler set win (any casing), and never duplicates them', () => {
    const r = request(f.apigwRest(), { statusCode: 200, headers: { 'content-security-policy': "default-src 'self'" }, multiValueHeaders: { 'x-frame-options': ['SAMEORIGIN'] }, body: '' });
    securityHeaders().after!(r);
    expect(r.response.headers['content-security-policy']).toBe("default-src 'self'");
    expect(r.response.headers['Content-Security-Policy']).toBeUndefined();
    expect(r.response.headers['X-Frame-Options']).toBeUndefined();
  });

  it('forces Cache-Control: no-store on error responses, replacing a cacheable value', () => {
    const r = request(f.alb(), { statusCode: 403, headers: { 'cache-control': 'public, max-age=600' }, body: '' });
    securityHeaders().onError!(r);
    expect(r.response.headers['Cache-Control']).toBe('no-store');
    expect(r.response.headers['cache-control']).toBeUndefined();
  });

  it('wraps bare API Gateway v2 / function URL results the way the platform would, so headers apply', () => {
    const r = request(f.functionUrl(), { hello: 'world' });
    securityHeaders().after!(r);
    expect(r.response).toMatchObject({ statusCode: 200, body: '{"hello":"world"}', headers: { 'content-type': 'application/json', 'X-Frame-Options': 'DENY' } });
  });

  it('leaves non-HTTP results and unhandled errors alone', () => {
    const r = request(f.sqs(), { batchItemFailures: [] });
    securityHeaders().after!(r);
    expect(r.response).toEqual({ batchItemFailures: [] });
    const failing = { ...request(f.apigwRest()), error: new Error('x') };
    securityHeaders().onError!(failing);
    expect(failing.response).toBeUndefined();
  });

  it('supports overriding and disabling headers, and refuses header injection in options', () => {
    const r = request(f.apigwRest(), { statusCode: 200, headers: {}, body: '' });
    securityHeaders({ hsts: false, referrerPolicy: 'same-origin', extra: { 'Permissions-Policy': 'geolocation=()' } }).after!(r);
    expect(r.response.headers['Strict-Transport-Security']).toBeUndefined();
    expect(r.response.headers['Referrer-Policy']).toBe('same-origin');
    expect(r.response.headers['Permissions-Policy']).toBe('geolocation=()');
    expect(() => securityHeaders({ contentSecurityPolicy: "default-src 'none'\r\nSet-Cookie: a=b" })).toThrow(TypeError);
    expect(() => securityHeaders({ extra: { 'bad name': 'x' } })).toThrow(TypeError);
  });
});

describe('cors', () => {
  const allowed = 'https://app.example.com';
  const options = { origins: [allowed, /^https:\/\/[a-z0-9-]+\.preview\.example\.com$/], credentials: true, allowHeaders: ['content-type', 'authorization'] };

  it('refuses "*" with credentials at configuration time, and other nonsense', () => {
    expect(() => cors({ origins: '*', credentials: true })).toThrow(CorsConfigError);
    expect(() => cors({ origins: ['*'], credentials: true })).toThrow(/cannot be combined with credentials/);
    expect(() => cors({ origins: [] })).toThrow(CorsConfigError);
    expect(() => cors({ origins: ['app.example.com'] })).toThrow(/not an origin/);
    expect(() => cors({ origins: ['https://a.example.com/path'] })).toThrow(/not an origin/);
    expect(() => cors({} as any)).toThrow(/origins is required/);
    expect(() => cors({ origins: ['https://a.example.com'], methods: ['GET\r\nX: y'] })).toThrow(CorsConfigError);
  });

  it('reflects an allowed origin with Vary: Origin and credentials', () => {
    const r = request(f.apigwRest({ headers: { Origin: allowed } }), { statusCode: 200, headers: { Vary: 'Accept' }, body: '' });
    cors(options).after!(r);
    expect(r.response.headers).toMatchObject({ 'Access-Control-Allow-Origin': allowed, 'Access-Control-Allow-Credentials': 'true', Vary: 'Accept, Origin' });
  });

  it('matches configured patterns and normalises case and trailing slashes', () => {
    const r = request(f.apigwHttp({ headers: { origin: 'https://pr-12.preview.example.com' } }), { statusCode: 200, headers: {}, body: '' });
    cors(options).after!(r);
    expect(r.response.headers['Access-Control-Allow-Origin']).toBe('https://pr-12.preview.example.com');
    const upper = request(f.apigwHttp({ headers: { origin: 'HTTPS://APP.EXAMPLE.COM' } }), { statusCode: 200, headers: {}, body: '' });
    cors({ origins: ['https://app.example.com/'] }).after!(upper);
    expect(upper.response.headers['Access-Control-Allow-Origin']).toBe('HTTPS://APP.EXAMPLE.COM');
  });

  it.each([
    ['another site', 'https://evil.example.net'],
    ['a look-alike suffix', 'https://app.example.com.evil.net'],
    ['the null origin', 'null'],
    ['a pattern match smuggled in a path', 'https://evil.net/x.preview.example.com'],
  ])('does not reflect %s, and strips CORS headers the handler tried to add', (_name, origin) => {
    const r = request(f.apigwRest({ headers: { Origin: origin } }), { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*', 'access-control-allow-credentials': 'true' }, body: '' });
    cors(options).after!(r);
    expect(r.response.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(r.response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(r.response.headers.Vary).toBe('Origin');
  });

  it('answers an allowed preflight itself', () => {
    const event = f.apigwRest({ httpMethod: 'OPTIONS', body: null, headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    const response = cors(options).before!(request(event)) as any;
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': allowed,
      'Access-Control-Allow-Methods': expect.stringContaining('POST'),
      'Access-Control-Allow-Headers': 'content-type, authorization',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  });

  it('answers a disallowed preflight without CORS headers, and ignores OPTIONS that is not a preflight', () => {
    const event = f.apigwHttp({ headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'DELETE' } });
    event.requestContext.http.method = 'OPTIONS';
    const r = request(event);
    const response = cors(options).before!(r) as any;
    expect(response.statusCode).toBe(204);
    expect(response.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(r.internal['fnguard.rejectedBy']).toBe('cors');
    const plainOptions = f.apigwRest({ httpMethod: 'OPTIONS', headers: { Origin: allowed } });
    expect(cors(options).before!(request(plainOptions))).toBeUndefined();
  });

  it('uses * without Vary for public APIs', () => {
    const r = request(f.apigwRest({ headers: { Origin: 'https://anyone.example' } }), { statusCode: 200, headers: {}, body: '' });
    cors({ origins: '*' }).after!(r);
    expect(r.response.headers['Access-Control-Allow-Origin']).toBe('*');
    expect(r.response.headers.Vary).toBeUndefined();
  });
});

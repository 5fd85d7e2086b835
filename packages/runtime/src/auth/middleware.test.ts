import { createHmac } from 'node:crypto';
import { exportSPKI } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from '../../test/helpers/http-server.js';
import { AUDIENCE, ISSUER, b64url, makeKey, sign, type TestKey } from '../../test/helpers/jwks.js';
import { captureLogger, httpEvent, lambdaContext, run, sqsEvent } from '../../test/helpers/lambda.js';
import { AuthError } from './errors.js';
import { jwtAuth } from './middleware.js';
import type { JwtAuthOptions } from './options.js';

let server: TestServer;
let current: TestKey;
let rotated: TestKey;
let attacker: TestKey;
let served: TestKey[];

beforeAll(async () => {
  [current, rotated, attacker] = await Promise.all([makeKey('k1'), makeKey('k2'), makeKey('k1')]);
  server = await startHttpServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: served.map((k) => k.publicJwk) }));
  });
});
afterAll(() => server.close());
beforeEach(() => {
  served = [current];
  server.requests.length = 0;
});

function setup(extra: Partial<JwtAuthOptions> = {}) {
  const { logger, events } = captureLogger();
  const mw = jwtAuth({ jwksUri: `${server.url}/.well-known/jwks.json`, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], logger, ...extra } as JwtAuthOptions);
  let handlerCalls = 0;
  const call = async (authorization?: string, context = lambdaContext()) => {
    const result = await run(mw, httpEvent({ headers: authorization === undefined ? {} : { Authorization: authorization } }), context, (_e, ctx) => {
      handlerCalls++;
      return { statusCode: 200, headers: {}, body: JSON.stringify(ctx.auth) };
    });
    return { ...result, status: result.response.statusCode as number, wwwAuth: result.response.headers?.['WWW-Authenticate'] as string | undefined };
  };
  return { mw, call, events, handlerCalls: () => handlerCalls };
}

describe('jwtAuth: valid tokens', () => {
  it('admits a token signed by the JWKS key and exposes the claims on context.auth', async () => {
    const { call, events } = setup();
    const r = await call(`Bearer ${await sign(current, { tenant: 't1' })}`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.response.body)).toMatchObject({ sub: 'user-1', tenant: 't1', iss: ISSUER, aud: AUDIENCE });
    expect(events).toEqual([]);
  });

  it('accepts the scheme in any case and fetches the JWKS once for many calls', async () => {
    const { call } = setup();
    const token = await sign(current);
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) expect((await call(`${scheme} ${token}`)).status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });

  it('tolerates clock skew within clockToleranceSec only', async () => {
    const { call } = setup({ clockToleranceSec: 30 });
    const now = Math.floor(Date.now() / 1000);
    expect((await call(`Bearer ${await sign(current, { exp: now - 10 })}`)).status).toBe(200);
    expect((await call(`Bearer ${await sign(current, { exp: now - 60 })}`)).status).toBe(401);
  });

  it('supports HS256 with a shared secret', async () => {
    const secret = 'a-shared-secret-that-is-long-enough-32b';
    const { call } = setup({ jwksUri: undefined, secret, algorithms: ['HS256'] });
    const key = { privateKey: new TextEncoder().encode(secret), alg: 'HS256' };
    expect((await call(`Bearer ${await sign(key)}`)).status).toBe(200);
    const wrong = { privateKey: new TextEncoder().encode('another-secret-that-is-also-long-enough'), alg: 'HS256' };
    expect((await call(`Bearer ${await sign(wrong)}`)).status).toBe(401);
  });

  it('reads a token from a cookie when configured', async () => {
    const { logger } = captureLogger();
    const mw = jwtAuth({ jwksUri: `${server.url}/jwks`, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], tokenFrom: { cookie: 'session' }, logger });
    const token = await sign(current);
    const ok = await run(mw, httpEvent({ cookies: ['theme=dark', `session=${token}`] }));
    expect(ok.shortCircuited).toBe(false);
    const bearerOnly = await run(mw, httpEvent({ headers: { authorization: `Bearer ${token}` } }));
    expect(bearerOnly.response.statusCode).toBe(401);
  });
});

describe('jwtAuth: rejected tokens', () => {
  const cases: Array<[string, () => Promise<string>, string]> = [
    ['signed with the wrong key (same kid)', async () => `Bearer ${await sign(attacker)}`, 'bad_signature'],
    ['expired', async () => `Bearer ${await sign(current, { exp: Math.floor(Date.now() / 1000) - 3600 })}`, 'expired'],
    ['not yet valid', async () => `Bearer ${await sign(current, { nbf: Math.floor(Date.now() / 1000) + 3600 })}`, 'not_yet_valid'],
    ['for another audience', async () => `Bearer ${await sign(current, { aud: 'api://billing' })}`, 'audience_mismatch'],
    ['from another issuer', async () => `Bearer ${await sign(current, { iss: 'https://evil.example/' })}`, 'issuer_mismatch'],
    ['without exp', async () => `Bearer ${await sign(current, {}, { omit: ['exp'] })}`, 'invalid_claims'],
    ['without kid', async () => `Bearer ${await sign({ privateKey: current.privateKey, alg: 'RS256' })}`, 'missing_kid'],
    ['with an unknown kid', async () => `Bearer ${await sign({ ...attacker, kid: 'nope' })}`, 'unknown_kid'],
    ['alg none', async () => `Bearer ${b64url({ alg: 'none', kid: 'k1' })}.${b64url({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: 9999999999 })}.`, 'alg_not_allowed'],
    ['RS512 when only RS256 is allowed', async () => `Bearer ${await sign(await makeKey('k1', 'RS512'))}`, 'alg_not_allowed'],
    ['a tampered payload', async () => {
      const [h, , s] = (await sign(current)).split('.');
      return `Bearer ${h}.${b64url({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: 9999999999 })}.${s}`;
    }, 'bad_signature'],
  ];

  it.each(cases)('rejects a token %s with 401', async (_name, token, reason) => {
    const { call, events, handlerCalls } = setup();
    const t = await token();
    const r = await call(t);
    expect(r.status).toBe(401);
    expect(r.wwwAuth).toBe('Bearer error="invalid_token"');
    expect(handlerCalls()).toBe(0);
    expect(events).toEqual([expect.objectContaining({ type: 'auth.failure', reason, status: 401 })]);
    expect(JSON.stringify(events)).not.toContain(t.slice(7, 40));
  });

  it('defeats algorithm confusion: HS256 signed with the RSA public key PEM as the secret', async () => {
    const { call, events } = setup();
    const pem = await exportSPKI(current.publicKey);
    const header = b64url({ alg: 'HS256', kid: 'k1', typ: 'JWT' });
    const payload = b64url({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 });
    const mac = createHmac('sha256', pem).update(`${header}.${payload}`).digest('base64url');
    const r = await call(`Bearer ${header}.${payload}.${mac}`);
    expect(r.status).toBe(401);
    expect(events[0]).toMatchObject({ reason: 'alg_not_allowed' });
  });

  it('answers a request without credentials with 401 and a bare Bearer challenge', async () => {
    const { call, events } = setup();
    const r = await call(undefined);
    expect(r.status).toBe(401);
    expect(r.wwwAuth).toBe('Bearer');
    expect(JSON.parse(r.response.body)).toEqual({ message: 'Unauthorized', requestId: 'req-1' });
    expect(events[0]).toMatchObject({ reason: 'missing_token' });
  });

  it.each([
    'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a.b', 'Bearer a.b.c.d', 'Bearer ...', 'Bearer a b c',
    'Bearer eyJ!!.eyJ.sig', `Bearer ${'a'.repeat(9000)}.b.c`, 'Bearer e30.e30.', `Bearer ${b64url('[1,2]')}.${b64url('{}')}.x`,
    `Bearer ${b64url('not json')}.${b64url('{}')}.x`, `Bearer ${b64url({ alg: 'RS256', kid: 'k1' })}.${b64url('not json')}.AAAA`,
    `Bearer ${b64url({ alg: 'RS256', kid: 'k1' })}.${b64url('[]')}.AAAA`, 'Bearer \u0000.\u0000.\u0000',
  ])('rejects garbage %#', async (garbage) => {
    const { call, handlerCalls } = setup();
    const r = await call(garbage);
    expect(r.status).toBe(401);
    expect(handlerCalls()).toBe(0);
  });

  it('clears a context.auth that someone set before it on failure', async () => {
    const { call } = setup();
    const context = lambdaContext({ auth: { sub: 'forged' } });
    await call('Bearer nope', context);
    expect(context.auth).toBeUndefined();
  });

  it('throws AuthError for non-HTTP events instead of returning a response', async () => {
    const mw = jwtAuth({ jwksUri: `${server.url}/jwks`, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], tokenFrom: () => undefined, logger: captureLogger().logger });
    await expect(run(mw, sqsEvent)).rejects.toBeInstanceOf(AuthError);
  });
});

describe('jwtAuth: JWKS rotation and availability', () => {
  it('refetches the JWKS when a token names a kid it has not seen (key rotation)', async () => {
    const { call } = setup({ jwksCooldownMs: 0 });
    expect((await call(`Bearer ${await sign(current)}`)).status).toBe(200);
    served = [current, rotated];
    expect((await call(`Bearer ${await sign(rotated)}`)).status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('does not refetch on every unknown kid within the cooldown (no amplification)', async () => {
    const { call } = setup({ jwksCooldownMs: 60_000 });
    await call(`Bearer ${await sign(current)}`);
    for (let i = 0; i < 10; i++) expect((await call(`Bearer ${await sign({ ...attacker, kid: `rand-${i}` })}`)).status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  it('answers 503 when the JWKS cannot be fetched', async () => {
    const down = await startHttpServer((_req, res) => { res.statusCode = 500; res.end('oops'); });
    const { logger, events } = captureLogger();
    const mw = jwtAuth({ jwksUri: `${down.url}/jwks`, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], logger });
    await down.close();
    const r = await run(mw, httpEvent({ headers: { authorization: `Bearer ${await sign(current)}` } }));
    expect(r.response.statusCode).toBe(503);
    expect(events[0]).toMatchObject({ type: 'auth.failure', reason: 'jwks_unavailable', level: 'error' });
  });

  it('works with an inline JWKS', async () => {
    const mw = jwtAuth({ jwks: { keys: [current.publicJwk] }, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] });
    expect((await run(mw, httpEvent({ headers: { authorization: `Bearer ${await sign(current)}` } }))).shortCircuited).toBe(false);
  });

  it('verifies ES256 keys too', async () => {
    const ec = await makeKey('ec1', 'ES256');
    const mw = jwtAuth({ jwks: { keys: [ec.publicJwk] }, issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'], logger: captureLogger().logger });
    expect((await run(mw, httpEvent({ headers: { authorization: `Bearer ${await sign(ec)}` } }))).shortCircuited).toBe(false);
    expect((await run(mw, httpEvent({ headers: { authorization: `Bearer ${await sign(current)}` } }))).response.statusCode).toBe(401);
  });
});

describe('jwtAuth: scopes and claims', () => {
  it('answers 403 with an insufficient_scope challenge when a scope is missing', async () => {
    const { call, events } = setup({ requiredScopes: ['orders:read', 'orders:write'] });
    const r = await call(`Bearer ${await sign(current, { scope: 'orders:read profile' })}`);
    expect(r.status).toBe(403);
    expect(r.wwwAuth).toBe('Bearer error="insufficient_scope", scope="orders:write"');
    expect(events[0]).toMatchObject({ reason: 'insufficient_scope', missing: ['orders:write'] });
  });

  it('accepts scopes from scp as an array or string', async () => {
    const { call } = setup({ requiredScopes: ['orders:read', 'orders:write'] });
    expect((await call(`Bearer ${await sign(current, { scp: ['orders:read', 'orders:write'] })}`)).status).toBe(200);
    expect((await call(`Bearer ${await sign(current, { scp: 'orders:write orders:read' })}`)).status).toBe(200);
    // a scope name smuggled as a substring does not count
    expect((await call(`Bearer ${await sign(current, { scope: 'orders:readorders:write' })}`)).status).toBe(403);
    expect((await call(`Bearer ${await sign(current, { scope: { 'orders:read': true } })}`)).status).toBe(403);
  });

  it('checks required claim values (403) and presence (401)', async () => {
    const { call } = setup({ requiredClaims: { tenant: 't1', groups: 'admin', email_verified: (v) => v === true } });
    expect((await call(`Bearer ${await sign(current, { tenant: 't1', groups: ['staff', 'admin'], email_verified: true })}`)).status).toBe(200);
    expect((await call(`Bearer ${await sign(current, { tenant: 't2', groups: ['admin'], email_verified: true })}`)).status).toBe(403);
    expect((await call(`Bearer ${await sign(current, { tenant: 't1', groups: ['admin'], email_verified: 'true' })}`)).status).toBe(403);
    expect((await call(`Bearer ${await sign(current, { tenant: 't1', groups: ['admin'] })}`)).status).toBe(401);
    const presence = setup({ requiredClaims: ['tenant'] });
    expect((await presence.call(`Bearer ${await sign(current)}`)).status).toBe(401);
  });

  it('treats a throwing claim predicate as a denial', async () => {
    const { call } = setup({ requiredClaims: { tenant: (v) => (v as string).startsWith('t') } });
    expect((await call(`Bearer ${await sign(current, { tenant: 42 })}`)).status).toBe(403);
  });
});

describe('jwtAuth: configuration safety', () => {
  const base = { jwksUri: 'https://idp.example/jwks', issuer: ISSUER, audience: AUDIENCE };
  it.each<[string, Partial<JwtAuthOptions>]>([
    ['no algorithms', { algorithms: [] as never }],
    ['alg none', { algorithms: ['none' as never] }],
    ['mixed HS and RS', { algorithms: ['RS256', 'HS256'] }],
    ['HS256 with a JWKS', { algorithms: ['HS256'] }],
    ['RS256 with a secret', { jwksUri: undefined, secret: 'x'.repeat(40), algorithms: ['RS256'] }],
    ['short HMAC secret', { jwksUri: undefined, secret: 'short', algorithms: ['HS256'] }],
    ['two key sources', { secret: 'x'.repeat(40), algorithms: ['RS256'] }],
    ['no issuer', { issuer: '' , algorithms: ['RS256'] }],
    ['no audience', { audience: [] as never, algorithms: ['RS256'] }],
    ['http JWKS off loopback', { jwksUri: 'http://idp.example/jwks', algorithms: ['RS256'] }],
    ['unknown algorithm', { algorithms: ['XS256' as never] }],
    ['absurd clock tolerance', { algorithms: ['RS256'], clockToleranceSec: 86_400 }],
  ])('refuses %s', (_name, override) => {
    expect(() => jwtAuth({ ...base, ...override } as JwtAuthOptions)).toThrow(TypeError);
  });
});

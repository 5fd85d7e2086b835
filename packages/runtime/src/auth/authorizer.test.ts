import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestServer } from '../../test/helpers/http-server.js';
import { AUDIENCE, ISSUER, makeKey, sign, type TestKey } from '../../test/helpers/jwks.js';
import { captureLogger } from '../../test/helpers/lambda.js';
import { createAuthorizer, type AuthorizerOptions, type PolicyResponse, type SimpleResponse } from './authorizer.js';

const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/orders';
const ROUTE_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/$default/GET/orders';
let server: TestServer;
let key: TestKey;
let other: TestKey;

beforeAll(async () => {
  [key, other] = await Promise.all([makeKey('k1'), makeKey('k1')]);
  server = await startHttpServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ keys: [key.publicJwk] })); });
});
afterAll(() => server.close());

function authorizer(extra: Partial<AuthorizerOptions> = {}) {
  const { logger, events } = captureLogger();
  const handler = createAuthorizer({ jwksUri: `${server.url}/jwks`, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], logger, ...extra } as AuthorizerOptions);
  return { handler, events };
}

describe('createAuthorizer: REST API (TOKEN / REQUEST)', () => {
  it('returns an Allow policy for the method ARN with claims flattened to strings', async () => {
    const { handler } = authorizer();
    const token = await sign(key, { scope: 'orders:read', roles: ['a', 'b'], org: { id: 7 }, level: 3, admin: false });
    const result = (await handler({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN })) as PolicyResponse;
    expect(result.principalId).toBe('user-1');
    expect(result.policyDocument).toEqual({ Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }] });
    expect(result.context).toMatchObject({ sub: 'user-1', scope: 'orders:read', roles: '["a","b"]', org: '{"id":7}', level: '3', admin: 'false' });
    expect(Object.values(result.context!).every((v) => typeof v === 'string')).toBe(true);
  });

  it('reads the Authorization header of a REQUEST event', async () => {
    const { handler } = authorizer();
    const result = (await handler({ type: 'REQUEST', methodArn: METHOD_ARN, headers: { authorization: `Bearer ${await sign(key)}` } })) as PolicyResponse;
    expect(result.policyDocument.Statement[0]!.Effect).toBe('Allow');
  });

  it.each([
    ['no token', undefined],
    ['garbage', 'Bearer garbage'],
    ['wrong key', 'WRONG'],
    ['not bearer', 'Basic dXNlcjpwYXNz'],
  ])('throws "Unauthorized" (API Gateway answers 401) for %s', async (_name, value) => {
    const { handler, events } = authorizer();
    const authorizationToken = value === 'WRONG' ? `Bearer ${await sign(other)}` : value;
    await expect(handler({ type: 'TOKEN', methodArn: METHOD_ARN, ...(authorizationToken ? { authorizationToken } : {}) })).rejects.toThrow(/^Unauthorized$/);
    expect(events[0]).toMatchObject({ type: 'auth.failure' });
  });

  it('returns a Deny policy (API Gateway answers 403) when a scope is missing', async () => {
    const { handler } = authorizer({ requiredScopes: ['orders:write'] });
    const result = (await handler({ type: 'TOKEN', authorizationToken: `Bearer ${await sign(key, { scope: 'orders:read' })}`, methodArn: METHOD_ARN })) as PolicyResponse;
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: METHOD_ARN });
    expect(result.context).toBeUndefined();
  });

  it('lets the allowed resource be widened explicitly for cached authorizers', async () => {
    const { handler } = authorizer({ resource: (arn) => `${arn.split('/').slice(0, 2).join('/')}/*` });
    const result = (await handler({ type: 'TOKEN', authorizationToken: `Bearer ${await sign(key)}`, methodArn: METHOD_ARN })) as PolicyResponse;
    expect(result.policyDocument.Statement[0]!.Resource).toBe('arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/*');
  });

  it('refuses events that are not authorizer events', async () => {
    const { handler } = authorizer();
    await expect(handler({ authorizationToken: `Bearer ${await sign(key)}` })).rejects.toThrow('Unauthorized');
    await expect(handler(null)).rejects.toThrow('Unauthorized');
    await expect(handler('x')).rejects.toThrow('Unauthorized');
  });
});

describe('createAuthorizer: HTTP API (payload 2.0)', () => {
  const v2 = (authorization?: string) => ({ version: '2.0', type: 'REQUEST', routeArn: ROUTE_ARN, identitySource: authorization ? [authorization] : [], headers: authorization ? { authorization } : {} });

  it('answers in the simple response format', async () => {
    const { handler } = authorizer({ simpleResponse: true });
    const ok = (await handler(v2(`Bearer ${await sign(key, { tenant: 't1' })}`))) as SimpleResponse;
    expect(ok).toMatchObject({ isAuthorized: true, context: { sub: 'user-1', tenant: 't1' } });
    expect(await handler(v2('Bearer nope'))).toEqual({ isAuthorized: false });
    expect(await handler(v2(`Bearer ${await sign(other)}`))).toEqual({ isAuthorized: false });
  });

  it('returns IAM policies on the route ARN without simple responses', async () => {
    const { handler } = authorizer();
    const ok = (await handler(v2(`Bearer ${await sign(key)}`))) as PolicyResponse;
    expect(ok.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: ROUTE_ARN });
    const denied = (await handler(v2('Bearer nope'))) as PolicyResponse;
    expect(denied.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: ROUTE_ARN });
  });
});

import { describe, expect, it } from 'vitest';
import { httpEvent, lambdaContext } from '../../test/helpers/lambda.js';
import { resolveKey } from './keys.js';

describe('rate limit key resolution', () => {
  it('hashes identities into short, fixed-shape store keys whatever the caller sends', async () => {
    for (const hostile of ['x'.repeat(100_000), 'a:b*{}\r\n\u0000', '🦄'.repeat(50), '../../etc', '*']) {
      const resolved = await resolveKey(() => hostile, {}, lambdaContext());
      expect(resolved?.storeKey).toMatch(/^custom:[A-Za-z0-9_-]{32}$/);
    }
  });

  it('keeps log keys readable for IPs but bounded for long identities', async () => {
    expect((await resolveKey('sourceIp', httpEvent({ sourceIp: '198.51.100.4' }), lambdaContext()))?.logKey).toBe('198.51.100.4');
    expect((await resolveKey(() => 'u'.repeat(500), {}, lambdaContext()))?.logKey).toMatch(/^sha256:/);
  });

  it('treats non-string or empty identities as missing', async () => {
    for (const odd of [undefined, '', 42, { id: 1 }, null]) {
      expect(await resolveKey(() => odd as never, {}, lambdaContext())).toBeUndefined();
    }
  });

  it('does not confuse the same value across key kinds', async () => {
    const asIp = await resolveKey('sourceIp', httpEvent({ sourceIp: '1.2.3.4' }), lambdaContext());
    const asCustom = await resolveKey(() => '1.2.3.4', {}, lambdaContext());
    expect(asIp?.storeKey).not.toBe(asCustom?.storeKey);
  });

  it('copes with malformed envelopes', async () => {
    for (const event of [null, 'str', 42, [], { requestContext: 'x' }, { requestContext: { http: { sourceIp: 7 } } }, { headers: null, requestContext: { identity: null } }]) {
      expect(await resolveKey('sourceIp', event, lambdaContext())).toBeUndefined();
      expect(await resolveKey('apiKey', event, lambdaContext())).toBeUndefined();
      expect(await resolveKey('user', event, lambdaContext({ auth: 'not-an-object' }))).toBeUndefined();
    }
  });

  it('reads the API Gateway usage-plan key or the x-api-key header in any case', async () => {
    const header = await resolveKey('apiKey', httpEvent({ headers: { 'X-API-KEY': 'k1' } }), lambdaContext());
    const v1 = await resolveKey('apiKey', { httpMethod: 'GET', path: '/', requestContext: { identity: { apiKey: 'k1' } } }, lambdaContext());
    expect(header?.storeKey).toBe(v1?.storeKey);
  });
});

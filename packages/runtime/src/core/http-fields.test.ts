import { describe, expect, it } from 'vitest';
import { getCookie, getHeader, getSourceIp } from './http-fields.js';

describe('http field readers', () => {
  it('finds headers case-insensitively, including multi-value headers', () => {
    expect(getHeader({ headers: { AUTHORIZATION: 'a' } }, 'authorization')).toBe('a');
    expect(getHeader({ multiValueHeaders: { 'x-api-key': ['k', 'k2'] } }, 'X-Api-Key')).toBe('k');
  });

  it('ignores non-string header values and malformed envelopes', () => {
    expect(getHeader({ headers: { authorization: ['x'] } }, 'authorization')).toBeUndefined();
    expect(getHeader({ headers: { authorization: 5 } }, 'authorization')).toBeUndefined();
    for (const event of [null, undefined, 'x', 1, [], { headers: 'x' }, { headers: null }, { multiValueHeaders: { a: 'not-array' } }]) {
      expect(getHeader(event, 'a')).toBeUndefined();
    }
  });

  it('parses cookies from the v2 array and the Cookie header, tolerating junk', () => {
    expect(getCookie({ cookies: ['a=1', 'session=abc'] }, 'session')).toBe('abc');
    expect(getCookie({ headers: { cookie: 'junk; =x; a=1; session=v=with=equals' } }, 'session')).toBe('v=with=equals');
    expect(getCookie({ cookies: [1, null, 'x'] }, 'x')).toBeUndefined();
    expect(getCookie({ headers: { cookie: 'sessionx=1' } }, 'session')).toBeUndefined();
  });

  it('takes the source IP from the request context, never from client headers for API Gateway', () => {
    expect(getSourceIp({ requestContext: { http: { sourceIp: '1.1.1.1' } }, headers: { 'x-forwarded-for': '9.9.9.9' } })).toBe('1.1.1.1');
    expect(getSourceIp({ requestContext: { identity: { sourceIp: '2.2.2.2' } } })).toBe('2.2.2.2');
    expect(getSourceIp({ requestContext: {}, headers: { 'x-forwarded-for': '9.9.9.9' } })).toBeUndefined();
    expect(getSourceIp({ requestContext: { elb: {} }, headers: { 'x-forwarded-for': '9.9.9.9, 3.3.3.3' } })).toBe('3.3.3.3');
    expect(getSourceIp({ requestContext: { elb: {} }, headers: { 'x-forwarded-for': ' , ' } })).toBeUndefined();
  });
});

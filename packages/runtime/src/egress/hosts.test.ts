import { describe, expect, it } from 'vitest';
import { HostAllowList, normaliseHost, parseHostRule } from './hosts.js';

describe('host allow-list', () => {
  const list = new HostAllowList(['api.stripe.com', '*.amazonaws.com', '10.0.0.0/8', '2001:db8::/32', '203.0.113.7', 'db.internal:5432', '[::1]:8080']);

  it.each([
    ['api.stripe.com', undefined], ['API.Stripe.COM', 443], ['api.stripe.com.', 443],
    ['sqs.eu-west-1.amazonaws.com', 443], ['a.b.c.amazonaws.com', undefined],
    ['10.1.2.3', 80], ['::ffff:10.9.9.9', 80], ['2001:db8::1', 443], ['[2001:db8::5]', 443],
    ['203.0.113.7', 22], ['db.internal', 5432], ['::1', 8080], ['[::1]', 8080],
  ])('allows %s (port %s)', (host, port) => {
    expect(list.allows(host, port)).toBe(true);
  });

  it.each([
    ['amazonaws.com', 443, 'bare suffix is not covered by *.'],
    ['evilamazonaws.com', 443, 'suffix must start at a label boundary'],
    ['amazonaws.com.evil.example', 443, 'prefix match is not a match'],
    ['api.stripe.com.evil.example', 443, ''],
    ['stripe.com', 443, ''],
    ['xapi.stripe.com', 443, ''],
    ['11.0.0.1', 80, 'outside CIDR'],
    ['203.0.113.8', 80, ''],
    ['2130706433', 80, 'decimal IPv4 form is just a name'],
    ['0x0a000001', 80, 'hex form is just a name'],
    ['db.internal', 5433, 'wrong port'],
    ['::1', 80, 'wrong port'],
    ['', 80, 'empty'],
    ['localhost', 80, ''],
    ['169.254.169.254', 80, 'instance metadata'],
  ])('blocks %s (port %s) %s', (host, port) => {
    expect(list.allows(host, port)).toBe(false);
  });

  it('a wildcard on an IP-looking suffix does not match IP literals', () => {
    expect(new HostAllowList(['*.0.0.1']).allows('127.0.0.1')).toBe(false);
  });

  it('normalises case, brackets, trailing dots and IPv4-mapped IPv6', () => {
    expect(normaliseHost('[::FFFF:192.0.2.1]')).toEqual({ name: '192.0.2.1', family: 4 });
    expect(normaliseHost('Example.COM.')).toEqual({ name: 'example.com', family: 0 });
  });

  it.each(['', '*', '*.com', 'a*.example.com', 'exa mple.com', '10.0.0.0/33', '10.0.0.0/x', 'host:99999', 'host:abc', '*.', 'ex..ample.com'])('rejects the pattern %j', (pattern) => {
    expect(() => parseHostRule(pattern)).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { PathMatcher, REDACTED, compilePath, isSecretKey, looksHighEntropy, redactValue } from './redact.js';
import { sanitize } from './sanitize.js';

const none = new PathMatcher([]);

describe('redaction paths', () => {
  it('redacts configured paths, including wildcards and array wildcards', () => {
    const matcher = new PathMatcher(['headers.x-custom', '*.pin', 'a.b[*].c', 'list[1]', 'h["x-weird.key"]']);
    const out = sanitize(
      {
        headers: { 'X-Custom': 'top', other: 'keep' },
        user: { pin: '1234', name: 'ann' },
        a: { b: [{ c: 'one', d: 'keep' }, { c: 'two' }] },
        list: ['keep', 'drop', 'keep'],
        h: { 'x-weird.key': 'drop' },
      },
      matcher,
    ) as any;
    expect(out.headers).toEqual({ 'X-Custom': REDACTED, other: 'keep' });
    expect(out.user).toEqual({ pin: REDACTED, name: 'ann' });
    expect(out.a.b).toEqual([{ c: REDACTED, d: 'keep' }, { c: REDACTED }]);
    expect(out.list).toEqual(['keep', REDACTED, 'keep']);
    expect(out.h).toEqual({ 'x-weird.key': REDACTED });
  });

  it('keeps wildcards to exactly one level, like pino', () => {
    const out = sanitize({ deep: { inner: { pin: 'x' } } }, new PathMatcher(['*.pin'])) as any;
    expect(out.deep.inner.pin).toBe('x');
  });

  it.each(['', '.a', 'a.', 'a..b', 'a[', 'a[x]', 'a[*'])('rejects the malformed path %j at configuration time', (path) => {
    expect(() => compilePath(path)).toThrow(/invalid redaction path/);
  });
});

describe('secret key names', () => {
  it.each(['password', 'Password', 'db_passwd', 'clientSecret', 'access_token', 'refreshToken', 'Authorization', 'cookie', 'Set-Cookie', 'x-api-key', 'apiKey', 'private_key', 'credentials', 'sessionId', 'X-Amz-Security-Token', 'signature', 'otp', 'mfa_otp'])(
    'treats %s as secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(['name', 'passenger', 'path', 'status', 'requestId', 'method', 'user', 'items', 'footprint'])('keeps %s', (key) => expect(isSecretKey(key)).toBe(false));

  it('redacts by key name at any depth even without configured paths', () => {
    const out = sanitize({ a: { b: { c: { password: 'hunter2', note: 'ok' } } }, headers: { Authorization: 'x' } }, none) as any;
    expect(out.a.b.c).toEqual({ password: REDACTED, note: 'ok' });
    expect(out.headers.Authorization).toBe(REDACTED);
  });
});

describe('secret value shapes', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
  it.each([
    ['a JWT inside text', `token was ${jwt} at login`],
    ['an AWS access key id', 'using AKIAIOSFODNN7EXAMPLE for s3'],
    ['a temporary AWS key id', 'key ASIAY34FZKBOKMUTVV7A here'],
    ['a bearer token', 'Authorization: Bearer abcdef0123456789xyz'],
    ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'],
    ['a GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['an AWS secret access key', 'secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in env'],
    ['a random 64-char hex key', 'k=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ])('redacts %s', (_name, text) => {
    const out = redactValue(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(/eyJzdWIi|AKIAIOSFODNN7EXAMPLE|ASIAY34FZKBOKMUTVV7A|abcdef0123456789xyz|MIIEowIBAAKCAQEA|ghp_abc|wJalrXUtnFEMI|9f86d081884c7d65/);
  });

  it.each([
    ['a UUID request id', '8476a536-e9f4-11e8-9739-2dfe598c3fcd'],
    ['an X-Ray trace id', '1-5759e988-bd862e3fe1be46a994272793'],
    ['an ARN', 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api'],
    ['a sentence', 'the quick brown fox jumps over the lazy dog several times'],
    ['a long camelCase identifier', 'ThisIsAVeryLongCamelCaseIdentifierNameForTesting'],
    ['a URL path', '/orders/42/items/7/shipping-address'],
  ])('keeps %s', (_name, text) => {
    expect(redactValue(text)).toBe(text);
  });

  it('does not call dashed hex identifiers high-entropy', () => {
    expect(looksHighEntropy('0a1b2c3d-4e5f-6789-abcd-ef0123456789')).toBe(false);
  });
});

describe('sanitize never throws and stays bounded', () => {
  it('marks cycles', () => {
    const a: any = { name: 'a' };
    a.self = a;
    a.list = [a];
    expect(sanitize(a, none)).toEqual({ name: 'a', self: '[Circular]', list: ['[Circular]'] });
  });

  it('keeps shared (non-cyclic) references', () => {
    const shared = { v: 1 };
    expect(sanitize({ x: shared, y: shared }, none)).toEqual({ x: { v: 1 }, y: { v: 1 } });
  });

  it('survives throwing getters, BigInt, symbols, functions, NaN, dates, buffers, maps', () => {
    const hostile = {
      get boom() {
        throw new Error('getter');
      },
      big: 10n ** 30n,
      sym: Symbol('s'),
      fn() {},
      nan: Number.NaN,
      date: new Date(0),
      bad: new Date(Number.NaN),
      buf: Buffer.from('secret bytes'),
      map: new Map([[1, 2]]),
    };
    const out = sanitize(hostile, none) as any;
    expect(out.boom).toBe('[Throws]');
    expect(out.big).toBe('1000000000000000000000000000000');
    expect(out.fn).toBe('[Function]');
    expect(out.nan).toBe('NaN');
    expect(out.date).toBe('1970-01-01T00:00:00.000Z');
    expect(out.bad).toBe('Invalid Date');
    expect(out.buf).toBe('[Binary 12 bytes]');
    expect(out.map).toBe('[Map size=1]');
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('survives a proxy whose ownKeys trap throws', () => {
    const proxy = new Proxy({}, { ownKeys() { throw new Error('nope'); } });
    expect(sanitize({ p: proxy }, none)).toEqual({ p: '[Unreadable]' });
  });

  it('bounds depth, width, array length, string length and total work', () => {
    let deep: any = { leaf: true };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const out = sanitize({ deep, wide, arr: new Array(10_000).fill(1), str: 'x'.repeat(100_000) }, none) as any;
    const text = JSON.stringify(out);
    expect(text).toContain('[Object]');
    expect(Object.keys(out.wide)).toHaveLength(65);
    expect(out.arr).toHaveLength(65);
    expect(out.str.length).toBeLessThan(2200);
    expect(text.length).toBeLessThan(30_000);

    const huge = Array.from({ length: 200 }, () => Array.from({ length: 200 }, () => ({ a: 1 })));
    const bounded = JSON.stringify(sanitize(huge, none));
    expect(bounded).toContain('[Truncated]');
  });

  it('serialises errors with name, message, stack and cause, redacting secrets in the message', () => {
    const error = new Error('login failed for password=x token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghij', { cause: new TypeError('inner') });
    (error as any).statusCode = 401;
    const out = sanitize({ error }, none) as any;
    expect(out.error.name).toBe('Error');
    expect(out.error.statusCode).toBe(401);
    expect(out.error.cause).toMatchObject({ name: 'TypeError', message: 'inner' });
    expect(out.error.message).not.toContain('eyJzdWIi');
    expect(typeof out.error.stack).toBe('string');
  });
});

describe('redaction at the truncation boundary', () => {
  it('redacts a token that straddles the string length limit', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFubiJ9.c2lnbmF0dXJlLXBhcnQtbG9uZy1lbm91Z2g';
    const text = `${'a '.repeat(1010)}${jwt}${' tail'.repeat(2000)}`;
    const out = sanitize({ text }, none) as { text: string };
    expect(out.text).not.toContain('eyJzdWIi');
    expect(out.text.length).toBeLessThan(2100);
  });
});

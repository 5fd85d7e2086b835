import { describe, expect, it } from 'vitest';
import { classifyHost, detectSsrf, parseIpv4 } from './ssrf.js';

describe('IPv4 spellings', () => {
  it('parses inet_aton forms', () => {
    expect(parseIpv4('2130706433')?.addr).toBe(0x7f000001);
    expect(parseIpv4('0x7f.1')?.addr).toBe(0x7f000001);
    expect(parseIpv4('0177.0.0.1')?.addr).toBe(0x7f000001);
    expect(parseIpv4('169.254.43518')?.addr).toBe(0xa9fea9fe);
    expect(parseIpv4('1.2.3.4')).toEqual({ addr: 0x01020304, unusual: false });
    expect(parseIpv4('1.2.3.256')).toBeUndefined();
    expect(parseIpv4('a.b.c.d')).toBeUndefined();
  });
  it('classifies hosts', () => {
    expect(classifyHost('[::ffff:a9fe:a9fe]')).toBe('internal');
    expect(classifyHost('[::1]')).toBe('internal');
    expect(classifyHost('ⓛⓞⓒⓐⓛⓗⓞⓢⓣ')).toBe('internal');
    expect(classifyHost('metadata.google.internal')).toBe('internal');
    expect(classifyHost('169.254.169.254.nip.io')).toBe('internal');
    expect(classifyHost('0x08080808')).toBe('obfuscated');
    expect(classifyHost('example.com')).toBeUndefined();
    expect(classifyHost('8.8.8.8')).toBeUndefined();
  });
});

describe('detectSsrf', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/',
    'http://0xA9FEA9FE/',
    'http://0251.0376.0251.0376/',
    'http://[::ffff:169.254.169.254]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://localhost:8080/admin',
    'http://127.1/',
    'http://0.0.0.0:22',
    'http://[::1]/',
    'http://10.0.0.5/internal',
    'http://192.168.1.1/',
    'http://evil.example@127.0.0.1/',
    'http://127.1.1.1:80\\@example.com/',
    'file:///etc/passwd',
    'gopher://example.com:6379/_INFO',
    'dict://example.com:11211/stat',
    'localhost/admin',
    'http:127.0.0.1',
  ])('catches %s', (value) => {
    expect(detectSsrf(value)).toBeDefined();
  });

  it.each([
    'https://example.com/image.png',
    'https://api.github.com/repos/x/y',
    'http://8.8.8.8/dns',
    '2852039166',
    '10:30',
    '12:30:45',
    'Size: 8',
    'see https://docs.example.org/guide#intro',
    'user@[192.168.1.1]',
    'data://text/plain;base64,SGVsbG8=',
    'metadata',
  ])('passes %j', (value) => {
    expect(detectSsrf(value)).toBeUndefined();
  });
});

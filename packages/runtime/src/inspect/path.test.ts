import { describe, expect, it } from 'vitest';
import { detectLfi } from './path.js';
import { inspectValue } from './value.js';

describe('detectLfi', () => {
  it.each([
    '../../../etc/passwd',
    '..\\..\\..\\windows\\win.ini',
    '....//....//etc/passwd',
    '/etc/shadow',
    '/proc/self/environ',
    'C:/windows/system32/drivers/etc/hosts',
    'c:WINDOWS/system32/',
    '/root/.ssh/id_rsa',
    '/.env',
    '/var/www/html/.git/config',
    'file:///etc/passwd',
    'uploads/photo.png\u0000.php',
    '/..0x2f..0x2fboot.ini',
  ])('catches %j', (value) => {
    expect(detectLfi(value)).toBeDefined();
  });

  it.each([
    '/css/style.css',
    '/get/foo../1234',
    '/get/..foo',
    'foo...',
    'firstname.dockery@host.tld',
    'C:\\Users\\me\\notes.txt',
    'text/plain, text/html',
    '1/8-inch',
    '.select-gws-banana',
    'https://example.com/.well-known/openid-configuration',
    'report.final.v2.pdf',
  ])('passes %j', (value) => {
    expect(detectLfi(value)).toBeUndefined();
  });

  it('does not treat the request path as a user-supplied file path', () => {
    expect(detectLfi('/usr/profile/settings', { urlPath: true })).toBeUndefined();
    expect(detectLfi('/usr/profile/settings')).toBeDefined();
    expect(detectLfi('/@fs/etc/passwd', { urlPath: true })).toBeDefined();
  });

  it('sees encoded traversal after decoding', () => {
    for (const value of ['..%2f..%2fetc%2fpasswd', '%252e%252e%252fetc%252fpasswd', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '..%u2216..%u2216boot.ini']) {
      expect(inspectValue(value, { families: ['lfi'] }).map((d) => d.family), value).toEqual(['lfi']);
    }
  });
});

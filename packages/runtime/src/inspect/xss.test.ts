import { describe, expect, it } from 'vitest';
import { detectXss, scanTags } from './xss.js';
import { inspectValue } from './value.js';

describe('HTML tokeniser', () => {
  it('reads attributes the way a lenient browser does', () => {
    expect(scanTags('<svg/onload=alert(1)>')).toEqual([{ name: 'svg', attributes: [{ name: 'onload', value: 'alert(1)' }] }]);
    expect(scanTags('<img src="x" onerror=\'y\'')[0]!.attributes.map((a) => a.name)).toEqual(['src', 'onerror']);
  });
});

describe('detectXss', () => {
  it.each([
    '<script>alert(1)</script>',
    '"><svg/onload=alert(1)>',
    '<img src=x onerror=alert(1)>',
    '<x onxxx=1',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" jav&#x09;ascript:alert(1)">',
    '<iframe srcdoc="<script>alert(1)</script>">',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    'javascript:alert(document.cookie)',
    '" onmouseover="alert(1)',
    '<div style="background:url(javascript:alert(1))">',
    '<div style="width:expression(alert(1))">',
    "eval('2+2')",
    '[].sort.call`${alert}1337`',
  ])('catches %s', (value) => {
    expect(inspectValue(value, { families: ['xss'] }).length).toBe(1);
  });

  it('decodes entities, escapes and full-width forms before judging', () => {
    for (const value of ['&lt;script&gt;alert(1)&lt;/script&gt;', '\\u003cscript\\u003e', '＜script＞alert(1)＜/script＞', '%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      expect(inspectValue(value, { families: ['xss'] }).length, value).toBe(1);
    }
  });

  it.each([
    'I Love you <3',
    '123<456',
    'result = (x < 5) ? yes : no',
    '<b>bold</b> and <i>italic</i>',
    '<a href="https://example.com">link</a>',
    '<?xml version="1.0"?><svg></svg>',
    'style=background:url(http://example.com/x)',
    '/get/javascript-manual/document.cookie',
    'Call me on 555-0100 (after 5pm)',
    '[link](https://example.com)',
    'budget foo)</bar>',
    'the onion = tasty',
  ])('passes %j', (value) => {
    expect(detectXss(value)).toBeUndefined();
  });
});

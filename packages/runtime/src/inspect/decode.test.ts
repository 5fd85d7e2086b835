import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeHtmlEntities, decodeJsEscapes, foldUnicode, percentDecodeDeep, percentDecodeOnce } from './decode.js';

describe('decoders', () => {
  it('percent-decodes once, repeatedly up to a bound, and tolerates garbage', () => {
    expect(percentDecodeOnce('a%20b%2')).toBe('a b%2');
    expect(percentDecodeOnce('%zz%')).toBe('%zz%');
    expect(percentDecodeDeep('%25252e')).toBe('.');
    expect(percentDecodeDeep('%2525252e', 2)).toBe('%252e');
    expect(percentDecodeOnce('%u002e%u002E')).toBe('..');
    expect(percentDecodeOnce('%c0%ae%c0%af')).toBe('./');
    expect(percentDecodeOnce('%ff%fe')).toBe('\ufffd\ufffd');
  });
  it('decodes HTML entities the lenient way browsers do', () => {
    expect(decodeHtmlEntities('&lt;a&gt; &#106&#97;&#x76;a &colon; &bogus;')).toBe('<a> java : &bogus;');
    expect(decodeHtmlEntities('&#99999999999;')).toBe('&#99999999999;');
  });
  it('decodes JavaScript escapes', () => {
    expect(decodeJsEscapes('__\\u0070roto__ \\x3c \\u{3c}')).toBe('__proto__ < <');
  });
  it('decodes base64 strictly', () => {
    expect(decodeBase64(Buffer.from('hello').toString('base64'))).toBe('hello');
    expect(decodeBase64('not base64!')).toBeUndefined();
    expect(decodeBase64('a')).toBeUndefined();
    expect(decodeBase64('')).toBeUndefined();
  });
  it('folds full-width and enclosed forms and drops NUL', () => {
    expect(foldUnicode('＜script＞')).toBe('<script>');
    expect(foldUnicode('①②⑦')).toBe('127');
    expect(foldUnicode('a\u0000b')).toBe('ab');
  });
});

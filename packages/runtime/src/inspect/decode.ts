/**
 * Decoders that turn what the client sent into what a downstream interpreter would finally see.
 * Every decoder is total (never throws on malformed input) and linear in the input length,
 * because it runs on attacker-controlled bytes before any validation.
 */

import { codeAt } from './chars.js';

const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Overlong UTF-8 forms (`%c0%ae` for `.`) are invalid, so a strict decoder leaves them alone,
 * yet some legacy servers map them to ASCII; fold them to the character they spell.
 */
function foldOverlong(bytes: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const b2 = bytes[i + 1];
    if ((b === 0xc0 || b === 0xc1) && b2 !== undefined && (b2 & 0xc0) === 0x80) {
      out.push(((b & 0x1f) << 6) | (b2 & 0x3f));
      i += 1;
      continue;
    }
    const b3 = bytes[i + 2];
    if (b === 0xe0 && b2 !== undefined && b3 !== undefined && (b2 & 0xe0) === 0x80 && (b3 & 0xc0) === 0x80) {
      out.push(((b2 & 0x3f) << 6) | (b3 & 0x3f));
      i += 2;
      continue;
    }
    out.push(b);
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * `percentDecodeOnce` for the common case where every `%XX` escape is an ASCII byte (no UTF-8
 * sequence to assemble, no overlong form to fold): copies the text between escapes in slices.
 * `undefined` when some escape is a byte >= 0x80 (the general decoder handles it).
 */
function percentDecodeAscii(input: string, first: number): string | undefined {
  let out = '';
  let from = 0;
  const n = input.length;
  for (let i = first; i >= 0 && i < n; i = input.indexOf('%', i)) {
    const h = hexValue(codeAt(input, i + 1));
    const l = h < 0 ? -1 : hexValue(codeAt(input, i + 2));
    if (h >= 0 && l >= 0) {
      if (h >= 8) return undefined;
      out += input.slice(from, i) + String.fromCharCode(h * 16 + l);
      i += 3;
      from = i;
      continue;
    }
    const u = codeAt(input, i + 1);
    if (u === 117 || u === 85) {
      const a = hexValue(codeAt(input, i + 2));
      const b = hexValue(codeAt(input, i + 3));
      const c = hexValue(codeAt(input, i + 4));
      const d = hexValue(codeAt(input, i + 5));
      if (a >= 0 && b >= 0 && c >= 0 && d >= 0) {
        out += input.slice(from, i) + String.fromCharCode(((a * 16 + b) * 16 + c) * 16 + d);
        i += 6;
        from = i;
        continue;
      }
    }
    i++;
  }
  return from === 0 ? input : out + input.slice(from);
}

/** Does `input` hold a `%XX` or `%uXXXX` escape, so that `percentDecodeOnce` changes it? */
export function hasPercentEscape(input: string): boolean {
  for (let i = input.indexOf('%'); i >= 0; i = input.indexOf('%', i + 1)) {
    if (hexValue(codeAt(input, i + 1)) >= 0 && hexValue(codeAt(input, i + 2)) >= 0) return true;
    const u = codeAt(input, i + 1);
    if ((u === 117 || u === 85) && hexValue(codeAt(input, i + 2)) >= 0 && hexValue(codeAt(input, i + 3)) >= 0 && hexValue(codeAt(input, i + 4)) >= 0 && hexValue(codeAt(input, i + 5)) >= 0) return true;
  }
  return false;
}

/** One round of percent-decoding: `%XX`, IIS-style `%uXXXX`; invalid escapes stay literal. */
export function percentDecodeOnce(input: string): string {
  const first = input.indexOf('%');
  if (first < 0) return input;
  return percentDecodeAscii(input, first) ?? percentDecodeBytes(input);
}

/** The general form of `percentDecodeOnce`: UTF-8 sequences and overlong forms (exported for its test). */
export function percentDecodeBytes(input: string): string {
  if (!input.includes('%')) return input;
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += utf8.decode(Uint8Array.from(foldOverlong(bytes)));
      bytes = [];
    }
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '%') {
      const hex = input.slice(i + 1, i + 3);
      if (HEX.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      if ((input[i + 1] === 'u' || input[i + 1] === 'U') && /^[0-9a-fA-F]{4}$/.test(input.slice(i + 2, i + 6))) {
        flush();
        out += String.fromCharCode(parseInt(input.slice(i + 2, i + 6), 16));
        i += 5;
        continue;
      }
    }
    flush();
    out += ch;
  }
  flush();
  return out;
}

/** Decodes until a fixed point, at most `maxRounds` times (double and triple encoding). */
export function percentDecodeDeep(input: string, maxRounds = 3): string {
  let current = input;
  for (let round = 0; round < maxRounds; round++) {
    const next = percentDecodeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Form decoding of one component: `+` is a space, then percent-decoding. */
export function formDecode(input: string): string {
  return percentDecodeOnce(input.includes('+') ? input.replaceAll('+', ' ') : input);
}

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', colon: ':', tab: '\t', newline: '\n', sol: '/', bsol: '\\',
  lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}', semi: ';', comma: ',', period: '.', excl: '!',
  equals: '=', grave: '`', nbsp: '\u00a0', num: '#', percnt: '%', plus: '+', ast: '*', quest: '?', dollar: '$',
};

/** A reference is `&` then `#` or a letter; `Tom & Jerry` has none. */
export function hasReferenceStart(input: string): boolean {
  for (let amp = input.indexOf('&'); amp >= 0; amp = input.indexOf('&', amp + 1)) {
    const c = codeAt(input, amp + 1);
    if (c === 35 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  }
  return false;
}

/**
 * HTML character references as a browser resolves them in attribute values: numeric references
 * without the trailing `;` and with leading zeros included, which is how filters get bypassed.
 */
export function decodeHtmlEntities(input: string): string {
  if (!hasReferenceStart(input)) return input;
  return input.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{2,8});?/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (!Number.isFinite(code) || code > 0x10ffff) return whole;
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named ?? whole;
  });
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

/** An escape is `\` then `u`, `x`, `n`, `r` or `t`. */
export function hasEscapeStart(input: string): boolean {
  for (let bs = input.indexOf('\\'); bs >= 0; bs = input.indexOf('\\', bs + 1)) {
    const c = codeAt(input, bs + 1);
    if (c === 117 || c === 120 || c === 110 || c === 114 || c === 116) return true;
  }
  return false;
}

/** JavaScript / JSON string escapes (`\u0070`, `\x3c`, `\u{3c}`), as a script engine would read them. */
export function decodeJsEscapes(input: string): string {
  if (!hasEscapeStart(input)) return input;
  return input.replace(/\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([nrt]))/g, (whole, braced?: string, u4?: string, x2?: string, simple?: string) => {
    if (simple) return SIMPLE_ESCAPES[simple] ?? whole;
    const code = parseInt(braced ?? u4 ?? x2 ?? '', 16);
    if (!Number.isFinite(code) || code > 0x10ffff) return whole;
    return String.fromCodePoint(code);
  });
}

/** Strict base64 (standard or URL-safe alphabet); `undefined` when the text is not base64. */
export function decodeBase64(input: string): string | undefined {
  const compact = input.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return undefined;
  try {
    return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * Compatibility normalisation folds full-width `＜script＞` and enclosed `①⑥⑨` to ASCII, the form
 * many back ends reach after their own normalisation; null bytes are dropped because parsers skip them.
 */
export function foldUnicode(input: string): string {
  // eslint-disable-next-line no-control-regex
  const stripped = input.replace(/\u0000/g, '');
  return /[^\u0000-\u007f]/.test(stripped) ? stripped.normalize('NFKC') : stripped;
}

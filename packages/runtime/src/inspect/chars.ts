/**
 * One pass over a string that records which character classes it contains, so that every
 * decoder and detector can tell from a bit mask, without scanning again, whether the
 * characters it acts on are present at all. Plus a small allocation-free hashed word set for
 * "is this range of the string one of these words" checks on the hot path.
 */

export const C_SQ = 1 << 0; // '
export const C_DQ = 1 << 1; // "
export const C_BT = 1 << 2; // `
export const C_SEMI = 1 << 3; // ;
export const C_PIPE = 1 << 4; // |
export const C_AMP = 1 << 5; // &
export const C_DOLLAR = 1 << 6; // $
export const C_LT = 1 << 7; // <
export const C_GT = 1 << 8; // >
export const C_PAREN = 1 << 9; // ( )
export const C_BRACE = 1 << 10; // { }
export const C_BRACK = 1 << 11; // [ ]
export const C_PCT = 1 << 12; // %
export const C_PLUS = 1 << 13; // +
export const C_BSL = 1 << 14; // \
export const C_SLASH = 1 << 15; // /
export const C_DOT = 1 << 16; // .
export const C_COLON = 1 << 17; // :
export const C_EQ = 1 << 18; // =
export const C_HASH = 1 << 19; // #
export const C_STAR = 1 << 20; // *
export const C_QUEST = 1 << 21; // ?
export const C_BANG = 1 << 22; // !
export const C_TILDE = 1 << 23; // ~
export const C_AT = 1 << 24; // @
export const C_DASH = 1 << 25; // -
export const C_NL = 1 << 26; // \n \r
export const C_CTRL = 1 << 27; // other C0 controls (not NUL, tab, \v, \f) and DEL
export const C_NUL = 1 << 28; // \u0000
export const C_NONASCII = 1 << 29; // >= 0x80
export const C_SPACE = 1 << 30; // space, tab, \v, \f

const TABLE = new Int32Array(128);
(() => {
  const set = (chars: string, bit: number): void => {
    for (let i = 0; i < chars.length; i++) TABLE[chars.charCodeAt(i)]! |= bit;
  };
  for (let c = 1; c < 32; c++) TABLE[c] = C_CTRL;
  TABLE[127] = C_CTRL;
  TABLE[0] = C_NUL;
  TABLE[10] = C_NL;
  TABLE[13] = C_NL;
  TABLE[9] = C_SPACE;
  TABLE[11] = C_SPACE;
  TABLE[12] = C_SPACE;
  TABLE[32] = C_SPACE;
  set("'", C_SQ);
  set('"', C_DQ);
  set('`', C_BT);
  set(';', C_SEMI);
  set('|', C_PIPE);
  set('&', C_AMP);
  set('$', C_DOLLAR);
  set('<', C_LT);
  set('>', C_GT);
  set('()', C_PAREN);
  set('{}', C_BRACE);
  set('[]', C_BRACK);
  set('%', C_PCT);
  set('+', C_PLUS);
  set('\\', C_BSL);
  set('/', C_SLASH);
  set('.', C_DOT);
  set(':', C_COLON);
  set('=', C_EQ);
  set('#', C_HASH);
  set('*', C_STAR);
  set('?', C_QUEST);
  set('!', C_BANG);
  set('~', C_TILDE);
  set('@', C_AT);
  set('-', C_DASH);
})();

/** The classes of every character of `s` (see the `C_*` bits). */
export function charMask(s: string): number {
  let m = 0;
  const n = s.length;
  let i = 0;
  // two code units per step: the common all-ASCII pair takes one test
  for (; i + 1 < n; i += 2) {
    const x = s.charCodeAt(i);
    const y = s.charCodeAt(i + 1);
    if ((x | y) < 128) m |= TABLE[x]! | TABLE[y]!;
    else m |= (x < 128 ? TABLE[x]! : C_NONASCII) | (y < 128 ? TABLE[y]! : C_NONASCII);
  }
  if (i < n) {
    const x = s.charCodeAt(i);
    m |= x < 128 ? TABLE[x]! : C_NONASCII;
  }
  return m;
}

/**
 * `s.charCodeAt(i)`, or -1 outside the string. Code that reads one past the end (a lookahead)
 * gets NaN there, and V8 then recompiles it, and every small helper the NaN reaches, for
 * floating-point input: the scans on the hot path stay on small integers by reading through this.
 */
export function codeAt(s: string, i: number): number {
  return i >= 0 && i < s.length ? s.charCodeAt(i) : -1;
}

/** ASCII letter, lower-cased; any other code unchanged. */
export function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/** ASCII whitespace: space, tab, line feed, vertical tab, form feed, carriage return. */
export function isAsciiBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** FNV-1a over ASCII-lower-cased code units; the same function hashes the vocabulary and the text. */
export const HASH_SEED = 0x811c9dc5 | 0;
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ lowerCode(code), 0x01000193);
}
export function hashLower(s: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lowerCode(s.charCodeAt(i)), 0x01000193);
  return h;
}

/**
 * A set of lower-case words that can be asked about a range of a string without slicing or
 * lower-casing it: the range's hash is looked up first, and only a hash hit compares text.
 */
export class WordSet {
  /** one bit per hash bucket (64 Ki buckets): a clear bit answers "no" without touching the set */
  private readonly bloom = new Int32Array(2048);
  private readonly words = new Set<string>();
  readonly maxLength: number;
  readonly minLength: number;

  constructor(words: Iterable<string>) {
    let max = 0;
    let min = Infinity;
    for (const w of words) {
      const lower = w.toLowerCase();
      this.words.add(lower);
      const h = hashLower(lower, 0, lower.length) >>> 16;
      this.bloom[h >>> 5]! |= 1 << (h & 31);
      if (lower.length > max) max = lower.length;
      if (lower.length < min) min = lower.length;
    }
    this.maxLength = max;
    this.minLength = min === Infinity ? 0 : min;
  }

  /** Is `s[start, end)`, ASCII-lower-cased, one of the words? */
  hasRange(s: string, start: number, end: number): boolean {
    const len = end - start;
    if (len < this.minLength || len > this.maxLength) return false;
    const h = hashLower(s, start, end) >>> 16;
    if ((this.bloom[h >>> 5]! & (1 << (h & 31))) === 0) return false;
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(lowerCode(s.charCodeAt(i)));
    return this.words.has(text);
  }

  /** A hash (`hashLower`) of a text of `length` code units: could it be one of the words? */
  mayHave(hash: number, length: number): boolean {
    if (length < this.minLength || length > this.maxLength) return false;
    const h = hash >>> 16;
    return (this.bloom[h >>> 5]! & (1 << (h & 31))) !== 0;
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }
}

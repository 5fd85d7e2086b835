/**
 * A small SQL lexer in the spirit of libinjection: it does not parse SQL, it classifies the
 * leading tokens so the detector can reason about the *shape* of the input (a string literal
 * closed early, then a logic operator, then a comparison...) instead of matching known payloads.
 *
 * Token classes:
 *   s string literal   n number        v @variable     b bareword / identifier
 *   E statement verb   U set operator  k keyword       & logic operator (and/or/xor/&&/||)
 *   o operator         f function call ( ) , ; .       c comment   X versioned comment
 *
 * It works on character codes: no regular expression, no per-character string, and words
 * from the vocabulary are looked up by a hash computed while scanning them, so their token
 * text is the interned lower-case vocabulary word (no slice, no lower-casing). Only words
 * outside the vocabulary, numbers and literals allocate their text.
 */
import { isAsciiAlnum, isAsciiBlank, isAsciiDigit } from './chars.js';
import { ASCII_LOWER, lookup, lookupWord, W_FUNCTION_KEYWORD, W_KEYWORD, W_LOGIC, W_SET, W_STATEMENT } from './sql-words.js';

export type TokenType = 's' | 'n' | 'v' | 'b' | 'E' | 'U' | 'k' | '&' | 'o' | 'f' | '(' | ')' | ',' | ';' | '.' | 'c' | 'X';

export interface Token {
  t: TokenType;
  /**
   * Text: vocabulary words lower-case; other words, numbers and operators as written;
   * strings: the lower-cased content.
   */
  v: string;
  /** whitespace directly preceded this token */
  spaced: boolean;
  /** for strings and backtick identifiers: the literal was closed by a matching quote */
  closed: boolean;
  /** for strings and backtick identifiers: the quote character ('' otherwise) */
  q: string;
  /** for function calls: whitespace or a comment between the name and `(` */
  gap: boolean;
  /** for `#` comments: letters or digits follow the hash on the same line */
  text: boolean;
  /** for identifiers: written in backticks, which only SQL does */
  quoted: boolean;
  /** for words: the vocabulary flags (`W_*` in sql-words.ts), 0 for other words */
  w: number;
}

export interface LexOptions {
  maxTokens?: number;
  /** MySQL reads `\'` inside a string as an escaped quote; standard SQL (PostgreSQL, SQLite) does not */
  backslashEscapes?: boolean;
}

export function isSpace(x: number): boolean {
  return isAsciiBlank(x) || x === 0xa0 || x === 0x2028 || x === 0x2029 || x === 0x3000 || x === 0xfeff;
}
export function isWordStart(x: number): boolean {
  return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || x === 95 || x >= 0xc0;
}
export function isWordChar(x: number): boolean {
  return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95 || x === 36 || x >= 0xc0;
}
export function isHexDigit(x: number): boolean {
  return (x >= 48 && x <= 57) || (x >= 97 && x <= 102) || (x >= 65 && x <= 70);
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/**
 * Multi-character operators by first character, longest first (the first match wins).
 */
const OPS_BY_FIRST: Record<string, readonly string[]> = {
  '<': ['<=>', '<>', '<=', '<@', '<<'],
  '-': ['->>', '->'],
  '#': ['#>>', '#>', '#-'],
  '!': ['!==', '!=', '!<', '!>'],
  '=': ['===', '=='],
  '|': ['||'],
  '&': ['&&'],
  ':': [':=', '::'],
  '@': ['@>', '@?', '@@'],
  '?': ['?|', '?&'],
  '>': ['>=', '>>'],
};
const OPS_TABLE: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(128).fill(undefined);
for (const [first, ops] of Object.entries(OPS_BY_FIRST)) OPS_TABLE[first.charCodeAt(0)] = ops;
/** one-character strings for ASCII punctuation, so an operator token never slices */
const CHAR: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

function startsWithAt(input: string, at: number, candidate: string, n: number): boolean {
  if (at + candidate.length > n) return false;
  for (let k = 0; k < candidate.length; k++) if (input.charCodeAt(at + k) !== candidate.charCodeAt(k)) return false;
  return true;
}

function token(t: TokenType, v: string, spaced: boolean): Token {
  return { t, v, spaced, closed: false, q: '', gap: false, text: false, quoted: false, w: 0 };
}

/** Set by `readWord`: the word's lower-case hash, and whether it can be a vocabulary word at all. */
export let wordHash = 0;
export let wordInVocabulary = true;

/**
 * Reads a word from `start` and returns where it ends; hashes it lower-cased on the way (no slice,
 * no toLowerCase). Results go to `wordHash` / `wordInVocabulary`, not to an allocated object,
 * because this runs once per word of every inspected string.
 */
export function readWord(input: string, start: number, n: number): number {
  let j = start;
  let h = 0;
  let vocabulary = true;
  while (j < n) {
    const x = input.charCodeAt(j);
    let l: number;
    if (x < 128) {
      l = ASCII_LOWER[x]!;
      if (l < 0) break;
    } else if (x >= 0xc0) {
      l = x === 0x212a ? 107 : -1;
    } else break;
    if (l < 0) vocabulary = false;
    else h = (Math.imul(h, 31) + l) | 0;
    j++;
  }
  wordHash = h;
  wordInVocabulary = vocabulary;
  return j;
}

export function lexSql(input: string, options: LexOptions = {}): Token[] {
  const maxTokens = options.maxTokens ?? 64;
  const backslashEscapes = options.backslashEscapes ?? true;
  const n = input.length;
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < n && tokens.length < maxTokens) {
    const c = input.charCodeAt(i);
    if (isSpace(c) || c === 0) { spaced = true; i++; continue; }
    const c1 = i + 1 < n ? input.charCodeAt(i + 1) : -1;
    // -- comment
    if (c === 45 && c1 === 45) {
      const end = input.indexOf('\n', i);
      tokens.push(token('c', '--', spaced));
      spaced = false;
      i = end < 0 ? n : end + 1;
      continue;
    }
    // `#2`, `#tag` are numbers and hashtags in prose; MySQL's comment needs no more than `#`.
    if (c === 35 && !(c1 === 62 || c1 === 45 || isAsciiAlnum(c1))) {
      const end = input.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      // words after the hash read as prose (`'# BLAH`); bare punctuation does not
      let text = false;
      for (let k = i + 1; k < stop; k++) {
        const x = input.charCodeAt(k);
        if (isAsciiAlnum(x)) { text = true; break; }
        if (x >= 0x80) {
          const cp = input.codePointAt(k)!;
          if (LETTER_OR_NUMBER.test(String.fromCodePoint(cp))) { text = true; break; }
        }
      }
      const tok = token('c', '#', spaced);
      tok.text = text;
      tokens.push(tok);
      spaced = false;
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === 47 && c1 === 42) {
      if (i + 2 < n && input.charCodeAt(i + 2) === 33) {
        // MySQL executes the body of /*! ... */, so keep lexing inside it.
        tokens.push(token('X', '/*!', spaced));
        spaced = false;
        i += 3;
        while (i < n && isAsciiDigit(input.charCodeAt(i))) i++;
        continue;
      }
      const end = input.indexOf('*/', i + 2);
      tokens.push(token('c', '/*', spaced));
      spaced = false;
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === 42 && c1 === 47) { i += 2; spaced = true; continue; }
    if (c === 39 || c === 34) {
      let j = i + 1;
      let start = j;
      let content = '';
      let closed = false;
      while (j < n) {
        const x = input.charCodeAt(j);
        if (backslashEscapes && x === 92 && j + 1 < n) {
          content += input.slice(start, j) + input.slice(j + 1, j + 2);
          j += 2;
          start = j;
          continue;
        }
        if (x === c) {
          if (j + 1 < n && input.charCodeAt(j + 1) === c) {
            content += input.slice(start, j + 1);
            j += 2;
            start = j;
            continue;
          }
          closed = true;
          break;
        }
        j++;
      }
      content += input.slice(start, j);
      const tok = token('s', content.toLowerCase(), spaced);
      tok.closed = closed;
      tok.q = CHAR[c]!;
      tokens.push(tok);
      spaced = false;
      i = closed ? j + 1 : j;
      continue;
    }
    if (c === 96 || (c === 91 && bracketIdentifier(input, i, n))) {
      const end = input.indexOf(c === 96 ? '`' : ']', i + 1);
      const tok = token('b', input.slice(i + 1, end < 0 ? n : end).toLowerCase(), spaced);
      tok.w = lookup(tok.v)?.flags ?? 0;
      if (c === 96) {
        tok.quoted = true;
        tok.closed = end >= 0;
        tok.q = '`';
      }
      tokens.push(tok);
      spaced = false;
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (isAsciiDigit(c) || (c === 46 && isAsciiDigit(c1))) {
      let j = i;
      const radix = c === 48 && (c1 === 120 || c1 === 88 || c1 === 98 || c1 === 66);
      if (radix) {
        j = i + 2;
        while (j < n && isHexDigit(input.charCodeAt(j))) j++;
      } else {
        while (j < n && isAsciiDigit(input.charCodeAt(j))) j++;
        if (j < n && input.charCodeAt(j) === 46) { j++; while (j < n && isAsciiDigit(input.charCodeAt(j))) j++; }
        const e = j < n ? input.charCodeAt(j) : -1;
        if (e === 101 || e === 69) {
          const s1 = j + 1 < n ? input.charCodeAt(j + 1) : -1;
          if (isAsciiDigit(s1) || ((s1 === 43 || s1 === 45) && j + 2 < n && isAsciiDigit(input.charCodeAt(j + 2)))) {
            j += 2;
            while (j < n && isAsciiDigit(input.charCodeAt(j))) j++;
          }
        }
      }
      const hex = radix && j > i + 2;
      if (j < n && isWordChar(input.charCodeAt(j)) && !hex) {
        // `5desc`, `2021abc`: an identifier to MySQL, prose to everyone else.
        while (j < n && isWordChar(input.charCodeAt(j))) j++;
        tokens.push(token('b', input.slice(i, j).toLowerCase(), spaced));
        spaced = false;
        i = j;
        continue;
      }
      tokens.push(token('n', input.slice(i, j).toLowerCase(), spaced));
      spaced = false;
      i = j;
      continue;
    }
    if (c === 64 && (c1 === 64 || c1 === 95 || (c1 >= 65 && c1 <= 90) || (c1 >= 97 && c1 <= 122))) {
      let j = i + 1;
      if (input.charCodeAt(j) === 64) j++;
      while (j < n) {
        const x = input.charCodeAt(j);
        if (isAsciiAlnum(x) || x === 95 || x === 46 || x === 36) j++;
        else break;
      }
      tokens.push(token('v', input.slice(i, j).toLowerCase(), spaced));
      spaced = false;
      i = j;
      continue;
    }
    if (isWordStart(c)) {
      let j = readWord(input, i, n);
      const h = wordHash;
      const vocabulary = wordInVocabulary;
      const entry = vocabulary ? lookupWord(input, i, j, h) : undefined;
      const flags = entry === undefined ? 0 : entry.flags;
      const word = entry === undefined ? input.slice(i, j).toLowerCase() : entry.word;
      i = j;
      let k = j;
      while (k < n && isSpace(input.charCodeAt(k))) k++;
      if (startsWithAt(input, k, '/**/', n)) k += 4;
      while (k < n && isSpace(input.charCodeAt(k))) k++;
      let t: TokenType;
      let gap = false;
      if (flags & W_LOGIC) t = '&';
      else if (k < n && input.charCodeAt(k) === 40 && (flags & W_FUNCTION_KEYWORD || !(flags & (W_STATEMENT | W_SET | W_KEYWORD)))) { t = 'f'; gap = k > j; }
      else if (flags & W_STATEMENT) t = 'E';
      else if (flags & W_SET) t = 'U';
      else if (flags & W_KEYWORD) t = 'k';
      else t = 'b';
      const tok = token(t, word, spaced);
      tok.gap = gap;
      tok.w = flags;
      tokens.push(tok);
      spaced = false;
      continue;
    }
    if (c === 40 || c === 41 || c === 44 || c === 59 || c === 46) {
      tokens.push(token(CHAR[c] as TokenType, CHAR[c]!, spaced));
      spaced = false;
      i++;
      continue;
    }
    const ops = c < 128 ? OPS_TABLE[c] : undefined;
    let op: string | undefined;
    if (ops !== undefined) {
      for (let k = 0; k < ops.length; k++) if (startsWithAt(input, i, ops[k]!, n)) { op = ops[k]; break; }
    }
    if (op !== undefined) {
      tokens.push(token(op === '||' || op === '&&' ? '&' : 'o', op, spaced));
      spaced = false;
      i += op.length;
      continue;
    }
    tokens.push(token('o', c < 128 ? CHAR[c]! : input.slice(i, i + 1), spaced));
    spaced = false;
    i++;
  }
  return tokens;
}

/** `[name]` or `[two words]` (MSSQL's quoted identifier), closed within 64 characters. */
function bracketIdentifier(input: string, i: number, n: number): boolean {
  const first = i + 1 < n ? input.charCodeAt(i + 1) : -1;
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) return false;
  const limit = Math.min(n, i + 64);
  for (let k = i + 2; k < limit; k++) {
    const x = input.charCodeAt(k);
    if (x === 93) return true;
    if (!(isAsciiAlnum(x) || x === 95 || x === 32)) return false;
  }
  return false;
}

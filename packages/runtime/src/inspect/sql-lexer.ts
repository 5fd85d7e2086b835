/**
 * A small SQL lexer in the spirit of libinjection: it does not parse SQL, it classifies the
 * leading tokens so the detector can reason about the *shape* of the input (a string literal
 * closed early, then a logic operator, then a comparison...) instead of matching known payloads.
 *
 * Token classes:
 *   s string literal   n number        v @variable     b bareword / identifier
 *   E statement verb   U set operator  k keyword       & logic operator (and/or/xor/&&/||)
 *   o operator         f function call ( ) , ; .       c comment   X versioned comment
 */

export type TokenType = 's' | 'n' | 'v' | 'b' | 'E' | 'U' | 'k' | '&' | 'o' | 'f' | '(' | ')' | ',' | ';' | '.' | 'c' | 'X';

export interface Token {
  t: TokenType;
  /** lower-cased text (for strings: the content) */
  v: string;
  /** for strings: the literal was closed by a matching quote */
  closed?: boolean;
  /** for strings and quoted identifiers: the quote character */
  q?: string;
  /** whitespace directly preceded this token */
  spaced?: boolean;
  /** for function calls: whitespace or a comment between the name and `(` */
  gap?: boolean;
  /** for `#` comments: letters or digits follow the hash on the same line */
  text?: boolean;
  /** for identifiers: written in backticks, which only SQL does */
  quoted?: boolean;
}

export const STATEMENTS = new Set([
  'select', 'insert', 'update', 'delete', 'drop', 'alter', 'create', 'truncate', 'exec', 'execute', 'declare',
  'shutdown', 'merge', 'grant', 'revoke', 'waitfor', 'handler', 'rename',
]);

export const SET_OPERATORS = new Set(['union', 'except', 'intersect']);

export const LOGIC = new Set(['and', 'or', 'xor']);

export const KEYWORDS = new Set([
  'from', 'where', 'into', 'values', 'group', 'order', 'by', 'having', 'limit', 'offset', 'as', 'like', 'rlike',
  'regexp', 'glob', 'similar', 'sounds', 'between', 'is', 'not', 'null', 'in', 'exists', 'case', 'when', 'then',
  'else', 'end', 'collate', 'escape', 'outfile', 'dumpfile', 'procedure', 'all', 'any', 'distinct', 'join', 'on',
  'table', 'set', 'true', 'false', 'notnull', 'isnull', 'div', 'mod', 'asc', 'desc', 'delay', 'top', 'using',
  'returning', 'with', 'ilike', 'database', 'schema', 'column', 'index', 'view', 'trigger', 'immediate', 'nocase', 'binary',
]);

/** Keywords that are also function names; `(` right after them means the function. */
export const FUNCTION_KEYWORDS = new Set(['replace', 'database', 'schema', 'char', 'left', 'right', 'if', 'default', 'mod', 'div', 'insert', 'isnull']);

const MULTI_OPS = ['<=>', '->>', '#>>', '!==', '===', '||', '&&', '<>', '<=', '>=', '!=', '==', ':=', '::', '->', '#>', '#-', '@>', '<@', '?|', '?&', '@?', '@@', '<<', '>>', '!<', '!>'];

const WORD_START = { test: (c: string): boolean => { const x = c.charCodeAt(0); return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || x === 95 || x >= 0xc0; } };
const WORD_CHAR = { test: (c: string): boolean => { const x = c.charCodeAt(0); return (x >= 97 && x <= 122) || (x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 95 || x === 36 || x >= 0xc0; } };
const DIGIT = { test: (c: string): boolean => { const x = c.charCodeAt(0); return x >= 48 && x <= 57; } };
const SPACE = { test: (c: string): boolean => { const x = c.charCodeAt(0); return x === 32 || (x >= 9 && x <= 13) || x === 0xa0 || x === 0x2028 || x === 0x2029 || x === 0x3000 || x === 0xfeff; } };
/** First characters of multi-character operators: only these need the operator table. */
const OP_START = new Set(['<', '-', '#', '!', '=', '|', '&', ':', '@', '?', '>']);

export interface LexOptions {
  maxTokens?: number;
  /** MySQL reads `\'` inside a string as an escaped quote; standard SQL (PostgreSQL, SQLite) does not */
  backslashEscapes?: boolean;
}

export function lexSql(input: string, options: LexOptions = {}): Token[] {
  const maxTokens = options.maxTokens ?? 64;
  const backslashEscapes = options.backslashEscapes ?? true;
  const tokens: Token[] = [];
  const n = input.length;
  let i = 0;
  let spaced = false;
  const push = (t: TokenType, v: string, extra?: Partial<Token>): void => {
    const token: Token = { t, v, spaced };
    if (extra) Object.assign(token, extra);
    tokens.push(token);
    spaced = false;
  };
  while (i < n && tokens.length < maxTokens) {
    const ch = input[i]!;
    if (SPACE.test(ch) || ch === '\u0000') { spaced = true; i++; continue; }
    const nextCh = input[i + 1];
    if (ch === '-' && nextCh === '-') {
      const end = input.indexOf('\n', i);
      push('c', '--');
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (ch === '#' && !/[>\-A-Za-z0-9]/.test(input[i + 1] ?? '')) {
      // `#2`, `#tag` are numbers and hashtags in prose; MySQL's comment needs no more than `#`.
      const end = input.indexOf('\n', i);
      // words after the hash read as prose (`'# BLAH`); bare punctuation does not
      push('c', '#', { text: /[\p{L}\p{N}]/u.test(input.slice(i + 1, end < 0 ? n : end)) });
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (ch === '/' && nextCh === '*') {
      if (input[i + 2] === '!') {
        // MySQL executes the body of /*! ... */, so keep lexing inside it.
        push('X', '/*!');
        i += 3;
        while (i < n && DIGIT.test(input[i]!)) i++;
        continue;
      }
      const end = input.indexOf('*/', i + 2);
      push('c', '/*');
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (ch === '*' && nextCh === '/') { i += 2; spaced = true; continue; }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let content = '';
      let closed = false;
      while (j < n) {
        const c = input[j]!;
        if (backslashEscapes && c === '\\' && j + 1 < n) { content += input[j + 1]; j += 2; continue; }
        if (c === ch) {
          if (input[j + 1] === ch) { content += ch; j += 2; continue; }
          closed = true;
          j++;
          break;
        }
        content += c;
        j++;
      }
      push('s', content.toLowerCase(), { closed, q: ch });
      i = j;
      continue;
    }
    if (ch === '`' || ch === '[' && /^\[[A-Za-z_][\w ]*\]/.test(input.slice(i, i + 64))) {
      const close = ch === '`' ? '`' : ']';
      const end = input.indexOf(close, i + 1);
      const v = input.slice(i + 1, end < 0 ? n : end).toLowerCase();
      push('b', v, ch === '`' ? { quoted: true, closed: end >= 0, q: '`' } : {});
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(input[i + 1] ?? ''))) {
      let j = i;
      if (ch === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X' || input[i + 1] === 'b' || input[i + 1] === 'B')) {
        j = i + 2;
        while (j < n && /[0-9a-fA-F]/.test(input[j]!)) j++;
      } else {
        while (j < n && DIGIT.test(input[j]!)) j++;
        if (input[j] === '.') { j++; while (j < n && DIGIT.test(input[j]!)) j++; }
        if ((input[j] === 'e' || input[j] === 'E') && (DIGIT.test(input[j + 1] ?? '') || ((input[j + 1] === '+' || input[j + 1] === '-') && DIGIT.test(input[j + 2] ?? '')))) {
          j += 2;
          while (j < n && DIGIT.test(input[j]!)) j++;
        }
      }
      const hex = j > i + 2 && (input[i + 1] === 'x' || input[i + 1] === 'X' || input[i + 1] === 'b' || input[i + 1] === 'B');
      if (j < n && WORD_CHAR.test(input[j]!) && !hex) {
        // `5desc`, `2021abc`: an identifier to MySQL, prose to everyone else.
        while (j < n && WORD_CHAR.test(input[j]!)) j++;
        push('b', input.slice(i, j).toLowerCase());
        i = j;
        continue;
      }
      push('n', input.slice(i, j).toLowerCase());
      i = j;
      continue;
    }
    if (ch === '@' && /[@A-Za-z_]/.test(input[i + 1] ?? '')) {
      let j = i + 1;
      if (input[j] === '@') j++;
      while (j < n && /[\w.$]/.test(input[j]!)) j++;
      push('v', input.slice(i, j).toLowerCase());
      i = j;
      continue;
    }
    if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(input[j]!)) j++;
      const word = input.slice(i, j).toLowerCase();
      i = j;
      let k = j;
      while (k < n && SPACE.test(input[k]!)) k++;
      if (input.startsWith('/**/', k)) k += 4;
      while (k < n && SPACE.test(input[k]!)) k++;
      if (LOGIC.has(word)) push('&', word);
      else if (input[k] === '(' && (FUNCTION_KEYWORDS.has(word) || (!STATEMENTS.has(word) && !SET_OPERATORS.has(word) && !KEYWORDS.has(word)))) push('f', word, { gap: k > j });
      else if (STATEMENTS.has(word)) push('E', word);
      else if (SET_OPERATORS.has(word)) push('U', word);
      else if (KEYWORDS.has(word)) push('k', word);
      else push('b', word);
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ';' || ch === '.') { push(ch, ch); i++; continue; }
    const op = OP_START.has(ch) ? MULTI_OPS.find((candidate) => input.startsWith(candidate, i)) : undefined;
    if (op) {
      push(op === '||' || op === '&&' ? '&' : 'o', op);
      i += op.length;
      continue;
    }
    push('o', ch);
    i++;
  }
  return tokens;
}

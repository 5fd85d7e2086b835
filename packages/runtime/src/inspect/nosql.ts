/**
 * NoSQL (MongoDB-style) operator injection: a `$operator` arriving where the application
 * expects a plain value, either as an object key (`{"$ne": null}`), inside a bracketed
 * parameter name (`password[$ne]=`), or spelled out in a string that a lenient parser turns
 * into an object (`{ $gt: '' }`). Server-side JavaScript (`$where`, mapReduce) is recognised by
 * a quote or statement break followed by JavaScript rather than by known payloads.
 */
import { C_AMP, C_DOLLAR, C_NONASCII, C_PIPE, C_SEMI, charMask, codeAt, isAsciiBlank, isAsciiDigit } from './chars.js';
import type { Finding } from './types.js';

/** The MongoDB query and update operator language. */
const OPERATORS = new Set([
  'ne', 'eq', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'regex', 'where', 'exists', 'elemmatch', 'text', 'nor', 'or',
  'and', 'not', 'expr', 'type', 'size', 'all', 'mod', 'comment', 'jsonschema', 'function', 'accumulator', 'lookup',
  'options', 'search', 'geowithin', 'near', 'set', 'unset', 'inc', 'push', 'pull', 'rename', 'match', 'group',
  'project', 'merge', 'out', 'unionwith', 'bitsallset', 'slice', 'natural',
]);

export function isOperatorKey(key: string): boolean {
  return key.startsWith('$') && OPERATORS.has(key.slice(1).toLowerCase());
}

/** A parameter name such as `user[$ne]` or `a[b][$regex]`. */
export function bracketOperator(name: string): boolean {
  const re = /\[\s*(\$\w+)\s*\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(name)) !== null) if (isOperatorKey(m[1]!)) return true;
  return false;
}

/** `$ne:`, `[$ne]`, `{"$gt"` inside a string: an operator written as object syntax. */
const OPERATOR_SYNTAX = /(?:^|[\s{[,(&?])["']?(\$[a-zA-Z]+)["']?\s*(?::|\]|=)/g;

/** A string break or statement break, then JavaScript: `' && this.x`, `';sleep(5000);`, `0;return true`. */
const JS_BREAK = /(?:^|['"\d)\]}])\s*(?:;|&&|\|\|)\s*(?:this\s*\.|return\b|sleep\s*\(|while\s*\(|do\s*\{|new\s+Date|var\s+\w|let\s+\w|function\s*\(|db\s*\.|(?:\w+|'[^']*'|\d+)\s*===?\s*(?:\w+|'[^']*'|\d+)(?:\s*$|\s*[;)/]))/;

/**
 * `JS_BREAK` needs `;`, `&&` or `||` with, before it (whitespace skipped), the start of the value,
 * a quote, a digit or a closing bracket, and after it a statement it knows or a comparison
 * (`breakable`); prose (`Tom & Jerry; cartoons`, `Windows NT 10.0; Win64`) has none.
 */
function jsBreakCandidate(value: string): boolean {
  const comparison = value.includes('=');
  for (const separator of JS_SEPARATORS) {
    for (let at = value.indexOf(separator); at >= 0; at = value.indexOf(separator, at + 1)) if (breakable(value, at, separator.length, comparison)) return true;
  }
  return false;
}

const JS_SEPARATORS = [';', '&&', '||'];
/** First letters of `this` `return` `sleep` `while` `do` `db` `new` `var` `let` `function` (by character code, ASCII). */
const STATEMENT_START: boolean[] = Array.from({ length: 128 }, (_, c) => 'trswdnvlf'.includes(String.fromCharCode(c)));

/**
 * Around the separator at `at` (`length` characters), whitespace skipped: before it the start, a
 * quote, a digit or a closing bracket; after it the first letter of a statement `JS_BREAK` knows
 * (`this` `return` `sleep` `while` `do` `db` `new` `var` `let` `function`), or anything when the
 * value has `=` (a comparison).
 */
function breakable(value: string, at: number, length: number, comparison: boolean): boolean {
  if (!comparison) {
    let k = at + length;
    while (k < value.length && isAsciiBlank(value.charCodeAt(k))) k++;
    const next = codeAt(value, k);
    if (next < 0 || (next < 0x80 && !STATEMENT_START[next])) return false;
  }
  let j = at - 1;
  for (; j >= 0; j--) {
    const p = value.charCodeAt(j);
    if (p >= 0x80) return true; // possibly Unicode whitespace: let the expression decide
    if (!isAsciiBlank(p)) break;
  }
  if (j < 0) return true;
  const p = value.charCodeAt(j);
  return p === 39 || p === 34 || isAsciiDigit(p) || p === 41 || p === 93 || p === 125;
}

/** The cheap necessary condition inside `detectNosqli` (exported for its test only): false ⇒ `JS_BREAK` does not match. */
export const nosqlPrefilters = { jsBreakCandidate, JS_BREAK };

/**
 * Can `detectNosqli` find anything? An operator needs `$`; JavaScript after a break needs `;`,
 * `&&` or `||` where `jsBreakCandidate` finds one. `mask` is `charMask(value)`.
 */
export function mayContainNosqli(value: string, mask: number): boolean {
  if (value.length < 3) return false;
  if ((mask & C_DOLLAR) !== 0) return true;
  return (mask & (C_SEMI | C_AMP | C_PIPE)) !== 0 && ((mask & C_NONASCII) !== 0 || jsBreakCandidate(value));
}

export function detectNosqli(value: string, mask = charMask(value)): Finding | undefined {
  if (value.length < 3 || (mask & (C_DOLLAR | C_SEMI | C_AMP | C_PIPE)) === 0) return undefined;
  if ((mask & C_DOLLAR) !== 0) {
    OPERATOR_SYNTAX.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = OPERATOR_SYNTAX.exec(value)) !== null && guard++ < 32) {
      if (isOperatorKey(m[1]!)) return { rule: 'nosqli.operator', at: m.index };
    }
  }
  if (((mask & C_NONASCII) !== 0 || jsBreakCandidate(value)) && JS_BREAK.test(value)) return { rule: 'nosqli.js-injection', at: 0 };
  return undefined;
}

export function detectNosqlKey(key: string): Finding | undefined {
  if (isOperatorKey(key.trim())) return { rule: 'nosqli.operator-key', at: 0 };
  if (key.includes('[') && bracketOperator(key)) return { rule: 'nosqli.operator-key', at: 0 };
  return undefined;
}

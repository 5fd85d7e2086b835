/**
 * NoSQL (MongoDB-style) operator injection: a `$operator` arriving where the application
 * expects a plain value, either as an object key (`{"$ne": null}`), inside a bracketed
 * parameter name (`password[$ne]=`), or spelled out in a string that a lenient parser turns
 * into an object (`{ $gt: '' }`). Server-side JavaScript (`$where`, mapReduce) is recognised by
 * a quote or statement break followed by JavaScript rather than by known payloads.
 */
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

export function detectNosqli(value: string): Finding | undefined {
  if (value.length < 3 || !/[$;&|]/.test(value)) return undefined;
  if (value.includes('$')) {
    OPERATOR_SYNTAX.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = OPERATOR_SYNTAX.exec(value)) !== null && guard++ < 32) {
      if (isOperatorKey(m[1]!)) return { rule: 'nosqli.operator', at: m.index };
    }
  }
  if (JS_BREAK.test(value)) return { rule: 'nosqli.js-injection', at: 0 };
  return undefined;
}

export function detectNosqlKey(key: string): Finding | undefined {
  if (isOperatorKey(key.trim())) return { rule: 'nosqli.operator-key', at: 0 };
  if (key.includes('[') && bracketOperator(key)) return { rule: 'nosqli.operator-key', at: 0 };
  return undefined;
}

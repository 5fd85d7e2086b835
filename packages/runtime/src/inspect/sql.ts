/**
 * SQL injection: the value is lexed as SQL in several contexts, as libinjection does: as is (a
 * numeric or bare context) and as if it were pasted after an opening `'`, `"` or backtick (a
 * string or identifier context, with MySQL's and standard SQL's backslash rules). Rules then
 * look at the token shape. A string context only counts when the value itself closes the
 * string, which is what an injection into a quoted literal must do.
 */
import { FUNCTION_KEYWORDS, KEYWORDS, LOGIC, lexSql, SET_OPERATORS, STATEMENTS, type Token } from './sql-lexer.js';
import {
  AFTER_LITERAL, ARITHMETIC, CATALOG_HINT, CATALOG_WORDS, COMMON_WORD_FUNCTIONS, COMPARISON, KEYWORD_OPERATORS, PG_TYPES, SQL_FUNCTIONS, TIME_FUNCTIONS,
} from './sql-words.js';
import type { Finding } from './types.js';

function isOperand(tok: Token | undefined): boolean {
  if (!tok) return false;
  return tok.t === 's' || tok.t === 'n' || tok.t === 'v' || tok.t === 'b' || tok.t === 'f' || tok.t === '(' || (tok.t === 'k' && (tok.v === 'null' || tok.v === 'true' || tok.v === 'false' || tok.v === 'not' || tok.v === 'exists'));
}

function isComparison(tok: Token | undefined): boolean {
  return !!tok && ((tok.t === 'o' && COMPARISON.has(tok.v)) || (tok.t === 'k' && KEYWORD_OPERATORS.has(tok.v)));
}

function isLiteral(tok: Token | undefined): boolean {
  return !!tok && (tok.t === 'n' || tok.t === 's' || tok.t === 'v');
}

/** Is the call at i a known SQL function with an argument list that looks like SQL? */
function sqlCall(toks: Token[], i: number): boolean {
  const tok = toks[i];
  if (!tok || tok.t !== 'f' || !SQL_FUNCTIONS.has(tok.v)) return false;
  if (!COMMON_WORD_FUNCTIONS.has(tok.v)) return true;
  let j = i + 1;
  while (toks[j]?.t === '(') j++;
  const arg = toks[j];
  return !arg || isLiteral(arg) || arg.t === 'f' || arg.t === 'E' || arg.t === ')' || arg.t === 'c' || (arg.t === 'o' && arg.v === '*') || (arg.t === 'b' && toks[j + 1]?.t === ',' && isLiteral(toks[j + 2]));
}

/** `operand cmp operand` starting at i (opening parentheses skipped); a literal may end the input. */
function comparisonAt(toks: Token[], i: number): boolean {
  while (toks[i]?.t === '(') i++;
  const lhs = toks[i];
  if (!isOperand(lhs)) return false;
  if (lhs!.t === 'f') return sqlCall(toks, i);
  const op = toks[i + 1];
  if (!isComparison(op)) return false;
  const rhs = toks[i + 2];
  if (!rhs) return isLiteral(lhs);
  if (op!.t === 'k' && op!.v === 'not') return rhs.t === 'k' || rhs.t === '(';
  if (op!.t === 'k' && op!.v === 'in') return rhs.t === '(';
  if (op!.t === 'k' && op!.v === 'is') return rhs.t === 'n' || (rhs.t === 'k' && ['not', 'null', 'true', 'false'].includes(rhs.v));
  // `one or more glob patterns`, `awaited like so`: a keyword between two words is prose
  if (op!.t === 'k' && lhs!.t === 'b' && rhs.t === 'b') return lhs!.v === rhs.v;
  return isOperand(rhs) && (rhs.t !== 'f' || sqlCall(toks, i + 2));
}

/** Words that read as prose rather than as the continuation of an SQL statement. */
function prosey(toks: Token[], i: number): boolean {
  return toks[i]?.t === 'b' && toks[i + 1]?.t === 'b';
}

/** A token written in quotes by itself (`"LIKE" STAMP`) is a quoted word, not a keyword. */
function quotedWord(toks: Token[], i: number): boolean {
  const next = toks[i + 1];
  return !!next && next.t === 's' && !next.spaced && next.q === toks[0]?.q;
}

/** Operator keywords no natural language uses as a word. */
const SQL_ONLY_OPERATORS = new Set(['rlike', 'regexp', 'notnull', 'isnull']);

const OBJECTS = ['table', 'database', 'schema', 'view', 'index', 'trigger', 'procedure', 'column'];

/** Does a statement verb at i start a real SQL statement? `strong` when the context already is SQL. */
function statementAt(toks: Token[], i: number, strong: boolean): string | undefined {
  const verb = toks[i];
  if (!verb || verb.t !== 'E') return undefined;
  const a = toks[i + 1];
  const b = toks[i + 2];
  const c = toks[i + 3];
  if (a?.t === 'c' || a?.t === 'X') return 'sqli.comment-obfuscation';
  switch (verb.v) {
    case 'select':
      if (!a) return strong ? 'sqli.statement' : undefined;
      if (a.t === 'o' && a.v === '*') return 'sqli.statement';
      if (a.t === 'f' || a.t === 'v' || a.t === 'n' || a.t === 's' || a.t === '(' || (a.t === 'k' && ['distinct', 'all', 'null', 'case', 'top'].includes(a.v))) return 'sqli.statement';
      if (a.t === 'b' && (!b || b.t === ',' || b.t === '.' || b.t === ';' || b.t === 'c' || (b.t === 'k' && ['from', 'into', 'where', 'group', 'order', 'having', 'limit'].includes(b.v)))) return strong || b ? 'sqli.statement' : undefined;
      return undefined;
    case 'insert':
      return a?.t === 'k' && a.v === 'into' && (!b || ((b.t === 'b' || b.t === 'k') && (!c || c.t === '(' || c.v === 'values' || c.t === 'E'))) ? 'sqli.statement' : undefined;
    case 'update':
      return a?.t === 'b' && (b?.v === 'set' || (strong && !b)) ? 'sqli.statement' : undefined;
    case 'delete':
      return a?.v === 'from' && b?.t === 'b' && (c?.t === ';' || c?.t === 'c' || c?.v === 'where' || (strong && !c)) ? 'sqli.statement' : undefined;
    case 'drop':
    case 'create':
    case 'alter':
    case 'truncate':
      if (a?.t === 'k' && OBJECTS.includes(a.v)) return 'sqli.statement';
      return strong && a && !prosey(toks, i + 1) ? 'sqli.statement' : undefined;
    case 'exec':
    case 'execute':
      // `EXECUTE procname` as the whole value
      if (i === 0 && a?.t === 'b' && !b) return 'sqli.statement';
      if (a?.t === 'v' || a?.t === '(' || (a?.t === 'k' && a.v === 'immediate')) return 'sqli.statement';
      if (a?.t === 'b' && (/^(xp|sp)_/.test(a.v) || a.v === 'master' || a.v === 'sys')) return 'sqli.statement';
      return undefined;
    case 'declare':
      return a?.t === 'v' ? 'sqli.statement' : undefined;
    case 'waitfor':
      return a && (a.v === 'delay' || a.v === 'time') ? 'sqli.time-based' : undefined;
    default:
      return strong && a?.t === 'b' && !prosey(toks, i + 1) ? 'sqli.statement' : strong && !a ? 'sqli.statement' : undefined;
  }
}

/** Equal literals on both sides of an equality: the textbook always-true condition. */
function tautologyAt(toks: Token[], i: number): boolean {
  const lhs = toks[i];
  const op = toks[i + 1];
  const rhs = toks[i + 2];
  return isLiteral(lhs) && isLiteral(rhs) && lhs!.v === rhs!.v && !!op && ((op.t === 'o' && ['=', '==', '<=>', '>=', '<='].includes(op.v)) || (op.t === 'k' && (op.v === 'like' || op.v === 'glob' || op.v === 'regexp')));
}

/** The whole value is SQL vocabulary (`IS NULL`, `ORDER BY`, `in (0,1)`, `or 88`): no prose words at all. */
function keywordExpression(toks: Token[]): boolean {
  // `)like(`, `) or (`: a fragment that closes the application's parenthesis first
  const start = toks[0]?.t === ')' && toks.length > 2 ? 1 : 0;
  const first = toks[start];
  // words that are SQL operators and nothing else in any language: the value is an operator for the query around it
  if (toks.length === 1 && first && ((first.t === '&' && first.v === 'xor') || (first.t === 'k' && SQL_ONLY_OPERATORS.has(first.v)))) return true;
  if (!first || toks.length < 2 || !(first.t === 'k' || first.t === '&' || first.t === 'U') || first.v === 'not') return false;
  if (first.t === '&' && (first.v === '||' || first.v === '&&')) return false;
  return toks.every((tok) => tok.t !== 'b' && tok.t !== 's' && tok.t !== 'f' && tok.t !== 'v' && tok.t !== '.');
}

/**
 * The value ends inside a call to an SQL function (`version=(`, `length||(`, `IN (`): an
 * injected fragment that the query around it completes. Only short, code-like values count.
 */
function danglingCall(toks: Token[]): boolean {
  const last = toks[toks.length - 1];
  if (!last || last.t !== '(' || toks.length > 8) return false;
  for (let j = toks.length - 2; j >= Math.max(0, toks.length - 5); j--) {
    const tok = toks[j]!;
    if (tok.t === 'f' || tok.t === 'b' || tok.t === 'k') return SQL_FUNCTIONS.has(tok.v) || tok.v === 'in' || tok.v === 'values';
  }
  return false;
}

function wordCount(toks: Token[]): number {
  let words = 0;
  for (const tok of toks) if (tok.t === 'b' && !tok.quoted) words++;
  return words;
}

/** Rules that hold in any context. */
function anyContextRules(toks: Token[]): Finding | undefined {
  const words = wordCount(toks);
  if (keywordExpression(toks)) return { rule: 'sqli.keyword-expression', at: 0 };
  if (danglingCall(toks)) return { rule: 'sqli.function', at: toks.length - 1 };
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (tok.t === 'X') return { rule: 'sqli.versioned-comment', at: i };
    if (tok.t === 'U') {
      let j = i + 1;
      while (toks[j] && (toks[j]!.t === 'c' || toks[j]!.t === '(' || (toks[j]!.t === 'k' && (toks[j]!.v === 'all' || toks[j]!.v === 'distinct')))) j++;
      if ((toks[j]?.t === 'E' && toks[j]!.v === 'select') || (toks[j]?.t === 'k' && toks[j]!.v === 'values')) return { rule: 'sqli.union', at: i };
    }
    if (tok.t === ';' && next) {
      if (statementAt(toks, i + 1, true)) return { rule: 'sqli.stacked', at: i };
    }
    if (tok.t === 'E') {
      const atStart = !prev || prev.t === '(' || prev.t === 'c' || prev.t === 'X';
      const stmt = statementAt(toks, i, !!prev && prev.t === '(');
      if (stmt && (atStart || tok.v === 'waitfor' || (toks[i + 1]?.t === 'k' && OBJECTS.includes(toks[i + 1]!.v)))) return { rule: stmt, at: i };
    }
    // `SET @x = 1`, `SET @OLD_SQL_NOTES`: an assignment, or the variable ending the value (`set @home for ...` is prose)
    if (tok.t === 'k' && tok.v === 'set' && next?.t === 'v') {
      const after = toks[i + 2];
      if (!after || after.t === ';' || after.t === ',' || after.t === 'c' || (after.t === 'o' && (after.v === '=' || after.v === ':='))) return { rule: 'sqli.statement', at: i };
    }
    if (tok.t === 'k' && (tok.v === 'in' || tok.v === 'values') && next?.t === '(') {
      const a = toks[i + 2];
      if (a?.t === 'E' || (isLiteral(a) && toks[i + 3]?.t === ',' && isLiteral(toks[i + 4]))) return { rule: 'sqli.list', at: i };
    }
    if (tautologyAt(toks, i)) return { rule: 'sqli.tautology', at: i };
    if (tok.t === 'k' && tok.v === 'when' && isLiteral(next) && toks[i + 2]?.v === 'then') return { rule: 'sqli.case', at: i };
    if (tok.t === 'k' && tok.v === 'case' && next?.v === 'when') {
      for (let j = i + 2; j < Math.min(toks.length, i + 8); j++) if (toks[j]!.v === 'then') return { rule: 'sqli.case', at: i };
    }
    if (tok.t === 'k' && tok.v === 'as' && (prev?.t === ')' || prev?.t === 's' || prev?.t === 'n' || (prev?.t === 'b' && prev.quoted)) && (next?.t === 'b' || next?.t === 's') && toks[i + 2]?.v === 'from') return { rule: 'sqli.alias', at: i };
    // backtick-quoted identifiers exist only in MySQL: `FROM \`users\``, `INTO \`t\``
    if (tok.t === 'k' && (tok.v === 'from' || tok.v === 'into' || tok.v === 'join') && next?.t === 'b' && next.quoted) return { rule: 'sqli.clause', at: i };
    if (tok.t === 'k' && tok.v === 'from' && next?.t === 'b') {
      let j = i + 2;
      if (toks[j]?.t === '.' && toks[j + 1]?.t === 'b') j += 2;
      const clause = toks[j];
      if (clause?.t === 'k' && ((clause.v === 'where' && comparisonAt(toks, j + 1)) || ((clause.v === 'group' || clause.v === 'order') && toks[j + 1]?.v === 'by') || (clause.v === 'limit' && (!toks[j + 1] || toks[j + 1]!.t === 'n')))) return { rule: 'sqli.clause', at: i };
    }
    if (tok.t === 'f' && TIME_FUNCTIONS.has(tok.v)) {
      // `sleep(5)`, `SLEEP   (20 div 3)`; but `benchmark (requires node)` is prose
      const arg = toks[i + 2];
      if (!tok.gap || !arg || isLiteral(arg) || arg.t === 'f' || arg.t === '(' || arg.t === ')' || arg.t === 'o' || words === 0) return { rule: 'sqli.time-based', at: i };
    }
    if ((tok.t === 'b' || tok.t === 'f' || tok.t === 'k') && CATALOG_WORDS.has(tok.v)) return { rule: 'sqli.catalog', at: i };
    if (tok.t === 'b' && next?.t === '.' && CATALOG_WORDS.has(`${tok.v}.${toks[i + 2]?.v ?? ''}`)) return { rule: 'sqli.catalog', at: i };
    if (tok.t === 'v' && tok.v.startsWith('@@')) return { rule: 'sqli.system-variable', at: i };
    if (tok.t === 'o' && tok.v === '::' && next && (next.t === 'b' || next.t === 'k' || next.t === 'f') && PG_TYPES.has(next.v)) return { rule: 'sqli.type-cast', at: i };
    if (tok.t === 'f' && words <= 2 && sqlCall(toks, i) && (!tok.gap || words === 0)) return { rule: 'sqli.function', at: i };
    // `length((/* ...`: a comment inside a call's argument list is how filters are dodged, never prose
    if (tok.t === 'f' && SQL_FUNCTIONS.has(tok.v) && !tok.gap) {
      let j = i + 1;
      while (toks[j]?.t === '(') j++;
      if (j > i + 1 && (toks[j]?.t === 'X' || (toks[j]?.t === 'c' && toks[j]!.v === '/*'))) return { rule: 'sqli.function', at: i };
    }
    if (tok.t === 'c' && tok.v === '/*') {
      const sqlish = (t: Token | undefined): boolean => !!t && (t.t === 'E' || t.t === 'U' || t.t === '&' || (t.t === 'k' && t.v !== 'not'));
      if (sqlish(prev) || sqlish(next)) return { rule: 'sqli.comment-obfuscation', at: i };
    }
    if (tok.t === '&') {
      // A symbolic `||` / `&&` after a word is a separator in URLs and templates, not SQL.
      const symbolic = tok.v === '||' || tok.v === '&&';
      if (symbolic && prev) continue;
      if (i === 0) {
        // a value that starts with a logic operator continues a condition: `AND x!=`, `|| (a =`
        let j = 1;
        while (toks[j]?.t === '(') j++;
        if (isOperand(toks[j]) && isComparison(toks[j + 1]) && toks[j + 1]!.t === 'o') return { rule: 'sqli.tautology', at: i };
      }
      if (comparisonAt(toks, i + 1)) return { rule: 'sqli.tautology', at: i };
      if (isLiteral(next) && (toks[i + 2]?.t === 'c' || toks[i + 2]?.t === ';') && (!prev || isLiteral(prev))) return { rule: 'sqli.tautology', at: i };
      if (next?.t === 'c' && isLiteral(prev)) return { rule: 'sqli.comment-truncation', at: i };
      // `= 1 or '9`: a comparison, then a logic operator that opens a string the query will close
      if (next?.t === 's' && !next.closed && i === toks.length - 2 && isLiteral(prev) && isComparison(toks[i - 2]) && toks[i - 2]!.t === 'o') return { rule: 'sqli.tautology', at: i };
    }
    if (i === 0 && isLiteral(tok) && next?.t !== undefined && isComparison(next) && next.t === 'o' && ['=', '==', '!=', '<>', '<=>'].includes(next.v) && isLiteral(toks[i + 2]) && (!toks[i + 3] || toks[i + 3]!.t === 'c')) return { rule: 'sqli.tautology', at: i };
    if (i === 0 && tok.t === 'n' && next?.t === 'k' && next.v === 'like' && toks[i + 2]?.t === 'n' && !toks[i + 3]) return { rule: 'sqli.tautology', at: i };
    // `1 is not 2`, `5 rlike 5`: a number compared by an SQL keyword operator with a literal so
    // that the condition is always true (what a boolean probe needs), and nothing else
    if (i === 0 && tok.t === 'n' && next?.t === 'k' && (next.v === 'is' || next.v === 'like' || next.v === 'rlike' || next.v === 'regexp' || next.v === 'not')) {
      let j = i + 2;
      let negated = next.v === 'not';
      if (toks[j]?.t === 'k' && toks[j]!.v === 'not') { negated = true; j++; }
      if (toks[j]?.t === 'k' && (toks[j]!.v === 'like' || toks[j]!.v === 'rlike' || toks[j]!.v === 'regexp')) j++;
      const rhs = toks[j];
      if (j > i + 2 || next.v !== 'not') {
        if (isLiteral(rhs) && (!toks[j + 1] || toks[j + 1]!.t === 'c') && (rhs!.v === tok.v) !== negated) return { rule: 'sqli.tautology', at: i };
      }
    }
    // `'{"a":2}' < '$.a' = 7`: literals chained by comparisons, which only an expression has
    if (i === 0 && isLiteral(tok) && next?.t === 'o' && COMPARISON.has(next.v) && isLiteral(toks[i + 2]) && toks[i + 3]?.t === 'o' && COMPARISON.has(toks[i + 3]!.v) && isLiteral(toks[i + 4])) return { rule: 'sqli.tautology', at: i };
    // `name LIKE '`, `id="`: a comparison that opens a string and leaves it to the query to close
    if (i === toks.length - 1 && tok.t === 's' && !tok.closed && tok.v.trim() === '' && isComparison(prev) && i >= 2 && (toks[i - 2]!.t === 'b' || toks[i - 2]!.t === 'n')) return { rule: 'sqli.dangling-string', at: i };
  }
  return undefined;
}

/** Rules for a string context: token 0 is the literal the injected quote closed. */
function breakRules(toks: Token[]): Finding | undefined {
  const first = toks[0];
  if (!first || !(first.t === 's' || first.quoted) || !first.closed) return undefined;
  let i = 1;
  while (toks[i]?.t === ')') i++;
  const tok = toks[i];
  if (!tok) return undefined;
  const next = toks[i + 1];
  switch (tok.t) {
    case 'c':
    case 'X':
      // `'# text` is a quote mark and a hash in prose; a truncating `#` ends the input.
      if (tok.v === '#' && tok.text) return undefined;
      return { rule: 'sqli.string-break-comment', at: i };
    case ';':
      if (!next || next.t === 'c' || next.t === 'E' || next.t === 'v' || (next.t === 'k' && next.v === 'set')) return { rule: 'sqli.string-break-stacked', at: i };
      // `';print'`: the value opens with the quote and a statement break, then a statement word
      if (i === 1 && first.v === '' && !tok.spaced && next.t === 'b' && !next.quoted && (!toks[i + 2] || toks[i + 2]!.t === 's' || toks[i + 2]!.t === '(' || toks[i + 2]!.t === 'c')) return { rule: 'sqli.string-break-stacked', at: i };
      return undefined;
    case '&': {
      if (!next) return undefined;
      for (let j = i + 1; j < toks.length; j++) if (toks[j]!.t === 'c' && j > i + 1) return { rule: 'sqli.string-break-logic', at: i };
      // `'or'` glued to both literals is how injections avoid spaces; prose puts spaces around words.
      if ((next.t === 's' || next.quoted) && !next.closed) return !tok.spaced && !next.spaced ? { rule: 'sqli.string-break-logic', at: i } : undefined;
      // `' or glob (id,id)`: a keyword operator used as a function
      if (next.t === 'k' && KEYWORD_OPERATORS.has(next.v) && toks[i + 2]?.t === '(') return { rule: 'sqli.string-break-logic', at: i };
      if (next.t === 'n' && toks[i + 2] && !isComparison(toks[i + 2]) && toks[i + 2]!.t !== ';' && toks[i + 2]!.t !== '&') return undefined;
      if (next.t === 'n' || next.t === 's' || next.t === 'v' || next.t === '(' || next.t === 'c' || next.t === 'X' || (next.t === 'k' && ['not', 'null', 'true', 'false', 'exists'].includes(next.v)) || next.t === 'E') return { rule: 'sqli.string-break-logic', at: i };
      if (next.t === 'f' && SQL_FUNCTIONS.has(next.v)) return { rule: 'sqli.string-break-logic', at: i };
      if (next.t === 'b' && isComparison(toks[i + 2]) && toks[i + 3] !== undefined && toks[i + 3]!.t !== 'b') return { rule: 'sqli.string-break-logic', at: i };
      // `' or username like secret escape 'x'`: a keyword comparison that the statement carries on
      if (next.t === 'b' && toks[i + 2]?.t === 'k' && KEYWORD_OPERATORS.has(toks[i + 2]!.v) && toks[i + 3]?.t === 'b' && ['k', 's', 'c', ';'].includes(toks[i + 4]?.t ?? '')) return { rule: 'sqli.string-break-logic', at: i };
      // `' or abc!`, `' or x<`: an operator (not sentence punctuation like `?`) after the operand
      if (next.t === 'b' && toks[i + 2]?.t === 'o' && ['!', '-', '<', '>', '=', '|', '&', '^'].includes(toks[i + 2]!.v) && (!toks[i + 3] || toks[i + 3]!.t !== 'b')) return { rule: 'sqli.string-break-logic', at: i };
      return undefined;
    }
    case 'o':
      if (!COMPARISON.has(tok.v) && !ARITHMETIC.has(tok.v)) return undefined;
      if (isOperand(next) && (toks[i + 2]?.t === 'c' || toks[i + 2]?.t === ';' || toks[i + 2]?.t === 'X')) return { rule: 'sqli.string-break-operator', at: i };
      if (next?.t === 'f' && SQL_FUNCTIONS.has(next.v)) return { rule: 'sqli.string-break-operator', at: i };
      if (next?.t === 'c' && (next.v !== '#' || !next.text)) return { rule: 'sqli.string-break-operator', at: i };
      return undefined;
    case 'k':
      if (!AFTER_LITERAL.has(tok.v) || quotedWord(toks, i) || prosey(toks, i + 1)) return undefined;
      if (tok.v === 'not' && !(next && ((next.t === 'k' && KEYWORD_OPERATORS.has(next.v)) || next.v === 'null' || next.v === 'exists' || next.t === 'n' || next.t === '(' || next.t === 'f'))) return undefined;
      if (tok.v === 'is' && !(next && ((next.t === 'k' && ['not', 'null', 'true', 'false'].includes(next.v)) || next.t === 'n' || next.t === 'o' || next.t === 'c'))) return undefined;
      return { rule: 'sqli.string-break-keyword', at: i };
    case 'E':
    case 'U':
      if (quotedWord(toks, i) || prosey(toks, i + 1)) return undefined;
      return { rule: 'sqli.string-break-statement', at: i };
    case 'f':
      return SQL_FUNCTIONS.has(tok.v) ? { rule: 'sqli.string-break-function', at: i } : undefined;
    case '(':
      return next?.t === 'E' ? { rule: 'sqli.string-break-subquery', at: i } : undefined;
    default:
      return undefined;
  }
}

/**
 * Characters some rule needs: quotes (string breaks), parentheses (calls, subqueries), `;`
 * (stacking), comparison and logic operators, comments, `@@` variables and `::` casts. Hyphens,
 * slashes, `@` and `+` alone appear in every email, date and URL and only matter after a quote.
 */
const SQL_PUNCTUATION = /['"`();=<>!|&#*]|--|\/\*|@@|::/;
const STATEMENT_WORD = /\b(?:union|select|insert|update|delete|drop|alter|create|truncate|exec|execute|declare|waitfor|shutdown|when|from|merge|grant|revoke|rename|except|intersect|pg_sleep)\b/i;

/**
 * Without SQL punctuation, only statement words, catalog names or a value made purely of SQL
 * keywords can matter; prose and identifiers skip the lexer entirely.
 */
function mayBeSql(value: string): boolean {
  if (SQL_PUNCTUATION.test(value) || STATEMENT_WORD.test(value)) return true;
  if (CATALOG_HINT.test(value)) return true;
  // `SET @x`: assigning a user variable
  if (value.includes('@') && /\bset\s+@/i.test(value)) return true;
  // a short value made only of SQL keywords and numbers (`IS NULL`, `or 88`, `ORDER BY`)
  if (value.length > 64) return false;
  const words = value.toLowerCase().split(/[\s.,!?+\-/%^~]+/).filter(Boolean);
  const isKeyword = (w: string): boolean => KEYWORDS.has(w) || w === 'and' || w === 'or' || w === 'xor';
  return words.some(isKeyword) && words.every((w) => isKeyword(w) || /^\d+$/.test(w));
}

/**
 * Every word the rules give a meaning to: keywords, verbs, set and logic operators, function,
 * type and catalog names. A token of any class but bareword, number and string comes from one.
 */
const SQL_VOCABULARY = new Set<string>([
  ...KEYWORDS, ...STATEMENTS, ...SET_OPERATORS, ...LOGIC, ...FUNCTION_KEYWORDS, ...SQL_FUNCTIONS, ...TIME_FUNCTIONS,
  ...PG_TYPES, ...COMMON_WORD_FUNCTIONS, ...KEYWORD_OPERATORS, ...AFTER_LITERAL, ...[...CATALOG_WORDS].flatMap((w) => w.split('.')),
]);
const LONGEST_WORD = Math.max(...[...SQL_VOCABULARY].map((w) => w.length));
/** Words as the lexer reads them (a leading digit only makes the match start later: conservative). */
const WORD = /[A-Za-z_\u00c0-\uffff][\w$\u00c0-\uffff]*/g;
/**
 * Punctuation with a meaning of its own to some rule: comments (`--`, `#`, `/*`), statement
 * breaks, comparisons (`!=`, `!<`, but not a lone `!`), symbolic logic (`||`, `&&`), system
 * variables and casts. Quotes, parentheses, commas, `!` and lone arithmetic only matter next to
 * one of these or to a word above.
 */
const SQL_SIGNAL = /[;=<>#]|![=<>]|--|\/\*|\|\||&&|@@|::/;

/**
 * Whether any rule can fire: it needs an SQL word or a punctuation signal. Most prose with
 * apostrophes or inch marks (`Dana O'Reilly`, `10" x 12" & ribbon`) has neither and skips
 * every lexer pass; the check is one regular expression and a word scan.
 */
function hasSqlSignal(value: string): boolean {
  if (SQL_SIGNAL.test(value)) return true;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(value)) !== null) {
    const word = m[0];
    if (word.length <= LONGEST_WORD && SQL_VOCABULARY.has(word.toLowerCase())) return true;
  }
  return false;
}

export function detectSqli(value: string): Finding | undefined {
  if (value.length < 2 || !mayBeSql(value) || !hasSqlSignal(value)) return undefined;
  const raw = anyContextRules(lexSql(value));
  if (raw) return raw;
  for (const quote of ["'", '"', '`']) {
    if (!value.includes(quote)) continue;
    const toks = lexSql(quote + value);
    const hit = breakRules(toks) ?? anyContextRules(toks);
    if (hit) return hit;
    if (quote !== '`' && value.includes('\\')) {
      const standard = breakRules(lexSql(quote + value, { backslashEscapes: false }));
      if (standard) return standard;
    }
  }
  return undefined;
}

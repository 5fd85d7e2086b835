/**
 * SQL injection: the value is lexed as SQL in several contexts, as libinjection does: as is (a
 * numeric or bare context) and as if it were pasted after an opening `'`, `"` or backtick (a
 * string or identifier context, with MySQL's and standard SQL's backslash rules). Rules then
 * look at the token shape. A string context only counts when the value itself closes the
 * string, which is what an injection into a quoted literal must do.
 */
import {
  C_AMP, C_AT, C_BANG, C_BRACK, C_BT, C_COLON, C_DASH, C_DQ, C_EQ, C_GT, C_HASH, C_LT, C_PAREN, C_PIPE, C_QUEST, C_SEMI, C_SLASH, C_SQ, C_STAR, HASH_SEED, charMask, hashStep, isAsciiBlank, isAsciiDigit,
} from './chars.js';
import { isHexDigit, isSpace, isWordChar, isWordStart, lexSql, readWord, type Token, wordHash, wordInVocabulary } from './sql-lexer.js';
import {
  AFTER_LITERAL, ARITHMETIC, CATALOG_WORDS, COMMON_WORD_FUNCTIONS, COMPARISON, KEYWORD_OPERATORS, LONE_OPERATORS, LONGEST_WORD, lookupWord, lowerAscii,
  PG_TYPES, SHAPING_WORDS, SQL_FUNCTIONS, SQL_ONLY_TYPES, TIME_FUNCTIONS, VOCABULARY, W_CATALOG, W_FUNCTION, W_FUNCTION_KEYWORD, W_KEYWORD, W_LOGIC, W_OTHER, W_SET, W_STATEMENT, W_TYPE,
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
  // `)like(`, `) or (`, `; as not from`: a fragment that closes the application's parenthesis or statement first
  const start = (toks[0]?.t === ')' || toks[0]?.t === ';') && toks.length > 2 ? 1 : 0;
  const first = toks[start];
  // words that are SQL operators or types and nothing else in any language, and the comparison and
  // logic operators SQL writes with two characters (`>=`, `<>`, `||`): the value is an operator or a
  // type for the query around it (`?op=>=`, `CAST(x AS ${type})`)
  if (toks.length === 1 && first) {
    if ((first.t === '&' && first.v === 'xor') || (first.t === 'k' && SQL_ONLY_OPERATORS.has(first.v))) return true;
    if ((first.t === 'o' || first.t === '&') && LONE_OPERATORS.has(first.v)) return true;
    if (first.t === 'b' && (first.w & W_TYPE) !== 0 && SQL_ONLY_TYPES.has(first.v)) return true;
  }
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

/** `1.e`, `10.E`: a float literal with an empty exponent */
function emptyExponent(v: string): boolean {
  const n = v.length;
  if (n < 3 || v.charCodeAt(n - 1) !== 101 || v.charCodeAt(n - 2) !== 46) return false;
  for (let k = 0; k < n - 2; k++) {
    const c = v.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Integers at the boundaries of 32- and 64-bit types, the probes for overflow and sign handling. */
const INTEGER_BOUNDARIES = new Set(['2147483647', '2147483648', '2147483649', '4294967295', '4294967296', '9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616']);
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * The whole value is a number at an integer type's boundary (`4294967296`, `-2147483649`) or a
 * float that underflows or overflows a double (`2.2250738585072011e-308`, `1e309`): probes for
 * overflow handling in the query and the DoS-prone float parsers of some runtimes.
 */
function numericBoundary(toks: Token[]): boolean {
  let i = 0;
  if (toks.length === 2 && toks[0]!.t === 'o' && (toks[0]!.v === '-' || toks[0]!.v === '+') && !toks[1]!.spaced) i = 1;
  else if (toks.length !== 1) return false;
  const tok = toks[i]!;
  if (tok.t !== 'n' || tok.v.length < 5) return false;
  const v = tok.v;
  if (v.charCodeAt(1) === 120 || v.charCodeAt(1) === 98) return false;
  let digitsOnly = true;
  for (let k = 0; k < v.length; k++) if (v.charCodeAt(k) < 48 || v.charCodeAt(k) > 57) { digitsOnly = false; break; }
  if (digitsOnly) return INTEGER_BOUNDARIES.has(v.replace(/^0+(?=\d)/, ''));
  if (!v.includes('e')) return false;
  const x = Number(v);
  return !Number.isFinite(x) || (x !== 0 && x <= MIN_NORMAL);
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
  if (numericBoundary(toks)) return { rule: 'sqli.numeric-overflow', at: 0 };
  // `/3 or `, `/x_R AND `: a fragment that continues the query's arithmetic and leaves a
  // condition open for the query to complete; prose neither starts with `/` nor ends with `and`
  if (toks.length === 3 && toks[0]!.t === 'o' && (toks[0]!.v === '/' || toks[0]!.v === '%') && (toks[1]!.t === 'b' || isLiteral(toks[1])) && toks[2]!.t === '&' && (toks[2]!.v === 'and' || toks[2]!.v === 'or' || toks[2]!.v === 'xor')) return { rule: 'sqli.dangling-logic', at: 2 };
  if (danglingCall(toks)) return { rule: 'sqli.function', at: toks.length - 1 };
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    // (never `toks[-1]`: a negative index is a dictionary lookup in V8)
    const prev = i > 0 ? toks[i - 1] : undefined;
    const next = toks[i + 1];
    if (tok.t === 'X') return { rule: 'sqli.versioned-comment', at: i };
    if (tok.t === 'U') {
      let j = i + 1;
      while (toks[j] && (toks[j]!.t === 'c' || toks[j]!.t === '(' || (toks[j]!.t === 'k' && (toks[j]!.v === 'all' || toks[j]!.v === 'distinct')))) j++;
      if ((toks[j]?.t === 'E' && toks[j]!.v === 'select') || (toks[j]?.t === 'k' && toks[j]!.v === 'values')) return { rule: 'sqli.union', at: i };
      // `2 union all`, `') union distinct`: the set operator's quantifier after an operand is SQL's alone
      if (next?.t === 'k' && (next.v === 'all' || next.v === 'distinct') && (isLiteral(prev) || prev?.t === ')')) return { rule: 'sqli.union', at: i };
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
      const dotted = toks[j]?.t === '.' && toks[j + 1]?.t === 'b';
      if (dotted) j += 2;
      const clause = toks[j];
      // `FROM ack_variable WHERE name`: a table named like code, then the column the query compares
      const codeTable = dotted || next.quoted || next.v.includes('_');
      if (clause?.t === 'k' && clause.v === 'where' && codeTable && toks[j + 1]?.t === 'b' && !toks[j + 2]) return { rule: 'sqli.clause', at: i };
      if (clause?.t === 'k' && ((clause.v === 'where' && comparisonAt(toks, j + 1)) || ((clause.v === 'group' || clause.v === 'order') && toks[j + 1]?.v === 'by') || (clause.v === 'limit' && (!toks[j + 1] || toks[j + 1]!.t === 'n')))) return { rule: 'sqli.clause', at: i };
    }
    if (tok.t === 'f' && TIME_FUNCTIONS.has(tok.v)) {
      // `sleep(5)`, `SLEEP   (20 div 3)`; but `benchmark (requires node)` is prose
      const arg = toks[i + 2];
      if (!tok.gap || !arg || isLiteral(arg) || arg.t === 'f' || arg.t === '(' || arg.t === ')' || arg.t === 'o' || words === 0) return { rule: 'sqli.time-based', at: i };
    }
    if (tok.t === 'b' && tok.v.length >= 11 && gluedUnion(tok.v, 0, tok.v.length)) return { rule: 'sqli.union', at: i };
    // `1.e.tables`, `1.e(`: MySQL reads `1.e` as a float and lets an identifier or call follow it
    // with no space, which filters that look for words miss (`1.e.g` is an abbreviation)
    if (tok.t === 'b' && emptyExponent(tok.v) && next && !next.spaced && (next.t === '(' || (next.t === '.' && toks[i + 2]?.t === 'b' && !toks[i + 2]!.spaced && toks[i + 2]!.v.length > 1))) return { rule: 'sqli.number-obfuscation', at: i };
    if ((tok.w & W_CATALOG) !== 0 && (tok.t === 'b' || tok.t === 'f' || tok.t === 'k') && CATALOG_WORDS.has(tok.v)) return { rule: 'sqli.catalog', at: i };
    if ((tok.w & (W_CATALOG | W_OTHER)) !== 0 && tok.t === 'b' && next?.t === '.' && CATALOG_WORDS.has(`${tok.v}.${toks[i + 2]?.v ?? ''}`)) return { rule: 'sqli.catalog', at: i };
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

/** Does `text` end with the word `word` (preceded by a non-letter or nothing)? */
function endsWithWord(text: string, word: string): boolean {
  const end = text.length;
  if (end < word.length || !text.endsWith(word)) return false;
  if (end === word.length) return true;
  const c = text.charCodeAt(end - word.length - 1);
  return !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95);
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
  // `6 As" from`: the value ended an alias with the quote, and the statement carries on
  if (tok.t === 'k' && tok.v === 'from' && endsWithWord(first.v, 'as')) return { rule: 'sqli.alias', at: i };
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
      // `' * from = 1`: an operator, then a clause; a dash or plus may be prose punctuation
      if (tok.v !== '-' && tok.v !== '+' && next?.t === 'k' && (next.v === 'from' || next.v === 'where') && toks[i + 2] && !prosey(toks, i + 2)) return { rule: 'sqli.string-break-operator', at: i };
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
 * `unionselect`, `UNIONALLSELECT`: keywords glued together once a filter has removed the comments
 * between them. Does the word `text[start, end)` contain `union` followed by `select` (optionally
 * `all`/`distinct` between), case-insensitively? Only called for words of 11+ characters.
 */
function gluedUnion(text: string, start: number, end: number): boolean {
  for (let k = start; k + 11 <= end; k++) {
    if ((text.charCodeAt(k) | 32) !== 117) continue;
    if (matchLower(text, k, 'union')) {
      let m = k + 5;
      if (matchLower(text, m, 'all')) m += 3;
      else if (matchLower(text, m, 'distinct')) m += 8;
      if (m + 6 <= end && matchLower(text, m, 'select')) return true;
    }
  }
  return false;
}

function matchLower(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) if (lowerAscii(text.charCodeAt(at + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Cheap necessary condition for `detectSqli`: `false` means no SQL injection rule can match
 * `s` (in any of the readings `detectSqli` tries), so the lexer need not run. One pass over the
 * character codes, no regular expression, no allocation. It mirrors how the lexer splits words,
 * numbers and punctuation, so every token the rules can give a meaning to is seen:
 *
 * - a word the rules know as a keyword, statement verb, set or logic operator, catalog name or
 *   SQL-only type name, or a word glued from `union` and `select`;
 * - a function name, but only when the text has a `(` (a name without a call is a bareword);
 * - `||`, `&&`, `@@`, `::`, a MySQL `/*!` comment, or a comparison `=`, `<`, `>` (see below);
 * - a quote together with a comment (`--`, `#`, `/*`), a `;` or a `?` (the string-break rules);
 *   two `?` (chained comparisons); `mysql`, `sys` with a `.` (`mysql.user`); two kinds of
 *   quote and no letter or digit (`"'`, a delimiter probe);
 * - `1.e` followed by `.` or `(`; a number of 10+ characters or with a 3-digit exponent, alone (a
 *   boundary probe) or as a word whose place counts (below).
 *
 * Then the shape decides (see `sqlShaped`, the rules' own precondition). With a quote or a
 * comment any keyword counts. Otherwise the words SQL shares with prose count by where
 * they stand, which the token positions tell (exact for ASCII text without `@` or `[`): a
 * statement verb that opens the value or follows `;` or `(` (`Select the cheaper option` in the
 * middle of a sentence does not), `from` two or four tokens before `where`/`group`/`order`/`limit`
 * or after a number or `)` and `as`, `when` with `then`, a function name, `in` or `values` right
 * before `(`, a value that ends in `(`, a comparison after a number (`1=1`) or with a logic
 * word or a variable; and, as with `;`, `(`, `)`, `!`, `*`, `|` or `&` alone, a value of keywords
 * only, a logic word with a keyword comparison, a number compared by a keyword or after a logic
 * word, a `?` or an `@variable`. Names, emails, dates, UUIDs, numbers, URLs, `key=value`
 * pairs, accept headers and most prose (`Happy birthday! Love from all of us (and the dog)`)
 * return `false`.
 */
export function mayContainSql(s: string, mask = charMask(s)): boolean {
  const n = s.length;
  if (n < 2) return false;
  // Most values (names, ids, dates, addresses) hold no word of the vocabulary and none of the
  // punctuation that counts without one; and with no punctuation at all, keywords among other
  // words (`Item 3 of order 12`) only count next to a shaping word: a lighter pass settles both.
  if (!shapedWithoutWords(s, mask)) {
    const words = vocabularyScan(s);
    if ((words & (MAY_BE_VOCABULARY | SHAPING)) === 0) return false;
    if ((words & SHAPING) === 0 && ((words & NOT_VOCABULARY) !== 0 || n > 64) && !punctuated(s, mask)) return false;
  }
  let quote = false;
  let kinds = 0;
  let wordy = false;
  let comment = false;
  let semicolon = false;
  let questions = 0;
  let paren = false;
  let fn = false;
  let other = false;
  // the SQL shape (see `sqlShaped`)
  let punct = false;
  let keywords = 0;
  let plain = 0;
  let at = false;
  let set = false;
  let may = false;
  // `strong`: a quote or a comment, after which any keyword counts; see the end of the loop
  let strong = false;
  let logic = false;
  let keywordOperator = false;
  // the last word or number read was a keyword (1) or a number (2); a keyword next to a number
  let last = 0;
  let nextToNumber = false;
  // exactly: a number compared by a keyword (`5 like 5`, `1 is`), or a logic word or `when` before one (`or 1`)
  let comparedNumber = false;
  // Token positions as the lexer counts them, and where the words that only count by their
  // neighbours were seen. `exact`: the positions are the lexer's (`@variables` and `[names]`
  // span several characters the count below takes one by one, non-ASCII is not counted).
  let token = 0;
  let exact = true;
  // a statement verb, `from` or `when` whose place did not decide yet
  let placed = false;
  let semicolonAt = -9;
  let openAt = -9;
  let closeAt = -9;
  let numberAt = -9;
  let aliasAt = -9;
  let fromAt = -9;
  let statementAt = -9;
  let callerAt = -9;
  let numberOpenerAt = -9;
  let when = false;
  let then = false;
  // a `=`, `<` or `>` not after a number
  let compared = false;
  // a boundary literal (`numberIsBoundary`) shapes the value, and alone (a number) it is the probe
  let shapedNumber = false;
  let boundary = false;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    let cls: number;
    if (c < 128) {
      cls = ASCII_CLASS[c]!;
      if (cls === C_BLANK) { i++; continue; }
      if (cls === C_OTHER) { i++; token++; continue; }
      if (cls === C_PUNCT) {
        const c1 = i + 1 < n ? s.charCodeAt(i + 1) : -1;
        switch (c) {
          case 61: // =
          case 60: // <
          case 62: // >
            // a comparison: after a number it can be a tautology (`1=1`, `2>1`); otherwise it
            // counts with what the end of the scan weighs (a quote, a logic word, a variable...)
            if (numberAt === token - 1) return true;
            compared = punct = true;
            break;
          case 39: // '
            punct = strong = true;
            quote = true;
            kinds |= 1;
            break;
          case 34: // "
            punct = strong = true;
            quote = true;
            kinds |= 2;
            break;
          case 96: // `
            punct = strong = true;
            quote = true;
            kinds |= 4;
            break;
          case 59: // ;
            punct = true;
            semicolon = true;
            semicolonAt = token;
            break;
          case 63: // ?
            questions++;
            break;
          case 40: // (
            // a call or a list: `sleep(`, `count (`, `in (`
            if (callerAt === token - 1) return true;
            punct = true;
            paren = true;
            openAt = token;
            break;
          case 35: // #
            punct = strong = true;
            comment = true;
            break;
          case 45: // -
            if (c1 === 45) punct = strong = comment = true;
            // `->`
            else if (c1 === 62 && numberAt === token - 1) return true;
            break;
          case 47: // /
            if (c1 === 42) {
              if (i + 2 < n && s.charCodeAt(i + 2) === 33) return true;
              punct = strong = comment = true;
            }
            break;
          case 124: // |
          case 38: // &
            // `||`, `&&`; alone, a bit operator, which only counts after a string break
            if (c1 === c) return true;
            punct = true;
            break;
          case 64: // @
          case 58: // :
            // `@@`, `::`
            if (c1 === c) return true;
            if (c === 64) at = true;
            exact &&= c !== 64;
            break;
          case 41: // )
            punct = true;
            closeAt = token;
            break;
          case 33: // !
            // `!=`, `!<`, `!>`
            if ((c1 === 61 || c1 === 60 || c1 === 62) && numberAt === token - 1) return true;
            punct = true;
            break;
          case 42: // *
            punct = true;
            // `*/` ends a comment: the lexer reads it as a blank
            if (c1 === 47) {
              i += 2;
              continue;
            }
            break;
          case 91: // [
            exact = false;
            break;
          case 46: // .
            // `.5`: a number that starts at its decimal point, read as one by the digit case below
            if (c1 >= 48 && c1 <= 57) cls = C_DIGIT;
            break;
          default:
            break;
        }
        if (cls === C_PUNCT) {
          i++;
          token++;
          continue;
        }
      }
      if (cls === C_DIGIT) {
        wordy = true;
        if (last === 1) nextToNumber = true;
        last = 2;
        const end = numberEnd(s, i, n);
        if (end < 0) return true;
        if (numberIsBoundary) {
          shapedNumber = true;
          boundary ||= !numberIsWord;
        }
        if (!numberIsWord) {
          numberAt = token;
          if (numberOpenerAt === token - 1) comparedNumber = true;
        }
        token++;
        i = end;
        continue;
      }
      // C_WORD: a letter or `_`
    } else {
      wordy = true;
      exact = false;
      if (c < 0xc0 || isSpace(c)) { i++; continue; }
    }
    // a word, read as the lexer reads it: hashed while it is short enough to be in the vocabulary
    let j = readWord(s, i, n);
    const h = wordHash;
    const vocabulary = wordInVocabulary;
    wordy = true;
    const len = j - i;
    let keyword = false;
    if (vocabulary && len <= LONGEST_WORD) {
      const entry = lookupWord(s, i, j, h);
      if (entry !== undefined) {
        const flags = entry.flags;
        const word = entry.word;
        if ((flags & (W_SET | W_CATALOG)) !== 0) return true;
        if ((flags & W_TYPE) !== 0 && SQL_ONLY_TYPES.has(word)) return true;
        const statement = (flags & W_STATEMENT) !== 0;
        if (statement || (flags & (W_KEYWORD | W_LOGIC)) !== 0) {
          may = true;
          keywords++;
          keyword = true;
          if (strong) return true;
          if (statement) {
            // a statement opens the value, follows `;` or `(`, or names what it acts on (`drop table`)
            if (token === 0 || semicolonAt === token - 1 || openAt === token - 1 || word === 'waitfor') return true;
            statementAt = token;
            placed = true;
          } else if (word === 'from') {
            // `5 as x from`, `) as x from`: an alias, the statement carries on
            if (aliasAt === token - 2) return true;
            fromAt = token;
            placed = true;
          } else if (word === 'where' || word === 'group' || word === 'order' || word === 'limit') {
            // `from t where`, `from db.t order`
            if (token - fromAt === 2 || token - fromAt === 4) return true;
          } else if (word === 'when') {
            when = placed = true;
          } else if (word === 'then') {
            then = true;
          } else if (word === 'as') {
            if (numberAt === token - 1 || closeAt === token - 1) aliasAt = token;
          } else if (word === 'set') {
            set = true;
          } else if (statementAt === token - 1 && OBJECTS.includes(word)) {
            return true;
          }
          if ((flags & W_LOGIC) !== 0) {
            logic = true;
            numberOpenerAt = token;
            if (numberAt === token - 1) comparedNumber = true;
          } else if (KEYWORD_OPERATORS.has(word)) {
            keywordOperator = true;
            if (numberAt === token - 1) comparedNumber = true;
          } else if (word === 'when') {
            numberOpenerAt = token;
          }
          if (last === 2) nextToNumber = true;
        } else plain++;
        if ((flags & (W_FUNCTION | W_FUNCTION_KEYWORD)) !== 0) {
          fn = true;
          callerAt = token;
        }
        if ((flags & W_OTHER) !== 0) other = true;
      } else plain++;
    } else plain++;
    if (len >= 11 && gluedUnion(s, i, j)) return true;
    last = keyword ? 1 : 0;
    token++;
    i = j;
  }
  if (boundary && token <= 2) return true;
  placed ||= shapedNumber;
  if ((kinds & 4) !== 0 && backtickedExponent(s)) return true;
  // `status=open`, `q=0.9`: a comparison of words is read as one only with a quote, a logic word, a
  // variable, a placed word or keywords alone around it, or as a lone operator (`>=`)
  if (compared && (strong || at || logic || placed || !exact || !wordy || plain === 0)) return true;
  // (a `.` inside a number counts: `user 1.5`)
  const otherDotted = other && s.includes('.');
  may ||= (quote && (comment || semicolon || questions > 0)) || questions > 1 || (fn && paren) || otherDotted || (!wordy && n <= 16 && kinds !== 0 && (kinds & (kinds - 1)) !== 0);
  if (!may) return false;
  if (strong || otherDotted || (set && at) || startsWithOperator(s) || (n <= 64 && keywords > 0 && plain === 0)) return true;
  // a value that ends in `(` leaves a call or a list for the query to complete
  if ((placed && !exact) || openAt === token - 1) return true;
  if (!punct && !placed) return false;
  // Only `;`, `(`, `)`, `!` or words placed where they do not act (`Leave it with the porter; ring
  // twice`): no quote, comment or operator character, so no string-break rule. What a rule can
  // still read is a value of keywords alone, a logic word with a keyword comparison (`; and it is
  // not`), a number compared by a keyword or after a logic word (`or 1;`, `5 like 5`; any
  // keyword next to a number where positions are not exact), `when` with `then`, a `?`
  // comparison or an `@variable`.
  return plain === 0 || (logic && keywordOperator) || (exact ? comparedNumber : nextToNumber) || (when && then) || questions > 0 || at;
}

/**
 * What makes `mayContainSql` true without any vocabulary word: `=`, `<`, `>`, `||`, `&&`, `@@`,
 * `::`, `/*!`, two `?`, or a quote with a comment, `;` or `?` (or a second kind of quote in a
 * short value). Without these and without a word `vocabularyMayOccur` admits, `may` stays false.
 */
function shapedWithoutWords(s: string, mask: number): boolean {
  if ((mask & (C_EQ | C_LT | C_GT)) !== 0) return true;
  if ((mask & C_PIPE) !== 0 && s.includes('||')) return true;
  if ((mask & C_AMP) !== 0 && s.includes('&&')) return true;
  if ((mask & C_AT) !== 0 && s.includes('@@')) return true;
  if ((mask & C_COLON) !== 0 && s.includes('::')) return true;
  if ((mask & C_STAR) !== 0 && s.includes('/*!')) return true;
  if ((mask & C_QUEST) !== 0 && s.indexOf('?') !== s.lastIndexOf('?')) return true;
  const quotes = mask & (C_SQ | C_DQ | C_BT);
  if (quotes === 0) return false;
  if ((quotes & C_BT) !== 0 && backtickedExponent(s)) return true;
  return (mask & (C_HASH | C_SEMI | C_QUEST)) !== 0 || ((mask & C_DASH) !== 0 && s.includes('--')) || ((mask & C_SLASH) !== 0 && s.includes('/*'))
    || (s.length <= 16 && (quotes & (quotes - 1)) !== 0);
}

/**
 * `1.e` before a backtick: in a backtick-quoted identifier (`` `1.e`( ``, or read from inside
 * one) it is the empty-exponent float the number-obfuscation rule looks for.
 */
function backtickedExponent(s: string): boolean {
  for (let at = s.indexOf('`', 3); at >= 0; at = s.indexOf('`', at + 1)) {
    if ((s.charCodeAt(at - 1) | 32) === 101 && s.charCodeAt(at - 2) === 46 && isAsciiDigit(s.charCodeAt(at - 3))) return true;
  }
  return false;
}

/** Word characters for `vocabularyMayOccur`: a letter or `_` starts a word, a digit a number; `$` only continues one. */
const WORD_START = 1;
const DIGIT = 2;
const WORD_REST = 3;
const WORD_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  // below 128 the lexer's word start is exactly a letter or `_`
  if (isWordStart(c)) WORD_CLASS[c] = WORD_START;
  else if (isAsciiDigit(c)) WORD_CLASS[c] = DIGIT;
  else if (c === 36) WORD_CLASS[c] = WORD_REST;
}

/** `vocabularyScan` bits: a word the vocabulary may hold, a word it surely does not, something that shapes the value by itself. */
const MAY_BE_VOCABULARY = 1;
const NOT_VOCABULARY = 2;
const SHAPING = 4;

/**
 * What the words and numbers of `s` can mean to `mayContainSql`, by their hashes: a word the
 * vocabulary may hold, a word it surely does not (the value is not keywords alone), and whether
 * some word or number shapes the value by itself (`SHAPING_WORDS`, a word glued from `union` and
 * `select`, a number `numberEnd` rejects or marks as a boundary literal; non-ASCII text too).
 */
function vocabularyScan(s: string): number {
  const n = s.length;
  let found = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 128) return SHAPING;
    const kind = WORD_CLASS[c]!;
    if (kind === WORD_START) {
      let h = HASH_SEED;
      let j = i;
      for (; j < n; j++) {
        const d = s.charCodeAt(j);
        if (d >= 128) return SHAPING;
        if (WORD_CLASS[d] === 0) break;
        h = hashStep(h, d);
      }
      const len = j - i;
      if (SHAPING_WORDS.mayHave(h, len) || (len >= 11 && gluedUnion(s, i, j))) return SHAPING;
      found |= VOCABULARY.mayHave(h, len) ? MAY_BE_VOCABULARY : NOT_VOCABULARY;
      i = j;
    } else if (kind === DIGIT || (c === 46 && i + 1 < n && isAsciiDigit(s.charCodeAt(i + 1)))) {
      // digits alone, then a blank or punctuation other than `.`: a short number never matters
      let j = i + 1;
      while (j < n && isAsciiDigit(s.charCodeAt(j))) j++;
      if (j - i < 10 && c !== 46 && (j === n || (s.charCodeAt(j) < 128 && WORD_CLASS[s.charCodeAt(j)] === 0 && s.charCodeAt(j) !== 46))) {
        i = j;
        continue;
      }
      const end = numberEnd(s, i, n);
      if (end < 0 || numberIsBoundary) return SHAPING;
      i = end;
    } else {
      i++;
    }
  }
  return found;
}

/**
 * Does `s` hold what `mayContainSql` reads as punctuation (quotes, comments, `;?()!*|&@[`,
 * comparisons), or start with the `/` or `%` of a continued expression? Without it, a value of
 * keywords and other words is never SQL-shaped.
 */
function punctuated(s: string, mask: number): boolean {
  return (mask & GATE_PUNCTUATION) !== 0 || ((mask & C_DASH) !== 0 && s.includes('--')) || ((mask & C_SLASH) !== 0 && s.includes('/*')) || startsWithOperator(s);
}

const GATE_PUNCTUATION = C_SQ | C_DQ | C_BT | C_SEMI | C_QUEST | C_PAREN | C_HASH | C_PIPE | C_AMP | C_AT | C_BANG | C_STAR | C_BRACK | C_EQ | C_LT | C_GT;

/**
 * ASCII character classes for the prefilter: blanks (the lexer skips them), characters that make
 * a token the prefilter has no use for, punctuation it looks at, digit, word start.
 */
const C_BLANK = 0;
const C_OTHER = 1;
const C_PUNCT = 2;
const C_DIGIT = 3;
const C_WORD = 4;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (isWordStart(c)) ASCII_CLASS[c] = C_WORD;
  else if (isAsciiDigit(c)) ASCII_CLASS[c] = C_DIGIT;
  else if ("=<>'\"`;?()!*#-/|&@:.[".includes(String.fromCharCode(c))) ASCII_CLASS[c] = C_PUNCT;
  else if (c === 0 || isAsciiBlank(c)) ASCII_CLASS[c] = C_BLANK;
  else ASCII_CLASS[c] = C_OTHER;
}

/** Set by `numberEnd`: the word characters after the number made it a bareword (`5pm`, `17_4`). */
let numberIsWord = false;
/**
 * Set by `numberEnd`: a literal of 10+ characters or with a 3-digit exponent, which only the
 * boundary rule reads, and only as the whole value (`4294967296`, `1e309`; not `Mobile/15E148`).
 */
let numberIsBoundary = false;

/**
 * Skips a number the way the lexer reads it from `i` (a digit, or `.` before a digit): the end
 * index, or -1 when the number itself can matter to a rule anywhere (`1.e` followed by `.` or
 * `(`, a bareword glued from `union` and `select`). See also `numberIsBoundary`.
 */
function numberEnd(s: string, i: number, n: number): number {
  let j = i;
  const c1 = i + 1 < n ? s.charCodeAt(i + 1) : -1;
  numberIsBoundary = false;
  if (s.charCodeAt(i) === 48 && (c1 === 120 || c1 === 88 || c1 === 98 || c1 === 66)) {
    // 0x / 0b: the lexer ends the number after the hex digits and starts a new token there; with
    // no hex digit (`0xyz`) the word characters after it make one bareword, as below
    j = i + 2;
    while (j < n && isHexDigit(s.charCodeAt(j))) j++;
    numberIsWord = false;
    if (j > i + 2) return j;
  } else {
    while (j < n && isAsciiDigit(s.charCodeAt(j))) j++;
    if (j < n && s.charCodeAt(j) === 46) {
      j++;
      while (j < n && isAsciiDigit(s.charCodeAt(j))) j++;
    }
    const e = j < n ? s.charCodeAt(j) : -1;
    if (e === 101 || e === 69) {
      const s1 = j + 1 < n ? s.charCodeAt(j + 1) : -1;
      if (isAsciiDigit(s1) || ((s1 === 43 || s1 === 45) && j + 2 < n && isAsciiDigit(s.charCodeAt(j + 2)))) {
        const expStart = j + (isAsciiDigit(s1) ? 1 : 2);
        j = expStart;
        while (j < n && isAsciiDigit(s.charCodeAt(j))) j++;
        if (j - expStart >= 3) numberIsBoundary = true;
      } else if (s.charCodeAt(j - 1) === 46 && (s1 === 46 || s1 === 40)) {
        // `1.e.tables`, `1.e(`
        return -1;
      }
    }
    if (j - i >= 10) numberIsBoundary = true;
  }
  // `5desc`, `1.union`: the lexer makes one bareword of the number and the word characters after it
  const digitsEnd = j;
  while (j < n && isWordChar(s.charCodeAt(j))) j++;
  numberIsWord = j > digitsEnd;
  if (j - i >= 11 && gluedUnion(s, i, j)) return -1;
  return j;
}

/**
 * `"'`, `'")`, `'!\``: punctuation only, opening two kinds of string at once. This is how a
 * tester (or sqlmap) probes which delimiter the query uses; no text has no letters or digits
 * but both quote characters.
 */
function delimiterProbe(value: string): boolean {
  if (value.length > 16) return false;
  let kinds = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === 39) kinds |= 1;
    else if (c === 34) kinds |= 2;
    else if (c === 96) kinds |= 4;
    else if (isWordChar(c) || c >= 0x80) return false;
  }
  return kinds === 3 || kinds === 5 || kinds === 6 || kinds === 7;
}

const QUOTES = ["'", '"', '`'];

/** `/3 or `, `%x and`: the value starts with an operator that continues the query's arithmetic. */
function startsWithOperator(s: string): boolean {
  let k = 0;
  while (k < s.length && isSpace(s.charCodeAt(k))) k++;
  const c = k < s.length ? s.charCodeAt(k) : -1;
  return c === 47 || c === 37;
}

/**
 * A precondition of every rule: text without SQL punctuation (quotes, parentheses, `;`,
 * comparison and logic symbols, comments, `@@`, `::`) is only read as SQL when it has a
 * statement verb, a set operator, `FROM` or `WHEN`, a catalog or SQL-only type name, a
 * boundary number, `SET` with an `@variable`, starts with `/` or `%`, or is short and made of
 * SQL keywords and numbers alone (`IS NULL`, `or 88`). Prose with `and`, `or`, `is`, `not`
 * (`He came and it is not good`) is not. `mayContainSql` checks the same in its single pass.
 */
function sqlShaped(s: string): boolean {
  if (SHAPE_PUNCTUATION.test(s)) return true;
  if (startsWithOperator(s)) return true;
  let keywords = 0;
  let plain = 0;
  let set = false;
  let other = false;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c === 46 && i + 1 < n && isAsciiDigit(s.charCodeAt(i + 1)))) {
      const end = numberEnd(s, i, n);
      if (end < 0 || numberIsBoundary) return true;
      i = end;
      continue;
    }
    if (isSpace(c) || !isWordStart(c)) { i++; continue; }
    const j = readWord(s, i, n);
    const entry = wordInVocabulary ? lookupWord(s, i, j, wordHash) : undefined;
    if (entry !== undefined && (entry.flags & (W_STATEMENT | W_SET | W_CATALOG)) !== 0) return true;
    if (entry !== undefined && (entry.flags & W_TYPE) !== 0 && SQL_ONLY_TYPES.has(entry.word)) return true;
    if (entry !== undefined && (entry.flags & (W_KEYWORD | W_LOGIC)) !== 0) {
      if (entry.word === 'from' || entry.word === 'when') return true;
      if (entry.word === 'set') set = true;
      keywords++;
    } else plain++;
    if (entry !== undefined && (entry.flags & W_OTHER) !== 0) other = true;
    if (j - i >= 11 && gluedUnion(s, i, j)) return true;
    i = j;
  }
  if (set && s.includes('@')) return true;
  if (other && s.includes('.')) return true;
  return n <= 64 && keywords > 0 && plain === 0;
}
/** SQL punctuation for `sqlShaped` (a test-time path; `mayContainSql` scans for the same characters). */
const SHAPE_PUNCTUATION = /['"`();=<>!|&#*]|--|@@|::/;

export function detectSqli(value: string): Finding | undefined {
  if (value.length < 2 || !mayContainSql(value)) return undefined;
  return rulesOf(value);
}

/** `detectSqli` for a value `mayContainSql` has already admitted (the inspection gate). */
export function detectSqliGated(value: string): Finding | undefined {
  return value.length < 2 ? undefined : rulesOf(value);
}

/**
 * The detection without the prefilter: every lexer pass and rule. Exported for the test that
 * checks `mayContainSql` against it; callers use `detectSqli`.
 */
export function sqlRules(value: string): Finding | undefined {
  if (value.length < 2 || !sqlShaped(value)) return undefined;
  return rulesOf(value);
}

function rulesOf(value: string): Finding | undefined {
  if (delimiterProbe(value)) return { rule: 'sqli.delimiter-probe', at: 0 };
  const raw = anyContextRules(lexSql(value));
  if (raw) return raw;
  let kinds = 0;
  let backslash = false;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === 39) kinds |= 1;
    else if (c === 34) kinds |= 2;
    else if (c === 96) kinds |= 4;
    else if (c === 92) backslash = true;
  }
  if (kinds === 0) return undefined;
  for (let q = 0; q < 3; q++) {
    if ((kinds & (1 << q)) === 0) continue;
    const quote = QUOTES[q]!;
    const toks = lexSql(quote + value);
    const hit = breakRules(toks) ?? anyContextRules(toks);
    if (hit) return hit;
    if (quote !== '`' && backslash) {
      const standard = breakRules(lexSql(quote + value, { backslashEscapes: false }));
      if (standard) return standard;
    }
  }
  return undefined;
}

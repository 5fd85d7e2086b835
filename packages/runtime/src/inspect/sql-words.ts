/**
 * SQL vocabulary the detector reasons with: function names, catalog objects, operators and
 * keywords grouped by the role they play in an injected fragment, and an allocation-free
 * case-insensitive lookup of a word in the input (`lookupWord`) shared by the lexer and the
 * prefilter, so both read words the same way.
 */

import { WordSet } from './chars.js';

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

/** Functions an attacker reaches for: extraction, string building, type juggling, timing. */
export const SQL_FUNCTIONS = new Set([
  'concat', 'concat_ws', 'group_concat', 'char', 'chr', 'nchar', 'ascii', 'ord', 'substring', 'substr', 'mid', 'hex',
  'unhex', 'md5', 'sha1', 'sha2', 'extractvalue', 'updatexml', 'xmltype', 'load_file', 'database', 'schema', 'version',
  'user', 'current_user', 'system_user', 'session_user', 'db_name', 'schema_name', 'name_const', 'make_set', 'elt',
  'find_in_set', 'ifnull', 'isnull', 'nullif', 'coalesce', 'cast', 'convert', 'if', 'iif', 'count', 'rand', 'floor',
  'ceil', 'ceiling', 'length', 'len', 'char_length', 'lower', 'upper', 'ltrim', 'rtrim', 'trim', 'replace', 'left',
  'right', 'now', 'sysdate', 'date', 'time', 'year', 'month', 'day', 'minute', 'hour', 'second', 'pow', 'power', 'sin',
  'cos', 'abs', 'round', 'ln', 'log', 'pi', 'max', 'min', 'sum', 'avg', 'strcmp', 'decode', 'encode', 'compress',
  'uncompress', 'json_extract', 'json_search', 'json_array', 'json_object', 'json_build_object', 'jsonb_pretty',
  'starts_with', 'unistr', 'overlay', 'lo_get', 'lo_import', 'lo_export', 'div', 'mod', 'sqlite_compileoption_used',
  'sqlite_compileoption_get', 'randomblob', 'glob', 'likelihood', 'unlikely', 'instr', 'locate', 'position',
  'bin', 'oct', 'conv', 'exp', 'sqrt', 'default', 'values', 'in', 'row_count', 'found_rows', 'last_insert_id',
  'benchmark', 'sleep', 'pg_sleep', 'pg_read_file', 'dbms_pipe', 'utl_inaddr', 'xp_cmdshell', 'openrowset',
  'current_database', 'analyse', 'to_char', 'to_number', 'str', 'space', 'repeat', 'reverse', 'quote', 'soundex', 'sys_context',
  // MySQL date, crypto and conversion functions (CRS 942410's list)
  'password', 'old_password', 'encrypt', 'aes_encrypt', 'aes_decrypt', 'des_encrypt', 'des_decrypt', 'quarter', 'week',
  'weekday', 'weekofyear', 'yearweek', 'dayname', 'dayofweek', 'dayofmonth', 'dayofyear', 'monthname', 'to_days',
  'from_days', 'from_unixtime', 'unix_timestamp', 'sec_to_time', 'time_to_sec', 'makedate', 'maketime', 'curdate',
  'curtime', 'utc_date', 'utc_time', 'to_base64', 'from_base64', 'inet_aton', 'inet_ntoa', 'crc32', 'uuid_short',
  'export_set', 'octet_length', 'bit_length', 'lpad', 'rpad', 'weight_string', 'connection_id', 'current_setting',
  'pg_ls_dir', 'dbms_xmlgen', 'xmlagg', 'string_agg', 'listagg', 'array_agg', 'to_hex',
]);

export const TIME_FUNCTIONS = new Set(['sleep', 'benchmark', 'pg_sleep', 'randomblob', 'sleep_until']);

/** Identifiers that only exist in database catalogs, sample databases or attack tooling; they have no place in user data. */
export const CATALOG_WORDS = new Set([
  'information_schema', 'pg_catalog', 'pg_shadow', 'pg_user', 'pg_toast', 'pg_namespace', 'pg_tables', 'pg_database',
  'sysobjects', 'syscolumns', 'sysdatabases', 'sysaux', 'sysusers', 'syslogins', 'sysprocesses',
  'sqlite_master', 'sqlite_schema', 'sqlite_temp_master', 'msysaccessobjects', 'msysobjects', 'msysaccessstorage',
  'msysaccessxml', 'msysaces', 'msysmodules', 'msysmodules2', 'msysqueries', 'msysrelationships',
  'xp_cmdshell', 'xp_dirtree', 'xp_regread', 'xp_fileexist', 'sp_password', 'sp_executesql', 'sp_oacreate', 'sp_configure',
  'sp_makewebtask', 'utl_http', 'utl_inaddr', 'dbms_pipe', 'dbms_lock', 'dbms_xmlgen', 'openrowset', 'opendatasource',
  'load_file', 'outfile', 'dumpfile', 'pg_read_file', 'lo_import', 'lo_export', 'pg_sleep', 'tempdb', 'schema_name',
  'table_schema', 'msdb', 'northwind', 'all_tables', 'user_tables', 'user_tab_columns',
  'mysql.user', 'mysql.db', 'sys.database_name',
  // OLE DB providers named inside OPENROWSET / OPENDATASOURCE
  'msdasql', 'sqloledb', 'msdaora',
]);

/** Type names no language but SQL uses: a value that is only one of these is a fragment of a cast or a declaration. */
export const SQL_ONLY_TYPES = new Set([
  'varchar', 'nvarchar', 'varchar2', 'nvarchar2', 'varbinary', 'tinyint', 'smallint', 'mediumint', 'bigint',
  'tinytext', 'mediumtext', 'longtext', 'tinyblob', 'mediumblob', 'longblob', 'bytea', 'regclass', 'sysname',
  'smalldatetime', 'datetime2', 'datetimeoffset', 'uniqueidentifier', 'ntext', 'nchar',
]);

export const PG_TYPES = new Set([
  'int', 'integer', 'int4', 'int8', 'bigint', 'smallint', 'text', 'bool', 'boolean', 'json', 'jsonb', 'double',
  'numeric', 'varchar', 'char', 'regclass', 'oid', 'bytea', 'float', 'real', 'xml', 'uuid', 'date',
]);

/** Comparisons proper: what a tautology or a boolean probe is built from. */
export const COMPARISON = new Set(['=', '==', '<', '>', '<=', '>=', '!=', '<>', '<=>', '@>', '<@', '?', '?|', '?&', '->', '->>', '#>', '#>>', '@?', '@@', '!<', '!>', '===', '!==']);
/** Arithmetic and bit operators: only telling right after a string literal was closed. */
export const ARITHMETIC = new Set(['-', '+', '*', '/', '%', '^', '|', '&', '#-']);
export const KEYWORD_OPERATORS = new Set(['like', 'ilike', 'rlike', 'regexp', 'glob', 'similar', 'sounds', 'is', 'not', 'in', 'between', 'notnull', 'isnull', 'collate', 'escape', 'div', 'mod']);
/** Keywords that can only continue an SQL expression right after a literal. */
export const AFTER_LITERAL = new Set([...KEYWORD_OPERATORS, 'into', 'union']);
/** Function names that are also everyday words: they only count with an SQL-looking argument. */
export const COMMON_WORD_FUNCTIONS = new Set([
  'user', 'date', 'time', 'left', 'right', 'count', 'max', 'min', 'log', 'day', 'month', 'year', 'replace', 'round',
  'version', 'values', 'if', 'in', 'default', 'position', 'space', 'repeat', 'reverse', 'quote', 'str', 'second',
  'minute', 'hour', 'power', 'length', 'lower', 'upper', 'trim', 'database', 'schema', 'char', 'sum', 'avg', 'abs',
  'floor', 'ceiling', 'sin', 'cos', 'pi', 'ln', 'exp', 'now', 'mod', 'div', 'decode', 'encode', 'convert', 'cast',
  'password', 'quarter', 'week', 'encrypt',
]);
/**
 * Operators that make a whole value by themselves: a value that is nothing but one of these is
 * spliced between two operands of the application's query (`?op=>=`, `?join=||`).
 */
export const LONE_OPERATORS = new Set(['<=', '>=', '<>', '!=', '==', '<=>', '!<', '!>', '<<', '>>', '||', '&&', ':=']);

// ---------------------------------------------------------------------------------------------
// Word lookup without allocation.

/** What the lexer and the rules make of a word. */
export const W_KEYWORD = 1;
export const W_STATEMENT = 2;
export const W_SET = 4;
export const W_LOGIC = 8;
/** a keyword that reads as a function when `(` follows */
export const W_FUNCTION_KEYWORD = 16;
/** a function name some rule knows */
export const W_FUNCTION = 32;
export const W_CATALOG = 64;
export const W_TYPE = 128;
/** a word that only matters next to another (`mysql` in `mysql.user`, `master`, `sys`) */
export const W_OTHER = 256;

export interface WordInfo {
  word: string;
  flags: number;
}

const BUCKETS = 1024;
const table: (WordInfo[] | undefined)[] = new Array<WordInfo[] | undefined>(BUCKETS).fill(undefined);
let longest = 0;
const words: string[] = [];

function add(word: string, flags: number): void {
  words.push(word);
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  const bucket = (table[h & (BUCKETS - 1)] ??= []);
  const existing = bucket.find((e) => e.word === word);
  if (existing) existing.flags |= flags;
  else bucket.push({ word, flags });
  if (word.length > longest) longest = word.length;
}

for (const w of KEYWORDS) add(w, W_KEYWORD);
for (const w of STATEMENTS) add(w, W_STATEMENT);
for (const w of SET_OPERATORS) add(w, W_SET);
for (const w of LOGIC) add(w, W_LOGIC);
for (const w of FUNCTION_KEYWORDS) add(w, W_FUNCTION_KEYWORD);
for (const w of SQL_FUNCTIONS) add(w, W_FUNCTION);
for (const w of TIME_FUNCTIONS) add(w, W_FUNCTION);
for (const w of COMMON_WORD_FUNCTIONS) add(w, W_FUNCTION);
for (const w of CATALOG_WORDS) for (const part of w.split('.')) if (part !== '') add(part, CATALOG_WORDS.has(part) ? W_CATALOG : W_OTHER);
for (const w of SQL_ONLY_TYPES) add(w, W_TYPE);
for (const w of PG_TYPES) add(w, W_TYPE);
for (const w of ['master', 'sys']) add(w, W_OTHER);

/** Length of the longest vocabulary word: a longer word is never in the vocabulary. */
export const LONGEST_WORD = longest;

/** Every vocabulary word, for a hashed first look (`WordSet.mayHave`) before `lookupWord`. */
export const VOCABULARY = new WordSet(words);

/**
 * The words that make a value SQL-shaped by themselves, with no punctuation: statement verbs,
 * set operators, catalog names and the words beside them (`mysql`, `sys`), SQL-only types,
 * `from` and `when`. The other keywords only count with punctuation or in a value of keywords alone.
 */
export const SHAPING_WORDS = new WordSet([
  ...STATEMENTS, ...SET_OPERATORS, ...SQL_ONLY_TYPES, 'from', 'when',
  ...words.filter((word) => ((lookup(word)?.flags ?? 0) & (W_CATALOG | W_OTHER)) !== 0),
]);

/**
 * The lower-case ASCII form of a character as `String.prototype.toLowerCase` gives it, or -1
 * when it is not an ASCII letter, digit, `_` or `$` (no vocabulary word contains one). U+212A
 * KELVIN SIGN lower-cases to `k`; no other non-ASCII character lower-cases to ASCII alone.
 */
export function lowerAscii(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36) return c;
  if (c === 0x212a) return 107;
  return -1;
}

/** `lowerAscii` for ASCII: lower-cased word characters (letters, digits, `_`, `$`), -1 for the rest. */
export const ASCII_LOWER = new Int16Array(128).fill(-1);
for (let c = 0; c < 128; c++) ASCII_LOWER[c] = lowerAscii(c);

/**
 * The vocabulary entry for `input[start, end)` read case-insensitively, given the hash the
 * caller computed over `lowerAscii` of each character (`h = imul(h, 31) + c | 0`).
 */
export function lookupWord(input: string, start: number, end: number, hash: number): WordInfo | undefined {
  const len = end - start;
  if (len > longest) return undefined;
  const bucket = table[hash & (BUCKETS - 1)];
  if (bucket === undefined) return undefined;
  for (let b = 0; b < bucket.length; b++) {
    const entry = bucket[b]!;
    const word = entry.word;
    if (word.length !== len) continue;
    let k = 0;
    while (k < len && lowerAscii(input.charCodeAt(start + k)) === word.charCodeAt(k)) k++;
    if (k === len) return entry;
  }
  return undefined;
}

/** Convenience for tests and cold paths: the entry for a whole (already isolated) word. */
export function lookup(word: string): WordInfo | undefined {
  let h = 0;
  for (let i = 0; i < word.length; i++) {
    const c = lowerAscii(word.charCodeAt(i));
    if (c < 0) return undefined;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return lookupWord(word, 0, word.length, h);
}

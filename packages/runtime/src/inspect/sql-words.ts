/**
 * SQL vocabulary the detector reasons with: function names, catalog objects, operators and
 * keywords grouped by the role they play in an injected fragment.
 */
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
]);

export const TIME_FUNCTIONS = new Set(['sleep', 'benchmark', 'pg_sleep', 'randomblob', 'sleep_until']);

/** Identifiers that only exist in database catalogs or attack tooling; they have no place in user data. */
export const CATALOG_WORDS = new Set([
  'information_schema', 'pg_catalog', 'pg_shadow', 'pg_user', 'sysobjects', 'syscolumns', 'sysdatabases',
  'sqlite_master', 'sqlite_schema', 'msysaccessobjects', 'msysobjects', 'xp_cmdshell', 'xp_dirtree', 'xp_regread',
  'xp_fileexist', 'sp_password', 'sp_executesql', 'sp_oacreate', 'sp_configure', 'utl_http', 'utl_inaddr', 'dbms_pipe',
  'dbms_lock', 'dbms_xmlgen', 'openrowset', 'opendatasource', 'load_file', 'outfile', 'dumpfile', 'pg_read_file',
  'lo_import', 'lo_export', 'pg_sleep', 'tempdb', 'schema_name', 'table_schema', 'msdb', 'all_tables', 'user_tables', 'mysql.user', 'mysql.db',
]);

/** Cheap pre-check for the catalog names above (the lexer confirms them as whole tokens). */
export const CATALOG_HINT = /information_schema|schema_name|table_schema|pg_|sys(?:objects|columns|databases)|sqlite_|msys|xp_|sp_|utl_|dbms_|openrow|opendata|load_file|outfile|dumpfile|lo_(?:import|export)|tempdb|msdb|all_tables|user_tables|mysql\./i;

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
]);

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foldUnicode, percentDecodeDeep } from './decode.js';
import { detectSqli, mayContainSql, sqlRules } from './sql.js';
import { lexSql } from './sql-lexer.js';

describe('SQL lexer', () => {
  it('classifies tokens the way SQL reads them', () => {
    expect(lexSql("'x' OR 1=1 -- c").map((t) => t.t).join('')).toBe('s&nonc');
    // an unbalanced quote swallows the rest, which is why the detector also reads from inside it
    expect(lexSql("x' OR 1=1").map((t) => t.t).join('')).toBe('bs');
  });
  it('keeps lexing inside MySQL versioned comments', () => {
    expect(lexSql('/*!50000select*/ 1').map((t) => t.t)).toEqual(['X', 'E', 'n']);
  });
  it('reads vocabulary words case-insensitively without allocating, and other words as written', () => {
    expect(lexSql('SeLeCt UsErNaMe').map((t) => [t.t, t.v])).toEqual([['E', 'select'], ['b', 'username']]);
    // U+212A KELVIN SIGN lower-cases to `k`, as String.prototype.toLowerCase does
    expect(lexSql('li\u212Ae')[0]).toMatchObject({ t: 'k', v: 'like' });
    expect(lexSql('sleep (1)')[0]).toMatchObject({ t: 'f', v: 'sleep', gap: true });
  });
  it('keeps escapes and doubled quotes inside string literals', () => {
    expect(lexSql("'it''s'")[0]).toMatchObject({ t: 's', v: "it's", closed: true });
    expect(lexSql("'a\\'b'")[0]).toMatchObject({ t: 's', v: "a'b", closed: true });
    expect(lexSql("'a\\'b'", { backslashEscapes: false })[0]).toMatchObject({ t: 's', v: 'a\\', closed: true });
  });
  it('marks whether a string literal was closed', () => {
    expect(lexSql("'abc'")[0]).toMatchObject({ t: 's', v: 'abc', closed: true });
    expect(lexSql("'abc")[0]).toMatchObject({ t: 's', closed: false });
  });
});

describe('detectSqli: attacks', () => {
  it.each([
    ["' OR '1'='1", 'string break + tautology'],
    ['1234 OR 1=1', 'numeric tautology'],
    ["admin'--", 'comment truncation'],
    ["foo') UNION ALL SELECT NULL,NULL--", 'union select'],
    ['1;DROP TABLE users', 'stacked query'],
    ["';SELECT password FROM users", 'stacked after a string'],
    ['1 AND SLEEP(5)', 'time-based'],
    ["'; waitfor delay '0:0:5'--", 'mssql delay'],
    ['pg_sleep(10)', 'postgres sleep'],
    ['1 union/**/select 1,2', 'comment-obfuscated union'],
    ['SELECT/*x*/password/**/FROM/**/users', 'comments as spaces'],
    ["0 /*!50000union*/ select 1", 'versioned comment'],
    ['1 AND extractvalue(1,concat(0x7e,version()))', 'error-based extraction'],
    ['information_schema.tables', 'catalog name'],
    ['password::int', 'postgres cast'],
    ["a'or'a", 'glued logic without spaces'],
    ['1=1', 'bare tautology'],
    ['IS NULL', 'SQL vocabulary only'],
    ['1 is not 2', 'always-true keyword comparison of numbers'],
    ['5 rlike 5', 'always-true pattern comparison'],
    ['XOR', 'a lone operator that only SQL has'],
    [')like(', 'operator fragment closing a call'],
    ["something LIKE '", 'comparison opening a string for the query to close'],
    ['id="', 'comparison opening a double-quoted string'],
    ["';print'", 'quote break, statement break, statement'],
    ["x' or glob (id,id);", 'keyword operator called as a function'],
    ['\\`or`1', 'glued logic between backtick identifiers'],
    ["'{\"a\":2}' < '$.a' = 7", 'chained literal comparisons'],
    ['9999 or length((/* x */1))>0', 'comment inside a call'],
    [' SET @OLD_SQL_NOTES', 'user variable assignment'],
    ['schema_name', 'catalog column'],
    ["' * from = 1 or '9", 'comparison then logic opening a string'],
    // lone operators spliced between two operands of the query
    ['>=', 'lone comparison'],
    ['<>', 'lone inequality'],
    ['||', 'lone concatenation / logic'],
    [' && ', 'lone symbolic and'],
    ['>>', 'lone shift'],
    // dangling logic after an arithmetic continuation
    ['/3 or ', 'division, then an open OR'],
    ['/Hmong_language AND ', 'division by an identifier, then an open AND'],
    ['%x_y xor', 'modulo, then an open XOR'],
    // integer boundaries and double underflow / overflow
    ['4294967296', '2^32'],
    ['-2147483649', '-(2^31+1)'],
    ['9223372036854775807', '2^63-1'],
    ['2.2250738585072011e-308', 'the float parser DoS value'],
    ['1e309', 'double overflow'],
    // catalog and provider names, SQL-only type names
    ['northwind', 'sample database'],
    ["'msdasql'", 'OLE DB provider'],
    ['Northwind.dbo.Orders', 'sample database, qualified'],
    ['varchar', 'SQL-only type name'],
    ['NVARCHAR', 'SQL-only type name, upper case'],
    // keywords glued once comments are stripped
    ['Xunionselectfrom', 'glued union select'],
    ['1UNIONALLSELECT', 'glued union all select'],
    // MySQL function names with junk before the call
    ['password?(', 'password function, dangling call'],
    ['quarter. (', 'quarter function, dangling call'],
    ['dayname/(', 'dayname function, dangling call'],
    // clauses
    ['FROM ack_variable WHERE name', 'FROM a code-named table WHERE a column (comparison follows)'],
    ['from `t` where id', 'backticked table'],
    ['6 As" from', 'alias closed by the quote, then FROM'],
    ["! As' from", 'alias closed by the quote, then FROM'],
    [';  As  not  from', 'keywords only after a statement break'],
    ["' * from = 1 id '9", 'string break, operator, clause'],
    ["x' / where 1", 'string break, operator, clause'],
    ['/post/*/*/2 union all/bar', 'UNION ALL after a number'],
    ["') union distinct", 'UNION DISTINCT after a parenthesis'],
    // MySQL number obfuscation
    ['1.e.tables', 'float with empty exponent before a qualified name'],
    ['1.e(ascii 1.e(substring(1.e(select password from users limit 1 1.e,1 1.e) 1.e,1 1.e) 1.e)', 'float with empty exponent before calls'],
    // delimiter probes
    ['"\'', 'both quote kinds, nothing else'],
    ["'!`\n", 'quote and backtick, punctuation only'],
    ["')\")", 'quote and double quote with parentheses'],
  ])('%s (%s)', (value) => {
    expect(detectSqli(value)).toBeDefined();
  });
});

describe('detectSqli: tricky benign values', () => {
  it.each([
    "O'Reilly",
    "Dana O'Reilly's book",
    'select a plan from the menu',
    'rock & roll; fun',
    '1 | 2',
    '2 OR 4 METAL BUTTONS',
    'mother or daughter',
    "bob's or alice's",
    '1950 or 1960',
    'necklace length 16" or 18"',
    '"LIKE" STAMP',
    'I sleep well!',
    'Left (WA, RR), following the wood edge south',
    '3 + 4 = 7',
    '(a + b) * c',
    'my--slugified-url',
    'Please delete my account',
    'having fun',
    'user@example.com',
    '{"price": "$5", "note": "a=b"}',
    'Size: 8"x11"',
    '',
    "'",
    'To run benchmark (requires node.js 6+):',
    'Creates a matcher from one or more glob patterns.',
    'A process can be spawned and awaited like so:',
    // near misses of the rules added for fragments: equal-is-not, prose with operators and quotes
    '1 is not 1',
    '2 is 3',
    'regular expression',
    'regexp search',
    'xor gate',
    'he said "hi" and left',
    'width = 10" x 12"',
    'Gift wrap, size 10" x 12" & ribbon',
    "it's 5 o'clock; see you",
    "price = 5 or 'cheap' one",
    'like (this)',
    "Dana O'Reilly; it's fine!",
    'Happy birthday, Sam! Love from all of us (and the dog)',
    'set @home for the weekend',
    // prose with SQL words, apostrophes, math, contact data, JSON, URLs
    'He came and it is not good',
    "Don't select the union option, or else it is null and void",
    "Mr O'Brien's order from the shop",
    "It's a 1-2 punch; we'll see",
    '1-2',
    '10 / 2 = 5',
    'x >= y is a comparison',
    'Order by phone or email',
    'Join us on Friday',
    'Values (and ethics) matter',
    'jane.doe+tag@example.co.uk',
    'https://example.com/search?q=select+shoes&sort=price',
    '{"name":"Union Jack","table":"kitchen","count":3}',
    'Northwinds Outdoor Gear',
    'varchar is a SQL type',
    'nvarchar(255)',
    '4294967',
    '42949672960',
    '2024-05-01T10:22:33Z',
    '5f2b8c1e-8d1a-4c55-9b8e-2f1f0c7b9a11',
    '+44 20 7946 0958',
    '1.5e3',
    '1.e',
    'See section 1.e.g',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    '/orders/12345/items',
    '/docs/and',
    '- bread and',
    'salt and ',
    '"foo" AND "bar" AND',
    'the union all workers joined',
    'we are all from here',
    'reunion selected',
    "'quoted'",
    '"double"',
    '":-)"',
    'Emoticons :\'( and :")',
    'price <= 100 dollars',
    'The Password (required)',
    'DROP me a line',
  ])('%j', (value) => {
    expect(detectSqli(value)).toBeUndefined();
  });
});

describe('mayContainSql (the prefilter)', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const corpusDir = resolve(here, '../../../../../shared/data/waf');
  const corpusValues = (file: string): string[] =>
    existsSync(resolve(corpusDir, file)) ? readFileSync(resolve(corpusDir, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { value: string }).value) : [];

  /** every reading value.ts gives detectSqli: as received, percent-decoded and folded, `+` as space */
  const readings = (v: string): string[] => {
    const decoded = foldUnicode(percentDecodeDeep(v));
    return [v, decoded, decoded.replace(/\+/g, ' ')];
  };

  const assertNecessary = (v: string): void => {
    if (!mayContainSql(v)) expect(sqlRules(v), JSON.stringify(v)).toBeUndefined();
  };

  it('is a necessary condition on every corpus value and reading (attack and benign)', () => {
    const values = [...corpusValues('attacks.jsonl'), ...corpusValues('benign.jsonl')];
    let rejected = 0;
    for (const v of values) {
      for (const r of readings(v)) {
        assertNecessary(r);
        if (!mayContainSql(r)) rejected++;
      }
    }
    if (values.length > 0) expect(rejected).toBeGreaterThan(0);
  });

  it('is a necessary condition on random and mutated strings', () => {
    const words = ['select', 'union', 'all', 'from', 'where', 'or', 'and', 'xor', 'like', 'is', 'not', 'null', 'sleep', 'char', 'concat', 'version', 'mysql', 'user', 'sys', 'information_schema', 'varchar', 'as', 'in', 'values', 'exec', 'waitfor', 'delay', 'case', 'when', 'then', 'set', 'drop', 'table', 'order', 'by', 'limit', 'unionselect', 'XunionallselectY', 'password', '1', '0x1f', '1.e', '4294967296', '1e309', '@@version', '@a', 'li\u212Ae', '\u017Felect', '\u0130n'];
    const punct = ["'", '"', '`', '(', ')', ';', '=', '<', '>', '!', '|', '&', '#', '-', '--', '/*', '*/', '/*!', '*', '/', '%', '^', ',', '.', '?', ':', '::', '@', '\\', ' ', ' ', '\n', '\t', '+', '[', ']', '$', '0', '12', '.5', 'e', 'x', '_', '\u3000', '\u00e9'];
    let seed = 20240501;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const base = [...corpusValues('attacks.jsonl'), ...corpusValues('benign.jsonl'), 'He came and it is not good', "O'Reilly"];
    for (let k = 0; k < 40_000; k++) {
      let s = '';
      const len = 1 + rnd(10);
      for (let m = 0; m < len; m++) {
        const r = rnd(10);
        s += r < 3 ? words[rnd(words.length)] : r < 9 ? punct[rnd(punct.length)] : String.fromCharCode(rnd(0x3100));
      }
      assertNecessary(s);
      const b = base[rnd(base.length)]!;
      const at = rnd(b.length + 1);
      assertNecessary(b.slice(0, at) + (rnd(2) ? punct[rnd(punct.length)] : words[rnd(words.length)]) + b.slice(at + rnd(3)));
    }
  });

  it('rejects typical benign values without lexing', () => {
    for (const v of [
      "Dana O'Reilly", 'dana@example.com', '+44 20 7946 0958', 'https://dana.example.org/profile', '221B Baker Street', 'NW1 6XE',
      'SKU-1001', '19.99', '2024-05-01T10:22:33Z', '5f2b8c1e-8d1a-4c55-9b8e-2f1f0c7b9a11', 'Gift wrap item 3, size 10" x 12" & ribbon',
      'blue running shoes', 'Stainless steel water bottle, 750 ml, keeps drinks cold for 24 hours', 'John Smith', 'He came and it is not good',
    ]) {
      expect(mayContainSql(v), v).toBe(false);
    }
  });

  it('lets SQL through', () => {
    for (const v of ["' OR '1'='1", '1 union select 1', 'sleep(5)', 'information_schema', '>=', '4294967296', 'x\'--']) expect(mayContainSql(v), v).toBe(true);
  });
});

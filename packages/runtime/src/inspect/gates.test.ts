/**
 * The cheap necessary conditions (gates and prefilters) that let inspection skip work must
 * never hide a detection. Every check here runs the guarded code with and without its gate on
 * every corpus value (and its decoded readings), on everyday text, on random and mutated
 * strings built from attack fragments and on strings built from the pieces the gates weigh by
 * position (shell words, SQL words, hosts, path words), and asserts: gate false ⇒ nothing found.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { charMask } from './chars.js';
import { loadCorpus } from './corpus.js';
import { decodeHtmlEntities, decodeJsEscapes, foldUnicode, percentDecodeBytes, percentDecodeDeep, percentDecodeOnce } from './decode.js';
import { detectNosqli, mayContainNosqli, nosqlPrefilters } from './nosql.js';
import { detectLfi, mayContainPathAttack } from './path.js';
import { detectProto, mayContainProto } from './proto.js';
import { detectCmdi, mayContainCmdi, shellPrefilters } from './shell.js';
import { detectSqli, mayContainSql, sqlRules } from './sql.js';
import { FUNCTION_KEYWORDS, KEYWORDS, LOGIC, SQL_ONLY_TYPES, STATEMENTS, TIME_FUNCTIONS } from './sql-words.js';
import { detectSsrf, mayContainSsrf, ssrfPrefilters } from './ssrf.js';
import { inspectKey, inspectValue, setInspectionMode } from './value.js';
import { detectXss, mayContainXss, xssPrefilters } from './xss.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpusDir = resolve(repoRoot, '../shared/data/waf');
const corpusValues: string[] = existsSync(resolve(corpusDir, 'attacks.jsonl'))
  ? [...loadCorpus(corpusDir, 'attacks.jsonl'), ...loadCorpus(corpusDir, 'benign.jsonl')].flatMap((r) => (r.key ? [r.value, r.key] : [r.value]))
  : [];

const EVERYDAY = [
  "Where's my order? It was supposed to arrive on Monday; please advise.", 'Tom & Jerry; classic cartoons', '2024-05-01T10:22:33Z',
  'https://dana.example.org/profile7', 'dana7@example.com', '+44 20 7946 0958', 'Gift wrap item 0 7, size 10" x 12" & ribbon',
  'Happy birthday, Sam! Love from all of us (and the dog)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  '/orders/12345/items', 'status=open', '5f2b8c1e-8d1a-4c55-9b8e-2f1f0c7b9a11', 'C:\\Program Files\\MyApp\\config.json', '~/Documents/report.pdf',
  'if (a < b) { return a; }', 'x < y && y > z', "It's 10:30 -- see you", 'Version 2.0.1-beta+build.5', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2ln',
];

/** Fragments an attacker or a user would type, plus characters every decoder and gate cares about. */
const PIECES = [
  'cat', 'id', 'ls', '/etc/passwd', '..', '/', '\\', ';', '|', '&', '&&', '||', '$', '`', '(', ')', '{', '}', '[', ']', '<', '>', "'", '"', ' ', ' ', ' ',
  '%', '%2e', '%2f', '%00', '%c0%ae', '%u002e', '+', '=', ':', '#', '*', '?', '!', '~', '@', '-', ',', '.', 'a', 'x', 'Z', '1', '0', '0x2e', '0x2f',
  'http', 'https://', 'file:', 'gopher://', 'dict://', 'jar:', 'c:', 'C:/', 'localhost', '127.0.0.1', '169.254.169.254', '[::1]', '0177.0.0.1',
  '2130706433', 'metadata', '.internal', '.local', 'nip.io', ':8080', 'script', 'javascript:', 'java\tscript:', 'vbscript', 'mocha:', 'data:',
  'text/html', 'on', 'onload=', 'onerror', 'alert', '(1)', '${', 'document.cookie', 'window.', '. write', '.call`', '/*', '*/', 'expression(',
  '-moz-binding:', 'select', 'union', 'or', 'and', '1=1', '--', 'sleep', 'proto', '__proto__', 'constructor', 'prototype', '$ne', '$gt', 'this.',
  'return', 'if', 'IF', 'for', 'exist', 'defined', 'equ', '==', '%a', 'in', 'do', 'bin', '/bin/sh', 'sbin/', 'sh', 'bash', 'python3.10', 'cmd.exe',
  'whoami', 'nohup', 'wget', 'curl', 'Invoke-Expression', 'new-object', 'Start-Process', 'iex', '.shell', '.env', '.htaccess', 'boot.ini', 'my.cnf',
  'etc', 'proc', 'var', 'windows', 'system32', 'php5', 'lib64', 'apache2', 'id_rsa', '\t', '\n', '\r', '\u0000', '\u00a0', 'é', '＜', '／', '．',
  '\u2028', '&lt;', '&#x3c;', '&#60', '&amp;', '\\u003c', '\\x3c', '\\n', '+ADw-', '+AD4-', 'O\'Reilly', 'ſ', 'K', 'İ',
];

/** A seeded linear congruential generator: `next(n)` is in [0, n). */
function lcg(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state % n;
  };
}

function* randomStrings(count: number, seed: number): Generator<string> {
  const next = lcg(seed);
  const alphabet = ' \t\n!"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZabcxyz[\\]^_`{|}~\u0000\u00a0é\u2028\uff0f';
  for (let i = 0; i < count; i++) {
    let s = '';
    if (i % 3 === 2) {
      const k = 2 + next(12);
      for (let j = 0; j < k; j++) s += alphabet[next(alphabet.length)];
    } else {
      const k = 1 + next(8);
      for (let j = 0; j < k; j++) s += PIECES[next(PIECES.length)];
    }
    yield s;
  }
}

function* mutations(values: readonly string[], seed: number): Generator<string> {
  const next = lcg(seed);
  for (const v of values) {
    const at = next(v.length + 1);
    yield v.slice(0, at) + PIECES[next(PIECES.length)]! + v.slice(at);
    yield v.slice(at);
  }
}

/**
 * Prose, headers and query strings as people write them, with the words and the punctuation the
 * gates treat as weak signals: everyday SQL keywords, `=`, `&`, `;`, `!`, `?`, parentheses, numbers.
 */
const PROSE_WORDS = [
  'with', 'on', 'all', 'by', 'from', 'if', 'in', 'is', 'as', 'to', 'set', 'and', 'or', 'not', 'like', 'between', 'no', 'null', 'true', 'select',
  'the', 'dog', 'Tom', 'Jerry', 'R', 'D', 'it', 'good', 'x', 'y', 'name', 'order', 'by', 'where', 'limit', 'case', 'when', 'then', 'end', 'union',
  'cat', 'ls', 'echo', 'id', 'sleep', 'version', 'user', 'table', 'div', 'mod', 'xor', 'exists', 'into', 'values', 'join', 'group', 'having',
  '5', '1', '0', '10', '2024', '5pm', '1.5', 'status', 'open', 'page', 'sort', 'q', 'a', '@x', '@@v', 'glob', 'regexp', 'rlike', 'escape',
];
const PROSE_GLUE = [' ', ' ', ' ', ' ', ' ', ', ', '. ', '; ', ';', '! ', '!', '? ', '?', ' & ', '&', '=', ' = ', ' (', '(', ') ', ')', ' - ', '-', ': ', "'", '"', '|', ' | '];
function* proseStrings(count: number, seed: number): Generator<string> {
  const next = lcg(seed);
  for (let i = 0; i < count; i++) {
    const k = 1 + next(9);
    let s = next(4) === 0 ? PROSE_GLUE[next(PROSE_GLUE.length)]! : '';
    for (let j = 0; j < k; j++) {
      s += PROSE_WORDS[next(PROSE_WORDS.length)];
      if (j < k - 1 || next(3) === 0) s += next(3) === 0 ? PROSE_GLUE[next(PROSE_GLUE.length)] : ' ';
    }
    yield s;
  }
}

/**
 * The pieces the gates reason about by position and neighbourhood, for strings built from them
 * alone: shell words around separators, quotes and globs; SQL words next to numbers, comparisons
 * and weak punctuation; URL hosts and script sinks; path words next to separators.
 */
const SHELL_PIECES = [
  'cat', 'id', 'ls', 'at', 'sort', 'fish', 'x', 'y', 'a b', '/', '/bin/', '/cat', 'bin', 'sh', '.shell', '.', ';', '|', '&', '&&', '||', '(', ')', '<', '>', '\n', '\r',
  "'", '"', ' ', ' ', ' ', '\t', '=', ',', ':', 'x=', 'nohup', 'time', 'whoami', 'python3.10', 'cmd.exe', 'alias', '-la', '/etc/passwd', 'wget', 'if', 'exist',
  '{', '}', '()', '/dev/tcp/1/2', 'Cat', "c'a't", 'w"h"o', '~', '?', '*', '[a]', '/???/c?t', '/et[c]/pa*', ']',
];
const SQL_PIECES = [
  ...KEYWORDS, ...STATEMENTS, ...LOGIC, ...FUNCTION_KEYWORDS, ...TIME_FUNCTIONS, ...SQL_ONLY_TYPES, 'mysql', 'sys', 'user', 'x', 'y', 'a_b', 'tbl', 'it',
  '5', '1', '0', '10', '1.5', '5pm', '17_4', '0x1f', '0xz', '1.e', '.5', '1e309', '15E148', '4294967296', '-4294967296', '1234567890x', 'unionxselect',
  ' ', ' ', ' ', ' ', ', ', '. ', ';', '!', '?', '??', '(', ')', '-', '--', '#', '/*', '*/', '*', '|', '&', '=', ' = ', '<', '>=', '!=', '@', '@x', '[x]', "'", '"', '`', '1.e`(',
];
const URL_PIECES = [
  'http', 'https', 'file', 'gopher', 'jar', 'x', ':', '://', '//', '/', '\\', '@', '.', '-', 'localhost', 'metadata', 'metadata.azure.com', 'example.com', 'github.io',
  '1.2.3.4.nip.io', 'lvh.me', 'internal', 'local', '127', '0x7f', '0177', '169.254.169.254', '10', '2130706433', '[', ']', '::1', ':80', '?', '#', ' ',
  'javascript', 'data', 'text/html', 'onload', '=', '(', ')', '`', '${', 'document', 'window', 'Windows', '.cookie', 'innerHTML', 'binding', 'behavior',
  ';', '&&', 'this.', 'return', 'Return', "'a'=='a'", '0;',
];
const PATH_PIECES = [
  'etc', 'passwd', 'proc', 'self', 'windows', 'Windows', 'system32', 'win.ini', 'boot.ini', 'xampp', 'apache2', 'php5', 'lib64', 'var', 'log', 'root', 'id_rsa',
  'my.cnf', 'users', 'C:', 'file:', '/', '\\', '.', '..', '.env', ' ', '"', '=', '?x=', ';', ',', '(', 'NT', '10.0', '~', '0x2f', '0x2e', ':', 'inetpub',
];

function* pieceStrings(pieces: readonly string[], count: number, seed: number): Generator<string> {
  const next = lcg(seed);
  for (let i = 0; i < count; i++) {
    const k = 1 + next(10);
    let s = '';
    for (let j = 0; j < k; j++) s += pieces[next(pieces.length)];
    yield next(4) === 0 ? s.toUpperCase() : s;
  }
}

/** Every string a gate may be asked about: the samples and their decoded readings. */
const samples = [...new Set([
  ...corpusValues, ...EVERYDAY, ...randomStrings(40_000, 7), ...proseStrings(30_000, 13), ...mutations([...corpusValues, ...EVERYDAY], 11),
  ...pieceStrings(SHELL_PIECES, 10_000, 17), ...pieceStrings(SQL_PIECES, 15_000, 19), ...pieceStrings(URL_PIECES, 8_000, 23), ...pieceStrings(PATH_PIECES, 6_000, 29),
])];
const readings = [...new Set(samples.flatMap((s) => {
  const decoded = foldUnicode(percentDecodeDeep(s));
  return [s, decoded, decoded.replace(/\+/g, ' '), decodeJsEscapes(decodeHtmlEntities(decoded))];
}))];

/** The strings on which `gate` is false but `found` is true (must stay empty). */
function hidden(gate: (s: string, mask: number) => boolean, found: (s: string) => unknown): string[] {
  const out: string[] = [];
  for (const s of readings) if (!gate(s, charMask(s)) && found(s)) out.push(s);
  return out.slice(0, 5);
}

describe('inspection gates never hide a detection', () => {
  it('has samples', () => {
    expect(readings.length).toBeGreaterThan(50_000);
  });

  it.each([
    ['sqli', (s: string) => mayContainSql(s), (s: string) => sqlRules(s)],
    ['nosqli', mayContainNosqli, (s: string) => detectNosqli(s)],
    ['cmdi', mayContainCmdi, (s: string) => detectCmdi(s) ?? detectCmdi(s, { urlPath: true })],
    ['lfi', mayContainPathAttack, (s: string) => detectLfi(s) ?? detectLfi(s, { urlPath: true })],
    ['ssrf', mayContainSsrf, (s: string) => detectSsrf(s)],
    ['xss', mayContainXss, (s: string) => detectXss(s)],
    ['proto', (s: string) => mayContainProto(s), (s: string) => detectProto(s)],
  ] as const)('%s: the family gate', (_family, gate, detect) => {
    expect(hidden(gate, detect)).toEqual([]);
  });

  it('sqli: the detector equals its rules behind the gate', () => {
    const differ: string[] = [];
    for (const s of readings) if (JSON.stringify(detectSqli(s)) !== JSON.stringify(sqlRules(s))) differ.push(s);
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it('cmdi: the prefilters inside the detector', () => {
    expect(hidden(shellPrefilters.mayHoldCommand, (s) => shellPrefilters.lexerFindings(s) ?? shellPrefilters.lexerFindings(s, true))).toEqual([]);
    expect(hidden(shellPrefilters.batchCandidate, shellPrefilters.batchSyntax)).toEqual([]);
    expect(hidden((s) => shellPrefilters.cmdletDash(s), (s) => shellPrefilters.CMDLET_WORD.test(s))).toEqual([]);
  });

  it('xss: the prefilters inside the detector', () => {
    expect(hidden((s) => xssPrefilters.schemeColon(s), xssPrefilters.scriptUrl)).toEqual([]);
    for (const s of readings) if (xssPrefilters.xssSignal(s) !== xssPrefilters.XSS_SIGNAL.test(s)) expect(s).toBe('signal differs');
  });

  it('nosqli: the prefilter inside the detector', () => {
    expect(hidden((s) => nosqlPrefilters.jsBreakCandidate(s), (s) => nosqlPrefilters.JS_BREAK.test(s))).toEqual([]);
  });

  it('ssrf: the prefilters inside the detector', () => {
    expect(hidden((s, mask) => (mask & (1 << 29)) !== 0 || ssrfPrefilters.bareHostShape(s), ssrfPrefilters.bareHost)).toEqual([]);
    const hiddenSchemes: string[] = [];
    for (const s of readings) {
      for (let colon = s.indexOf(':'); colon >= 0; colon = s.indexOf(':', colon + 1)) {
        if (!ssrfPrefilters.ruleSchemeAt(s, colon) && ssrfPrefilters.schemeActs(s, colon)) hiddenSchemes.push(s);
      }
    }
    expect(hiddenSchemes.slice(0, 5)).toEqual([]);
  });

  it('decoders: the fast paths agree with the general forms', () => {
    const differ: string[] = [];
    for (const s of samples) {
      if (percentDecodeOnce(s) !== percentDecodeBytes(s)) differ.push(s);
      // eslint-disable-next-line no-control-regex
      if (!/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{2,8});?/.test(s) && decodeHtmlEntities(s) !== s) differ.push(s);
      if (!/\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([nrt]))/.test(s) && decodeJsEscapes(s) !== s) differ.push(s);
    }
    expect(differ.slice(0, 5)).toEqual([]);
  });

  describe('inspectValue and inspectKey: gated and cached = every detector on every reading', () => {
    afterAll(() => setInspectionMode({}));
    it('agree on every sample', () => {
      const strings = samples.filter((_, i) => i % 3 === 0);
      setInspectionMode({ gates: false });
      const ungated = strings.map((s) => JSON.stringify([inspectValue(s), inspectValue(s, { isUrlPath: true }), inspectKey(s)]));
      setInspectionMode({});
      const differ: string[] = [];
      // twice: the second pass is answered by the verdict cache
      for (let pass = 0; pass < 2; pass++) {
        strings.forEach((s, i) => {
          if (JSON.stringify([inspectValue(s), inspectValue(s, { isUrlPath: true }), inspectKey(s)]) !== ungated[i]) differ.push(s);
        });
      }
      expect(differ.slice(0, 5)).toEqual([]);
    });
  });
});

/**
 * OS command injection. The value is lexed as shell; each *command position* (start of input,
 * after `;` `|` `&&` `||` `&` newline, inside `$(..)` / backticks, after `time`/`nohup`/...)
 * holding a known command is weighed by how the separator is written and what follows:
 *
 * - a separator glued to the command (`x;id`, `|sh`, `&&curl`) is not how prose punctuates;
 * - `word; word` with a space is ordinary prose, so a command there needs shell-looking
 *   arguments (options, absolute paths, redirections, URLs, a further pipe);
 * - at the very start, a command counts only with shell-looking arguments too.
 *
 * Windows `for ... in (...) do` / `if [not] exist|defined|==` and brace/glob tricks are
 * recognised structurally.
 */
import { lexShell, type ShellToken } from './shell-lexer.js';
import { BIN_DIR, CMDLETS, INTERPRETERS, PREFIX_COMMANDS, UNAMBIGUOUS_COMMANDS, UNIX_COMMANDS, WINDOWS_COMMANDS, commandName, isCommand } from './shell-words.js';
import {
  C_AMP, C_BANG, C_BRACE, C_BRACK, C_BSL, C_BT, C_COLON, C_DASH, C_DOLLAR, C_DQ, C_EQ, C_GT, C_LT, C_NL, C_NONASCII, C_PAREN, C_PCT, C_PIPE,
  C_QUEST, C_SEMI, C_SLASH, C_SQ, C_STAR, C_TILDE, HASH_SEED, WordSet, charMask, hashLower, isAsciiDigit, lowerCode,
} from './chars.js';
import type { Finding } from './types.js';

const SEPARATORS = new Set([';', '|', '||', '&&', '&', '\n', '|&', '(']);

/** `/etc/pa[s]swd`, `/???/?s`, `/et*` globs: a path the shell resolves by globbing, to dodge filters. */
function globPath(word: string): boolean {
  if (!word.startsWith('/')) return false;
  // a `?` that starts `name=...` is a URL query, not a glob
  const path = word.replace(/\?[\w[\]]*=.*$/, '');
  return path.split('/').some((part) => /[?*[]/.test(part) && /[A-Za-z]/.test(part.replace(/\[[^\]]*\]/g, '')));
}

/** Is this argument something only a command line would carry? */
function shellArgument(tok: ShellToken | undefined, next?: ShellToken): boolean {
  if (!tok) return false;
  if (tok.type === 'op') return ['>', '>>', '<', '<<<', '>&', '&>', '<<', '|', '<(', '>('].includes(tok.raw) && !next?.norm.startsWith('=');
  const w = tok.norm;
  if (/^--?[a-z][\w-]*(=.*)?$/.test(w) || /^\+[a-z]$/.test(w) || /^-\d+$/.test(w)) return true;
  if (/^(?:\/|~\/|\.{1,2}\/)\S/.test(w) || w === '/' || w === '~' || /^\w+=\//.test(w)) return true;
  if (/^[a-z][\w+.-]*:\/\//i.test(w)) return true;
  if (/^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/.test(w)) return true;
  if (/^\/dev\/(tcp|udp)\//.test(w)) return true;
  if (/^[A-Za-z]:\\/.test(w) || /^%\w+%/.test(w)) return true;
  return false;
}

/** The shell removed quotes, backslashes or empty expansions from this word: deliberate obfuscation. */
function obfuscated(tok: ShellToken): boolean {
  // commands are lower case; `'I'd` read from inside a quote becomes `Id`, which is prose
  return tok.raw !== tok.norm && !tok.varOnly && !/\s/.test(tok.norm) && /[a-z]/.test(tok.norm) && tok.norm === tok.norm.toLowerCase();
}

function commandWord(tok: ShellToken | undefined): string | undefined {
  if (!tok || tok.type !== 'word') return undefined;
  return tok.norm;
}

/** A token sequence `cmd args...` at position i: does it look like a command line? */
function commandLine(toks: ShellToken[], i: number): boolean {
  for (let j = i + 1; j < Math.min(toks.length, i + 8); j++) {
    const tok = toks[j]!;
    if (tok.type === 'op' && (tok.raw === ';' || tok.raw === '&&' || tok.raw === '||' || tok.raw === '\n' || tok.raw === '&')) {
      // the command ends cleanly and another one follows: `time; visudo`
      return j === i + 1 && isCommand(commandWord(toks[j + 1]) ?? '');
    }
    if (tok.type === 'op' && tok.raw === '|') return isCommand(commandWord(toks[j + 1]) ?? '');
    if (shellArgument(tok, toks[j + 1])) return true;
  }
  return false;
}

/** Skips `time`, `nohup`, `sudo -u x`... to the command they run. */
function skipPrefixes(toks: ShellToken[], i: number): number {
  let j = i;
  for (let guard = 0; guard < 4; guard++) {
    const word = commandWord(toks[j]);
    if (!word || !PREFIX_COMMANDS.has(commandName(word))) break;
    const next = commandWord(toks[j + 1]);
    if (!next || !isCommand(next)) break;
    j++;
  }
  return j;
}

const SQLITE_META = /^\.(?:shell|system|sh|databases|tables|import|output|once|read|load|dump|schema|open)$/i;

/** PowerShell cmdlets are unambiguous wherever they appear as a word (`x=Invoke-Expression ...`). */
const CMDLET_WORD = /(?:^|[^\w-])(?:invoke-(?:expression|webrequest|restmethod|command|item|wmimethod)|start-(?:process|bitstransfer)|new-object|set-executionpolicy|add-mppreference)(?![\w-])/i;

/** Each cmdlet is `invoke-`, `start-`, `new-`, `set-` or `add-` something: is such a `-` present? */
function cmdletDash(value: string): boolean {
  for (let i = value.indexOf('-', 3); i >= 0; i = value.indexOf('-', i + 1)) {
    const a = lowerCode(value.charCodeAt(i - 3));
    const b = lowerCode(value.charCodeAt(i - 2));
    const c = lowerCode(value.charCodeAt(i - 1));
    // invok(e) start new set add
    if ((a === 111 && b === 107 && c === 101) || (a === 97 && b === 114 && c === 116) || (a === 110 && b === 101 && c === 119) || (a === 115 && b === 101 && c === 116) || (a === 97 && b === 100 && c === 100)) return true;
  }
  return false;
}

function cmdletWord(value: string, mask: number): boolean {
  return (mask & C_DASH) !== 0 && ((mask & C_NONASCII) !== 0 || cmdletDash(value)) && CMDLET_WORD.test(value);
}

interface ShellOptions {
  /** the value is the request's URL path: `/bin/x` there is a route, not a binary */
  urlPath?: boolean;
}

function analyseTokens(toks: ShellToken[], nested: boolean, options: ShellOptions): Finding | undefined {
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (tok.type !== 'word') continue;
    const prev = toks[i - 1];
    const atStart = i === 0;
    const afterSeparator = !!prev && prev.type === 'op' && SEPARATORS.has(prev.raw);
    if (!atStart && !afterSeparator) continue;
    if (tok.varOnly) {
      // `$a -nlvp 555`, `$SHELL -c`: a variable used as the command
      if (/^\$\{?(?:SHELL|BASH|ZSH)\b/.test(tok.raw) || (shellArgument(toks[i + 1]) && toks[i + 1]!.type === 'word')) return { rule: 'cmdi.variable-command', at: i };
      // an empty expansion in command position is transparent: `;$u wget x`
      const next = toks[i + 1];
      if (next?.type === 'word' && isCommand(next.norm) && afterSeparator) return { rule: 'cmdi.separator', at: i };
      if (next?.type === 'word' && isCommand(next.norm) && atStart && commandLine(toks, i + 1)) return { rule: 'cmdi.separator', at: i };
      continue;
    }
    const word = tok.norm;
    const name = commandName(word);
    if (CMDLETS.has(word.toLowerCase())) return { rule: 'cmdi.powershell', at: i };
    // the sqlite3 shell's meta-commands run programs or open files: `;.shell id`, `;.system nc ...`
    if (afterSeparator && (SQLITE_META.test(word.split(/\s/, 1)[0]!) || (word === '.' && SQLITE_META.test(`.${commandWord(toks[i + 1]) ?? ''}`)))) return { rule: 'cmdi.sqlite-meta', at: i };
    if (globPath(word) && (!options.urlPath || atStart === false)) return { rule: 'cmdi.glob-path', at: i };
    if (name === 'alias' && /^[^=\s]+=/.test(commandWord(toks[i + 1]) ?? '') ) return { rule: 'cmdi.alias', at: i };
    const target = skipPrefixes(toks, i);
    if (target > i) return { rule: 'cmdi.prefixed-command', at: i };
    if (BIN_DIR.test(word) && word.length > 5 && !options.urlPath) return { rule: 'cmdi.binary-path', at: i };
    if (!isCommand(word)) continue;
    if (obfuscated(tok)) return { rule: 'cmdi.obfuscated-command', at: i };
    if (nested) return { rule: 'cmdi.substitution', at: i };
    if (afterSeparator) {
      // prose writes `word; word` and `a & b`; injections write `x;id` or start with the separator
      const glued = !tok.spaced || i === 1;
      const strongOp = prev!.raw === '|' || prev!.raw === '&&' || prev!.raw === '||' || prev!.raw === '|&';
      if (glued && prev!.raw !== '\n' && (prev!.raw !== '(' || commandLine(toks, i))) return { rule: 'cmdi.separator', at: i };
      if (strongOp && (INTERPRETERS.has(name) || commandLine(toks, i))) return { rule: 'cmdi.pipe', at: i };
      if (commandLine(toks, i)) return { rule: 'cmdi.separator', at: i };
      continue;
    }
    // `AWS credential provider ... ~/.aws`: a capitalised word opening prose needs its argument right after it
    if (commandLine(toks, i) && (word === word.toLowerCase() || shellArgument(toks[i + 1], toks[i + 2]))) return { rule: 'cmdi.command-line', at: i };
    if (atStart && UNAMBIGUOUS_COMMANDS.has(name) && word === word.toLowerCase() && toks.length <= 6 && toks[1]?.type === 'word') return { rule: 'cmdi.command-line', at: i };
  }
  return undefined;
}

/** `{cat,/etc/passwd}`, `c{a,oun}t`, `{,ip,a}`: brace expansion that yields a command. */
function braceCommand(value: string): boolean {
  let open = value.indexOf('{');
  for (let guard = 0; open >= 0 && guard < 8; guard++, open = value.indexOf('{', open + 1)) {
    const close = value.indexOf('}', open + 1);
    if (close < 0) return false;
    const body = value.slice(open + 1, close);
    if (!body.includes(',') || /[\s{:]/.test(body)) continue;
    // the word around the braces: back to whitespace, forward to whitespace
    let start = open;
    while (start > 0 && !/\s/.test(value[start - 1]!) && open - start < 64) start--;
    let end = close + 1;
    while (end < value.length && !/\s/.test(value[end]!) && end - close < 64) end++;
    const before = value.slice(start, open);
    const after = value.slice(close + 1, end);
    const parts = body.split(',').slice(0, 16).map((part) => lexShell(part, 4).tokens[0]?.norm ?? '');
    for (const part of parts) {
      if (isCommand(before + part + after) || (BIN_DIR.test(part) && part.length > 5) || (part.includes('?') && part.startsWith('/'))) return true;
      if (part !== '' && isCommand(part) && before === '') return true;
    }
  }
  return false;
}

/** What an `if` statement must test: a file, variable or error level, or a comparison. */
const BATCH_TEST = /exist|defined|errorlevel|cmdextversion|\s(?:equ|neq|lss|leq|gtr|geq)\s/i;

/** The word `if` where the statement expression can start it: after the start, whitespace or `&|;(`, before whitespace or `/`. */
const IF_WORD = /(?:^|[\s&|;(])if[\s/]/i;

/**
 * Necessary conditions for `batchSyntax`: a `for` loop needs `%` and `(`; an `if` statement needs
 * the word `if` and `==` or a test word. Prose with "if" or "before" skips both big expressions.
 */
function batchCandidate(value: string, mask: number): boolean {
  if ((mask & C_PCT) !== 0 && (mask & C_PAREN) !== 0) return true;
  return IF_WORD.test(value) && (value.includes('==') || BATCH_TEST.test(value));
}

/** cmd.exe control flow: `for /f %a in (...) do x`, `if [/i] [not] exist x y`, `if a==b y`. */
function batchSyntax(value: string): boolean {
  if (/(?:^|[\s&|;(])for\s+(?:\/[a-z]\s+(?:"[^"]*"\s+|[a-z]:\S*\s+)?)*%%?\S*\s+in\s*\([^)]*\)\s*do\b/i.test(value)) return true;
  const statement = /(?:^|[\s&|;(])if(?:\s+|\s*\/i\s+)(?:\/i\s+)?(?:not\s+)?(?:(?:exist|defined|errorlevel|cmdextversion)\s+\S|(?:"[^"]*"|\[[^\]]*\]|\([^)]*\)|%[^%\s]+%|[^\s=]+)\s*(?:==\s*\S|\s(?:equ|neq|lss|leq|gtr|geq)\s+\S))/i;
  // `if a == b then c` is also how people write pseudo-code; cmd.exe's own markers decide
  const cmdMarker = /\bif\s*\/i\b|\bif\s+not\b|\b(?:exist|defined|errorlevel|cmdextversion)\s|\s(?:equ|neq|lss|leq|gtr|geq)\s|%~?\w+%|%~?\d|![\w]+!|\S==\S|==\s*\S+\s+[(@]?(?:echo|exit|goto|call|set|cmd|del|start|copy|type)\b/i;
  return statement.test(value) && cmdMarker.test(value);
}

/** A function whose body pipes or backgrounds itself: a fork bomb; `() {` at the start: Shellshock. */
function functionTricks(value: string): string | undefined {
  const def = value.indexOf('()');
  if (def < 0) return undefined;
  if (/^\s*\(\)\s*\{/.test(value) || /\(\)\s*\{\s*:\s*;\s*\}\s*;/.test(value)) return 'cmdi.shellshock';
  let start = def;
  while (start > 0 && /[\w.:]/.test(value[start - 1]!) && def - start < 64) start--;
  const name = value.slice(start, def);
  const open = value.indexOf('{', def);
  const close = open < 0 ? -1 : value.indexOf('}', open);
  if (name === '' || open < 0 || close < 0 || value.slice(def + 2, open).trim() !== '') return undefined;
  const body = value.slice(open + 1, close);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}(?:\\(\\))?\\s*[|&]`).test(body) ? 'cmdi.fork-bomb' : undefined;
}

/** Lexes one reading of the value and checks every command position in it. */
function analyse(text: string, options: ShellOptions): Finding | undefined {
  const scan = lexShell(text);
  if (scan.emptyGlued) return { rule: 'cmdi.empty-expansion', at: 0 };
  const direct = analyseTokens(scan.tokens, false, options);
  if (direct) return direct;
  for (const body of scan.substitutions.slice(0, 8)) {
    const inner = lexShell(body, 32);
    if (inner.emptyGlued) return { rule: 'cmdi.empty-expansion', at: 0 };
    const hit = analyseTokens(inner.tokens, true, options);
    if (hit) return { rule: 'cmdi.substitution', at: hit.at };
  }
  return undefined;
}

/**
 * Syntax that makes a word differ from what it looks like to the lexer: expansions and
 * substitutions (`$`, backticks, `<(`, `>(`), escapes (`\\`) and globs (`*?[]`). History (`!`),
 * cmd.exe variables (`%x%`), `~` and braces are not read by the lexer (brace expansion has its
 * own check), so they need no lexing either.
 */
const DISGUISE = /[`$\\*?[\]]|[<>]\(/;
const DISGUISE_MASK = C_BT | C_DOLLAR | C_BSL | C_STAR | C_QUEST | C_BRACK;
const WORD_BREAK = /[\s;|&()<>]+/;
const PIECE_BREAK = /['"=,:]+/;

function commandish(piece: string): boolean {
  if (piece === '') return false;
  // isCommand covers interpreters, cmdlets, `alias` and the unambiguous commands (all are commands)
  if (isCommand(piece)) return true;
  const lower = piece.toLowerCase();
  return PREFIX_COMMANDS.has(lower) || lower.charCodeAt(0) === 46 || (lower.includes('bin') && BIN_DIR.test(lower));
}

function wordMayHoldCommand(word: string): boolean {
  if (commandish(word)) return true;
  if (word.includes("'") || word.includes('"')) {
    if (commandish(word.replace(/['"]/g, ''))) return true;
  }
  if (PIECE_BREAK.test(word)) for (const piece of word.split(PIECE_BREAK)) if (commandish(piece)) return true;
  return false;
}

/** Every word `commandish` can accept, for an allocation-free first look at a piece of text. */
const COMMAND_WORDS = new WordSet([...UNIX_COMMANDS, ...WINDOWS_COMMANDS, ...CMDLETS, ...PREFIX_COMMANDS, ...UNAMBIGUOUS_COMMANDS, ...INTERPRETERS]);

/**
 * `commandish(value.slice(start, end))` can only be true if this is (for ASCII text without
 * quotes): it starts with a dot, contains `bin`, or it, its basename, or its basename without
 * a version or `.exe` suffix (what `commandName` looks up) is a command word.
 */
function maybeCommandish(value: string, start: number, end: number): boolean {
  if (end <= start) return false;
  if (value.charCodeAt(start) === 46) return true;
  let base = start;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c === 47) base = i + 1;
    else if ((c | 32) === 98 && i + 2 < end && (value.charCodeAt(i + 1) | 32) === 105 && (value.charCodeAt(i + 2) | 32) === 110) return true;
  }
  if (COMMAND_WORDS.hasRange(value, start, end)) return true;
  if (base > start && COMMAND_WORDS.hasRange(value, base, end)) return true;
  if (isAsciiDigit(value.charCodeAt(end - 1))) {
    let e = end;
    while (e > base && (isAsciiDigit(value.charCodeAt(e - 1)) || value.charCodeAt(e - 1) === 46)) e--;
    return e > base && COMMAND_WORDS.hasRange(value, base, e);
  }
  if (end - base > 4 && value.charCodeAt(end - 4) === 46 && lowerCode(value.charCodeAt(end - 3)) === 101 && lowerCode(value.charCodeAt(end - 2)) === 120 && lowerCode(value.charCodeAt(end - 1)) === 101) {
    return COMMAND_WORDS.hasRange(value, base, end - 4);
  }
  return false;
}

function shellWordBreak(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 59 || c === 124 || c === 38 || c === 40 || c === 41 || c === 60 || c === 62;
}

/**
 * Can any command position hold a command? Every rule of `analyseTokens` starts from a word
 * that is (after quote removal) a command, a prefix such as `nohup`, a cmdlet, a binary path,
 * a sqlite meta-command or an expansion. Without disguise syntax, a word's quote-free form and
 * its quote-, `=`-, `,`- and `:`-separated pieces cover every way the lexer (in each quote
 * context) can read it, so prose such as `10" x 12" & ribbon` skips the lexer entirely.
 * ASCII text is scanned in place (words with quotes take the general path); `mask` is `charMask(value)`.
 */
function mayHoldCommand(value: string, mask: number): boolean {
  if ((mask & C_NONASCII) !== 0) {
    if (DISGUISE.test(value)) return true;
    for (const word of value.split(WORD_BREAK)) if (word !== '' && wordMayHoldCommand(word)) return true;
    return false;
  }
  if ((mask & DISGUISE_MASK) !== 0) return true;
  if ((mask & (C_LT | C_GT)) !== 0 && (mask & C_PAREN) !== 0 && DISGUISE.test(value)) return true;
  // One pass: each word's basename is hashed as it is read (also before a trailing version and
  // before its last dot, for `python3.10` and `cmd.exe`), and only a hash the command words may
  // have is compared. Words with quotes or `=,:` pieces take `wordMayHoldCommand`'s range form.
  const n = value.length;
  let start = 0;
  let base = 0;
  let h = HASH_SEED;
  let runHash = 0;
  let runAt = -1;
  let dotHash = 0;
  let dotAt = -1;
  let bin = false;
  let p1 = 0;
  let p2 = 0;
  let special = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 32;
    if (!shellWordBreak(c)) {
      if (c === 39 || c === 34 || c === 61 || c === 44 || c === 58) special = true;
      const lc = lowerCode(c);
      if (lc === 110 && p1 === 105 && p2 === 98) bin = true;
      p2 = p1;
      p1 = lc;
      if (c === 47) {
        h = HASH_SEED;
        base = i + 1;
        runAt = -1;
        dotAt = -1;
        continue;
      }
      if ((c >= 48 && c <= 57) || c === 46) {
        if (runAt < 0) {
          runAt = i;
          runHash = h;
        }
      } else {
        runAt = -1;
      }
      if (c === 46) {
        dotAt = i;
        dotHash = h;
      }
      h = Math.imul(h ^ lc, 0x01000193);
      continue;
    }
    if (i > start) {
      if (special) {
        if (wordRangeMayHoldCommand(value, start, i)) return true;
      } else if (value.charCodeAt(start) === 46 || bin) {
        return true;
      } else if (
        COMMAND_WORDS.mayHave(h, i - base)
        || (runAt > base && isAsciiDigit(value.charCodeAt(i - 1)) && COMMAND_WORDS.mayHave(runHash, runAt - base))
        || (dotAt === i - 4 && dotAt > base && COMMAND_WORDS.mayHave(dotHash, dotAt - base))
        || (base > start && COMMAND_WORDS.mayHave(hashLower(value, start, i), i - start))
      ) {
        if (maybeCommandish(value, start, i)) return true;
      }
    }
    start = i + 1;
    base = i + 1;
    h = HASH_SEED;
    runAt = -1;
    dotAt = -1;
    bin = false;
    p1 = 0;
    p2 = 0;
    special = false;
  }
  return false;
}

/** `wordMayHoldCommand(value.slice(start, end))` for ASCII text, allocating only when a quote sits inside the word. */
function wordRangeMayHoldCommand(value: string, start: number, end: number): boolean {
  // the word as written, its pieces between quotes, `=`, `,` and `:`, and the word without quotes
  if (maybeCommandish(value, start, end)) return true;
  let inner = false;
  let quoted = false;
  let from = start;
  for (let k = start; k <= end; k++) {
    const d = k < end ? value.charCodeAt(k) : 61;
    if (d !== 61 && d !== 44 && d !== 58 && d !== 39 && d !== 34) continue;
    if (d === 39 || d === 34) {
      quoted = true;
      if (k > start && k < end - 1) inner = true;
    }
    if (maybeCommandish(value, from, k)) return true;
    from = k + 1;
  }
  if (!quoted) return false;
  // quotes only at the ends: the quote-free word is one of the pieces (checked above)
  return inner && commandish(value.slice(start, end).replace(/['"]/g, ''));
}

/** Without any of these characters no shell construct can be present except a bare cmd.exe `if`/`for`. */
const SHELL_OPERATOR_MASK = C_SEMI | C_PIPE | C_AMP | C_NL | C_BT | C_DOLLAR | C_PAREN | C_BRACE | C_LT | C_GT;
/** `[;|&\n\r$`(){}<>/\\~'"%*?[\]!=:-]` */
const SHELL_SIGNAL_MASK = SHELL_OPERATOR_MASK | C_SLASH | C_BSL | C_TILDE | C_SQ | C_DQ | C_PCT | C_STAR | C_QUEST | C_BRACK | C_BANG | C_EQ | C_COLON | C_DASH;

/** `value.trimStart().split(/\s/, 1)[0]` */
function firstWordOf(value: string, mask: number): string {
  if ((mask & C_NONASCII) !== 0) return value.trimStart().split(/\s/, 1)[0]!;
  const n = value.length;
  let i = 0;
  while (i < n && (value.charCodeAt(i) === 32 || (value.charCodeAt(i) >= 9 && value.charCodeAt(i) <= 13))) i++;
  let j = i;
  while (j < n && !(value.charCodeAt(j) === 32 || (value.charCodeAt(j) >= 9 && value.charCodeAt(j) <= 13))) j++;
  return value.slice(i, j);
}

function batchOnly(value: string, mask: number): Finding | undefined {
  return batchCandidate(value, mask) && batchSyntax(value) ? { rule: 'cmdi.batch', at: 0 } : undefined;
}

/** Lexes the value as is and read from inside a quote, and checks every command position. */
function analyseReadings(value: string, options: ShellOptions): Finding | undefined {
  const direct = analyse(value, options);
  if (direct) return direct;
  // The value may close a quote the application opened (`x"|cmd`), or carry a command inside a
  // quoted argument (`system('id;wget ...')`): read it from inside the quotes as well.
  for (const quote of ["'", '"']) {
    const at = value.indexOf(quote);
    if (at < 0) continue;
    const hit = analyse(quote + value, options) ?? analyse(value.slice(at + 1), options);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The cheap necessary conditions inside `detectCmdi`, each with what it stands in for, so a
 * test can check that none ever hides a detection (exported for that test only).
 */
export const shellPrefilters = {
  /** false ⇒ `lexerFindings` is undefined */
  mayHoldCommand,
  lexerFindings: (value: string, urlPath = false): Finding | undefined => analyseReadings(value, { urlPath }),
  /** false ⇒ `batchSyntax` is false */
  batchCandidate,
  batchSyntax,
  /** false ⇒ `CMDLET_WORD` does not match */
  cmdletDash,
  CMDLET_WORD,
};

/**
 * Can `detectCmdi` find anything? Without an operator or expansion character (`;|&` newline,
 * backtick, `$(){}<>`), a quote or a backslash, it needs the first word to be a command, a
 * prefix or a path, a PowerShell cmdlet, or a cmd.exe `for`/`if` statement. `mask` is `charMask(value)`.
 */
export function mayContainCmdi(value: string, mask: number): boolean {
  if (value.length < 2) return false;
  if ((mask & (SHELL_OPERATOR_MASK | C_NONASCII | C_SQ | C_DQ | C_BSL)) !== 0) return true;
  // No operator: only the first word can be a command (or a binary path), unless a cmdlet or a
  // cmd.exe statement appears (see the two early returns of `detectCmdi`).
  const n = value.length;
  let i = 0;
  while (i < n && (value.charCodeAt(i) === 32 || (value.charCodeAt(i) >= 9 && value.charCodeAt(i) <= 13))) i++;
  let j = i;
  while (j < n && !(value.charCodeAt(j) === 32 || (value.charCodeAt(j) >= 9 && value.charCodeAt(j) <= 13))) j++;
  return value.charCodeAt(i) === 47 || maybeCommandish(value, i, j) || cmdletWord(value, mask) || batchCandidate(value, mask);
}

export function detectCmdi(value: string, options: ShellOptions = {}, mask = charMask(value)): Finding | undefined {
  if (value.length < 2) return undefined;
  const ascii = (mask & C_NONASCII) === 0;
  const firstWord = firstWordOf(value, mask);
  if ((mask & SHELL_SIGNAL_MASK) === 0 && (ascii && !maybeCommandish(firstWord, 0, firstWord.length) || (!PREFIX_COMMANDS.has(firstWord.toLowerCase()) && !UNAMBIGUOUS_COMMANDS.has(commandName(firstWord))))) {
    return batchOnly(value, mask);
  }
  // Without operators or expansions only the first word can be a command (or a binary path)
  if ((mask & SHELL_OPERATOR_MASK) === 0 && !cmdletWord(value, mask)) {
    const bare = (mask & (C_SQ | C_DQ | C_BSL)) !== 0 ? firstWord.replace(/['"\\]/g, '') : firstWord;
    const maybe = !ascii || maybeCommandish(bare, 0, bare.length);
    if (!(bare.startsWith('/') || (maybe && (isCommand(bare) || PREFIX_COMMANDS.has(bare.toLowerCase()) || /^s?bin\//.test(bare))))) {
      return batchOnly(value, mask);
    }
  }
  if (mayHoldCommand(value, mask)) {
    const hit = analyseReadings(value, options);
    if (hit) return hit;
  }
  // each structural check only where the characters it needs are present
  if (cmdletWord(value, mask)) return { rule: 'cmdi.powershell', at: 0 };
  const trick = (mask & C_PAREN) !== 0 ? functionTricks(value) : undefined;
  if (trick) return { rule: trick, at: 0 };
  if (batchCandidate(value, mask) && batchSyntax(value)) return { rule: 'cmdi.batch', at: 0 };
  if ((mask & C_BRACE) !== 0 && braceCommand(value)) return { rule: 'cmdi.brace-expansion', at: 0 };
  if ((mask & C_SLASH) !== 0 && value.includes('/dev/') && /\/dev\/(?:tcp|udp)\/[\w.-]+\/\d+/.test(value)) return { rule: 'cmdi.reverse-shell', at: 0 };
  if ((mask & C_DOLLAR) !== 0 && /\$\{[^}]*[#%/:][^}]*\}|\$\[|\$\(\(/.test(value)) return { rule: 'cmdi.expansion', at: 0 };
  return undefined;
}

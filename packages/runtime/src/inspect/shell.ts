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
  C_QUEST, C_SEMI, C_SLASH, C_SPACE, C_SQ, C_STAR, C_TILDE, HASH_SEED, WordSet, charMask, codeAt, hashStep, isAsciiBlank, isAsciiDigit, lowerCode,
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
  // `if` is followed by whitespace or `/`
  return (mask & (C_SPACE | C_NL | C_SLASH | C_NONASCII)) !== 0 && IF_WORD.test(value) && (value.includes('==') || BATCH_TEST.test(value));
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
/** Expansions and escapes: the words they make are not the words written. */
const DISGUISE_MASK = C_BT | C_DOLLAR | C_BSL;
/** Globs only count in a path (`/???/c?t`, see `globPath`): `commandWordAt` looks for them. */
const GLOB_MASK = C_STAR | C_QUEST | C_BRACK;
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
 * quotes): it starts with a dot, contains `bin`, or its basename (the whole word when it has no
 * `/`; no command has one), or its basename without a version or `.exe` suffix (what
 * `commandName` looks up) is a command word. One pass hashes the basename (also before a
 * trailing version and before a last dot); the text is only compared for a hash the command
 * words may have.
 */
function maybeCommandish(value: string, start: number, end: number): boolean {
  if (end <= start) return false;
  if (value.charCodeAt(start) === 46) return true;
  let base = start;
  let h = HASH_SEED;
  let versionAt = -1;
  let versionHash = 0;
  let dotAt = -1;
  let dotHash = 0;
  let p1 = 0;
  let p2 = 0;
  for (let i = start; i < end; i++) {
    const c = lowerCode(value.charCodeAt(i));
    if (c === 110 && p1 === 105 && p2 === 98) return true; // bin
    p2 = p1;
    p1 = c;
    if (c === 47) {
      base = i + 1;
      h = HASH_SEED;
      versionAt = -1;
      dotAt = -1;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 46) {
      if (versionAt < 0) {
        versionAt = i;
        versionHash = h;
      }
    } else {
      versionAt = -1;
    }
    if (c === 46) {
      dotAt = i;
      dotHash = h;
    }
    h = hashStep(h, c);
  }
  if (COMMAND_WORDS.mayHave(h, end - base) && COMMAND_WORDS.hasRange(value, base, end)) return true;
  // `python3.10`, `gcc7.4`: the name before the version
  if (versionAt > base && isAsciiDigit(value.charCodeAt(end - 1)) && COMMAND_WORDS.mayHave(versionHash, versionAt - base) && COMMAND_WORDS.hasRange(value, base, versionAt)) return true;
  // `cmd.exe`
  return dotAt === end - 4 && dotAt > base && p2 === 120 && p1 === 101 && lowerCode(value.charCodeAt(end - 3)) === 101
    && COMMAND_WORDS.mayHave(dotHash, dotAt - base) && COMMAND_WORDS.hasRange(value, base, dotAt);
}

function shellWordBreak(c: number): boolean {
  return isAsciiBlank(c) || c === 59 || c === 124 || c === 38 || c === 40 || c === 41 || c === 60 || c === 62;
}

/** Characters after which the lexer's next word is in command position: `;`, `|`, `&`, newline, `(` (`||`, `&&`, `|&` included). */
const SEPARATOR_CHARS = [';', '|', '&', '\n', '\r', '('];
const SEPARATOR_BITS = [C_SEMI, C_PIPE, C_AMP, C_NL, C_NL, C_PAREN];

/**
 * Can the word that starts at `from` (after blanks) be read as a command in some form? The word,
 * its pieces between quotes and its quote-free form are tried, and a path with a glob counts
 * (ASCII text). No command name holds `=`, `,` or `:`, and a path's name is after its last `/`
 * (which `maybeCommandish` reads), so `sort=created_at` and `a:b` need no more.
 */
function commandWordAt(value: string, from: number): boolean {
  const n = value.length;
  let start = from;
  while (start < n && (value.charCodeAt(start) === 32 || value.charCodeAt(start) === 9 || value.charCodeAt(start) === 11 || value.charCodeAt(start) === 12)) start++;
  let end = start;
  let quoted = false;
  let glob = false;
  for (; end < n; end++) {
    const c = value.charCodeAt(end);
    if (shellWordBreak(c)) break;
    if (c === 39 || c === 34) quoted = true;
    else if (c === 42 || c === 63 || c === 91 || c === 93) glob = true;
  }
  if (end === start) return false;
  if (glob && value.charCodeAt(start) === 47) return true;
  return quoted ? quotedWordMayHoldCommand(value, start, end) : maybeCommandish(value, start, end);
}

/** The word around `at`, from the previous to the next word break. */
function commandWordAround(value: string, at: number): boolean {
  let start = at;
  while (start > 0 && !shellWordBreak(value.charCodeAt(start - 1))) start--;
  return commandWordAt(value, start);
}

/**
 * Can any command position hold a command? Every rule of `analyseTokens` starts from a word in
 * command position (the start of a reading, or after a separator) that is, after quote removal,
 * a command, a prefix such as `nohup`, a cmdlet, a binary path, a sqlite meta-command or an
 * expansion. The readings start at the value, at a quote put before it, and after its first `'`
 * and first `"`; a separator character starts a command position in whichever reading leaves
 * it unquoted. A word that a quote carries across a blank (`'x y'/cat`) keeps its own start,
 * and its command name, being blank-free, lies in the part after its last `/`: so the words at
 * those starts and the words holding a `/` cover every command position, and prose such as
 * `Meet me at 6; if it rains` or `10" x 12" & ribbon` skips the lexer. ASCII text is scanned in
 * place; `mask` is `charMask(value)`.
 */
function mayHoldCommand(value: string, mask: number): boolean {
  if ((mask & C_NONASCII) !== 0) {
    if (DISGUISE.test(value)) return true;
    for (const word of value.split(WORD_BREAK)) if (word !== '' && wordMayHoldCommand(word)) return true;
    return false;
  }
  if ((mask & DISGUISE_MASK) !== 0) return true;
  if ((mask & (C_LT | C_GT)) !== 0 && (mask & C_PAREN) !== 0 && (value.includes('<(') || value.includes('>('))) return true;
  // a quote can carry a glob path across a blank (`'/a b'/c?t`), out of the word that starts it
  if ((mask & GLOB_MASK) !== 0 && (mask & (C_SQ | C_DQ)) !== 0 && (mask & C_SLASH) !== 0) return true;
  if (commandWordAt(value, 0)) return true;
  if ((mask & C_SQ) !== 0 && commandWordAt(value, value.indexOf("'") + 1)) return true;
  if ((mask & C_DQ) !== 0 && commandWordAt(value, value.indexOf('"') + 1)) return true;
  for (let k = 0; k < SEPARATOR_CHARS.length; k++) {
    if ((mask & SEPARATOR_BITS[k]!) === 0) continue;
    const separator = SEPARATOR_CHARS[k]!;
    for (let at = value.indexOf(separator); at >= 0; at = value.indexOf(separator, at + 1)) if (commandWordAt(value, at + 1)) return true;
  }
  if ((mask & C_SLASH) !== 0) {
    for (let at = value.indexOf('/'); at >= 0; at = value.indexOf('/', at + 1)) {
      if (commandWordAround(value, at)) return true;
      while (at + 1 < value.length && !shellWordBreak(value.charCodeAt(at + 1))) at++;
    }
  }
  return false;
}

/** For ASCII text with a quote in `value[start, end)`: the word, its pieces between quotes, and (allocating) the word without quotes. */
function quotedWordMayHoldCommand(value: string, start: number, end: number): boolean {
  if (maybeCommandish(value, start, end)) return true;
  let inner = false;
  let from = start;
  for (let k = start; k <= end; k++) {
    const d = k < end ? value.charCodeAt(k) : 39;
    if (d !== 39 && d !== 34) continue;
    if (k > start && k < end - 1) inner = true;
    if (maybeCommandish(value, from, k)) return true;
    from = k + 1;
  }
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
  while (i < n && isAsciiBlank(value.charCodeAt(i))) i++;
  let j = i;
  while (j < n && !isAsciiBlank(value.charCodeAt(j))) j++;
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
 * The first word with quotes and backslashes removed, as `detectCmdi` reads it when the value has
 * no operator: can it be a command? A path (`/orders/12/items`) lets the detector read on, so
 * then a command in some command position (`mayHoldCommand`) or `/dev/tcp/...` counts. (ASCII
 * text; slices only when a quote or a backslash sits in the word.)
 */
function firstWordMayBeCommand(value: string, mask: number): boolean {
  const n = value.length;
  let i = 0;
  while (i < n && isAsciiBlank(value.charCodeAt(i))) i++;
  let j = i;
  let quoted = false;
  for (; j < n; j++) {
    const c = value.charCodeAt(j);
    if (isAsciiBlank(c)) break;
    if (c === 39 || c === 34 || c === 92) quoted = true;
  }
  const bare = quoted ? value.slice(i, j).replace(/['"\\]/g, '') : value;
  const start = quoted ? 0 : i;
  const end = quoted ? bare.length : j;
  if (codeAt(bare, start) === 47) return value.includes('/dev/') || mayHoldCommand(value, mask);
  return maybeCommandish(bare, start, end);
}

/**
 * Can `detectCmdi` find anything? A PowerShell cmdlet or a cmd.exe `for`/`if` statement anywhere;
 * without an operator or expansion character (`;|&` newline, backtick, `$(){}<>`), a first word
 * that is a command, a prefix or a path; with one, a command in some command position
 * (`mayHoldCommand`), a function definition `()`, braces or `/dev/`. `mask` is `charMask(value)`.
 */
export function mayContainCmdi(value: string, mask: number): boolean {
  if (value.length < 2) return false;
  if ((mask & C_NONASCII) !== 0) return true;
  if (cmdletWord(value, mask) || batchCandidate(value, mask)) return true;
  if ((mask & SHELL_OPERATOR_MASK) === 0) return firstWordMayBeCommand(value, mask);
  return mayHoldCommand(value, mask) || ((mask & C_PAREN) !== 0 && value.includes('()')) || (mask & C_BRACE) !== 0 || ((mask & C_SLASH) !== 0 && value.includes('/dev/'));
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

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
import { BIN_DIR, CMDLETS, INTERPRETERS, PREFIX_COMMANDS, UNAMBIGUOUS_COMMANDS, commandName, isCommand } from './shell-words.js';
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

/** Both cmd.exe statements `batchSyntax` knows start with one of these words. */
const BATCH_HINT = /for|if/i;

/** Expansion, escape, glob, brace, history and cmd.exe variable syntax: words may not be what they look like. */
const DISGUISE = /[`$\\{}*?[\]~%!]|[<>]\(/;
const WORD_BREAK = /[\s;|&()<>]+/;
const PIECE_BREAK = /['"=,:]+/;

function commandish(piece: string): boolean {
  if (piece === '') return false;
  // isCommand covers interpreters, cmdlets, `alias` and the unambiguous commands (all are commands)
  if (isCommand(piece)) return true;
  const lower = piece.toLowerCase();
  return PREFIX_COMMANDS.has(lower) || lower.charCodeAt(0) === 46 || (lower.includes('bin') && BIN_DIR.test(lower));
}

/**
 * Can any command position hold a command? Every rule of `analyseTokens` starts from a word
 * that is (after quote removal) a command, a prefix such as `nohup`, a cmdlet, a binary path,
 * a sqlite meta-command or an expansion. Without disguise syntax, a word's quote-free form and
 * its quote-, `=`-, `,`- and `:`-separated pieces cover every way the lexer (in each quote
 * context) can read it, so prose such as `10" x 12" & ribbon` skips the lexer entirely.
 */
function mayHoldCommand(value: string): boolean {
  if (DISGUISE.test(value)) return true;
  for (const word of value.split(WORD_BREAK)) {
    if (word === '') continue;
    if (commandish(word)) return true;
    if (word.includes("'") || word.includes('"')) {
      if (commandish(word.replace(/['"]/g, ''))) return true;
    }
    if (PIECE_BREAK.test(word)) for (const piece of word.split(PIECE_BREAK)) if (commandish(piece)) return true;
  }
  return false;
}

/** Without any of these characters no shell construct can be present except a bare cmd.exe `if`/`for`. */
const SHELL_OPERATOR = /[;|&\n\r`$(){}<>]/;
const SHELL_SIGNAL = /[;|&\n\r$`(){}<>/\\~'"%*?[\]!=:-]/;

export function detectCmdi(value: string, options: ShellOptions = {}): Finding | undefined {
  if (value.length < 2) return undefined;
  const firstWord = value.trimStart().split(/\s/, 1)[0]!;
  if (!SHELL_SIGNAL.test(value) && !PREFIX_COMMANDS.has(firstWord.toLowerCase()) && !UNAMBIGUOUS_COMMANDS.has(commandName(firstWord))) {
    return BATCH_HINT.test(value) && batchSyntax(value) ? { rule: 'cmdi.batch', at: 0 } : undefined;
  }
  // Without operators or expansions only the first word can be a command (or a binary path)
  if (!SHELL_OPERATOR.test(value) && !CMDLET_WORD.test(value)) {
    const bare = firstWord.replace(/['"\\]/g, '');
    if (!(isCommand(bare) || bare.startsWith('/') || PREFIX_COMMANDS.has(bare.toLowerCase()) || /^s?bin\//.test(bare))) {
      return BATCH_HINT.test(value) && batchSyntax(value) ? { rule: 'cmdi.batch', at: 0 } : undefined;
    }
  }
  if (mayHoldCommand(value)) {
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
  }
  // each structural check only where the characters it needs are present
  if (value.includes('-') && CMDLET_WORD.test(value)) return { rule: 'cmdi.powershell', at: 0 };
  const trick = functionTricks(value);
  if (trick) return { rule: trick, at: 0 };
  if (BATCH_HINT.test(value) && batchSyntax(value)) return { rule: 'cmdi.batch', at: 0 };
  if (braceCommand(value)) return { rule: 'cmdi.brace-expansion', at: 0 };
  if (value.includes('/dev/') && /\/dev\/(?:tcp|udp)\/[\w.-]+\/\d+/.test(value)) return { rule: 'cmdi.reverse-shell', at: 0 };
  if (value.includes('$') && /\$\{[^}]*[#%/:][^}]*\}|\$\[|\$\(\(/.test(value)) return { rule: 'cmdi.expansion', at: 0 };
  return undefined;
}

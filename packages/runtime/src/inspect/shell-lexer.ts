/**
 * A POSIX-shell-ish lexer: splits input into words and control operators the way `sh` would,
 * and records what the shell would do to each word. Quotes, backslashes and empty expansions
 * (`c''at`, `c\at`, `c$@at`, `ca$()t`) are removed from the word's `norm` form because the shell
 * removes them before running the command, which is exactly how filters are evaded.
 */

export type ShellTokenType = 'word' | 'op';

export interface ShellToken {
  type: ShellTokenType;
  /** operator text, or the word as written */
  raw: string;
  /** for words: the text after quote removal and empty-expansion removal */
  norm: string;
  /** whitespace (or start of input) directly before the token */
  spaced: boolean;
  /** the word contains an unquoted expansion ($x, $(..), `..`) */
  expands: boolean;
  /** for words: the word is a variable reference only (`$a`, `${cmd}`) */
  varOnly: boolean;
}

export interface ShellScan {
  tokens: ShellToken[];
  /** command substitution bodies found anywhere, `$(...)`, backticks, `<(...)`, `>(...)` */
  substitutions: string[];
  /** an empty substitution glued into a word (`who$()ami`, ping``) */
  emptyGlued: boolean;
}

const OPERATORS = ['&&', '||', ';;', '|&', '<<<', '>>', '<<', '>&', '<&', '&>', '<>', ';', '|', '&', '\n', '\r', '(', ')', '<', '>'];

const OPERATOR_START = new Set(OPERATORS.map((op) => op[0]!));
/** Characters that end a word or need special handling inside one. */
const WORD_SPECIAL = new Set([' ', '\t', '\u000b', '\f', '\n', '\r', ';', '|', '&', '<', '>', '(', ')', '\\', "'", '"', '`', '$']);

/** Finds the matching close paren of a `$(` / `<(` starting at `open`, honouring nesting. */
function closeParen(input: string, open: number): number {
  let depth = 0;
  for (let i = open; i < input.length; i++) {
    const ch = input[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function lexShell(input: string, maxTokens = 128): ShellScan {
  const tokens: ShellToken[] = [];
  const substitutions: string[] = [];
  let emptyGlued = false;
  const n = input.length;
  let i = 0;
  let spaced = true;
  while (i < n && tokens.length < maxTokens) {
    const ch = input[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\u000b' || ch === '\f') { spaced = true; i++; continue; }
    if (input.startsWith('${IFS}', i) || input.startsWith('$IFS', i)) {
      // the field separator expands to whitespace: `cat${IFS}/etc/passwd`
      spaced = true;
      i += input.startsWith('${IFS}', i) ? 6 : 4;
      continue;
    }
    if ((ch === '<' || ch === '>') && input[i + 1] === '(') {
      const end = closeParen(input, i + 1);
      const body = input.slice(i + 2, end < 0 ? n : end);
      if (body.trim() === '' && !spaced) emptyGlued = true;
      else substitutions.push(body);
      tokens.push({ type: 'op', raw: `${ch}(`, norm: `${ch}(`, spaced, expands: true, varOnly: false });
      spaced = false;
      i = end < 0 ? n : end + 1;
      continue;
    }
    const op = OPERATOR_START.has(ch) ? OPERATORS.find((candidate) => input.startsWith(candidate, i)) : undefined;
    if (op) {
      tokens.push({ type: 'op', raw: op, norm: op === '\r' ? '\n' : op, spaced, expands: false, varOnly: false });
      spaced = false;
      i += op.length;
      continue;
    }
    // a word: runs until unquoted whitespace or an operator character
    let raw = '';
    let norm = '';
    let expands = false;
    let literal = false;
    while (i < n) {
      const c = input[i]!;
      if (c === ' ' || c === '\t' || c === '\u000b' || c === '\f' || c === '\n' || c === '\r' || c === ';' || c === '|' || c === '&' || c === '<' || c === '>' || c === '(' || c === ')') break;
      if (c === '$' && (input.startsWith('${IFS}', i) || input.startsWith('$IFS', i))) break;
      if (c === '\\') {
        raw += input.slice(i, i + 2);
        norm += input[i + 1] ?? '';
        literal = true;
        i += 2;
        continue;
      }
      if (c === "'" || c === '"') {
        const end = input.indexOf(c, i + 1);
        const body = input.slice(i + 1, end < 0 ? n : end);
        raw += input.slice(i, end < 0 ? n : end + 1);
        if (c === '"' && /\$\(|`/.test(body)) {
          expands = true;
          const inner = /\$\(([^)]*)\)|`([^`]*)`/.exec(body);
          if (inner) substitutions.push(inner[1] ?? inner[2] ?? '');
        }
        norm += body;
        literal = true;
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (c === '`') {
        const end = input.indexOf('`', i + 1);
        const body = input.slice(i + 1, end < 0 ? n : end);
        raw += input.slice(i, end < 0 ? n : end + 1);
        if (body.trim() === '') emptyGlued = emptyGlued || (end > 0 && (raw.length > 2 || (i + 2 < n && !/\s/.test(input[end + 1] ?? ' '))));
        else substitutions.push(body);
        expands = true;
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (c === '$' && (input[i + 1] === "'" || input[i + 1] === '"')) {
        // ANSI-C `$'...'` and locale `$"..."` quoting: the quotes go, the text stays
        raw += '$';
        i++;
        continue;
      }
      if (c === '$') {
        const next = input[i + 1] ?? '';
        if (next === '(') {
          const end = closeParen(input, i + 1);
          const body = input.slice(i + 2, end < 0 ? n : end);
          raw += input.slice(i, end < 0 ? n : end + 1);
          if (body.trim() === '') emptyGlued = true;
          else substitutions.push(body.replace(/^\(|\)$/g, ''));
          expands = true;
          i = end < 0 ? n : end + 1;
          continue;
        }
        if (next === '{') {
          const end = input.indexOf('}', i + 2);
          const body = input.slice(i + 2, end < 0 ? n : end);
          const inner = /`([^`]+)`|\$\(([^)]+)\)/.exec(body);
          if (inner) substitutions.push(inner[1] ?? inner[2] ?? '');
          raw += input.slice(i, end < 0 ? n : end + 1);
          expands = true;
          i = end < 0 ? n : end + 1;
          continue;
        }
        if (/[@*?#!$_\-0-9]/.test(next)) {
          // special parameters expand to (nearly) nothing in a fresh shell: `c$@at`
          raw += input.slice(i, i + 2);
          expands = true;
          i += 2;
          continue;
        }
        if (/[A-Za-z]/.test(next)) {
          let j = i + 1;
          while (j < n && /\w/.test(input[j]!)) j++;
          raw += input.slice(i, j);
          expands = true;
          i = j;
          continue;
        }
      }
      // a run of ordinary characters is copied in one piece
      let j = i + 1;
      while (j < n && !WORD_SPECIAL.has(input[j]!)) j++;
      const run = input.slice(i, j);
      raw += run;
      norm += run;
      i = j;
    }
    if (raw === '') { raw = input[i] ?? ''; norm = raw; i++; }
    const varOnly = expands && norm === '' && !literal;
    tokens.push({ type: 'word', raw, norm, spaced, expands, varOnly });
    spaced = false;
  }
  return { tokens, substitutions, emptyGlued };
}

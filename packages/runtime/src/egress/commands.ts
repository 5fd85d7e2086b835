/**
 * Child-process allow-list. An entry without a slash ("git") allows that bare command name as
 * the OS finds it on PATH; an entry with a slash allows exactly that file. A command given with
 * a path never matches a bare entry, so "/tmp/evil/git" is not "git".
 * Shell command lines (exec, shell: true) are refused outright when they contain anything that
 * chains or substitutes commands; otherwise their first word is checked like a command.
 */
import { basename, resolve } from 'node:path';

const SHELL_META = /[;&|`$<>(){}\n\r\\*?[\]~!#]/;

export class CommandAllowList {
  private readonly names = new Set<string>();
  private readonly paths = new Set<string>();
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      if (typeof entry !== 'string' || entry.trim() === '' || /\s/.test(entry)) throw new TypeError('egressGuard(): childProcess entries must be command names or absolute paths');
      if (entry.includes('/')) this.paths.add(resolve(entry));
      else this.names.add(entry);
    }
  }

  allowsFile(file: string): boolean {
    if (!file.includes('/')) return this.names.has(file);
    return this.paths.has(resolve(file));
  }

  allowsShellLine(line: string): boolean {
    if (SHELL_META.test(line)) return false;
    const first = line.trim().split(/\s+/)[0] ?? '';
    const unquoted = first.replace(/^(['"])(.*)\1$/, '$2');
    if (unquoted === '' || /['"]/.test(unquoted)) return false;
    return this.allowsFile(unquoted);
  }
}

/** What to put in logs for a command: its name, never its arguments (they often carry secrets). */
export function commandLabel(fileOrLine: string): string {
  const first = fileOrLine.trim().split(/\s+/)[0] ?? '';
  return first.includes('/') ? first : basename(first);
}

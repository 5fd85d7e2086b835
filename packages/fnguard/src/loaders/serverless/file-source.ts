/**
 * Decides whether a `${file(...)}` path may be read, and turns the file's text into data.
 * The scanner reads files only under the scanned root and never runs project code, so
 * JavaScript/TypeScript includes (which the Framework would execute) are refused.
 */
import path from 'node:path';
import { parseTemplateText } from '../yaml/parse.js';
import type { LoadWarning } from '../../model/types.js';

const EXECUTABLE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i;
const STRUCTURED = /\.(?:ya?ml|json)$/i;

export type IncludeTarget =
  | { ok: true; file: string }
  | { ok: false; code: 'path-escape' | 'code-not-executed' | 'variable-syntax'; message: string };

/** Resolves `raw` (as written inside `file(...)`) against the service directory, root-relative. */
export function includeTarget(serviceDir: string, raw: string): IncludeTarget {
  const written = raw.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (written === '' || written.includes('\0')) {
    return { ok: false, code: 'variable-syntax', message: `file() needs a path, got '${raw}'` };
  }
  const slashed = written.replace(/\\/g, '/');
  // `~` is the user's home to the Framework: always outside the scanned project.
  if (path.posix.isAbsolute(slashed) || /^[A-Za-z]:\//.test(slashed) || slashed.startsWith('~')) {
    return { ok: false, code: 'path-escape', message: `file(${written}) points outside the scanned root; not read` };
  }
  const file = path.posix.normalize(path.posix.join(serviceDir || '.', slashed));
  if (file === '..' || file.startsWith('../')) {
    return { ok: false, code: 'path-escape', message: `file(${written}) points outside the scanned root; not read` };
  }
  if (EXECUTABLE.test(file)) {
    return { ok: false, code: 'code-not-executed', message: `file(${written}) is code the Framework would execute; static scanning does not run it` };
  }
  return { ok: true, file };
}

/** YAML/JSON files become data; any other file is its text, as the Framework does. */
export function includedData(file: string, text: string): { data: unknown; warnings: LoadWarning[] } {
  if (!STRUCTURED.test(file)) return { data: text, warnings: [] };
  const parsed = parseTemplateText(text, file);
  return { data: parsed.data, warnings: parsed.warnings };
}

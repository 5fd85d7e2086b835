import { statSync } from 'node:fs';
import path from 'node:path';
import type { ScanWarning } from '../findings/scan-result.js';
import type { App, LoadWarning } from '../model/types.js';
import { UsageError } from './errors.js';

/** loaders/index.ts's scanDirectory, injectable for tests; `root` is the real directory paths are relative to. */
export type ScanDirectory = (root: string, options?: { includeGenerated?: boolean }) => Promise<{ apps: App[]; warnings: LoadWarning[]; root: string }>;

export interface LoadedTarget {
  /** absolute directory that app and finding paths are relative to */
  root: string;
  apps: App[];
  warnings: ScanWarning[];
}

/** Synchronous on purpose, as in the loaders: a promise fs call costs a thread-pool round trip (~0.15 ms here) for a ~10 µs syscall. */
function kindOf(absolute: string, target: string, command: string): 'directory' | 'file' {
  try {
    const info = statSync(absolute);
    if (info.isDirectory()) return 'directory';
    if (info.isFile()) return 'file';
    throw new UsageError(`${target} is neither a directory nor a regular file`, command);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${target}: no such file or directory`, command);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`${target}: permission denied`, command);
    throw new UsageError(`${target}: cannot read (${code ?? String(error)})`, command);
  }
}

/** A single file is handed to the loader as is: discovery accepts a file and loads just that one. */
export async function loadTarget(
  target: string,
  cwd: string,
  scanDirectory: ScanDirectory,
  includeGenerated: boolean,
  command: string,
): Promise<LoadedTarget> {
  const absolute = path.resolve(cwd, target);
  const kind = kindOf(absolute, target, command);
  // the loader makes paths relative to the real (symlink-free) location, so the SARIF base is its root
  const { apps, warnings, root } = await scanDirectory(absolute, { includeGenerated });
  if (kind === 'file' && apps.length === 0) throw new UsageError(`${target} is not a SAM, CloudFormation or serverless.yml file fnguard can load`, command);
  return { root, apps, warnings };
}

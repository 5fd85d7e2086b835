import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ScanWarning } from '../findings/scan-result.js';
import type { App, LoadWarning } from '../model/types.js';
import { UsageError } from './errors.js';

export type ScanDirectory = (root: string, options?: { includeGenerated?: boolean }) => Promise<{ apps: App[]; warnings: LoadWarning[] }>;

export interface LoadedTarget {
  /** absolute directory that app and finding paths are relative to */
  root: string;
  apps: App[];
  warnings: ScanWarning[];
}

async function kindOf(absolute: string, target: string, command: string): Promise<'directory' | 'file'> {
  try {
    const info = await stat(absolute);
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
  const kind = await kindOf(absolute, target, command);
  const { apps, warnings } = await scanDirectory(absolute, { includeGenerated });
  // the loader makes paths relative to the real (symlink-free) location, so the SARIF base must match it
  const real = await realpath(absolute).catch(() => absolute);
  if (kind === 'directory') return { root: real, apps, warnings };
  if (apps.length === 0) throw new UsageError(`${target} is not a SAM, CloudFormation or serverless.yml file fnguard can load`, command);
  return { root: path.dirname(real), apps, warnings };
}

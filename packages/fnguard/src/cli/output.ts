import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';

/** Writes to -o FILE when given (relative to the working directory), else to stdout. */
export async function emit(text: string, outputPath: string | undefined, io: CliIO): Promise<void> {
  if (outputPath === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(path.resolve(io.cwd, outputPath), text, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const reason = code === 'ENOENT' ? 'its directory does not exist' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new UsageError(`cannot write ${outputPath}: ${reason}`);
  }
}

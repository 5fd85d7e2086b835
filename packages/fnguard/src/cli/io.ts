/** The process edges the CLI touches, injectable so that tests run main() in-process. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

let pipeGuarded = false;

/**
 * `fnguard scan . | head` closes stdout early; the EPIPE that follows is the reader's choice,
 * not an error worth a stack trace, so it is swallowed and the rest of the output dropped.
 */
function guardClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

export function processIO(): CliIO {
  guardClosedPipe();
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

import type { CliIO } from '../../src/cli/io.js';

export interface CapturedIO {
  io: CliIO;
  stdout(): string;
  stderr(): string;
}

export function captureIO(options: { env?: Record<string, string>; tty?: boolean; cwd?: string } = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false },
      stderr: { write: (text: string) => (err += text), isTTY: options.tty ?? false },
      env: options.env ?? {},
      cwd: options.cwd ?? process.cwd(),
    },
    stdout: () => out,
    stderr: () => err,
  };
}

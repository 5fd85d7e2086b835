import { toolVersion } from '../reporters/tool.js';
import { UsageError } from './errors.js';
import { MAIN_HELP } from './help.js';
import { processIO, type CliIO } from './io.js';
import type { ScanDirectory } from './load.js';

export interface CliDeps {
  scanDirectory: ScanDirectory;
}

/**
 * Each command is imported when it runs: `rules` and `--version` never load the loaders, and
 * `scan` never loads the model reporters (start-up is most of a small scan's time).
 */
const loaderDeps: CliDeps = {
  scanDirectory: async (root, options) => (await import('../loaders/index.js')).scanDirectory(root, options),
};

async function dispatch(argv: string[], io: CliIO, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return (await import('./scan.js')).scanCommand(rest, io, deps.scanDirectory);
    case 'rules':
      return (await import('./rules.js')).rulesCommand(rest, io);
    case 'model':
      return (await import('./model.js')).modelCommand(rest, io, deps.scanDirectory);
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(MAIN_HELP);
      return 0;
    case '--version':
    case '-V':
    case '-v':
    case 'version':
      io.stdout.write(`${toolVersion()}\n`);
      return 0;
    case undefined:
      io.stderr.write(MAIN_HELP);
      return 2;
    default:
      throw new UsageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command '${command}'`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}

/** Never throws: every failure becomes exit code 2 and one line on stderr (a stack only with FNGUARD_DEBUG=1). */
export async function main(argv: string[], io: CliIO = processIO(), deps: CliDeps = loaderDeps): Promise<number> {
  try {
    return await dispatch(argv, io, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.command !== undefined ? `fnguard ${error.command} --help` : 'fnguard --help';
      io.stderr.write(`fnguard: ${error.message} (see '${hint}')\n`);
      return 2;
    }
    io.stderr.write(`fnguard: unexpected error: ${describe(error)}\n`);
    if (io.env.FNGUARD_DEBUG === '1' && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

/**
 * child_process: every launching export, async and sync. Inside Node these call each other
 * through module-local references (exec -> execFile -> spawn), not through the exports, so each
 * call is checked exactly once, at the function the application called.
 */
import type { Enforcer } from '../enforcer.js';
import { nodeRequire, wrapMethod, type Restore } from './patch.js';

function optionsOf(args: unknown[], from: number): Record<string, unknown> | undefined {
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (a !== null && typeof a === 'object' && !Array.isArray(a)) return a as Record<string, unknown>;
  }
  return undefined;
}

/** spawn/execFile forms: (file[, args][, options][, callback]); with options.shell it is a shell line. */
function checkFileForm(enforcer: Enforcer, args: unknown[], via: string): void {
  const file = args[0];
  if (typeof file !== 'string') return; // Node rejects it with ERR_INVALID_ARG_TYPE
  const argv = Array.isArray(args[1]) ? (args[1] as unknown[]).map(String) : [];
  const shell = optionsOf(args, 1)?.shell;
  if (shell) enforcer.command([file, ...argv].join(' '), true, via);
  else enforcer.command(file, false, via);
}

export function installChildProcessHooks(enforcer: Enforcer): Restore[] {
  const cp = nodeRequire('node:child_process') as Record<string, unknown>;
  const hook = (name: string, check: (args: unknown[]) => void) =>
    wrapMethod(cp, name, (original) => function (this: unknown, ...args: unknown[]) {
      check(args);
      return original.apply(this, args);
    });
  return [
    ...['spawn', 'spawnSync', 'execFile', 'execFileSync'].map((name) => hook(name, (args) => checkFileForm(enforcer, args, `child_process.${name}`))),
    ...['exec', 'execSync'].map((name) => hook(name, (args) => {
      if (typeof args[0] === 'string') enforcer.command(args[0], true, `child_process.${name}`);
    })),
    hook('fork', (args) => {
      const execPath = optionsOf(args, 1)?.execPath;
      // fork runs a Node.js script: the program started is node itself (or the given execPath).
      enforcer.command(typeof execPath === 'string' && execPath !== process.execPath ? execPath : 'node', false, 'child_process.fork');
    }),
  ];
}

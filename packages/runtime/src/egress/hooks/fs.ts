/**
 * Filesystem writes: callback, Sync and fs.promises forms of every API that creates, changes or
 * removes a path. Reads are not checked. Writes through an already open descriptor or FileHandle
 * are not checked again: the path was checked when it was opened for writing.
 */
import type { Enforcer } from '../enforcer.js';
import { nodeRequire, wrapMethod, type Restore } from './patch.js';

/** API name -> argument positions holding paths that get written. */
const WRITE_APIS: Record<string, number[]> = {
  writeFile: [0], appendFile: [0], truncate: [0], rm: [0], rmdir: [0], unlink: [0], mkdir: [0], mkdtemp: [0],
  chmod: [0], chown: [0], lchown: [0], utimes: [0], lutimes: [0], copyFile: [1], cp: [1],
  // a rename or hard link writes at both ends: it removes or aliases the source
  rename: [0, 1], link: [0, 1], symlink: [1],
};

export function isWriteFlag(flags: unknown, constants: typeof import('node:fs').constants): boolean {
  if (flags === undefined || flags === null || typeof flags === 'function') return false; // default 'r' (a function is the callback)
  if (typeof flags === 'number') return (flags & (constants.O_WRONLY | constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND)) !== 0;
  if (typeof flags === 'string') return /[wa+]/.test(flags);
  return true; // unknown shape: treat as a write rather than let it through
}

export function installFsHooks(enforcer: Enforcer): Restore[] {
  const fs = nodeRequire('node:fs') as typeof import('node:fs');
  const restores: Restore[] = [];
  const hook = (target: object, name: string, via: string, check: (args: unknown[]) => void) =>
    restores.push(wrapMethod(target, name, (original) => function (this: unknown, ...args: unknown[]) {
      check(args);
      return original.apply(this, args);
    }));
  const forms: Array<[object, string, string]> = [[fs, '', 'fs'], [fs, 'Sync', 'fs'], [fs.promises, '', 'fs.promises']];

  for (const [target, suffix, prefix] of forms) {
    for (const [api, positions] of Object.entries(WRITE_APIS)) {
      const name = api + suffix;
      hook(target, name, `${prefix}.${name}`, (args) => { for (const i of positions) enforcer.path(args[i], `${prefix}.${name}`); });
    }
    const open = `open${suffix}`;
    hook(target, open, `${prefix}.${open}`, (args) => {
      if (isWriteFlag(args[1], fs.constants)) enforcer.path(args[0], `${prefix}.${open}`);
    });
  }
  hook(fs, 'createWriteStream', 'fs.createWriteStream', (args) => enforcer.path(args[0], 'fs.createWriteStream'));
  return restores;
}

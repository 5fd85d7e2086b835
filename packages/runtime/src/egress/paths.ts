/**
 * Resolves a path the way the kernel will when the write happens: relative to the cwd, with
 * `..` collapsed and every symlink followed, including a dangling one at the end (writing
 * through it would create the file at its target). The comparison is on that real path, so
 * `/tmp/cache/../../etc/x` and a link `/tmp/cache/l -> /etc` are both seen as /etc.
 * Limits: the check and the write are two steps, so a link swapped in between (TOCTOU) wins;
 * and hard links made before the guard was installed look like ordinary files.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_LINKS = 40; // as Linux's ELOOP limit

export function toPathString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof URL) return value.protocol === 'file:' ? fileURLToPath(value) : undefined;
  return undefined; // file descriptors and FileHandles: already opened, checked at open time
}

export function realResolve(input: string, depth = 0): string {
  if (depth > MAX_LINKS) throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
  const absolute = resolve(input);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync.native(current), ...rest.slice().reverse());
    } catch {
      // does not exist (yet), or is a dangling link
    }
    let linkTarget: string | undefined;
    try {
      if (lstatSync(current).isSymbolicLink()) linkTarget = resolve(dirname(current), readlinkSync(current));
    } catch {
      // missing: keep walking up to an ancestor that exists
    }
    if (linkTarget !== undefined) return realResolve(join(linkTarget, ...rest.slice().reverse()), depth + 1);
    const parent = dirname(current);
    if (parent === current) return absolute;
    rest.push(basename(current));
    current = parent;
  }
}

export class PathAllowList {
  private readonly roots: string[];
  constructor(dirs: readonly string[]) {
    this.roots = dirs.map((d) => {
      if (typeof d !== 'string' || d === '') throw new TypeError('egressGuard(): fsWrite entries must be directory paths');
      const real = realResolve(d);
      return real.endsWith(sep) && real !== sep ? real.slice(0, -1) : real;
    });
  }
  allows(path: string): boolean {
    let real: string;
    try {
      real = realResolve(path);
    } catch {
      return false; // symlink loop: refuse rather than guess
    }
    return this.roots.some((root) => real === root || real.startsWith(root === sep ? root : root + sep));
  }
  resolved(path: string): string {
    try { return realResolve(path); } catch { return resolve(path); }
  }
}

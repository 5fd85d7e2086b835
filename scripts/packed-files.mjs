/**
 * What `npm pack` would put in a workspace package's tarball, and every file its package.json
 * promises (main, types, bin, each "exports" target): the two lists the package-contents tests
 * compare. `npm pack --dry-run` runs no build and writes nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function packedFiles(packageDir) {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(output)[0].files.map((file) => file.path);
}

export function promisedFiles(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  return [...new Set(targets.filter((target) => typeof target === 'string').map((target) => target.replace(/^\.\//, '')))];
}

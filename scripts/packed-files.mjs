/**
 * What `npm pack` would put in a workspace package's tarball, checked against its package.json:
 * the package-contents tests of both packages read it. `npm pack --dry-run` runs no build and
 * writes nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files no user needs: tests, TypeScript sources and tsc's incremental build state. */
const NOT_FOR_USERS = /\.test\.|(^|\/)test\/|^src\/|tsbuildinfo/;

function packedFiles(packageDir) {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(output)[0].files.map((file) => file.path);
}

/** Every file package.json points at: main, types, bin and each "exports" target. */
function promisedFiles(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
  const collect = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  return [...new Set(targets.filter((target) => typeof target === 'string').map((target) => target.replace(/^\.\//, '')))];
}

/**
 * The tarball's files, what package.json promises, the promised files it lacks and the files it
 * should not carry.
 */
export function tarball(packageDir) {
  const files = packedFiles(packageDir);
  const promised = promisedFiles(packageDir);
  return { files, promised, missing: promised.filter((file) => !files.includes(file)), unwanted: files.filter((file) => NOT_FOR_USERS.test(file)) };
}

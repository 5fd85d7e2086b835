/**
 * How the workspace packages ship their code: an esbuild bundle of tsc's dist/ in dist/bundle,
 * ES modules split along the packages' lazy import() calls, with dependencies and peers left
 * external so users keep control of their versions (tsc's dist/ keeps the type declarations).
 * Each package's scripts/bundle.mjs names its entries; the build runs them in the workspace only.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Empties and rebuilds `<packageDir>/dist/bundle`. `chunkNames` places shared chunks relative to
 * the entries; `define` passes build-time constants; `plugins` are esbuild plugins. Returns the
 * output directory.
 */
export async function bundlePackage(packageDir, { entryPoints, chunkNames = '[name]-[hash]', define, plugins }) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const outdir = join(packageDir, 'dist', 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})],
    chunkNames,
    ...(define ? { define } : {}),
    ...(plugins ? { plugins } : {}),
    sourcemap: true,
    logLevel: 'warning',
  });
  return outdir;
}

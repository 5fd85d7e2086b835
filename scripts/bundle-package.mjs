/**
 * How the workspace packages ship their code: an esbuild bundle of tsc's dist/ in dist/bundle,
 * ES modules split along the packages' lazy import() calls, with dependencies and peers left
 * external so users keep control of their versions (tsc's dist/ keeps the type declarations).
 * Each package's scripts/bundle.mjs names its entries; the build runs them in the workspace only.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/**
 * esbuild gives each set of entries (and lazily imported modules) that share code a chunk of its
 * own, so a main entry whose modules the other entries use in different combinations loads one
 * chunk per combination, and Node's ES module loader spends about a millisecond on every file.
 * Making each of `importers` (other entries, lazily imported modules) import the main entry's
 * modules first puts those modules in one chunk, which a module loaded later finds already there.
 * The import goes on the module's first line so that tsc's source map, which esbuild chains to,
 * still matches every other line.
 */
function mainModulesFirst(mainEntry, importers) {
  const importing = new Set(importers);
  return {
    name: 'main-modules-first',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, ({ path }) => {
        if (!importing.has(path)) return undefined;
        return { contents: `import ${JSON.stringify(mainEntry)};${readFileSync(path, 'utf8')}`, loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}

/**
 * Empties and rebuilds `<packageDir>/dist/bundle`. `chunkNames` places shared chunks relative to
 * the entries; `define` passes build-time constants; `mainModules` ({ entry, importers }) gathers
 * the main entry's modules in one chunk (see `mainModulesFirst`). Returns the output directory.
 */
export async function bundlePackage(packageDir, { entryPoints, chunkNames = '[name]-[hash]', define, mainModules }) {
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
    ...(mainModules ? { plugins: [mainModulesFirst(mainModules.entry, mainModules.importers)] } : {}),
    sourcemap: true,
    logLevel: 'warning',
  });
  return outdir;
}

#!/usr/bin/env node
/**
 * The CLI and the package entry run from an esbuild bundle of the tsc output: resolving and
 * compiling ~200 small modules was about half of the start-up time of a one-template scan, and
 * the template worker threads pay that start-up again (tsc's dist/ keeps the type declarations). Commands, loaders and reporters stay in their own chunks
 * (splitting follows the CLI's lazy import() calls); dependencies stay external so users keep
 * control of their versions. Chunks sit beside the entries so that `./worker.js` resolves from
 * any of them, as it does from dist/loaders/cloudformation/pool.js.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const outdir = join(packageDir, 'dist', 'bundle');
// `yaml` is needed only for templates the YAML fast path gives up on, and then synchronously;
// required by name it loads ~70 CommonJS modules, so the bundle requires a one-file copy instead.
const bundledYaml = './yaml.cjs';

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [createRequire(join(packageDir, 'package.json')).resolve('yaml')],
  outfile: join(outdir, bundledYaml),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
await build({
  entryPoints: {
    cli: join(packageDir, 'dist', 'cli', 'main.js'),
    index: join(packageDir, 'dist', 'index.js'),
    worker: join(packageDir, 'dist', 'loaders', 'cloudformation', 'worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(manifest.dependencies ?? {}),
  chunkNames: '[name]-[hash]',
  define: { FNGUARD_BUNDLED_YAML: JSON.stringify(bundledYaml) },
  sourcemap: true,
  logLevel: 'warning',
});

#!/usr/bin/env node
/**
 * The CLI and the package entry run from an esbuild bundle of the tsc output (see
 * scripts/bundle-package.mjs): resolving and compiling ~200 small modules was about half of the
 * start-up time of a one-template scan, and the template worker threads pay that start-up again.
 * Commands, loaders and reporters stay in their own chunks (splitting follows the CLI's lazy
 * import() calls). Chunks sit beside the entries so that `./worker.js` resolves from any of them,
 * as it does from dist/loaders/cloudformation/pool.js.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundlePackage } from '../../../scripts/bundle-package.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// `yaml` is needed only for templates the YAML fast path gives up on, and then synchronously;
// required by name it loads ~70 CommonJS modules, so the bundle requires a one-file copy instead.
const bundledYaml = './yaml.cjs';

const outdir = await bundlePackage(packageDir, {
  entryPoints: {
    cli: join(packageDir, 'dist', 'cli', 'main.js'),
    index: join(packageDir, 'dist', 'index.js'),
    worker: join(packageDir, 'dist', 'loaders', 'cloudformation', 'worker.js'),
  },
  define: { FNGUARD_BUNDLED_YAML: JSON.stringify(bundledYaml) },
});
await build({
  entryPoints: [createRequire(join(packageDir, 'package.json')).resolve('yaml')],
  outfile: join(outdir, bundledYaml),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});

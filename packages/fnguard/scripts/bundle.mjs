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

const dist = (...path) => join(packageDir, 'dist', ...path);
const outdir = await bundlePackage(packageDir, {
  entryPoints: {
    cli: dist('cli', 'main.js'),
    index: dist('index.js'),
    worker: dist('loaders', 'cloudformation', 'worker.js'),
  },
  define: { FNGUARD_BUNDLED_YAML: JSON.stringify(bundledYaml) },
  // The CLI's commands and the lazily loaded loaders and reporters use the package's modules in
  // many combinations; gathered in one chunk, importing the package loads 5 files instead of 22
  // (about a fifth fewer instructions) and `fnguard scan` 11 instead of 24. The template worker
  // is left out: it needs only the loaders and starts once per thread.
  mainModules: {
    entry: dist('index.js'),
    importers: [
      dist('cli', 'scan.js'), dist('cli', 'rules.js'), dist('cli', 'model.js'), dist('loaders', 'index.js'), dist('loaders', 'serverless', 'index.js'),
      ...['json', 'sarif', 'text'].map((name) => dist('reporters', `${name}.js`)),
    ],
  },
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

#!/usr/bin/env node
/**
 * The published entry points are esbuild bundles of the tsc output: Node's ES module loader
 * spends about a millisecond on every file it loads, so a cold start should load few of them.
 * Protections stay in their own files (code splitting follows the guard's lazy import() calls),
 * and dependencies and peers stay external so users keep control of their versions.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePackage } from '../../../scripts/bundle-package.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const mainEntry = join(packageDir, 'dist', 'index.js');
const otherEntries = {
  middy: join(packageDir, 'dist', 'middy.js'),
  ...Object.fromEntries(['auth', 'inspect', 'ratelimit', 'secrets', 'egress'].map((name) => [name, join(packageDir, 'dist', name, 'index.js')])),
};

/**
 * esbuild gives each set of entries that share code a chunk of its own, so the main entry used to
 * load four chunks (logging, event detection, request facts, the rest), one per combination of
 * protections that also use them. Making every other entry import the main entry's modules first
 * puts all of them in one chunk: `import '@fnguard/runtime'` loads two files instead of five, and
 * a protection loaded later finds that chunk already there. The import goes on the module's first
 * line so that tsc's source map, which esbuild chains to, still matches every other line.
 */
const mainModulesFirst = {
  name: 'main-modules-first',
  setup(build) {
    const importers = new Set(Object.values(otherEntries));
    build.onLoad({ filter: /\.js$/ }, ({ path }) => {
      if (!importers.has(path)) return undefined;
      return { contents: `import ${JSON.stringify(mainEntry)};${readFileSync(path, 'utf8')}`, loader: 'js', resolveDir: dirname(path) };
    });
  },
};

await bundlePackage(packageDir, {
  // One entry per public subpath (package.json "exports").
  entryPoints: { index: mainEntry, ...otherEntries },
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [mainModulesFirst],
});

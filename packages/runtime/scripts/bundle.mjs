#!/usr/bin/env node
/**
 * The published entry points are esbuild bundles of the tsc output: Node's ES module loader
 * spends about a millisecond on every file it loads, so a cold start should load few of them.
 * Protections stay in their own files (code splitting follows the guard's lazy import() calls),
 * and dependencies and peers stay external so users keep control of their versions.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePackage } from '../../../scripts/bundle-package.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const mainEntry = join(packageDir, 'dist', 'index.js');
const otherEntries = {
  middy: join(packageDir, 'dist', 'middy.js'),
  ...Object.fromEntries(['auth', 'inspect', 'ratelimit', 'secrets', 'egress'].map((name) => [name, join(packageDir, 'dist', name, 'index.js')])),
};

await bundlePackage(packageDir, {
  // One entry per public subpath (package.json "exports").
  entryPoints: { index: mainEntry, ...otherEntries },
  chunkNames: 'chunks/[name]-[hash]',
  // The core (guard, logging, validation, event detection) in one chunk: `import '@fnguard/runtime'`
  // loads two files instead of five, and every protection shares that chunk's copy.
  mainModules: { entry: mainEntry, importers: Object.values(otherEntries) },
});

#!/usr/bin/env node
/**
 * The published entry points are esbuild bundles of the tsc output: loading ~25 small modules
 * costs about a millisecond each on a Lambda cold start, one bundle costs a few. Protections
 * stay in their own chunks (code splitting follows the guard's lazy import() calls), and
 * dependencies and peers stay external so users keep control of their versions.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePackage } from '../../../scripts/bundle-package.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

await bundlePackage(packageDir, {
  // One entry per public subpath (package.json "exports"); shared code lands in common chunks.
  entryPoints: {
    index: join(packageDir, 'dist', 'index.js'),
    middy: join(packageDir, 'dist', 'middy.js'),
    ...Object.fromEntries(['auth', 'inspect', 'ratelimit', 'secrets', 'egress'].map((name) => [name, join(packageDir, 'dist', name, 'index.js')])),
  },
  chunkNames: 'chunks/[name]-[hash]',
});

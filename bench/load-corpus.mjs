// Times loading the whole corpus with the built scanner (run `npx tsc -b packages/fnguard` first).
// Usage: node bench/load-corpus.mjs [corpus-dir] [--include-generated]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'packages', 'fnguard', 'dist', 'loaders', 'index.js');
if (!existsSync(dist)) {
  console.error(`${dist} is missing: build first with npx tsc -b packages/fnguard`);
  process.exit(1);
}
const args = process.argv.slice(2);
const corpus = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? path.join(here, '..', '..', 'shared', 'corpus'));
if (!existsSync(corpus)) {
  console.error(`corpus not found: ${corpus}`);
  process.exit(1);
}

const { scanDirectory, discover } = await import(dist);
const options = { includeGenerated: args.includes('--include-generated') };

const discoverStart = performance.now();
const discovery = await discover(corpus, options);
const discoverMs = performance.now() - discoverStart;

const start = performance.now();
const result = await scanDirectory(corpus, options);
const wallMs = performance.now() - start;

const byFramework = {};
const warningCodes = {};
let functions = 0;
let triggers = 0;
let appWarnings = 0;
let clean = 0;
for (const app of result.apps) {
  byFramework[app.framework] = (byFramework[app.framework] ?? 0) + 1;
  functions += app.functions.length;
  triggers += app.functions.reduce((sum, fn) => sum + fn.triggers.length, 0);
  appWarnings += app.warnings.length;
  if (app.warnings.length === 0) clean += 1;
  for (const warning of app.warnings) warningCodes[warning.code] = (warningCodes[warning.code] ?? 0) + 1;
}
for (const warning of result.warnings) warningCodes[warning.code] = (warningCodes[warning.code] ?? 0) + 1;

console.log(JSON.stringify({
  corpus,
  candidates: discovery.candidates.length,
  apps: result.apps.length,
  byFramework,
  appsWithoutWarnings: clean,
  functions,
  triggers,
  appWarnings,
  scanWarnings: result.warnings.length,
  warningCodes,
  discoverMs: Math.round(discoverMs),
  wallMs: Math.round(wallMs),
  rssMiB: Math.round(process.memoryUsage().rss / 1024 / 1024),
}, null, 2));

#!/usr/bin/env node
/**
 * Cold-start cost of importing @fnguard/runtime (built) versus @middy/core, each measured in a
 * fresh Node process so nothing is cached in memory: the child records the wall and CPU time
 * around its own dynamic import() (process boot excluded), and we take the median of N spawns.
 * CPU time is the figure to compare on a shared machine, where wall time is mostly queueing.
 *
 * Two columns. "fresh": the first import() of the process, which also pays for Node starting its
 * ES module loader (~6-8 ms, the same for any package). "after handler module": the same import
 * once another ES module has been loaded, as in Lambda, whose Node runtime has loaded its own
 * ES modules and is importing the user's handler file when the handler's imports run: what the
 * package itself adds to a cold start.
 *
 *   npm run build && node bench/runtime-coldstart.mjs [spawns]
 *
 * Goal: < 15 ms for `import('@fnguard/runtime')` plus building a guard with the default options.
 *
 * The package ships an esbuild bundle (packages/runtime/scripts/bundle.mjs) whose code splitting
 * keeps the on-demand protections out of the entry chunk; the plain tsc output is measured too,
 * to show what the bundle saves.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/runtime/dist');
if (!existsSync(join(dist, 'bundle', 'index.js'))) {
  console.error('packages/runtime/dist/bundle missing: run `npm run build` first');
  process.exit(1);
}
const SPAWNS = Number(process.argv[2] ?? 21);

// The package as published: its exports point at the esbuild bundle (scripts/bundle.mjs).
const fnguard = pathToFileURL(join(dist, 'bundle', 'index.js')).href;
const unbundled = pathToFileURL(join(dist, 'index.js')).href;
const fnguardMiddy = pathToFileURL(join(dist, 'bundle', 'middy.js')).href;
const cases = {
  'node baseline (import node:path)': `await import('node:path');`,
  '@fnguard/runtime import': `await import(${JSON.stringify(fnguard)});`,
  '@fnguard/runtime import + guard()': `const m=await import(${JSON.stringify(fnguard)}); m.guard(async()=>({statusCode:200,body:''}),{log:{destination:{write(){}}}});`,
  '@fnguard/runtime/middy import': `await import(${JSON.stringify(fnguardMiddy)});`,
  'tsc output, unbundled + guard()': `const m=await import(${JSON.stringify(unbundled)}); m.guard(async()=>({statusCode:200,body:''}),{log:{destination:{write(){}}}});`,
  '@middy/core import': `await import('@middy/core');`,
};

// A module outside the project, standing in for the Lambda runtime's own ES modules.
const stubDir = mkdtempSync(join(tmpdir(), 'fnguard-coldstart-'));
const stub = join(stubDir, 'runtime-stub.mjs');
writeFileSync(stub, 'export const ready = true;\n');
process.on('exit', () => rmSync(stubDir, { recursive: true, force: true }));

function once(body, { afterModule = false } = {}) {
  const prelude = afterModule ? `await import(${JSON.stringify(pathToFileURL(stub).href)});` : '';
  const script = `${prelude} const c=process.cpuUsage(); const t=performance.now(); ${body} const w=performance.now()-t; const u=process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: w, cpu: (u.user+u.system)/1000 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`node ${process.version}, median of ${SPAWNS} fresh processes, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
console.log(`${''.padEnd(36)} ${'fresh: cpu'.padStart(12)} ${'wall'.padStart(8)}   ${'after handler module: cpu'.padStart(26)} ${'wall'.padStart(8)}`);
const results = {};
const summarize = (samples) => ({ cpu: median(samples.map((s) => s.cpu)), wall: median(samples.map((s) => s.wall)) });
for (const [name, body] of Object.entries(cases)) {
  once(body); // first spawn warms the OS file cache, as a provisioned sandbox would have
  const fresh = summarize(Array.from({ length: SPAWNS }, () => once(body)));
  const afterModule = summarize(Array.from({ length: SPAWNS }, () => once(body, { afterModule: true })));
  results[name] = { fresh, afterModule };
  const ms = (value) => `${value.toFixed(2)} ms`.padStart(8);
  console.log(`${name.padEnd(36)} ${ms(fresh.cpu).padStart(12)} ${ms(fresh.wall)}   ${ms(afterModule.cpu).padStart(26)} ${ms(afterModule.wall)}`);
}
const ours = results['@fnguard/runtime import + guard()'];
const verdict = (value) => `${value.toFixed(1)} ms ${value < 15 ? 'met' : 'NOT met'}`;
console.log(`goal < 15 ms, @fnguard/runtime import + guard(): fresh process cpu ${verdict(ours.fresh.cpu)}, wall ${verdict(ours.fresh.wall)}; after handler module cpu ${verdict(ours.afterModule.cpu)}, wall ${verdict(ours.afterModule.wall)}`);
const middy = results['@middy/core import'];
console.log(`vs @middy/core import: ${(ours.fresh.cpu / middy.fresh.cpu).toFixed(2)}x cpu fresh, ${(ours.afterModule.cpu / middy.afterModule.cpu).toFixed(2)}x after handler module`);

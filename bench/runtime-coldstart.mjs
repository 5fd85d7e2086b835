#!/usr/bin/env node
/**
 * Cold-start cost of importing @fnguard/runtime (built) versus @middy/core, each measured in a
 * fresh Node process so nothing is cached in memory: the child records the wall and CPU time
 * around its own dynamic import() (process boot excluded), and we take the median of N spawns.
 * CPU time is the figure to compare on a shared machine, where wall time is mostly queueing.
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
import { existsSync } from 'node:fs';
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

function once(body) {
  const script = `const t=performance.now(); const c=process.cpuUsage(); ${body} const u=process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: performance.now()-t, cpu: (u.user+u.system)/1000 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`node ${process.version}, median of ${SPAWNS} fresh processes, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
const results = {};
for (const [name, body] of Object.entries(cases)) {
  once(body); // first spawn warms the OS file cache, as a provisioned sandbox would have
  const samples = Array.from({ length: SPAWNS }, () => once(body));
  const cpu = samples.map((s) => s.cpu);
  results[name] = { cpu: median(cpu), wall: median(samples.map((s) => s.wall)) };
  console.log(`${name.padEnd(36)} cpu ${results[name].cpu.toFixed(2).padStart(7)} ms (min ${Math.min(...cpu).toFixed(2)})   wall ${results[name].wall.toFixed(2).padStart(7)} ms`);
}
for (const name of ['@fnguard/runtime import + guard()']) {
  const ours = results[name];
  if (!ours) continue;
  console.log(`goal < 15 ms, ${name}: cpu ${ours.cpu.toFixed(1)} ms ${ours.cpu < 15 ? 'met' : 'NOT met'}, wall ${ours.wall.toFixed(1)} ms ${ours.wall < 15 ? 'met' : 'NOT met'}`);
}

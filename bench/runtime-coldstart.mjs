#!/usr/bin/env node
/**
 * Cold-start cost of importing @fnguard/runtime (built) versus @middy/core, each measured in a
 * fresh Node process so nothing is cached in memory: the child records the wall and CPU time
 * around its own dynamic import() (process boot excluded), and we take the median of N spawns.
 * CPU time is the figure to compare on a shared machine, where wall time is mostly queueing.
 *
 *   npx tsc -b packages/runtime && node bench/runtime-coldstart.mjs [spawns]
 *
 * Goal: < 15 ms for `import('@fnguard/runtime')` plus building a guard with the default options.
 *
 * Lambda deployments are usually bundled (esbuild in SAM / CDK NodejsFunction), which replaces
 * ~20 module loads with one; when esbuild is installed the bundled package is measured too
 * (code splitting keeps the on-demand protections out of the entry chunk).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages/runtime/dist');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('packages/runtime/dist missing: run `npx tsc -b packages/runtime` first');
  process.exit(1);
}
const SPAWNS = Number(process.argv[2] ?? 21);

const fnguard = pathToFileURL(join(dist, 'index.js')).href;
let bundled;
try {
  const esbuild = await import('esbuild');
  const outdir = join(tmpdir(), `fnguard-coldstart-${process.pid}`);
  await esbuild.build({ entryPoints: [join(dist, 'index.js')], bundle: true, splitting: true, format: 'esm', platform: 'node', outdir, logLevel: 'silent' });
  bundled = pathToFileURL(join(outdir, 'index.js')).href;
} catch {
  bundled = undefined;
}
const fnguardMiddy = pathToFileURL(join(dist, 'middy.js')).href;
const cases = {
  'node baseline (import node:path)': `await import('node:path');`,
  '@fnguard/runtime import': `await import(${JSON.stringify(fnguard)});`,
  '@fnguard/runtime import + guard()': `const m=await import(${JSON.stringify(fnguard)}); m.guard(async()=>({statusCode:200,body:''}),{log:{destination:{write(){}}}});`,
  '@fnguard/runtime/middy import': `await import(${JSON.stringify(fnguardMiddy)});`,
  ...(bundled ? { '@fnguard/runtime bundled + guard()': `const m=await import(${JSON.stringify(bundled)}); m.guard(async()=>({statusCode:200,body:''}),{log:{destination:{write(){}}}});` } : {}),
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
for (const name of ['@fnguard/runtime import + guard()', '@fnguard/runtime bundled + guard()']) {
  const ours = results[name];
  if (!ours) continue;
  console.log(`goal < 15 ms, ${name}: cpu ${ours.cpu.toFixed(1)} ms ${ours.cpu < 15 ? 'met' : 'NOT met'}, wall ${ours.wall.toFixed(1)} ms ${ours.wall < 15 ? 'met' : 'NOT met'}`);
}
if (!bundled) console.log('esbuild not installed: bundled case skipped');

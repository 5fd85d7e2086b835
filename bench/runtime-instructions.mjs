#!/usr/bin/env node
/**
 * Instructions per fresh invocation of guard + validation + inspection, counted by valgrind: on a
 * shared machine wall and CPU time move by ±20% from run to run, instruction counts by well under
 * 1%, so this is how two builds are compared. Each count is the difference between a process that
 * invokes the guard MEASURED more times after the same warm-up and one that does not, so start-up,
 * imports and JIT warm-up cancel out. Needs valgrind (Debian package `valgrind`); slow (~1 min).
 *
 *   npm run build && node bench/runtime-instructions.mjs
 *   RUNTIME_DIST=/other/build/packages/runtime/dist node bench/runtime-instructions.mjs   (another build)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WARM_UP = 3000;
const MEASURED = 2000;
const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.RUNTIME_DIST ?? join(here, '..', 'packages/runtime/dist');

if (process.argv[2] === '--child') {
  const { guard } = await import(pathToFileURL(join(dist, 'index.js')).href);
  const { makeFreshEvent, context, orderSchema } = await import('./support/api-events.mjs');
  const guarded = guard(async () => ({ statusCode: 200, body: '{}' }), { log: { destination: { write() {} } }, validate: { body: orderSchema }, inspect: {} });
  for (let variant = 1; variant <= WARM_UP; variant++) await guarded(makeFreshEvent(variant), context);
  // built in both processes, so that only the invocations differ
  const events = Array.from({ length: MEASURED }, (_, i) => makeFreshEvent(100_000 + i));
  const invocations = Number(process.argv[3]);
  for (let i = 0; i < invocations; i++) await guarded(events[i], context);
} else {
  if (!existsSync(join(dist, 'index.js'))) {
    console.error(`no build at ${dist}: run \`npm run build\` first`);
    process.exit(1);
  }
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.error('valgrind not found (apt-get install valgrind)');
    process.exit(1);
  }
  const instructions = (invocations) => {
    const run = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--predictable', fileURLToPath(import.meta.url), '--child', String(invocations)], {
      encoding: 'utf8',
      env: { ...process.env, RUNTIME_DIST: dist },
      maxBuffer: 64 * 1024 * 1024,
    });
    const collected = /Collected : (\d+)/.exec(run.stderr);
    if (run.status !== 0 || !collected) throw new Error(`valgrind run failed:\n${run.stderr.slice(-2000)}`);
    return Number(collected[1]);
  };
  const perInvocation = (instructions(MEASURED) - instructions(0)) / MEASURED;
  console.log(`${dist}`);
  console.log(`guard + validation + inspection, new body/query per invocation: ${Math.round(perInvocation).toLocaleString('en')} instructions per invocation (${MEASURED} after ${WARM_UP} warm-up)`);
}

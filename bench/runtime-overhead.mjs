#!/usr/bin/env node
/**
 * Per-invocation overhead of @fnguard/runtime's guard versus a bare handler and versus
 * @middy/core doing the same job (JSON body parsing + schema validation + safe HTTP errors +
 * request/response logging). Loggers write to a no-op sink so only our CPU is measured.
 *
 *   npx tsc -b packages/runtime && node bench/runtime-overhead.mjs [invocations] [rounds]
 *   RUNTIME_DIST=/some/copy/of/packages/runtime/dist node bench/runtime-overhead.mjs   (another build)
 *
 * Goals: guard overhead <= 1.1x Middy's, and < 50 us per invocation. With inspection, the
 * event is also sent with a new body and query on every invocation (built outside the timed
 * region), which the verdict cache cannot answer: the figure for the < 50 us goal.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.RUNTIME_DIST ?? join(root, 'packages/runtime/dist');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('packages/runtime/dist missing: run `npx tsc -b packages/runtime` first');
  process.exit(1);
}
const { guard } = await import(join(dist, 'index.js'));
const { default: middy } = await import('@middy/core');
const { default: validator } = await import('@middy/validator');
const { transpileSchema } = await import('@middy/validator/transpile');
const { default: httpErrorHandler } = await import('@middy/http-error-handler');
const { default: jsonBodyParser } = await import('@middy/http-json-body-parser');
const { default: inputOutputLogger } = await import('@middy/input-output-logger');

const N = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 7);

const inspectAvailable = existsSync(join(dist, 'inspect/index.js'));

const { makeEvent, makeFreshEvent, context, orderSchema } = await import('./support/api-events.mjs');

const noop = { write() {} };
const response = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
const bare = async () => ({ ...response, headers: { ...response.headers } });

const guardOptions = { log: { destination: noop }, validate: { body: orderSchema } };
// defaults stay on: security headers and the deadline timer (Middy's core also arms a timer)
const guarded = guard(bare, guardOptions);
// the same job as the Middy stack below: no security headers (Middy sets none), deadline timer kept
const guardedSameJob = guard(bare, { ...guardOptions, headers: false });
const guardedMinimal = guard(bare, { ...guardOptions, headers: false, deadline: false });
const guardedInspect = inspectAvailable ? guard(bare, { ...guardOptions, inspect: {} }) : undefined;

const middyfied = middy(bare)
  .use(inputOutputLogger({ logger: (message) => noop.write(JSON.stringify(message)) }))
  .use(httpErrorHandler({ logger: false }))
  .use(jsonBodyParser())
  .use(validator({ eventSchema: transpileSchema({ type: 'object', required: ['body'], properties: { body: orderSchema } }) }));

/**
 * CPU time of this process (user + system), not wall time: on a shared machine wall time mostly
 * measures how long we waited for a core. Both are reported.
 */
async function measure(fn) {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i++) await fn(makeEvent(), context);
  const used = process.cpuUsage(cpu);
  return { cpu: ((used.user + used.system) * 1000) / N, wall: Number(process.hrtime.bigint() - wall) / N };
}

/** `measure` with a new event per invocation, built in batches outside the timed region. */
async function measureFresh(fn, round) {
  const BATCH = 1000;
  let cpuUs = 0;
  let wallNs = 0n;
  for (let start = 0; start < N; start += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, N - start) }, (_, i) => makeFreshEvent(1 + round * N + start + i));
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const event of events) await fn(event, context);
    const used = process.cpuUsage(cpu);
    wallNs += process.hrtime.bigint() - wall;
    cpuUs += used.user + used.system;
  }
  return { cpu: (cpuUs * 1000) / N, wall: Number(wallNs) / N };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// sanity: every variant must accept the event, or the timings mean nothing
for (const [name, fn] of [['guard', guarded], ['middy', middyfied], ...(guardedInspect ? [['guard + inspect', guardedInspect]] : [])]) {
  for (const event of [makeEvent(), makeFreshEvent(1)]) {
    const result = await fn(event, context);
    if (result?.statusCode !== 200) throw new Error(`${name} did not return 200: ${JSON.stringify(result)}`);
  }
}

const variants = { bare, guard: guarded, 'guard (no headers)': guardedSameJob, 'guard (no headers/deadline)': guardedMinimal, middy: middyfied, ...(guardedInspect ? { 'guard + inspect': guardedInspect } : {}) };
const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, { cpu: [], wall: [] }]));
// a new body and query per invocation, against the bare handler on the same events
const freshVariants = guardedInspect ? { bare, 'guard + inspect': guardedInspect } : {};
const freshSamples = Object.fromEntries(Object.keys(freshVariants).map((k) => [k, { cpu: [], wall: [] }]));
for (const fn of Object.values(variants)) await measure(fn); // warm-up: JIT, ajv compile, lazy imports
for (const fn of Object.values(freshVariants)) await measureFresh(fn, ROUNDS);
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, fn] of Object.entries(variants)) {
    const { cpu, wall } = await measure(fn);
    samples[name].cpu.push(cpu);
    samples[name].wall.push(wall);
  }
  for (const [name, fn] of Object.entries(freshVariants)) {
    const { cpu, wall } = await measureFresh(fn, round);
    freshSamples[name].cpu.push(cpu);
    freshSamples[name].wall.push(wall);
  }
}
const ns = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v.cpu)]));
const wallNs = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v.wall)]));
const overhead = (name) => ns[name] - ns.bare;

console.log(`node ${process.version}, ${N} invocations x ${ROUNDS} rounds (median), event ${JSON.stringify(makeEvent()).length} bytes, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
console.log(`inspection: ${inspectAvailable ? 'included' : 'NOT included (packages/runtime/dist/inspect/index.js missing)'}`);
for (const name of Object.keys(variants)) {
  console.log(`${name.padEnd(28)} cpu ${ns[name].toFixed(0).padStart(8)} ns/invocation   overhead ${overhead(name).toFixed(0).padStart(8)} ns   (wall ${wallNs[name].toFixed(0)} ns)`);
}
const ratio = overhead('guard') / overhead('middy');
const sameJobRatio = overhead('guard (no headers)') / overhead('middy');
console.log(`guard overhead / middy overhead = ${ratio.toFixed(2)}x cpu (goal <= 1.10x); wall ${((wallNs.guard - wallNs.bare) / (wallNs.middy - wallNs.bare)).toFixed(2)}x`);
console.log(`same job (no security headers) / middy = ${sameJobRatio.toFixed(2)}x cpu`);
console.log(`guard overhead = ${(overhead('guard') / 1000).toFixed(1)} us cpu (goal < 50 us)`);
if (guardedInspect) {
  console.log(`guard + inspect overhead = ${(overhead('guard + inspect') / 1000).toFixed(1)} us, ${(overhead('guard + inspect') / overhead('middy')).toFixed(2)}x middy (middy does no inspection)`);
  const freshNs = median(freshSamples['guard + inspect'].cpu) - median(freshSamples.bare.cpu);
  const freshWall = median(freshSamples['guard + inspect'].wall) - median(freshSamples.bare.wall);
  console.log(`guard + inspect, new body/query per invocation: overhead = ${(freshNs / 1000).toFixed(1)} us cpu (wall ${(freshWall / 1000).toFixed(1)} us) (goal < 50 us)`);
}

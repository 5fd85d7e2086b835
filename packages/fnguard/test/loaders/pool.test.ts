/**
 * The worker pool's mechanics (order, time-outs, crashes), driven by small stand-in worker
 * scripts: the real worker is compiled JavaScript, which the TypeScript test run does not have.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_TEMPLATES_FOR_WORKERS, runOnWorkers, workerCount } from '../../src/loaders/cloudformation/pool.js';
import type { PoolJob } from '../../src/loaders/cloudformation/pool.js';

// Answers each job with a fake App naming the file; hangs on `slow.yaml`, dies on `crash.yaml`.
const STAND_IN = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => {
  if (job.path === 'slow.yaml') { for (;;) {} }
  if (job.path === 'crash.yaml') throw new Error('worker died');
  parentPort.postMessage({ id: job.id, app: { path: job.path, functions: [] } });
});
`;

let dir: string;
let standIn: URL;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fnguard-pool-'));
  const file = path.join(dir, 'stand-in.mjs');
  await writeFile(file, STAND_IN);
  standIn = pathToFileURL(file);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function jobs(...paths: string[]): PoolJob[] {
  return paths.map((p) => ({ root: dir, path: p, text: '', cdk: false }));
}

describe('template worker pool', () => {
  it('returns results in job order across workers', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `t${i}.yaml`);
    const results = await runOnWorkers(jobs(...names), 2, { url: standIn });
    expect(results.map((r) => (r && 'path' in r ? r.path : undefined))).toEqual(names);
  });

  it('abandons a job that runs too long with a warning, leaving the rest to other workers or the caller', async () => {
    const results = await runOnWorkers(jobs('a.yaml', 'slow.yaml', 'b.yaml', 'c.yaml'), 2, { url: standIn, timeoutMs: 300 });
    const slow = results[1];
    expect(slow && 'code' in slow ? slow.code : undefined).toBe('load-timeout');
    for (const index of [0, 2, 3]) {
      const result = results[index];
      // Each other job is either done by the surviving worker or left for in-process loading.
      expect(result === undefined || ('path' in result && result.path === jobs('a.yaml', 'slow.yaml', 'b.yaml', 'c.yaml')[index]!.path)).toBe(true);
    }
  });

  it('leaves the jobs of a crashed worker to the caller instead of failing', async () => {
    const results = await runOnWorkers(jobs('crash.yaml', 'after.yaml'), 1, { url: standIn });
    expect(results[0]).toBeUndefined();
    expect(results[1]).toBeUndefined();
  });

  it('returns nothing to do when no worker script is available', async () => {
    expect(await runOnWorkers(jobs('a.yaml'), 0)).toEqual([undefined]);
    // Under the TypeScript test run there is no compiled worker: everything stays in-process.
    expect(workerCount(MIN_TEMPLATES_FOR_WORKERS * 10, 4)).toBe(0);
  });
});

/**
 * Parses templates on worker threads when a scan has enough of them to pay for thread start-up.
 * YAML parsing is most of a template's load time (about 80% of CPU in a profile of the corpus),
 * and only threads can put it on another core; file I/O is already overlapped by discovery.
 *
 * Workers run the compiled JavaScript; when the sources run untranspiled (tests), or a worker
 * fails, the work falls back to the calling thread, so results never depend on the pool.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { App, LoadWarning } from '../../model/types.js';
import type { TemplateJob, TemplateJobResult } from './worker.js';

/** Below this many templates, thread start-up costs more than it saves. */
export const MIN_TEMPLATES_FOR_WORKERS = 24;
const MAX_WORKERS = 4;
/**
 * Measured on the 2-core development machine: a worker takes 250-450 ms to start (module
 * loading), while parsing the whole 500-template corpus takes about 1.3-1.8 s of CPU. Splitting
 * that over two cores that are also running the main thread gained nothing measurable, so by
 * default threads are only used where there are cores to spare.
 */
const MIN_CORES_FOR_DEFAULT_WORKERS = 4;
/** A template that takes longer than this is pathological; its worker is stopped. */
const JOB_TIMEOUT_MS = 60_000;

export interface PoolJob {
  root: string;
  path: string;
  text: string;
  cdk: boolean;
  parameterOverrides?: Record<string, string>;
}

function workerUrl(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  // Under a TypeScript-aware test runner this module is `pool.ts` and no worker.js sits beside it.
  return import.meta.url.endsWith('.js') ? url : undefined;
}

/** How many workers to use for `jobs` templates; `requested` overrides the core-count default. */
export function workerCount(jobs: number, requested?: number): number {
  if (jobs < MIN_TEMPLATES_FOR_WORKERS || !workerUrl()) return 0;
  const cores = availableParallelism();
  const wanted = requested ?? (cores >= MIN_CORES_FOR_DEFAULT_WORKERS ? cores - 1 : 0);
  return Math.max(0, Math.min(MAX_WORKERS, wanted, Math.ceil(jobs / MIN_TEMPLATES_FOR_WORKERS)));
}

export interface PoolSettings {
  /** worker script; defaults to the compiled worker.js next to this module */
  url?: URL;
  timeoutMs?: number;
}

/**
 * Loads all jobs on `count` workers. Resolves, per job, to the App, to a warning when the job
 * timed out, or to undefined when it must be redone in-process (worker error). Never rejects.
 */
export async function runOnWorkers(jobs: readonly PoolJob[], count: number, settings: PoolSettings = {}): Promise<Array<App | LoadWarning | undefined>> {
  const url = settings.url ?? workerUrl();
  const timeoutMs = settings.timeoutMs ?? JOB_TIMEOUT_MS;
  const results = new Array<App | LoadWarning | undefined>(jobs.length).fill(undefined);
  if (!url || count === 0) return results;
  let next = 0;
  const runWorker = () => new Promise<void>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch {
      resolve();
      return;
    }
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      worker.removeAllListeners();
      void worker.terminate();
      resolve();
    };
    const dispatch = () => {
      if (next >= jobs.length) {
        finish();
        return;
      }
      current = next++;
      const job: TemplateJob = { id: current, ...jobs[current]! };
      clearTimeout(timer);
      timer = setTimeout(() => {
        const file = jobs[current]!.path;
        results[current] = { code: 'load-timeout', message: `${file} took over ${timeoutMs / 1000} s to load and was abandoned`, location: { file, line: 1, column: 1 } };
        // The rest of this worker's share goes to the remaining workers or the calling thread.
        finish();
      }, timeoutMs);
      worker.postMessage(job);
    };
    worker.on('message', (message: TemplateJobResult) => {
      if ('app' in message) results[message.id] = message.app as App;
      dispatch();
    });
    // A crashed worker loses only its current job, which the caller redoes in-process.
    worker.on('error', finish);
    worker.on('exit', () => resolve());
    dispatch();
  });
  await Promise.all(Array.from({ length: count }, runWorker));
  return results;
}

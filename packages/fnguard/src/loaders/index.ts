/**
 * Scans a directory (or one file) for serverless applications and loads each into the app
 * model. Each file is loaded in isolation: one that cannot be read or understood produces
 * warnings, never an exception, and never stops the others.
 */
import { createApp, describeError, fileStart } from '../model/build.js';
import type { App, LoadWarning } from '../model/types.js';
import { loadCloudFormationApp } from './cloudformation/load.js';
import type { CloudFormationLoadOptions } from './cloudformation/load.js';
import { discover } from './discover.js';
import type { Candidate } from './discover.js';
import { safeReadFile } from './fs/safe-read.js';
import { importServerlessLoader } from './cloudformation/optional.js';
import { expandSam } from './sam/index.js';
import { runOnWorkers, workerCount } from './cloudformation/pool.js';
import type { PoolJob } from './cloudformation/pool.js';

export interface ScanOptions {
  /** also load generated CloudFormation (cdk.out, .serverless, .aws-sam) */
  includeGenerated?: boolean;
  /** per-file size cap; larger files are skipped with a `file-too-large` warning */
  maxFileBytes?: number;
  /** deploy-time parameter values for CloudFormation / SAM templates */
  parameterOverrides?: Record<string, string>;
  /** template-parsing worker threads (used from 24 templates up); default: cores - 1 on machines with 4+ cores, else 0 */
  workers?: number;
}

export interface ScanResult {
  apps: App[];
  /** problems not tied to a loaded app: unreadable files, skipped folders, missing loaders */
  warnings: LoadWarning[];
  /** the real (symlink-free) directory that app and warning paths are relative to: the target, or a file target's folder */
  root: string;
}

async function loadTemplate(root: string, candidate: Candidate, options: ScanOptions): Promise<App | LoadWarning> {
  let text = candidate.text;
  if (text === undefined) {
    const read = await safeReadFile(root, candidate.path, options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes });
    if (!read.ok) return read.warning;
    text = read.text;
  }
  const loadOptions: CloudFormationLoadOptions = { cdk: candidate.kind === 'cdk', expandSam };
  if (options.parameterOverrides) loadOptions.parameterOverrides = options.parameterOverrides;
  return loadCloudFormationApp(root, candidate.path, text, loadOptions);
}

async function loadServerless(root: string, candidate: Candidate, options: ScanOptions): Promise<App> {
  const loader = await importServerlessLoader();
  if (!loader.ok) {
    const app = createApp({ name: candidate.path, framework: 'serverless', path: candidate.path });
    app.warnings.push({ code: 'serverless-unavailable', message: `${candidate.path} was not analysed: the Serverless Framework loader is unavailable (${loader.reason})`, location: fileStart(candidate.path) });
    return app;
  }
  const loaderOptions: Record<string, unknown> = {};
  if (options.maxFileBytes !== undefined) loaderOptions.maxFileBytes = options.maxFileBytes;
  if (options.includeGenerated !== undefined) loaderOptions.includeGenerated = options.includeGenerated;
  return loader.value(root, candidate.path, loaderOptions);
}

async function loadCandidate(root: string, candidate: Candidate, options: ScanOptions): Promise<App | LoadWarning> {
  try {
    return candidate.kind === 'serverless' ? await loadServerless(root, candidate, options) : await loadTemplate(root, candidate, options);
  } catch (error) {
    return { code: 'load-failed', message: `${candidate.path} could not be loaded: ${describeError(error)}`, location: fileStart(candidate.path) };
  }
}

function isApp(value: App | LoadWarning): value is App {
  return 'functions' in value;
}

/** Loads, on worker threads, the templates whose text discovery already holds (when enough to pay off). */
async function loadOnWorkers(root: string, candidates: readonly Candidate[], options: ScanOptions): Promise<Map<Candidate, App | LoadWarning>> {
  const pooled = candidates.filter((c): c is Candidate & { text: string } => c.kind !== 'serverless' && c.text !== undefined);
  const count = workerCount(pooled.length, options.workers);
  const done = new Map<Candidate, App | LoadWarning>();
  if (count === 0) return done;
  const jobs: PoolJob[] = pooled.map((c) => ({
    root, path: c.path, text: c.text, cdk: c.kind === 'cdk',
    ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
  }));
  const results = await runOnWorkers(jobs, count);
  results.forEach((result, index) => {
    if (result !== undefined) done.set(pooled[index]!, result);
  });
  return done;
}

/** Loads every application found under `target`. Never throws for anything the scanned files contain. */
export async function scanDirectory(target: string, options: ScanOptions = {}): Promise<ScanResult> {
  const discovery = await discover(target, {
    ...(options.includeGenerated !== undefined ? { includeGenerated: options.includeGenerated } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  });
  // Serverless files load on this thread while templates parse on the workers.
  const pooled = loadOnWorkers(discovery.root, discovery.candidates, options);
  const serverless = new Map<Candidate, App | LoadWarning>();
  for (const candidate of discovery.candidates) {
    if (candidate.kind === 'serverless') serverless.set(candidate, await loadCandidate(discovery.root, candidate, options));
  }
  const fromWorkers = await pooled;
  const apps: App[] = [];
  const warnings = [...discovery.warnings];
  for (const candidate of discovery.candidates) {
    const result = fromWorkers.get(candidate) ?? serverless.get(candidate) ?? await loadCandidate(discovery.root, candidate, options);
    if (isApp(result)) apps.push(result);
    else warnings.push(result);
    // The text was only kept to avoid a second read; let it go once loaded.
    delete candidate.text;
  }
  return { apps, warnings, root: discovery.root };
}

export { loadCloudFormationApp } from './cloudformation/load.js';
export { discover } from './discover.js';
export type { Candidate, CandidateKind, Discovery } from './discover.js';

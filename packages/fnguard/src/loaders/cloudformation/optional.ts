/**
 * Loaders written by other teams are imported on demand, so that a missing or broken one costs
 * a warning for the files it would have handled instead of the whole scan.
 */
import type { App } from '../../model/types.js';
import { describeError } from '../../model/build.js';
import type { SamExpander } from './load.js';

export type ServerlessLoader = (root: string, relPath: string, options: Record<string, unknown>) => Promise<App>;

export type Optional<T> = { ok: true; value: T } | { ok: false; reason: string };

async function importFunction<T>(specifier: string, exportName: string): Promise<Optional<T>> {
  try {
    // A computed specifier keeps the compiler from requiring the module to exist at build time.
    const module = (await import(specifier)) as Record<string, unknown>;
    const value = module[exportName];
    if (typeof value !== 'function') return { ok: false, reason: `${specifier} does not export ${exportName}` };
    return { ok: true, value: value as T };
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
}

let samExpander: Promise<Optional<SamExpander>> | undefined;
let serverlessLoader: Promise<Optional<ServerlessLoader>> | undefined;

export function importSamExpander(): Promise<Optional<SamExpander>> {
  samExpander ??= importFunction<SamExpander>(new URL('../sam/index.js', import.meta.url).href, 'expandSam');
  return samExpander;
}

export function importServerlessLoader(): Promise<Optional<ServerlessLoader>> {
  serverlessLoader ??= importFunction<ServerlessLoader>(new URL('../serverless/index.js', import.meta.url).href, 'loadServerlessApp');
  return serverlessLoader;
}

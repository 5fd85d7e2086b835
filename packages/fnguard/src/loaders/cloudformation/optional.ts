/**
 * The Serverless Framework loader, imported on demand (with a literal specifier, which bundlers
 * and the compiler can follow): scans of CloudFormation / SAM projects never pay for loading it,
 * and a failure to load it costs a warning for the files it would have handled instead of the
 * whole scan. (SAM expansion is imported statically by the template loaders: almost every scan
 * meets a SAM template, so a dynamic import only added a promise per template.)
 */
import type { App } from '../../model/types.js';
import { describeError } from '../../model/build.js';

export type ServerlessLoader = (root: string, relPath: string, options: Record<string, unknown>) => Promise<App>;

export type Optional<T> = { ok: true; value: T } | { ok: false; reason: string };

let serverlessLoader: Promise<Optional<ServerlessLoader>> | undefined;

export function importServerlessLoader(): Promise<Optional<ServerlessLoader>> {
  serverlessLoader ??= import('../serverless/index.js').then(
    (module: Record<string, unknown>): Optional<ServerlessLoader> => {
      const value = module.loadServerlessApp;
      return typeof value === 'function' ? { ok: true, value: value as ServerlessLoader } : { ok: false, reason: '../serverless/index.js does not export loadServerlessApp' };
    },
    (error: unknown): Optional<ServerlessLoader> => ({ ok: false, reason: describeError(error) }),
  );
  return serverlessLoader;
}

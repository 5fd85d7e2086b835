/**
 * Protections that pull in heavy dependencies (jose, AWS SDK clients, Redis) or patch globals are
 * loaded with dynamic import() so `import '@fnguard/runtime'` stays cheap. Loading starts when the
 * guard or middleware is built (Lambda's init phase, which is not billed against the request
 * latency of warm invocations) and the first invocation waits for it.
 */
import type { Middleware, ProtectionOptions } from './types.js';

export type ExternalProtection = 'inspect' | 'secrets' | 'auth' | 'rateLimit' | 'egress';

type Factory = (options: any) => Middleware;
type Loader = () => Promise<object>;

/**
 * Literal specifiers so bundlers (esbuild, used by SAM/CDK for Lambda) can follow them into
 * split chunks; a computed specifier would silently drop the module from a bundle.
 */
const LOADERS: Record<ExternalProtection, { load: Loader; exportName: string; module: string }> = {
  inspect: { module: '../inspect/index.js', exportName: 'inspection', load: () => import('../inspect/index.js') },
  secrets: { module: '../secrets/index.js', exportName: 'secrets', load: () => import('../secrets/index.js') },
  auth: { module: '../auth/index.js', exportName: 'jwtAuth', load: () => import('../auth/index.js') },
  rateLimit: { module: '../ratelimit/index.js', exportName: 'rateLimit', load: () => import('../ratelimit/index.js') },
  egress: { module: '../egress/index.js', exportName: 'egressGuard', load: () => import('../egress/index.js') },
};

export class ProtectionLoadError extends Error {
  override readonly name = 'ProtectionLoadError';
}

/** Resolves to the protection's middleware, built with the guard's logger unless one was given. */
export function loadProtection(name: ExternalProtection, options: object, shared: ProtectionOptions): Promise<Middleware> {
  const entry = LOADERS[name];
  return entry.load().then(
    (mod) => {
      const factory = (mod as Record<string, unknown>)[entry.exportName];
      if (typeof factory !== 'function') throw new ProtectionLoadError(`fnguard: ${entry.module} does not export ${entry.exportName}()`);
      return (factory as Factory)({ ...shared, ...options });
    },
    (error: unknown) => {
      throw new ProtectionLoadError(`fnguard: the ${name} protection could not be loaded from ${entry.module}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    },
  );
}

/**
 * A synchronous stand-in for a protection still loading, for Middy's `.use()`, which needs the
 * middleware object immediately. Once loaded, calls go straight through without an extra await.
 */
export function lazyMiddleware(ready: Promise<Middleware>): Middleware {
  let loaded: Middleware | undefined;
  ready.then((m) => (loaded = m), () => {});
  const phase = (key: 'before' | 'after' | 'onError') => (request: Parameters<NonNullable<Middleware['before']>>[0]) => {
    if (loaded) return loaded[key]?.(request);
    return ready.then((m) => m[key]?.(request));
  };
  return { before: phase('before'), after: phase('after'), onError: phase('onError') };
}

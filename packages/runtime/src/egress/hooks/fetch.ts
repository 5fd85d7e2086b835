/**
 * Global fetch. Node's fetch is undici bundled inside Node; its dispatcher can only be replaced
 * through the undici package's own API, which would mean a dependency that must match Node's
 * internal copy. Wrapping globalThis.fetch is dependency-free and rejects with our error before
 * any DNS or TLS work. Code that saved a reference to fetch before installation bypasses this
 * wrapper, but not the Socket.prototype.connect hook underneath (undici connects through net),
 * where it fails with "fetch failed" whose cause is the EgressBlockedError.
 */
import type { Enforcer } from '../enforcer.js';
import { wrapMethod, type Restore } from './patch.js';

function urlOf(input: unknown): URL | undefined {
  try {
    if (typeof input === 'string') return new URL(input);
    if (input instanceof URL) return input;
    if (input !== null && typeof input === 'object' && typeof (input as { url?: unknown }).url === 'string') return new URL((input as { url: string }).url);
  } catch {
    // fetch rejects invalid URLs itself
  }
  return undefined;
}

export function installFetchHook(enforcer: Enforcer): Restore[] {
  if (typeof globalThis.fetch !== 'function') return [];
  return [
    wrapMethod(globalThis, 'fetch', (original) => function (this: unknown, ...args: unknown[]) {
      const url = urlOf(args[0]);
      if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
        const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
        try {
          enforcer.host(url.hostname, port, 'fetch');
        } catch (error) {
          return Promise.reject(error); // fetch never throws synchronously; keep that contract
        }
      }
      return original.apply(this, args);
    }),
  ];
}

/** http/https.request and .get: checked with the URL the caller gave, before any socket exists. */
import type { Enforcer } from '../enforcer.js';
import { nodeRequire, wrapMethod, type Restore } from './patch.js';

type Target = { host: string; port: number } | undefined;

export function requestTarget(args: unknown[], defaultPort: number): Target {
  let url: URL | undefined;
  let options: Record<string, unknown> | undefined;
  const [first, second] = args;
  if (typeof first === 'string') {
    try { url = new URL(first); } catch { return undefined; } // http.request throws ERR_INVALID_URL itself
  } else if (first instanceof URL) {
    url = first;
  } else if (first !== null && typeof first === 'object') {
    options = first as Record<string, unknown>;
  }
  if (url && second !== null && typeof second === 'object' && typeof second !== 'function') options = second as Record<string, unknown>;
  if (options?.socketPath !== undefined) return undefined; // unix socket
  const host = (typeof options?.hostname === 'string' && options.hostname) || (typeof options?.host === 'string' && options.host) || url?.hostname || 'localhost';
  const portValue = options?.port ?? (url?.port ? url.port : undefined);
  const port = portValue === undefined || portValue === null || portValue === '' ? (options?.defaultPort as number | undefined) ?? defaultPort : Number(portValue);
  return { host, port };
}

export function installHttpHooks(enforcer: Enforcer): Restore[] {
  const restores: Restore[] = [];
  for (const [name, defaultPort] of [['http', 80], ['https', 443]] as const) {
    const mod = nodeRequire(`node:${name}`) as Record<string, unknown>;
    for (const method of ['request', 'get']) {
      restores.push(wrapMethod(mod, method, (original) => function (this: unknown, ...args: unknown[]) {
        const target = requestTarget(args, defaultPort);
        if (target) enforcer.host(target.host, target.port, `${name}.${method}`);
        return original.apply(this, args);
      }));
    }
  }
  return restores;
}

/**
 * Network hooks below every HTTP client. Socket.prototype.connect is the choke point: net.connect,
 * net.createConnection, tls.connect, http.Agent and undici (Node's fetch) all end up there, even
 * code that captured a reference to one of the higher-level functions before the guard was
 * installed. The module-level functions are wrapped too, so the error surfaces from the call the
 * application actually made.
 */
import type { Enforcer } from '../enforcer.js';
import { nodeRequire, wrapMethod, type Restore } from './patch.js';

type Target = { host: string; port: number | undefined } | undefined;

function portOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** Mirrors net's argument forms: (options[, cb]), (port[, host][, cb]), (path[, cb]) and the internal [options, cb] array. */
export function connectTarget(args: unknown[]): Target {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first !== null && typeof first === 'object') {
    const options = first as Record<string, unknown>;
    if (options.path !== undefined) return undefined; // a local IPC socket, not the network
    return { host: typeof options.host === 'string' && options.host ? options.host : 'localhost', port: portOf(options.port) };
  }
  const port = portOf(first);
  if (port === undefined) return typeof first === 'string' ? undefined : { host: 'localhost', port: undefined };
  return { host: typeof args[1] === 'string' && args[1] ? args[1] : 'localhost', port };
}

function tlsTarget(args: unknown[]): Target {
  const options = args.find((a) => a !== null && typeof a === 'object') as Record<string, unknown> | undefined;
  if (options?.socket) return undefined; // wraps a socket that already passed the connect hook
  if (typeof args[0] === 'number' || typeof args[0] === 'string') return connectTarget(args);
  if (options?.path !== undefined) return undefined;
  return { host: typeof options?.host === 'string' && options.host ? options.host : 'localhost', port: portOf(options?.port) };
}

export function installNetHooks(enforcer: Enforcer): Restore[] {
  const net = nodeRequire('node:net') as typeof import('node:net');
  const tls = nodeRequire('node:tls') as typeof import('node:tls');
  const check = (target: Target, via: string) => { if (target) enforcer.host(target.host, target.port, via); };
  return [
    wrapMethod(net.Socket.prototype, 'connect', (original) => function (this: unknown, ...args: unknown[]) {
      check(connectTarget(args), 'net.Socket.connect');
      return original.apply(this, args);
    }),
    wrapMethod(net, 'connect', (original) => function (this: unknown, ...args: unknown[]) {
      check(connectTarget(args), 'net.connect');
      return original.apply(this, args);
    }),
    wrapMethod(net, 'createConnection', (original) => function (this: unknown, ...args: unknown[]) {
      check(connectTarget(args), 'net.createConnection');
      return original.apply(this, args);
    }),
    wrapMethod(tls, 'connect', (original) => function (this: unknown, ...args: unknown[]) {
      check(tlsTarget(args), 'tls.connect');
      return original.apply(this, args);
    }),
  ];
}

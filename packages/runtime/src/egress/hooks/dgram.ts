/**
 * UDP: dgram sockets reach any host without TCP, DNS lookups through Node's resolver or HTTP, so
 * they need their own hook. send() is checked when it names a destination; a connected socket
 * sends without one and was checked at connect().
 */
import type { Enforcer } from '../enforcer.js';
import { nodeRequire, wrapMethod, type Restore } from './patch.js';

/** send(msg[, offset, length][, port][, address][, callback]) */
export function sendTarget(args: unknown[]): { host: string; port: number } | undefined {
  const rest = args.slice(1);
  const withRange = typeof rest[0] === 'number' && typeof rest[1] === 'number' && typeof rest[2] === 'number';
  const [port, address] = withRange ? [rest[2], rest[3]] : [rest[0], rest[1]];
  if (typeof port !== 'number') return undefined;
  return { host: typeof address === 'string' && address ? address : 'localhost', port };
}

export function installDgramHooks(enforcer: Enforcer): Restore[] {
  const dgram = nodeRequire('node:dgram') as typeof import('node:dgram');
  const proto = dgram.Socket.prototype;
  return [
    wrapMethod(proto, 'send', (original) => function (this: unknown, ...args: unknown[]) {
      const target = sendTarget(args);
      if (target) enforcer.host(target.host, target.port, 'dgram.send');
      return original.apply(this, args);
    }),
    wrapMethod(proto, 'connect', (original) => function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'number') enforcer.host(typeof args[1] === 'string' && args[1] ? args[1] : 'localhost', args[0], 'dgram.connect');
      return original.apply(this, args);
    }),
  ];
}

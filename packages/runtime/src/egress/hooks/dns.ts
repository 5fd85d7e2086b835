/**
 * DNS hooks. A lookup is itself an outbound message: a name like <data>.attacker.example carries
 * data to whoever runs that zone's nameserver even if no connection follows. So lookups and
 * queries for names outside the allow-list are checked like connections.
 */
import type { Enforcer } from '../enforcer.js';
import { nodeRequire, wrapMethod, type Restore } from './patch.js';

const QUERY_METHODS = ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveCaa', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];

export function installDnsHooks(enforcer: Enforcer): Restore[] {
  const dns = nodeRequire('node:dns') as typeof import('node:dns');
  const restores: Restore[] = [];
  for (const [target, prefix] of [[dns, 'dns'], [dns.promises, 'dns.promises']] as const) {
    for (const method of QUERY_METHODS) {
      restores.push(wrapMethod(target, method, (original) => function (this: unknown, ...args: unknown[]) {
        if (typeof args[0] === 'string') enforcer.host(args[0], undefined, `${prefix}.${method}`);
        return original.apply(this, args);
      }));
    }
  }
  return restores;
}

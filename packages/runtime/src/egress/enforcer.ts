/**
 * Turns a policy into the three checks the hooks call. Block mode throws EgressBlockedError and
 * logs egress.blocked / process.blocked / fs.blocked; alert mode logs egress.alert and lets the
 * call proceed. In alert mode one connection passes several hooks (fetch, socket, DNS), so the
 * same target is reported at most once per second to keep one action to one log line.
 */
import type { EmitEvent } from '../core/security-event.js';
import type { GuardRequest } from '../core/types.js';
import { CommandAllowList, commandLabel } from './commands.js';
import { EgressBlockedError, type EgressCategory } from './errors.js';
import { HostAllowList } from './hosts.js';
import { PathAllowList, toPathString } from './paths.js';

export interface Enforcer {
  /** checks a network destination; `via` names the hooked API */
  host(host: string, port: number | undefined, via: string): void;
  /** checks a process launch: a file (execFile/spawn) or a shell line (exec, shell: true) */
  command(fileOrLine: string, shell: boolean, via: string): void;
  /** checks a filesystem write target; non-path values (fds, handles) pass */
  path(target: unknown, via: string): void;
}

export interface EnforcerConfig {
  mode: 'block' | 'alert';
  hosts?: HostAllowList;
  commands?: CommandAllowList | false;
  paths?: PathAllowList;
  emit: EmitEvent;
  currentRequest: () => GuardRequest | undefined;
}

const BLOCKED_TYPE = { network: 'egress.blocked', process: 'process.blocked', fs: 'fs.blocked' } as const;
const ALERT_DEDUPE_MS = 1000;
const MAX_DEDUPE_KEYS = 1000;

export function createEnforcer(config: EnforcerConfig): Enforcer {
  const recentAlerts = new Map<string, number>();

  function violation(category: EgressCategory, target: string, via: string, extra: Record<string, unknown> = {}): void {
    const request = config.currentRequest();
    if (config.mode === 'alert') {
      const key = `${category}\0${target}`;
      const now = Date.now();
      const last = recentAlerts.get(key);
      if (last !== undefined && now - last < ALERT_DEDUPE_MS) return;
      if (recentAlerts.size >= MAX_DEDUPE_KEYS) recentAlerts.clear();
      recentAlerts.set(key, now);
      config.emit({ type: 'egress.alert', level: 'warn', message: `${category} policy violation (alert mode, allowed)`, category, target, via, mode: 'alert', ...extra }, request);
      return;
    }
    config.emit({ type: BLOCKED_TYPE[category], level: 'warn', message: `${category} policy violation blocked`, category, target, via, mode: 'block', ...extra }, request);
    throw new EgressBlockedError(category, target, via);
  }

  return {
    host(host, port, via) {
      if (!config.hosts || config.hosts.allows(host, port)) return;
      violation('network', port === undefined ? host : `${host}:${port}`, via, { host, ...(port !== undefined ? { port } : {}) });
    },
    command(fileOrLine, shell, via) {
      if (config.commands === undefined) return;
      const ok = config.commands !== false && (shell ? config.commands.allowsShellLine(fileOrLine) : config.commands.allowsFile(fileOrLine));
      if (!ok) violation('process', commandLabel(fileOrLine), via, { shell });
    },
    path(target, via) {
      if (!config.paths) return;
      const path = toPathString(target);
      if (path === undefined || config.paths.allows(path)) return;
      violation('fs', config.paths.resolved(path), via);
    },
  };
}

/**
 * Installs the hooks once per container. Hooks for a category (network, process, fs) are added
 * the first time a configuration asks for that category and stay until uninstall(); they consult
 * the current enforcer on each call, so installing again just swaps the policy (last one wins)
 * instead of stacking wrappers.
 */
import { syncBuiltinESMExports } from 'node:module';
import { createEmitter } from '../core/security-event.js';
import type { GuardRequest, ProtectionOptions } from '../core/types.js';
import { CommandAllowList } from './commands.js';
import { createEnforcer, type Enforcer } from './enforcer.js';
import { HostAllowList } from './hosts.js';
import { installChildProcessHooks } from './hooks/child-process.js';
import { installDgramHooks } from './hooks/dgram.js';
import { installDnsHooks } from './hooks/dns.js';
import { installFetchHook } from './hooks/fetch.js';
import { installFsHooks } from './hooks/fs.js';
import { installHttpHooks } from './hooks/http.js';
import { installNetHooks } from './hooks/net.js';
import type { Restore } from './hooks/patch.js';
import { PathAllowList } from './paths.js';

export interface EgressGuardOptions extends ProtectionOptions {
  /** hosts that may be reached; omit to leave the network unguarded, [] to block all */
  allow?: string[];
  /** false blocks every child process; a list allows those commands; omit to leave unguarded */
  childProcess?: false | string[];
  /** directories that may be written; omit to leave the filesystem unguarded */
  fsWrite?: string[];
  /** default 'block' */
  mode?: 'block' | 'alert';
  /**
   * Allow the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API, 127.0.0.1:9001) that the runtime itself
   * polls for invocations; blocking it would stop the function. Default true.
   */
  allowRuntimeApi?: boolean;
}

export interface EgressGuardHandle {
  uninstall(): void;
}

type Category = 'network' | 'process' | 'fs';

const state: { enforcer?: Enforcer; request?: GuardRequest; restores: Map<Category, Restore[]> } = { restores: new Map() };

/** Hooks call this, never a captured enforcer, so a re-install changes policy in place. */
const delegate: Enforcer = {
  host: (...args) => state.enforcer?.host(...args),
  command: (...args) => state.enforcer?.command(...args),
  path: (...args) => state.enforcer?.path(...args),
};

export function setCurrentRequest(request: GuardRequest | undefined): void {
  state.request = request;
}

function buildEnforcer(options: EgressGuardOptions): Enforcer {
  const mode = options.mode ?? 'block';
  if (mode !== 'block' && mode !== 'alert') throw new TypeError(`egressGuard(): mode must be 'block' or 'alert'`);
  if (options.childProcess !== undefined && options.childProcess !== false && !Array.isArray(options.childProcess)) {
    throw new TypeError('egressGuard(): childProcess must be false or a list of commands');
  }
  let hosts: HostAllowList | undefined;
  if (options.allow !== undefined) {
    if (!Array.isArray(options.allow)) throw new TypeError('egressGuard(): allow must be a list of host patterns');
    const runtimeApi = process.env.AWS_LAMBDA_RUNTIME_API;
    const extra = options.allowRuntimeApi !== false && runtimeApi ? [runtimeApi] : [];
    hosts = new HostAllowList([...options.allow, ...extra]);
  }
  if (options.fsWrite !== undefined && !Array.isArray(options.fsWrite)) throw new TypeError('egressGuard(): fsWrite must be a list of directories');
  if (options.allow === undefined && options.childProcess === undefined && options.fsWrite === undefined) {
    throw new TypeError('egressGuard(): nothing to guard; set allow, childProcess and/or fsWrite');
  }
  return createEnforcer({
    mode,
    ...(hosts ? { hosts } : {}),
    ...(options.childProcess === undefined ? {} : { commands: options.childProcess === false ? false : new CommandAllowList(options.childProcess) }),
    ...(options.fsWrite ? { paths: new PathAllowList(options.fsWrite) } : {}),
    emit: createEmitter(options.logger),
    currentRequest: () => state.request,
  });
}

function ensureCategory(category: Category, install: () => Restore[]): void {
  if (!state.restores.has(category)) state.restores.set(category, install());
}

export function installEgressGuard(options: EgressGuardOptions): EgressGuardHandle {
  // Build first: a bad configuration throws before anything is patched.
  const enforcer = buildEnforcer(options);
  state.enforcer = enforcer;
  if (options.allow !== undefined) {
    ensureCategory('network', () => [...installNetHooks(delegate), ...installDgramHooks(delegate), ...installDnsHooks(delegate), ...installHttpHooks(delegate), ...installFetchHook(delegate)]);
  }
  if (options.childProcess !== undefined) ensureCategory('process', () => installChildProcessHooks(delegate));
  if (options.fsWrite !== undefined) ensureCategory('fs', () => installFsHooks(delegate));
  // ESM `import { spawn } from 'node:child_process'` bindings are copies; refresh them.
  syncBuiltinESMExports();
  return { uninstall: uninstallEgressGuard };
}

export function uninstallEgressGuard(): void {
  for (const restores of state.restores.values()) for (const restore of restores.reverse()) restore();
  state.restores.clear();
  state.enforcer = undefined;
  state.request = undefined;
  syncBuiltinESMExports();
}

export function isEgressGuardInstalled(): boolean {
  return state.restores.size > 0;
}

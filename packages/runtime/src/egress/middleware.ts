/**
 * egressGuard(): installs the process-wide hooks when the middleware is created (at cold start,
 * so code that runs during initialisation is covered too) and tags each security event with the
 * invocation that was running when the violation happened.
 */
import type { Middleware } from '../core/types.js';
import { installEgressGuard, isEgressGuardInstalled, setCurrentRequest, type EgressGuardOptions } from './install.js';

export function egressGuard(options: EgressGuardOptions): Middleware {
  installEgressGuard(options);
  return {
    before(request) {
      if (!isEgressGuardInstalled()) installEgressGuard(options);
      setCurrentRequest(request);
    },
    after() {
      setCurrentRequest(undefined);
    },
    onError() {
      setCurrentRequest(undefined);
    },
  };
}

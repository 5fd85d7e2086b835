export { egressGuard } from './middleware.js';
export { installEgressGuard, uninstallEgressGuard, isEgressGuardInstalled, type EgressGuardHandle, type EgressGuardOptions } from './install.js';
export { EgressBlockedError, type EgressCategory } from './errors.js';

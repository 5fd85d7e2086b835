/**
 * `@fnguard/runtime/middy`: each protection as a factory for `middy(handler).use(...)`.
 * Recommended `.use()` order matches guard's: deadline, log, headers, cors, errors, rateLimit,
 * auth, validate, inspect, secrets, egress. Middy runs `after`/`onError` in reverse by itself.
 * Difference from guard: Middy 6 skips every `after` when a `before` returns early, so early
 * answers (401, 429, preflight) do not get the log line or security headers there.
 */
import { deadline } from './deadline/deadline.js';
import { safeErrors } from './errors/safe-errors.js';
import { cors } from './headers/cors.js';
import { securityHeaders } from './headers/security-headers.js';
import { securityLog } from './log/middleware.js';
import { validate } from './validate/validate.js';
import { type ExternalProtection, lazyMiddleware, loadProtection } from './core/protections.js';
import type { Middleware } from './core/types.js';
import type { JwtAuthOptions } from './auth/index.js';
import type { EgressGuardOptions } from './egress/index.js';
import type { InspectionOptions } from './inspect/index.js';
import type { RateLimitOptions } from './ratelimit/index.js';
import type { SecretsOptions } from './secrets/index.js';

function external<TOptions extends object>(name: ExternalProtection) {
  return (options: TOptions): Middleware => {
    const ready = loadProtection(name, options, {});
    ready.catch(() => {});
    return lazyMiddleware(ready);
  };
}

export const middlewares = {
  deadline,
  log: securityLog,
  headers: securityHeaders,
  cors,
  errors: safeErrors,
  validate,
  rateLimit: external<RateLimitOptions>('rateLimit'),
  auth: external<JwtAuthOptions>('auth'),
  inspect: external<InspectionOptions>('inspect'),
  secrets: external<SecretsOptions>('secrets'),
  egress: external<EgressGuardOptions>('egress'),
};

export { createSecurityLogger } from './log/logger.js';
export type { Middleware } from './core/types.js';

/**
 * @fnguard/runtime: only light modules are imported statically; protections with heavy
 * dependencies load on demand (see core/protections.ts) so cold starts stay short.
 */
export { guard, type GuardOptions, type GuardedHandler, type ExternalOptions } from './core/guard.js';
export { runMiddlewares } from './core/runner.js';
export { jsonErrorResponse, type HttpResponse } from './core/response.js';
export { sourceOf, isHttpRequest, markRejected } from './core/request.js';
export type {
  GuardContext, GuardHandler, GuardRequest, LambdaContextLike, Middleware, ProtectionOptions,
  SecurityEvent, SecurityEventType, SecurityLogger, ValidatedInput,
} from './core/types.js';
export { detectEventSource, isHttpSource, type EventSource } from './events/detect.js';
export { createSecurityLogger, defaultSecurityLogger, JsonSecurityLogger, silentLogger, xrayTraceId, type LogLevel, type LogOptions } from './log/logger.js';
export { securityLog, type SecurityLogOptions } from './log/middleware.js';
export { REDACTED, isSecretKey, redactValue } from './log/redact.js';
export { safeErrors, safeErrorResponse, type SafeErrorOptions } from './errors/safe-errors.js';
export { validate, type ValidateOptions } from './validate/validate.js';
export { ValidationError, type FieldIssue } from './validate/issues.js';
export type { AjvLike, JsonSchema, SafeParseSchema, Schema } from './validate/schema.js';
export { deadline, DeadlineExceededError, startDeadline, type DeadlineOptions } from './deadline/deadline.js';
export { securityHeaders, DEFAULT_SECURITY_HEADERS, type SecurityHeadersOptions } from './headers/security-headers.js';
export { cors, CorsConfigError, type CorsOptions } from './headers/cors.js';
export { ProtectionLoadError } from './core/protections.js';

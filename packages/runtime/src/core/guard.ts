/**
 * `guard(handler, options)`: wraps a Lambda handler in the protections named in `options`, in a
 * fixed security order (outermost first):
 *
 *  deadline   - the clock covers everything, including slow protections (JWKS, secrets fetch)
 *  log        - sees the final outcome of every request, whoever produced it
 *  headers    - outside errors and rejections so 4xx/5xx/504 answers carry them too
 *  cors       - preflights answered before auth (browsers send no credentials on them)
 *  errors     - catches whatever the layers below throw
 *  rateLimit  - cheapest refusal first; shields auth's crypto from brute force
 *  auth       - identity before payload: anonymous callers learn nothing about the schema
 *  validate   - parsed, typed input for the layers below
 *  inspect    - content inspection on input already known to be well-formed
 *  secrets    - fetched only for requests that will reach the handler (no amplification)
 *  egress     - innermost, so the protections' own calls (JWKS, Secrets Manager) are not policed
 *  use        - your own middlewares, then the handler
 */
import { type Deadline, DeadlineExceededError, type DeadlineOptions, defineSignal, startDeadline, validateDeadlineOptions } from '../deadline/deadline.js';
import { type SafeErrorOptions, safeErrors } from '../errors/safe-errors.js';
import { type CorsOptions, cors } from '../headers/cors.js';
import { type SecurityHeadersOptions, securityHeaders } from '../headers/security-headers.js';
import { JsonSecurityLogger, isSecurityLogger, silentLogger } from '../log/logger.js';
import { type SecurityLogOptions, securityLog } from '../log/middleware.js';
import { type ValidateOptions, validate } from '../validate/validate.js';
import { type ExternalProtection, loadProtection } from './protections.js';
import { INTERNAL_ERROR_LOGGED, INTERNAL_START, isHttpRequest } from './request.js';
import { jsonErrorResponse } from './response.js';
import { runMiddlewares } from './runner.js';
import type { JwtAuthOptions } from '../auth/index.js';
import type { EgressGuardOptions } from '../egress/index.js';
import type { InspectionOptions } from '../inspect/index.js';
import type { RateLimitOptions } from '../ratelimit/index.js';
import type { SecretsOptions } from '../secrets/index.js';
import type { GuardContext, GuardHandler, GuardRequest, LambdaContextLike, Middleware, SecurityLogger } from './types.js';

/** Options of protections owned by other modules (type-only imports: nothing is loaded here). */
export type ExternalOptions = Record<string, unknown>;

export interface GuardOptions {
  /** abort and answer before the platform timeout; on by default (500 ms margin), `false` to disable */
  deadline?: DeadlineOptions | false;
  /** security log options, or a logger of your own; on by default, `false` to disable */
  log?: SecurityLogOptions | SecurityLogger | false;
  /** generic 500s with correlation id; on by default, `false` to disable */
  errors?: SafeErrorOptions | false;
  /** security headers on HTTP responses; on by default, `false` to disable */
  headers?: SecurityHeadersOptions | false;
  /** CORS with an explicit origin list; off unless given */
  cors?: CorsOptions;
  rateLimit?: RateLimitOptions;
  auth?: JwtAuthOptions;
  validate?: ValidateOptions;
  inspect?: InspectionOptions;
  secrets?: SecretsOptions;
  egress?: EgressGuardOptions;
  /** extra middlewares that run after every protection, just around the handler */
  use?: readonly Middleware[];
}

const KNOWN_OPTIONS = new Set(['deadline', 'log', 'errors', 'headers', 'cors', 'rateLimit', 'auth', 'validate', 'inspect', 'secrets', 'egress', 'use']);

export type GuardedHandler<TEvent, TResult> = (event: TEvent, context?: LambdaContextLike) => Promise<TResult>;

function checkOptions(options: GuardOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('guard: options must be an object');
  for (const key of Object.keys(options)) {
    // a typo such as `rateLimits` would otherwise switch a protection off without a word
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`guard: unknown option "${key}"`);
  }
}

/** A logger of the user's that throws must not turn a logged rejection into a crash. */
function neverThrowing(logger: SecurityLogger): SecurityLogger {
  return {
    event(event, request) {
      try {
        logger.event(event, request);
      } catch {
        // logging is best effort; the security decision has already been made
      }
    },
    log(level, message, fields) {
      try {
        logger.log(level, message, fields);
      } catch {
        // as above
      }
    },
  };
}

function buildLogger(option: GuardOptions['log']): SecurityLogger {
  if (option === false) return silentLogger;
  if (isSecurityLogger(option)) return option instanceof JsonSecurityLogger ? option : neverThrowing(option);
  return new JsonSecurityLogger(option ?? {});
}

type Slot = Middleware | Promise<Middleware>;

export function guard<TEvent = any, TResult = any>(handler: GuardHandler<TEvent, TResult>, options: GuardOptions = {}): GuardedHandler<TEvent, TResult | Awaited<TResult>> {
  if (typeof handler !== 'function') throw new TypeError('guard: handler must be a function');
  checkOptions(options);
  const deadlineOptions = options.deadline === false ? undefined : (options.deadline ?? {});
  if (deadlineOptions) validateDeadlineOptions(deadlineOptions);

  const logger = buildLogger(options.log);
  const shared = { logger };
  const slots: Slot[] = [];
  const decorators: Middleware[] = [];
  const external = (name: ExternalProtection) => {
    const value = options[name];
    if (value !== undefined) slots.push(loadProtection(name, value, shared));
  };

  if (options.log !== false) {
    const logOptions = isSecurityLogger(options.log) ? {} : (options.log ?? {});
    slots.push(securityLog({ ...logOptions, logger }));
  }
  if (options.headers !== false) {
    const headers = securityHeaders({ ...shared, ...options.headers });
    slots.push(headers);
    decorators.push(headers);
  }
  if (options.cors) {
    const corsMiddleware = cors({ ...shared, ...options.cors });
    slots.push(corsMiddleware);
    decorators.unshift(corsMiddleware);
  }
  if (options.errors !== false) slots.push(safeErrors({ ...shared, ...options.errors }));
  external('rateLimit');
  external('auth');
  let validation: ReturnType<typeof validate> | undefined;
  if (options.validate) {
    validation = validate({ ...shared, ...options.validate });
    slots.push(validation);
  }
  external('inspect');
  external('secrets');
  external('egress');
  if (options.use) {
    for (const middleware of options.use) {
      if (typeof middleware !== 'object' || middleware === null || !(middleware.before || middleware.after || middleware.onError)) {
        throw new TypeError('guard: each `use` entry must have before, after or onError');
      }
      slots.push(middleware);
    }
  }

  let chain: Middleware[] | undefined;
  const ready = Promise.all([...slots, validation?.ready]).then(() => Promise.all(slots)).then((resolved) => {
    chain = resolved;
    return resolved;
  });
  // surfaced to the first invocation; here it would only be an unhandled rejection at init
  ready.catch(() => {});

  /**
   * Answers produced outside the chain (deadline, broken configuration) still get the security
   * and CORS headers; a copy of the request keeps the abandoned chain from seeing the change.
   */
  const answerOutsideChain = (request: GuardRequest, status: number): unknown => {
    const requestId = typeof request.context.awsRequestId === 'string' ? request.context.awsRequestId : undefined;
    const view: GuardRequest = { ...request, response: jsonErrorResponse(status, requestId, {}, { 'cache-control': 'no-store' }), error: undefined };
    for (const decorator of decorators) decorator.after?.(view);
    return view.response;
  };

  const onDeadline = (request: GuardRequest, error: DeadlineExceededError): unknown => {
    logger.event({ type: 'deadline.exceeded', level: 'error', message: 'handler did not finish before the deadline', budgetMs: error.budgetMs }, request);
    if (!isHttpRequest(request)) throw error;
    return answerOutsideChain(request, 504);
  };

  const onConfigError = (request: GuardRequest, error: unknown): unknown => {
    request.internal[INTERNAL_ERROR_LOGGED] = error;
    logger.event({ type: 'error.unhandled', level: 'error', message: 'guard configuration failed', error }, request);
    if (!isHttpRequest(request)) throw error;
    return answerOutsideChain(request, 500);
  };

  return async function guarded(event: TEvent, rawContext?: LambdaContextLike): Promise<any> {
    // a frozen context (some test harnesses) cannot take signal/validated; extend a child instead
    const context = (rawContext === undefined || rawContext === null ? {} : Object.isExtensible(rawContext) ? rawContext : Object.create(rawContext)) as GuardContext;
    const request: GuardRequest = { event, context, response: undefined, error: undefined, internal: {} };
    request.internal[INTERNAL_START] = performance.now();
    let deadline: Deadline | undefined;
    if (deadlineOptions) deadline = startDeadline(context, deadlineOptions);
    // a fresh signal each time (created on first read): handler listeners must not pile up across invocations
    defineSignal(context, deadline);
    try {
      let middlewares = chain;
      if (!middlewares) {
        try {
          middlewares = await (deadline ? Promise.race([ready, deadline.expired]) : ready);
        } catch (error) {
          if (error instanceof DeadlineExceededError) return onDeadline(request, error);
          return onConfigError(request, error);
        }
      }
      const run = runMiddlewares(request, middlewares, handler as (event: unknown, context: unknown) => unknown);
      if (!deadline) return await run;
      // the handler may keep running after we answer; its late rejection must not crash the process
      run.catch(() => {});
      try {
        return await Promise.race([run, deadline.expired]);
      } catch (error) {
        if (error instanceof DeadlineExceededError && deadline.error === error) return onDeadline(request, error);
        throw error;
      }
    } finally {
      deadline?.clear();
    }
  };
}

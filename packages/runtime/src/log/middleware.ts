/**
 * SAS-5: one summary line per invocation (accepted or rejected) on top of the specific events the
 * protections write. Sits outermost so it sees the final status, including answers produced by
 * other protections and the generic 500 of the safe-errors layer.
 */
import { INTERNAL_ERROR_LOGGED, INTERNAL_REJECTED_BY, INTERNAL_START, isHttpRequest, sourceOf } from '../core/request.js';
import type { GuardRequest, Middleware, SecurityLogger } from '../core/types.js';
import { httpMethod, httpPath, sourceIp } from '../events/http.js';
import { errorStatus } from '../errors/safe-errors.js';
import { JsonSecurityLogger, loggerOption, type LogOptions } from './logger.js';

export interface SecurityLogOptions extends LogOptions {
  /** log into this logger instead of building one from the options */
  logger?: SecurityLogger;
}

function statusOf(response: unknown): number | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const status = (response as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function requestFields(request: GuardRequest): Record<string, unknown> {
  const fields: Record<string, unknown> = { source: sourceOf(request) };
  if (isHttpRequest(request)) {
    fields.method = httpMethod(request.event);
    fields.path = httpPath(request.event);
    fields.sourceIp = sourceIp(request.event);
  }
  const start = request.internal[INTERNAL_START];
  if (typeof start === 'number') fields.durationMs = Math.round((performance.now() - start) * 1000) / 1000;
  const by = request.internal[INTERNAL_REJECTED_BY];
  if (typeof by === 'string') fields.rejectedBy = by;
  return fields;
}

export function securityLog(options: SecurityLogOptions = {}): Middleware & { logger: SecurityLogger } {
  const logger = loggerOption(options.logger) ?? new JsonSecurityLogger(options);
  const bindable = logger instanceof JsonSecurityLogger ? logger : undefined;
  const logAccepted = options.accepted !== false;

  const summarise = (request: GuardRequest) => {
    const status = statusOf(request.response);
    // a protection may refuse with a success status (a CORS preflight from a foreign origin gets 204)
    const refused = typeof request.internal[INTERNAL_REJECTED_BY] === 'string';
    if (!refused && (status === undefined || status < 400)) {
      if (logAccepted) logger.event({ type: 'request.accepted', level: 'info', status, ...requestFields(request) }, request);
    } else if (status === undefined || status < 500) {
      logger.event({ type: 'request.rejected', level: 'warn', status, ...requestFields(request) }, request);
    } else if (request.internal[INTERNAL_ERROR_LOGGED] === undefined) {
      logger.event({ type: 'error.unhandled', level: 'error', message: 'server error response', status, ...requestFields(request) }, request);
    }
  };

  return {
    logger,
    before(request) {
      if (request.internal[INTERNAL_START] === undefined) request.internal[INTERNAL_START] = performance.now();
      bindable?.bindInvocation(request.context);
    },
    after(request) {
      summarise(request);
      bindable?.bindInvocation(undefined);
    },
    onError(request) {
      if (request.response !== undefined) {
        summarise(request);
      } else {
        const error = request.error;
        const status = errorStatus(error);
        if (status !== undefined && status < 500) {
          // async rejections (validation of a queue record) travel as errors so Lambda retries them
          logger.event({ type: 'request.rejected', level: 'warn', status, errorName: error instanceof Error ? error.name : typeof error, ...requestFields(request) }, request);
        } else if (request.internal[INTERNAL_ERROR_LOGGED] !== error) {
          request.internal[INTERNAL_ERROR_LOGGED] = error;
          logger.event({ type: 'error.unhandled', level: 'error', message: 'unhandled error', error, ...requestFields(request) }, request);
        }
      }
      bindable?.bindInvocation(undefined);
    },
  };
}

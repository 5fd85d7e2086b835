/**
 * SAS-10: an unhandled error must not tell the caller anything about the code, the stack or the
 * data. HTTP callers get a generic JSON error with the correlation id so support can find the log
 * line; the full error (redacted) goes to the security log. Async sources rethrow so Lambda
 * retries and the record lands in the DLQ instead of being silently dropped.
 */
import { INTERNAL_ERROR_LOGGED, isHttpRequest } from '../core/request.js';
import { type HttpResponse, jsonErrorResponse } from '../core/response.js';
import type { GuardRequest, Middleware, ProtectionOptions } from '../core/types.js';
import { defaultSecurityLogger, loggerOption } from '../log/logger.js';

export interface SafeErrorOptions extends ProtectionOptions {
  /**
   * Development only: put the error name, message and stack in the response body. Never enable
   * in production; it is the information leak this protection exists to stop.
   */
  expose?: boolean;
}

const MAX_EXPOSED_MESSAGE = 200;

/** http-errors convention: a numeric 4xx/5xx `statusCode` (or `status`) chosen by the code itself. */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = (error as { statusCode?: unknown }).statusCode ?? (error as { status?: unknown }).status;
  return typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 400 && candidate <= 599 ? candidate : undefined;
}

/** Only deliberate client errors may speak: 4xx plus `expose: true`, a string message, bounded length. */
export function exposedMessage(error: unknown, status: number): string | undefined {
  if (status >= 500 || typeof error !== 'object' || error === null) return undefined;
  const { expose, message } = error as { expose?: unknown; message?: unknown };
  if (expose !== true || typeof message !== 'string' || message.length === 0) return undefined;
  return message.length > MAX_EXPOSED_MESSAGE ? `${message.slice(0, MAX_EXPOSED_MESSAGE)}...` : message;
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error };
  return { error: { thrown: typeof error, value: error } };
}

export function safeErrorResponse(request: GuardRequest, error: unknown, options: SafeErrorOptions = {}): HttpResponse {
  const status = errorStatus(error) ?? 500;
  const requestId = typeof request.context?.awsRequestId === 'string' ? request.context.awsRequestId : undefined;
  const extra: Record<string, unknown> = {};
  const message = exposedMessage(error, status);
  if (message !== undefined) extra.message = message;
  if (options.expose) {
    const e = error instanceof Error ? error : new Error(String(error));
    extra.message = e.message;
    extra.error = { name: e.name, message: e.message, stack: e.stack?.split('\n').map((line) => line.trim()) };
  }
  return jsonErrorResponse(status, requestId, extra, { 'cache-control': 'no-store' });
}

export function safeErrors(options: SafeErrorOptions = {}): Middleware {
  const logger = loggerOption(options.logger) ?? defaultSecurityLogger();
  if (options.expose && process.env.NODE_ENV === 'production') {
    logger.log('warn', 'safe errors run with expose: true in production; error details reach callers');
  }
  return {
    onError(request) {
      // another middleware (or an earlier onError) already produced the answer
      if (request.response !== undefined) return;
      const error = request.error;
      const status = errorStatus(error) ?? 500;
      const http = isHttpRequest(request);
      // 4xx errors are rejections, summarised by the log protection; 5xx are ours to report
      if (status >= 500 && request.internal[INTERNAL_ERROR_LOGGED] !== error) {
        request.internal[INTERNAL_ERROR_LOGGED] = error;
        logger.event({ type: 'error.unhandled', level: 'error', message: 'unhandled error', status, ...describe(error) }, request);
      }
      if (!http) return;
      request.response = safeErrorResponse(request, error, options);
    },
  };
}

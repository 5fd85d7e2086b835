/**
 * The onion: `before` in order, the handler, then `after` in reverse; on error, `onError` in
 * reverse. Unlike Middy 6, a `before` that returns a response still lets the middlewares outside
 * it run their `after`, so a 401 or 429 gets security headers, CORS headers and a log line.
 */
import type { GuardRequest, Middleware } from './types.js';

export type InnerHandler = (event: unknown, context: any) => unknown;

/** Most hooks are synchronous; awaiting only real promises saves a microtask turn per hook. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

export async function runMiddlewares(request: GuardRequest, middlewares: readonly Middleware[], handler: InnerHandler): Promise<unknown> {
  let entered = 0;
  try {
    let afterFrom = middlewares.length - 1;
    let early = false;
    for (let i = 0; i < middlewares.length; i++) {
      entered = i + 1;
      const before = middlewares[i]!.before;
      if (!before) continue;
      let result = before(request);
      if (isThenable(result)) result = await result;
      if (result !== undefined) {
        request.response = result;
        afterFrom = i - 1;
        early = true;
        break;
      }
    }
    if (!early) request.response = await handler(request.event, request.context);
    for (let i = afterFrom; i >= 0; i--) {
      const after = middlewares[i]!.after;
      if (!after) continue;
      let result = after(request);
      if (isThenable(result)) result = await result;
      if (result !== undefined) {
        request.response = result;
        break;
      }
    }
    return request.response;
  } catch (error) {
    request.response = undefined;
    request.error = error;
    for (let i = entered - 1; i >= 0; i--) {
      const onError = middlewares[i]!.onError;
      if (!onError) continue;
      try {
        let result = onError(request);
        if (isThenable(result)) result = await result;
        if (result !== undefined) {
          request.response = result;
          break;
        }
      } catch (handlerError) {
        // keep the root cause reachable for the logs; the new error is what propagates
        if (typeof handlerError === 'object' && handlerError !== null && !('originalError' in handlerError)) {
          (handlerError as Record<string, unknown>).originalError = request.error;
        }
        throw handlerError;
      }
    }
    if (request.response === undefined) throw request.error;
    return request.response;
  }
}

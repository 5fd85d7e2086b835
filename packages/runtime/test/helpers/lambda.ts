/** Minimal Lambda envelopes and a Middy-like runner for exercising one middleware in tests. */
import type { GuardRequest, LambdaContextLike, Middleware } from '../../src/core/types.js';

export function httpEvent(overrides: { sourceIp?: string; headers?: Record<string, string>; cookies?: string[]; query?: Record<string, string>; authorizer?: unknown } = {}): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: 'GET /items',
    rawPath: '/items',
    headers: overrides.headers ?? {},
    ...(overrides.cookies ? { cookies: overrides.cookies } : {}),
    ...(overrides.query ? { queryStringParameters: overrides.query } : {}),
    requestContext: {
      domainName: 'abc.execute-api.eu-west-1.amazonaws.com',
      http: { method: 'GET', path: '/items', sourceIp: overrides.sourceIp ?? '203.0.113.7' },
      ...(overrides.authorizer ? { authorizer: overrides.authorizer } : {}),
    },
  };
}

export const sqsEvent = { Records: [{ eventSource: 'aws:sqs', body: '{}', messageId: '1' }] };

export function lambdaContext(extra: Record<string, unknown> = {}): LambdaContextLike {
  return { awsRequestId: 'req-1', functionName: 'fn', getRemainingTimeInMillis: () => 30_000, ...extra };
}

export interface RunResult {
  response: any;
  /** true when `before` answered and the handler never ran */
  shortCircuited: boolean;
  request: GuardRequest;
}

/** before -> handler -> after, the order Middy uses; errors from `before` propagate. */
export async function run(middleware: Middleware, event: unknown, context: LambdaContextLike = lambdaContext(), handler: (event: any, context: LambdaContextLike) => unknown = () => ({ statusCode: 200, headers: {}, body: 'ok' })): Promise<RunResult> {
  const request: GuardRequest = { event, context, response: undefined, error: undefined, internal: {} };
  const early = await middleware.before?.(request);
  if (early !== undefined) return { response: early, shortCircuited: true, request };
  request.response = await handler(request.event, request.context);
  await middleware.after?.(request);
  return { response: request.response, shortCircuited: false, request };
}

export function captureLogger() {
  const events: Array<Record<string, unknown>> = [];
  return {
    events,
    logger: {
      event: (e: Record<string, unknown>) => { events.push(e); },
      log: () => undefined,
    },
  };
}

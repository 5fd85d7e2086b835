/** HTTP responses in the shape API Gateway (v1/v2), function URLs and ALB all accept. */

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
  statusDescription?: string;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function reasonPhrase(statusCode: number): string {
  return REASONS[statusCode] ?? 'Error';
}

/** A JSON error body carrying only a generic message and the correlation id, never internals. */
export function jsonErrorResponse(
  statusCode: number,
  requestId: string | undefined,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpResponse {
  const body: Record<string, unknown> = { message: reasonPhrase(statusCode), ...extra };
  if (requestId) body.requestId = requestId;
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

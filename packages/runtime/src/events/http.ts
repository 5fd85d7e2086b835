/**
 * Reads the HTTP parts of API Gateway v1/v2, function URL and ALB events through one interface.
 * Header names are case-insensitive in HTTP but v1 and ALB keep the client's casing, so every
 * lookup here lowercases; first value wins when multi-value headers repeat a name.
 */

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function httpMethod(event: unknown): string | undefined {
  if (!isObject(event)) return undefined;
  if (typeof event.httpMethod === 'string') return event.httpMethod.toUpperCase();
  const http = isObject(event.requestContext) ? event.requestContext.http : undefined;
  return isObject(http) && typeof http.method === 'string' ? http.method.toUpperCase() : undefined;
}

export function httpPath(event: unknown): string | undefined {
  if (!isObject(event)) return undefined;
  if (typeof event.rawPath === 'string') return event.rawPath;
  if (typeof event.path === 'string') return event.path;
  return undefined;
}

export function sourceIp(event: unknown): string | undefined {
  if (!isObject(event) || !isObject(event.requestContext)) return undefined;
  const rc = event.requestContext;
  if (isObject(rc.http) && typeof rc.http.sourceIp === 'string') return rc.http.sourceIp;
  if (isObject(rc.identity) && typeof rc.identity.sourceIp === 'string') return rc.identity.sourceIp;
  return undefined;
}

/** All headers with lowercased names; string values only, so hostile shapes cannot leak through. */
export function normalizedHeaders(event: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(event)) return out;
  if (isObject(event.multiValueHeaders)) {
    for (const [name, values] of Object.entries(event.multiValueHeaders)) {
      if (Array.isArray(values) && typeof values[0] === 'string') out[name.toLowerCase()] = values[0];
    }
  }
  if (isObject(event.headers)) {
    for (const [name, value] of Object.entries(event.headers)) {
      if (typeof value === 'string') out[name.toLowerCase()] = value;
    }
  }
  return out;
}

export function header(event: unknown, name: string): string | undefined {
  if (!isObject(event)) return undefined;
  const wanted = name.toLowerCase();
  if (isObject(event.headers)) {
    for (const key in event.headers) {
      if (key.toLowerCase() === wanted) {
        const value = event.headers[key];
        if (typeof value === 'string') return value;
      }
    }
  }
  if (isObject(event.multiValueHeaders)) {
    for (const key in event.multiValueHeaders) {
      if (key.toLowerCase() === wanted) {
        const values = event.multiValueHeaders[key];
        if (Array.isArray(values) && typeof values[0] === 'string') return values[0];
      }
    }
  }
  return undefined;
}

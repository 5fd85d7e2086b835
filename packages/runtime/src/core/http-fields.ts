/**
 * Reads caller-controlled fields out of the HTTP envelopes Lambda receives (API Gateway v1/v2,
 * function URLs, ALB). Header names arrive in whatever case the client sent for v1 and ALB, so
 * every lookup is case-insensitive; v1 and ALB may also carry multi-value variants.
 */

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function getHeader(event: unknown, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const record = asRecord(event);
  const headers = asRecord(record?.headers);
  if (headers) {
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === wanted && typeof value === 'string') return value;
    }
  }
  const multi = asRecord(record?.multiValueHeaders);
  if (multi) {
    for (const [key, value] of Object.entries(multi)) {
      if (key.toLowerCase() === wanted && Array.isArray(value) && typeof value[0] === 'string') return value[0];
    }
  }
  return undefined;
}

export function getQueryParameter(event: unknown, name: string): string | undefined {
  const record = asRecord(event);
  const value = asRecord(record?.queryStringParameters)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function getCookie(event: unknown, name: string): string | undefined {
  const record = asRecord(event);
  // HTTP API v2 moves cookies out of the headers into their own array.
  const fromArray = Array.isArray(record?.cookies) ? (record.cookies as unknown[]).filter((c): c is string => typeof c === 'string') : [];
  const header = getHeader(event, 'cookie');
  const pairs = [...fromArray, ...(header ? header.split(';') : [])];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The address API Gateway or the function URL saw. For ALB the client address is only in
 * X-Forwarded-For, and ALB appends it as the last entry; anything before it is client-supplied.
 */
export function getSourceIp(event: unknown): string | undefined {
  const record = asRecord(event);
  const rc = asRecord(record?.requestContext);
  const v2 = asRecord(rc?.http)?.sourceIp;
  if (typeof v2 === 'string' && v2) return v2;
  const v1 = asRecord(rc?.identity)?.sourceIp;
  if (typeof v1 === 'string' && v1) return v1;
  if (asRecord(rc?.elb)) {
    const xff = getHeader(event, 'x-forwarded-for');
    const last = xff?.split(',').pop()?.trim();
    if (last) return last;
  }
  return undefined;
}

export function getRequestContext(event: unknown): Record<string, unknown> | undefined {
  return asRecord(asRecord(event)?.requestContext);
}

export { asRecord };

/**
 * Turns an HTTP event body into a value, refusing before any expensive work: the size is checked
 * on the encoded length first (no buffer is allocated for a 6 MB base64 string we will refuse),
 * then the media type, then JSON.parse.
 */
import { header } from '../events/http.js';
import type { FieldIssue } from './issues.js';

export interface BodyOptions {
  /** largest accepted decoded body in bytes; default 1 MiB; larger -> 413 */
  maxBytes?: number;
  /** media types accepted for a body; default JSON (`application/json`, `application/*+json`) */
  contentTypes?: readonly string[];
}

export type BodyResult =
  | { ok: true; value: unknown; bytes: number }
  | { ok: false; status: 400 | 413 | 415; issues: FieldIssue[] };

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function mediaType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  return contentType.split(';', 1)[0]!.trim().toLowerCase() || undefined;
}

export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function accepted(type: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed) return isJsonMediaType(type);
  return allowed.some((entry) => entry.toLowerCase() === type || (entry.endsWith('/*') && type.startsWith(entry.slice(0, -1).toLowerCase())));
}

function charsetOk(contentType: string): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/**
 * `mediaTypeFromHeaders: false` is for WebSocket messages, which carry no headers at all; their
 * body is parsed as JSON whenever a schema asks for it.
 */
export function readBody(event: Record<string, unknown>, options: BodyOptions = {}, mediaTypeFromHeaders = true): BodyResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const raw = event.body;
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: undefined, bytes: 0 };
  if (typeof raw !== 'string') return { ok: false, status: 400, issues: [{ field: 'body', rule: 'type' }] };
  const base64 = event.isBase64Encoded === true;
  // refuse on the encoded length alone when it already proves the decoded size is too big
  const lowerBound = base64 ? Math.floor((raw.length * 3) / 4) - 2 : raw.length;
  if (lowerBound > maxBytes) return { ok: false, status: 413, issues: [{ field: 'body', rule: 'maxBytes' }] };
  let text: string;
  let bytes: number;
  if (base64) {
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(raw)) return { ok: false, status: 400, issues: [{ field: 'body', rule: 'base64' }] };
    const buffer = Buffer.from(raw, 'base64');
    bytes = buffer.byteLength;
    text = buffer.toString('utf8');
  } else {
    text = raw;
    bytes = Buffer.byteLength(raw, 'utf8');
  }
  if (bytes > maxBytes) return { ok: false, status: 413, issues: [{ field: 'body', rule: 'maxBytes' }] };

  if (!mediaTypeFromHeaders) {
    try {
      return { ok: true, value: JSON.parse(text), bytes };
    } catch {
      return { ok: false, status: 400, issues: [{ field: 'body', rule: 'json' }] };
    }
  }
  const contentType = header(event, 'content-type');
  const type = mediaType(contentType);
  if (!type || !accepted(type, options.contentTypes) || !charsetOk(contentType ?? '')) {
    return { ok: false, status: 415, issues: [{ field: 'headers.content-type', rule: 'contentType' }] };
  }
  if (!isJsonMediaType(type)) return { ok: true, value: text, bytes };
  try {
    return { ok: true, value: JSON.parse(text), bytes };
  } catch {
    return { ok: false, status: 400, issues: [{ field: 'body', rule: 'json' }] };
  }
}

/**
 * Turns anything a caller hands the logger into a bounded, JSON-safe, redacted tree. Logging
 * runs on the error path, so it must never throw: cycles, throwing getters, BigInt, huge arrays
 * and deep nesting all degrade to markers instead of exceptions or multi-megabyte lines.
 */
import { PathMatcher, type PathState, REDACTED, isSecretKey, redactValue } from './redact.js';

export interface SanitizeLimits {
  maxDepth: number;
  maxKeys: number;
  maxArray: number;
  maxString: number;
  /** total nodes visited per call, bounds CPU on pathological inputs */
  maxNodes: number;
}

export const DEFAULT_LIMITS: SanitizeLimits = { maxDepth: 8, maxKeys: 64, maxArray: 64, maxString: 2048, maxNodes: 2000 };

interface Walk {
  matcher: PathMatcher;
  limits: SanitizeLimits;
  seen: Set<object>;
  nodes: number;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...[${text.length - max} more chars]` : text;
}

function errorFields(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  if (typeof error.stack === 'string') out.stack = error.stack;
  const extra = error as unknown as Record<string, unknown>;
  for (const key of ['code', 'statusCode', 'status', 'cause']) {
    if (extra[key] !== undefined) out[key] = extra[key];
  }
  return out;
}

function walk(value: unknown, state: PathState, depth: number, ctx: Walk): unknown {
  if (++ctx.nodes > ctx.limits.maxNodes) return '[Truncated]';
  switch (typeof value) {
    // redact with some slack past the cut, so a secret straddling it is still recognised whole
    case 'string': return truncate(redactValue(value.length > ctx.limits.maxString + 1024 ? value.slice(0, ctx.limits.maxString + 1024) : value), ctx.limits.maxString);
    case 'number': return Number.isFinite(value) ? value : String(value);
    case 'boolean': return value;
    case 'bigint': return value.toString();
    case 'undefined': return undefined;
    case 'symbol': return value.toString();
    case 'function': return '[Function]';
  }
  if (value === null) return null;
  const object = value as object;
  if (ctx.seen.has(object)) return '[Circular]';
  if (depth >= ctx.limits.maxDepth) return Array.isArray(object) ? '[Array]' : '[Object]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (Buffer.isBuffer(object) || ArrayBuffer.isView(object)) return `[Binary ${(object as ArrayBufferView).byteLength} bytes]`;
  if (object instanceof Map || object instanceof Set) return `[${object.constructor.name} size=${object.size}]`;

  ctx.seen.add(object);
  try {
    if (Array.isArray(object)) {
      const length = Math.min(object.length, ctx.limits.maxArray);
      const out: unknown[] = new Array(length);
      for (let i = 0; i < length; i++) out[i] = child(object, i, state, depth, ctx);
      if (object.length > length) out.push(`[${object.length - length} more items]`);
      return out;
    }
    const source = object instanceof Error ? errorFields(object) : object;
    const out: Record<string, unknown> = {};
    let count = 0;
    let keys: string[];
    try {
      keys = Object.keys(source);
    } catch {
      return '[Unreadable]';
    }
    for (const key of keys) {
      if (count++ >= ctx.limits.maxKeys) {
        out['[more keys]'] = keys.length - ctx.limits.maxKeys;
        break;
      }
      const v = child(source, key, state, depth, ctx);
      if (v !== undefined) out[key] = v;
    }
    return out;
  } finally {
    ctx.seen.delete(object);
  }
}

function child(parent: object, key: string | number, state: PathState, depth: number, ctx: Walk): unknown {
  let childState: PathState = state;
  if (state.length > 0) {
    const step = ctx.matcher.step(state, key);
    if (step === true) return REDACTED;
    childState = step;
  }
  if (typeof key === 'string' && isSecretKey(key)) return REDACTED;
  let value: unknown;
  try {
    value = (parent as Record<string | number, unknown>)[key];
  } catch {
    return '[Throws]';
  }
  return walk(value, childState, depth + 1, ctx);
}

export function sanitize(value: unknown, matcher: PathMatcher, limits: SanitizeLimits = DEFAULT_LIMITS): unknown {
  return walk(value, matcher.initial, 0, { matcher, limits, seen: new Set(), nodes: 0 });
}

/** Sanitizes each top-level field of a log record; configured paths are rooted at the record. */
export function sanitizeFields(fields: Record<string, unknown>, matcher: PathMatcher, limits: SanitizeLimits = DEFAULT_LIMITS): Record<string, unknown> {
  const result = sanitize(fields, matcher, limits);
  return typeof result === 'object' && result !== null && !Array.isArray(result) ? (result as Record<string, unknown>) : { value: result };
}

/**
 * Writes the sanitised top-level fields of `source` straight into `target` (the log record),
 * skipping `skip` keys and renaming `reserved` ones to `field_<key>` so input cannot overwrite
 * the record's own fields. Saves the intermediate copies on the per-request logging path.
 */
export function sanitizeInto(
  target: Record<string, unknown>,
  source: object,
  matcher: PathMatcher,
  limits: SanitizeLimits,
  skip: ReadonlySet<string>,
  reserved: ReadonlySet<string>,
): void {
  const ctx: Walk = { matcher, limits, seen: new Set([source]), nodes: 0 };
  let keys: string[];
  try {
    keys = Object.keys(source);
  } catch {
    target['[fields]'] = '[Unreadable]';
    return;
  }
  let count = 0;
  for (const key of keys) {
    if (skip.has(key)) continue;
    if (count++ >= limits.maxKeys) {
      target['[more keys]'] = keys.length - limits.maxKeys;
      break;
    }
    const value = child(source, key, matcher.initial, 0, ctx);
    if (value !== undefined) target[reserved.has(key) ? `field_${key}` : key] = value;
  }
}

/**
 * Prototype pollution: a key path that walks into `__proto__` or `constructor.prototype`, in
 * an object key, a bracketed or dotted parameter name (`a[__proto__][x]`, `__proto__.x`), or a
 * string that a query-string / path-setting library will expand into such a path.
 */
import type { Finding } from './types.js';

/** Splits `a[b].c["d"]` into its segments the way qs-style parsers do. */
function segments(key: string): string[] {
  return key.split(/[.[\]"']+/).map((s) => s.trim()).filter(Boolean);
}

export function detectProtoKey(key: string): Finding | undefined {
  const parts = segments(key);
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '__proto__') return { rule: 'proto.proto-key', at: 0 };
    if (parts[i] === 'constructor' && parts[i + 1] === 'prototype') return { rule: 'proto.constructor-prototype', at: 0 };
  }
  return undefined;
}

/** `constructor` as an object key followed by a `prototype` key in its value. */
export function isConstructorPrototype(parentKey: string | undefined, key: string): boolean {
  return parentKey === 'constructor' && key === 'prototype';
}

/** Can `detectProto` find anything? Both of its words contain `proto`. */
export function mayContainProto(value: string): boolean {
  return value.length >= 9 && value.includes('proto');
}

export function detectProto(value: string): Finding | undefined {
  if (value.length < 9 || !(value.includes('__proto__') || value.includes('prototype'))) return undefined;
  if (/(?:^|[^\w$])__proto__(?=$|[^\w$])/.test(value)) return { rule: 'proto.proto-key', at: value.indexOf('__proto__') };
  if (/(?:^|[^\w$])constructor\s*(?:\.\s*|\[\s*["']?)prototype\b/.test(value)) return { rule: 'proto.constructor-prototype', at: 0 };
  if (/["']constructor["']\s*:\s*\{\s*["']prototype["']\s*:/.test(value)) return { rule: 'proto.constructor-prototype', at: 0 };
  return undefined;
}

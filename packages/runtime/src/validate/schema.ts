/**
 * One interface over the two schema styles users bring: JSON Schema (compiled by ajv, loaded
 * lazily so a handler that never validates never pays ajv's import) and zod-like objects
 * (anything with `safeParse`). Compiled validators are cached per schema object.
 */
import { type FieldIssue, MAX_ISSUES, fieldPath, safeRule } from './issues.js';

export interface SafeParseSchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code?: unknown }> } };
}

export type JsonSchema = Record<string, unknown> | boolean;
export type Schema = SafeParseSchema | JsonSchema;

export type CheckResult = { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] };
export type Checker = (value: unknown, root: string) => CheckResult;

/** The subset of an Ajv instance we use, so callers can pass their own (e.g. with ajv-formats). */
export interface AjvLike {
  compile(schema: unknown): AjvValidate;
}
export interface AjvValidate {
  (value: unknown): boolean;
  errors?: ReadonlyArray<{ instancePath: string; keyword: string; params?: Record<string, unknown> }> | null;
}

export function isSafeParseSchema(schema: unknown): schema is SafeParseSchema {
  return typeof schema === 'object' && schema !== null && typeof (schema as SafeParseSchema).safeParse === 'function';
}

let defaultAjv: Promise<AjvLike> | undefined;

/**
 * allErrors stays off: with it, a crafted document makes ajv walk and report every failure,
 * which turns validation into a CPU amplifier; the first failing field is enough for a 400.
 * `$data` stays off too (CVE-2025-69873: runtime regexes from the payload).
 */
export function loadDefaultAjv(): Promise<AjvLike> {
  defaultAjv ??= import('ajv').then((mod) => {
    const Ajv = (mod.default ?? mod) as unknown as new (options: Record<string, unknown>) => AjvLike;
    return new Ajv({ allErrors: false, strictSchema: true, strictNumbers: true, coerceTypes: false, useDefaults: false });
  });
  return defaultAjv;
}

const cache = new WeakMap<object, Map<AjvLike | undefined, Checker>>();

/**
 * Checkers known not to change the value they check: boolean schemas and the default ajv instance
 * (no coercion, defaults or property removal). A user's ajv or a zod transform may rewrite it.
 */
const leavesInputIntact = new WeakSet<Checker>();

export function isReadOnlyChecker(checker: Checker): boolean {
  return leavesInputIntact.has(checker);
}

function splitPointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function ajvChecker(validate: AjvValidate): Checker {
  return (value, root) => {
    if (validate(value)) return { ok: true, value };
    const issues: FieldIssue[] = [];
    for (const error of (validate.errors ?? []).slice(0, MAX_ISSUES)) {
      const segments = splitPointer(error.instancePath);
      // the missing property name comes from the schema, so it is safe to name
      if (error.keyword === 'required' && typeof error.params?.missingProperty === 'string') segments.push(error.params.missingProperty);
      issues.push({ field: fieldPath(root, segments), rule: safeRule(error.keyword) });
    }
    if (issues.length === 0) issues.push({ field: root, rule: 'invalid' });
    return { ok: false, issues };
  };
}

function safeParseChecker(schema: SafeParseSchema): Checker {
  return (value, root) => {
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, value: result.data };
    const raw = Array.isArray(result.error?.issues) ? result.error.issues : [];
    const issues = raw.slice(0, MAX_ISSUES).map((issue) => ({ field: fieldPath(root, Array.isArray(issue.path) ? issue.path : []), rule: safeRule(issue.code) }));
    if (issues.length === 0) issues.push({ field: root, rule: 'invalid' });
    return { ok: false, issues };
  };
}

/** Synchronous once the ajv instance exists, so the hot path has no await per schema. */
export function compileWith(schema: Schema, ajv: AjvLike | undefined): Checker {
  if (typeof schema !== 'object' && typeof schema !== 'boolean') throw new TypeError('validate: a schema must be a JSON Schema object or have safeParse()');
  if (typeof schema === 'boolean') {
    const checker: Checker = (value, root) => (schema ? { ok: true, value } : { ok: false, issues: [{ field: root, rule: 'false' }] });
    leavesInputIntact.add(checker);
    return checker;
  }
  if (schema === null) throw new TypeError('validate: schema is null');
  const perAjv = cache.get(schema) ?? new Map<AjvLike | undefined, Checker>();
  cache.set(schema, perAjv);
  const hit = perAjv.get(isSafeParseSchema(schema) ? undefined : ajv);
  if (hit) return hit;
  let checker: Checker;
  if (isSafeParseSchema(schema)) {
    checker = safeParseChecker(schema);
    perAjv.set(undefined, checker);
  } else {
    if (!ajv) throw new Error('validate: JSON Schema needs an ajv instance');
    try {
      checker = ajvChecker(ajv.compile(schema));
    } catch (error) {
      throw new TypeError(`validate: JSON Schema does not compile: ${(error as Error).message}`);
    }
    perAjv.set(ajv, checker);
  }
  return checker;
}

/** Loads ajv only when some schema needs it, then compiles. */
export async function compileSchema(schema: Schema, ajv?: AjvLike): Promise<Checker> {
  const needsAjv = !isSafeParseSchema(schema) && typeof schema === 'object';
  const checker = compileWith(schema, needsAjv ? (ajv ?? (await loadDefaultAjv())) : undefined);
  if (needsAjv && ajv === undefined) leavesInputIntact.add(checker);
  return checker;
}

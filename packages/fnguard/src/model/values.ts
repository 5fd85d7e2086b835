/** Small typed readers for loosely-typed template data. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `target[key] = value` as an own data property. Plain assignment is several times cheaper than
 * defineProperty, but for `__proto__` it would change the prototype instead.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The value as a list: templates accept one item where a list is expected. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** A scalar or a list of scalars, as string array (templates accept both). */
export function asStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asString).filter((v): v is string => v !== undefined);
  const single = asString(value);
  return single === undefined ? [] : [single];
}

const REFERENCE = /\$\{([^}]+)\}/g;

/**
 * Logical ids referenced by a rendered value: `${Bucket}` and `${Bucket.Arn}` give `Bucket`.
 * Pseudo parameters (`${AWS::Region}`), literals (`${!x}`) and other variable sources
 * (`${ssm:...}`, `${self:...}`) are not logical ids.
 */
export function referencedIds(rendered: string): string[] {
  const ids = new Set<string>();
  for (const match of rendered.matchAll(REFERENCE)) {
    const body = match[1]!.trim();
    if (body.startsWith('!') || body.includes(':') || body.includes(',') || body.includes(' ')) continue;
    const id = body.split('.')[0]!;
    if (/^[A-Za-z0-9]+$/.test(id)) ids.add(id);
  }
  return [...ids];
}

/** True when the rendered value still contains a reference that could not be resolved statically. */
export function hasUnresolvedReference(rendered: string): boolean {
  REFERENCE.lastIndex = 0;
  return /\$\{[^!][^}]*\}/.test(rendered);
}

/** The keys a policy statement's `Condition` (operator -> key -> values) tests, lower-case as IAM compares them. */
export function conditionKeys(condition: unknown): string[] {
  if (!isRecord(condition)) return [];
  return Object.values(condition).flatMap((byKey) => (isRecord(byKey) ? Object.keys(byKey) : [])).map((key) => key.toLowerCase());
}

/** A policy principal of `*`, `{ AWS: '*' }` or `{ AWS: ['*', ...] }`: anyone, signed or not. */
export function isEveryonePrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  return isRecord(principal) && asStringList(principal.AWS).includes('*');
}

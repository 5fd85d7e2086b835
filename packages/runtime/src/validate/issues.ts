/**
 * What a caller may learn about why input was refused: where (a field path built only from
 * safe-looking segments) and which rule failed. Never the value, never a library's message
 * (ajv and zod messages can quote the input, and unknown keys are attacker-chosen).
 */

export interface FieldIssue {
  /** e.g. `body.items.0.price`; segments that do not look like identifiers become `*` */
  field: string;
  /** the failing rule: `type`, `required`, `json`, `additionalProperties`, `envelope`... */
  rule: string;
}

export const MAX_ISSUES = 20;
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const SAFE_RULE = /^[A-Za-z0-9_-]{1,40}$/;

export function fieldPath(root: string, segments: ReadonlyArray<string | number | symbol>): string {
  let path = root;
  for (const segment of segments.slice(0, 16)) {
    const text = typeof segment === 'number' ? String(segment) : typeof segment === 'string' ? segment : '';
    path += `.${SAFE_SEGMENT.test(text) ? text : '*'}`;
  }
  return path;
}

export function safeRule(rule: unknown): string {
  return typeof rule === 'string' && SAFE_RULE.test(rule) ? rule : 'invalid';
}

/** Thrown for async sources so Lambda retries the batch and the record can reach the DLQ. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly expose = true;
  constructor(readonly statusCode: number, readonly issues: readonly FieldIssue[], message = 'event failed validation') {
    super(message);
  }
}

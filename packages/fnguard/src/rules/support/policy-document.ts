/**
 * Reading raw resource-policy documents (bucket, queue, topic policies) as written in templates:
 * single values may stand for arrays, and unresolved values may appear as `${Id}` strings or
 * `{ Ref }` objects.
 */
import { asStringList, conditionKeys, isRecord } from '../../model/values.js';
import { referencedId } from './model-queries.js';

export interface RawStatement {
  effect: string;
  principal: unknown;
  actions: string[];
  conditionKeys: string[];
  /** the Condition block as written: operator -> key -> value(s) */
  condition: unknown;
}

export function rawStatements(document: unknown): RawStatement[] {
  if (!isRecord(document)) return [];
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.filter(isRecord).map((statement) => ({
    effect: typeof statement.Effect === 'string' ? statement.Effect : '',
    principal: statement.Principal,
    actions: asStringList(statement.Action).map((action) => action.toLowerCase()),
    conditionKeys: conditionKeys(statement.Condition),
    condition: statement.Condition,
  }));
}

/** The logical id behind `!Ref X`, `${X}` or `${X.Arn}`, or the literal text. */
export function referencedName(value: unknown): string | undefined {
  return referencedId(value) ?? (typeof value === 'string' ? value : undefined);
}

/**
 * Turns a policy document as written (single values or lists, any casing of actions,
 * intrinsics in resources) into the model's normalized IamStatement list.
 */
import type { ValueRenderer } from '../loaders/cloudformation/template.js';
import type { IamEffect, IamStatement, SourceLocation } from './types.js';
import { isRecord } from './values.js';

export type StatementLocator = SourceLocation | ((index: number) => SourceLocation);

/** IAM action names are case-insensitive; the model keeps them lower-cased. */
export function normalizePolicyActions(value: unknown, renderer: ValueRenderer): string[] {
  return renderer.renderList(value).map((action) => action.trim().toLowerCase()).filter((action) => action !== '');
}

function normalizePrincipal(value: unknown, renderer: ValueRenderer): IamStatement['Principal'] {
  const resolved = renderer.resolve(value);
  if (resolved === '*') return '*';
  if (!isRecord(resolved)) {
    const rendered = renderer.render(resolved);
    return rendered === undefined ? undefined : { AWS: [rendered] };
  }
  const out: Record<string, string[]> = {};
  for (const [kind, principals] of Object.entries(resolved)) out[kind] = renderer.renderList(principals);
  return out;
}

function normalizeCondition(value: unknown, renderer: ValueRenderer): IamStatement['Condition'] {
  const resolved = renderer.resolve(value);
  if (!isRecord(resolved)) return undefined;
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, entries] of Object.entries(resolved)) {
    if (!isRecord(entries)) continue;
    const keys: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(entries)) keys[key] = renderer.renderList(values);
    out[operator] = keys;
  }
  return out;
}

function statementList(document: unknown, renderer: ValueRenderer): unknown[] {
  const resolved = renderer.resolve(document);
  if (Array.isArray(resolved)) return resolved;
  if (isRecord(resolved)) {
    if ('Statement' in resolved) {
      const statements = resolved.Statement;
      return Array.isArray(statements) ? statements : [statements];
    }
    if ('Effect' in resolved || 'Action' in resolved || 'NotAction' in resolved) return [resolved];
  }
  return [];
}

/**
 * Normalizes a policy document (`{Statement: [...]}`, a bare statement list or one statement).
 * Malformed statements are skipped and reported through `warn`.
 */
export function normalizeStatements(
  document: unknown,
  renderer: ValueRenderer,
  origin: string,
  location: StatementLocator,
  warn?: (message: string) => void,
): IamStatement[] {
  const out: IamStatement[] = [];
  statementList(document, renderer).forEach((raw, index) => {
    if (!isRecord(raw)) {
      warn?.(`${origin}: statement ${index} is not a mapping`);
      return;
    }
    const effect = renderer.render(raw.Effect);
    if (effect !== 'Allow' && effect !== 'Deny') {
      warn?.(`${origin}: statement ${index} has Effect ${JSON.stringify(effect ?? null)}, expected Allow or Deny`);
      return;
    }
    const statement: IamStatement = {
      Effect: effect as IamEffect,
      origin,
      location: typeof location === 'function' ? location(index) : location,
    };
    const sid = renderer.render(raw.Sid);
    if (sid !== undefined) statement.Sid = sid;
    if ('Action' in raw) statement.Action = normalizePolicyActions(raw.Action, renderer);
    if ('NotAction' in raw) statement.NotAction = normalizePolicyActions(raw.NotAction, renderer);
    if ('Resource' in raw) statement.Resource = renderer.renderList(raw.Resource);
    if ('NotResource' in raw) statement.NotResource = renderer.renderList(raw.NotResource);
    if ('Principal' in raw) {
      const principal = normalizePrincipal(raw.Principal, renderer);
      if (principal !== undefined) statement.Principal = principal;
    }
    if ('NotPrincipal' in raw) {
      const principal = normalizePrincipal(raw.NotPrincipal, renderer);
      if (principal !== undefined) statement.NotPrincipal = principal;
    }
    if ('Condition' in raw) {
      const condition = normalizeCondition(raw.Condition, renderer);
      if (condition !== undefined) statement.Condition = condition;
    }
    if (!statement.Action && !statement.NotAction) warn?.(`${origin}: statement ${index} has neither Action nor NotAction`);
    out.push(statement);
  });
  return out;
}

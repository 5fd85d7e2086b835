/**
 * The set of actions a statement covers. `*` and NotAction are kept symbolic so that
 * answering "does this role have iam:PassRole?" never needs the whole catalogue in memory;
 * enumeration is available on demand (enumerateActions) when it is.
 */
import type { IamCatalog } from './catalog.js';
import { actionPatternMatches } from './patterns.js';

export type ActionSet =
  | { kind: 'all' }
  | { kind: 'listed'; actions: ReadonlySet<string> }
  /** NotAction: everything, including actions unknown to the catalogue, except these patterns */
  | { kind: 'all-except'; patterns: readonly string[] };

export function actionSetHas(set: ActionSet, action: string): boolean {
  const id = action.toLowerCase();
  switch (set.kind) {
    case 'all':
      return true;
    case 'listed':
      return set.actions.has(id);
    case 'all-except':
      return !set.patterns.some((pattern) => actionPatternMatches(pattern, id));
  }
}

/** Concrete catalogue actions in the set; `all`/`all-except` need the full catalogue loaded. */
export function enumerateActions(set: ActionSet, catalog: IamCatalog): readonly string[] {
  switch (set.kind) {
    case 'listed':
      return [...set.actions];
    case 'all':
      return catalog.allActions();
    case 'all-except':
      return catalog.allActions().filter((action) => actionSetHas(set, action));
  }
}

/**
 * Services for which the set grants at least one action; `'*'` stands for "every service",
 * including ones the catalogue does not know yet.
 */
export function servicesOf(set: ActionSet): string[] {
  if (set.kind !== 'listed') return ['*'];
  return [...new Set([...set.actions].map((action) => action.split(':')[0] ?? ''))].sort();
}

/**
 * Compares the oracle's facts with the model's: every (function, fact) pair found on either
 * side agrees when both sides have it. Disagreements are grouped into classes (category,
 * which side lacks it, and the fact's family) to show where the expansion differs.
 */
import { CATEGORIES, type FactCategory, type TemplateFacts } from './facts.js';

export interface Tally {
  agree: number;
  total: number;
}

export interface Disagreement {
  template: string;
  functionId: string;
  category: FactCategory;
  /** `oracle-only`: the translator grants/creates it and fnguard misses it; `model-only`: the reverse */
  side: 'oracle-only' | 'model-only';
  fact: string;
}

export interface Comparison {
  tallies: Record<FactCategory, Tally>;
  disagreements: Disagreement[];
}

export function emptyComparison(): Comparison {
  return { tallies: { actions: { agree: 0, total: 0 }, resources: { agree: 0, total: 0 }, triggers: { agree: 0, total: 0 } }, disagreements: [] };
}

/** Adds one template's facts to `into`. A function only one side knows counts all its facts against. */
export function compareFacts(template: string, oracle: TemplateFacts, model: TemplateFacts, into: Comparison): void {
  const ids = new Set([...oracle.keys(), ...model.keys()]);
  for (const functionId of ids) {
    for (const category of CATEGORIES) {
      const expected = oracle.get(functionId)?.[category] ?? new Set<string>();
      const actual = model.get(functionId)?.[category] ?? new Set<string>();
      const tally = into.tallies[category];
      for (const fact of new Set([...expected, ...actual])) {
        tally.total += 1;
        if (expected.has(fact) && actual.has(fact)) tally.agree += 1;
        else into.disagreements.push({ template, functionId, category, side: expected.has(fact) ? 'oracle-only' : 'model-only', fact });
      }
    }
  }
}

/** The family of a fact, for grouping: the service of an action, the kind of a trigger, a resource's service. */
export function factFamily(category: FactCategory, fact: string): string {
  if (category === 'actions') return fact.startsWith('managed ') ? 'managed policy' : fact.replace(/^deny /, '').split(':')[0] ?? fact;
  if (category === 'triggers') return fact.split(' ')[0] ?? fact;
  const arn = /^arn:[^:]*:([^:]*):/.exec(fact);
  return arn ? arn[1]! : fact.startsWith('${') ? 'reference' : fact === '*' ? '*' : 'other';
}

export interface DisagreementClass {
  name: string;
  count: number;
  examples: string[];
}

export function classify(disagreements: Disagreement[], limit = 10): DisagreementClass[] {
  const classes = new Map<string, DisagreementClass>();
  for (const d of disagreements) {
    const name = `${d.category} ${d.side} ${factFamily(d.category, d.fact)}`;
    const entry = classes.get(name) ?? { name, count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < 3) entry.examples.push(`${d.template}:${d.functionId}: ${d.fact}`);
    classes.set(name, entry);
  }
  return [...classes.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, limit);
}

export function percent(tally: Tally): number {
  return tally.total === 0 ? 100 : (100 * tally.agree) / tally.total;
}

export function overall(comparison: Comparison): Tally {
  return CATEGORIES.reduce((sum, c) => ({ agree: sum.agree + comparison.tallies[c].agree, total: sum.total + comparison.tallies[c].total }), { agree: 0, total: 0 });
}

import { describe, expect, it } from 'vitest';
import { classify, compareFacts, emptyComparison, overall, percent } from './compare.js';
import { emptyFacts, type TemplateFacts } from './facts.js';

function facts(actions: string[], triggers: string[] = []): TemplateFacts {
  const f = emptyFacts();
  actions.forEach((a) => f.actions.add(a));
  triggers.forEach((t) => f.triggers.add(t));
  return new Map([['Fn', f]]);
}

describe('compareFacts', () => {
  it('counts a pair as agreeing only when both sides have it', () => {
    const comparison = emptyComparison();
    compareFacts('t', facts(['s3:getobject', 'sqs:sendmessage'], ['sqs Q']), facts(['s3:getobject', 'sns:publish'], ['sqs Q']), comparison);
    expect(comparison.tallies.actions).toEqual({ agree: 1, total: 3 });
    expect(comparison.tallies.triggers).toEqual({ agree: 1, total: 1 });
    expect(overall(comparison)).toEqual({ agree: 2, total: 4 });
    expect(percent(overall(comparison))).toBe(50);
    expect(comparison.disagreements.map((d) => [d.side, d.fact])).toEqual([['oracle-only', 'sqs:sendmessage'], ['model-only', 'sns:publish']]);
  });

  it('counts every fact of a function only one side knows as a disagreement', () => {
    const comparison = emptyComparison();
    compareFacts('t', facts(['s3:getobject']), new Map(), comparison);
    expect(comparison.tallies.actions).toEqual({ agree: 0, total: 1 });
  });

  it('groups disagreements into classes, largest first', () => {
    const comparison = emptyComparison();
    compareFacts('t', facts(['s3:getobject', 's3:putobject', 'managed arn:aws:iam::aws:policy/X']), facts([]), comparison);
    expect(classify(comparison.disagreements).map((c) => [c.name, c.count])).toEqual([
      ['actions oracle-only s3', 2], ['actions oracle-only managed policy', 1],
    ]);
  });

  it('reports 100% when there is nothing to compare', () => {
    expect(percent({ agree: 0, total: 0 })).toBe(100);
  });
});

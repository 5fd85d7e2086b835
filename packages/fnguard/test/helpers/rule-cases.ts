/**
 * The ESLint / cdk-nag test shape: `valid` apps must produce no hit, `invalid` apps must
 * produce exactly the expected hits.
 */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../src/findings/types.js';
import type { App } from '../../src/model/types.js';
import type { Rule, RuleHit } from '../../src/rules/rule.js';

export interface ExpectedHit {
  /** substrings the message must contain */
  message?: string[];
  severity?: Severity;
  function?: string;
  resource?: string;
  line?: number;
  evidence?: string[];
  /** substrings the evidence must not contain (secrets) */
  evidenceExcludes?: string[];
}

export interface RuleCases {
  valid: Array<{ name: string; app: App }>;
  invalid: Array<{ name: string; app: App; hits: ExpectedHit[] }>;
}

function checkHit(rule: Rule, hit: RuleHit, expected: ExpectedHit): void {
  for (const part of expected.message ?? []) expect(hit.message).toContain(part);
  expect(hit.severity ?? rule.severity).toBe(expected.severity ?? rule.severity);
  if (expected.function !== undefined) expect(hit.function).toBe(expected.function);
  if (expected.resource !== undefined) expect(hit.resource).toBe(expected.resource);
  if (expected.line !== undefined) expect(hit.location.line).toBe(expected.line);
  for (const part of expected.evidence ?? []) expect(hit.evidence ?? '').toContain(part);
  for (const part of expected.evidenceExcludes ?? []) expect(hit.evidence ?? '').not.toContain(part);
}

export function testRule(rule: Rule, cases: RuleCases): void {
  describe(rule.id, () => {
    it('has complete metadata', () => {
      for (const field of [rule.title, rule.description, rule.remediation, rule.cwe]) expect(field.trim()).not.toBe('');
      expect(rule.cwe).toMatch(/^CWE-\d+$/);
      expect(rule.fix.sam?.trim()).toBeTruthy();
      expect(rule.fix.serverless?.trim()).toBeTruthy();
    });
    it('has valid and invalid cases', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const { name, app } of cases.valid) {
      it(`valid: ${name}`, () => {
        expect(rule.check(app)).toEqual([]);
      });
    }
    for (const { name, app, hits } of cases.invalid) {
      it(`invalid: ${name}`, () => {
        const actual = rule.check(app);
        expect(actual).toHaveLength(hits.length);
        hits.forEach((expected, index) => checkHit(rule, actual[index]!, expected));
      });
    }
  });
}

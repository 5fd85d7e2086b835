import type { App, SourceLocation } from '../model/types.js';
import type { RuleMeta, Severity } from '../findings/types.js';

/** What a rule's check reports; the engine turns hits into findings (fingerprint, metadata). */
export interface RuleHit {
  message: string;
  location: SourceLocation;
  /** function id the hit concerns */
  function?: string;
  /** logical id of the resource the hit concerns */
  resource?: string;
  evidence?: string;
  /** raise or lower the rule's default severity for this hit (exposure, narrowing conditions) */
  severity?: Severity;
  /** distinguishes several hits of one rule on one function/resource, for the fingerprint (e.g. a statement's action) */
  key?: string;
}

/** How often a hit is a true positive (SARIF `precision`); heuristics say so. Defaults to `high` (`precisionOf`). */
export type RulePrecision = 'very-high' | 'high' | 'medium' | 'low';

/** Reference data a rule reads; the scanner loads it (asynchronously) before rules run. */
export type RuleData = 'iam-catalog';

export interface Rule extends RuleMeta {
  precision?: RulePrecision;
  requires?: readonly RuleData[];
  /** pure: no file access, no globals, no ordering assumptions */
  check(app: App): RuleHit[];
}

export function precisionOf(rule: Rule): RulePrecision {
  return rule.precision ?? 'high';
}

export function rule(definition: Rule): Rule {
  return Object.freeze(definition);
}

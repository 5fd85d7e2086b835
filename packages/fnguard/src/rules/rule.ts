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

export interface Rule extends RuleMeta {
  /** pure: no file access, no globals, no ordering assumptions */
  check(app: App): RuleHit[];
}

export function rule(definition: Rule): Rule {
  return Object.freeze(definition);
}

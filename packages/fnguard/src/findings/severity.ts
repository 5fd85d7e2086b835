import { SEVERITIES, type Severity } from './types.js';

/** 0 = most severe; used for sorting and for the --fail-on threshold. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** true when `severity` is as severe as `threshold` or more */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function countBySeverity(items: ReadonlyArray<{ severity: Severity }>): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const item of items) counts[item.severity] += 1;
  return counts;
}

/** GitHub code scanning buckets: >= 9 critical, >= 7 high, >= 4 medium, else low. */
export const SECURITY_SEVERITY_SCORE: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

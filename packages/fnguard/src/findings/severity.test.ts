import { describe, expect, it } from 'vitest';
import { atOrAbove, countBySeverity, isSeverity, severityRank } from './severity.js';

describe('severity helpers', () => {
  it('ranks critical first and info last', () => {
    expect(severityRank('critical')).toBe(0);
    expect(severityRank('info')).toBe(4);
  });
  it('compares against a threshold', () => {
    expect(atOrAbove('high', 'low')).toBe(true);
    expect(atOrAbove('low', 'low')).toBe(true);
    expect(atOrAbove('info', 'low')).toBe(false);
    expect(atOrAbove('medium', 'high')).toBe(false);
  });
  it('recognises only the five severities', () => {
    expect(isSeverity('medium')).toBe(true);
    expect(isSeverity('Medium')).toBe(false);
    expect(isSeverity('none')).toBe(false);
  });
  it('counts every severity, zero included', () => {
    expect(countBySeverity([{ severity: 'high' }, { severity: 'high' }, { severity: 'info' }])).toEqual({ critical: 0, high: 2, medium: 0, low: 0, info: 1 });
  });
});

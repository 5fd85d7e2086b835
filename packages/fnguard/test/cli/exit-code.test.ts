import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli/scan.js';
import type { Severity } from '../../src/findings/types.js';
import { fixtureScan } from '../helpers/scan-fixture.js';

function withSeverities(...severities: Severity[]) {
  const base = fixtureScan();
  const template = base.findings[0]!;
  return { ...base, findings: severities.map((severity, index) => ({ ...template, severity, fingerprint: String(index) })) };
}

describe('exitCodeFor', () => {
  it('never fails on info findings at the default threshold', () => {
    expect(exitCodeFor(withSeverities('info', 'info'), 'low')).toBe(0);
    expect(exitCodeFor(withSeverities('info', 'low'), 'low')).toBe(1);
  });
  it('fails at or above the threshold only', () => {
    expect(exitCodeFor(withSeverities('medium'), 'high')).toBe(0);
    expect(exitCodeFor(withSeverities('medium', 'critical'), 'critical')).toBe(1);
    expect(exitCodeFor(withSeverities('info'), 'info')).toBe(1);
  });
  it('never fails with none, nor without findings', () => {
    expect(exitCodeFor(withSeverities('critical'), 'none')).toBe(0);
    expect(exitCodeFor(withSeverities(), 'info')).toBe(0);
  });
});

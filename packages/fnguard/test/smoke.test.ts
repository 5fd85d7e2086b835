import { describe, expect, it } from 'vitest';
import { rule } from '../src/rules/rule.js';

describe('toolchain', () => {
  it('runs TypeScript tests against the sources', () => {
    const r = rule({
      id: 'FG-TEST-000', title: 't', description: 'd', severity: 'low', sas: 'SAS-3', cwe: 'CWE-1',
      profile: 'strict', peers: {}, remediation: 'r', fix: {}, check: () => [],
    });
    expect(Object.isFrozen(r)).toBe(true);
  });
});

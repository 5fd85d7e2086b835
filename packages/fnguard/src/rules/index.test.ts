import { describe, expect, it } from 'vitest';
import { SAS_TITLES, SEVERITIES } from '../findings/types.js';
import { findRule, RULES } from './index.js';

describe('rule registry', () => {
  it('has unique, well-formed ids in id order', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^FG-[A-Z][A-Z0-9]*-\d{3}$/);
    expect([...ids].sort()).toEqual(ids);
  });
  it('ships the six core rules', () => {
    for (const id of ['FG-API-001', 'FG-LAMBDA-001', 'FG-IAM-001', 'FG-IAM-002', 'FG-S3-001', 'FG-SECRETS-001']) expect(findRule(id)).toBeDefined();
    expect(findRule('FG-NOPE-001')).toBeUndefined();
  });
  it('gives every rule valid metadata and only known-format peer ids', () => {
    for (const r of RULES) {
      expect(SEVERITIES).toContain(r.severity);
      expect(Object.keys(SAS_TITLES)).toContain(r.sas);
      for (const id of r.peers.checkov ?? []) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
      for (const id of r.peers.serverlessRules ?? []) expect(id).toMatch(/^([EWI]S\d{4}|E\d{4})$/);
      for (const id of r.peers.cdkNag ?? []) expect(id).toMatch(/^[A-Za-z0-9.]+-[A-Za-z0-9]+$/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { rule, type Rule } from './rule.js';
import { patternMatcher, selectRules } from './select.js';

const make = (id: string, profile: Rule['profile']) =>
  rule({ id, profile, title: 't', description: 'd', severity: 'low', sas: 'SAS-3', cwe: 'CWE-1', peers: {}, remediation: 'r', fix: {}, check: () => [] });

const ALL = [make('FG-IAM-001', 'recommended'), make('FG-IAM-002', 'recommended'), make('FG-IAM-009', 'strict'), make('FG-API-001', 'recommended'), make('FG-LAMBDA-007', 'strict')];
const ids = (rules: Rule[]) => rules.map((r) => r.id);

describe('selectRules', () => {
  it('runs only recommended rules by default', () => {
    expect(ids(selectRules(ALL).rules)).toEqual(['FG-IAM-001', 'FG-IAM-002', 'FG-API-001']);
  });
  it('runs every rule with the strict profile', () => {
    expect(ids(selectRules(ALL, { profile: 'strict' }).rules)).toHaveLength(5);
  });
  it('selects by glob within the profile', () => {
    expect(ids(selectRules(ALL, { include: ['FG-IAM-*'] }).rules)).toEqual(['FG-IAM-001', 'FG-IAM-002']);
    expect(ids(selectRules(ALL, { include: ['FG-IAM-*'], profile: 'strict' }).rules)).toEqual(['FG-IAM-001', 'FG-IAM-002', 'FG-IAM-009']);
  });
  it('selects an exact id whatever its profile', () => {
    expect(ids(selectRules(ALL, { include: ['FG-LAMBDA-007'] }).rules)).toEqual(['FG-LAMBDA-007']);
  });
  it('matches ids case-insensitively', () => {
    expect(ids(selectRules(ALL, { include: ['fg-api-001'] }).rules)).toEqual(['FG-API-001']);
  });
  it('removes skipped rules after selection', () => {
    expect(ids(selectRules(ALL, { exclude: ['FG-IAM-*'] }).rules)).toEqual(['FG-API-001']);
    expect(ids(selectRules(ALL, { include: ['FG-IAM-*'], exclude: ['FG-IAM-002'] }).rules)).toEqual(['FG-IAM-001']);
  });
  it('reports patterns that match no rule', () => {
    const { unknownPatterns } = selectRules(ALL, { include: ['FG-IAM-01', 'FG-IAM-*'], exclude: ['FG-NOPE-*'] });
    expect(unknownPatterns).toEqual(['FG-IAM-01', 'FG-NOPE-*']);
  });
});

describe('patternMatcher', () => {
  it('treats regex characters literally', () => {
    expect(patternMatcher('FG.IAM')('FGXIAM')).toBe(false);
    expect(patternMatcher('FG-?AM-1')('FG-IAM-1')).toBe(true);
  });
});

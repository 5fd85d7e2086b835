import { describe, expect, it } from 'vitest';
import { actionPatternMatches, globMatches, parseActionPattern } from './patterns.js';

describe('parseActionPattern', () => {
  it('classifies admin, service-wide and partial wildcards', () => {
    expect(parseActionPattern('*')).toMatchObject({ ok: true, pattern: { wildcard: 'admin' } });
    expect(parseActionPattern('*:*')).toMatchObject({ ok: true, pattern: { wildcard: 'admin', normalized: '*' } });
    expect(parseActionPattern('S3:*')).toMatchObject({ ok: true, pattern: { wildcard: 'service', service: 's3' } });
    expect(parseActionPattern('s3:*Object*')).toMatchObject({ ok: true, pattern: { wildcard: 'partial', serviceWildcard: false } });
    expect(parseActionPattern('*:Get*')).toMatchObject({ ok: true, pattern: { wildcard: 'partial', serviceWildcard: true } });
    expect(parseActionPattern('iam:PassRole')).toEqual({
      ok: true,
      pattern: { normalized: 'iam:passrole', service: 'iam', action: 'passrole', serviceWildcard: false },
    });
  });

  it('parses each distinct text once and keeps distinct texts apart', () => {
    expect(parseActionPattern('s3:Get*')).toBe(parseActionPattern('s3:Get*'));
    expect(parseActionPattern('s3:get*')).toEqual(parseActionPattern('s3:Get*'));
    expect(parseActionPattern('s3:get*')).not.toBe(parseActionPattern('s3:Get*'));
    expect(parseActionPattern('s3:')).toEqual(parseActionPattern('s3:'));
  });

  it('rejects malformed patterns with a reason instead of throwing', () => {
    expect(parseActionPattern('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseActionPattern('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseActionPattern('getobject')).toEqual({ ok: false, problem: 'no-service' });
    expect(parseActionPattern('s3:get:object')).toEqual({ ok: false, problem: 'too-many-colons' });
    expect(parseActionPattern('s3:Get Object')).toEqual({ ok: false, problem: 'bad-characters' });
    expect(parseActionPattern('../x:y')).toEqual({ ok: false, problem: 'bad-characters' });
    expect(parseActionPattern('${Action}')).toEqual({ ok: false, problem: 'unresolved' });
  });
});

describe('glob matching', () => {
  it('treats * and ? as the only metacharacters', () => {
    expect(globMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/y')).toBe(true);
    expect(globMatches('a.c', 'abc')).toBe(false);
    expect(globMatches('a?c', 'abc')).toBe(true);
    expect(globMatches('a(b)+', 'a(b)+')).toBe(true);
  });

  it('matches actions case-insensitively and never matches with a malformed pattern', () => {
    expect(actionPatternMatches('S3:Get*', 's3:getobject')).toBe(true);
    expect(actionPatternMatches('s3:*Object*', 's3:putobjectacl')).toBe(true);
    expect(actionPatternMatches('s3:*Object*', 's3:listbucket')).toBe(false);
    expect(actionPatternMatches('*', 'anything:atall')).toBe(true);
    expect(actionPatternMatches('getobject', 's3:getobject')).toBe(false);
  });
});

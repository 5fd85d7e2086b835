import { describe, expect, it } from 'vitest';
import { asList, asStringList, conditionKeys, isEveryonePrincipal, setOwn } from './values.js';

describe('asList', () => {
  it('wraps one item, keeps a list, and treats absence as empty', () => {
    expect(asList('a')).toEqual(['a']);
    expect(asList(['a', 1])).toEqual(['a', 1]);
    expect(asList(undefined)).toEqual([]);
    expect(asList(null)).toEqual([]);
    expect(asList(false)).toEqual([false]);
  });
});

describe('asStringList', () => {
  it('keeps scalars as text and drops what is not one', () => {
    expect(asStringList(['s3:GetObject', false, 3, { Ref: 'X' }])).toEqual(['s3:GetObject', 'false', '3']);
    expect(asStringList('*')).toEqual(['*']);
    expect(asStringList({ Ref: 'X' })).toEqual([]);
  });
});

describe('isEveryonePrincipal', () => {
  it('recognises the anonymous principal in each form a policy writes it', () => {
    expect(isEveryonePrincipal('*')).toBe(true);
    expect(isEveryonePrincipal({ AWS: '*' })).toBe(true);
    expect(isEveryonePrincipal({ AWS: ['arn:aws:iam::111122223333:root', '*'] })).toBe(true);
  });
  it('does not take named accounts, services or malformed values for everyone', () => {
    expect(isEveryonePrincipal({ AWS: 'arn:aws:iam::111122223333:root' })).toBe(false);
    expect(isEveryonePrincipal({ Service: '*' })).toBe(false);
    expect(isEveryonePrincipal('arn:aws:iam::111122223333:root')).toBe(false);
    expect(isEveryonePrincipal(undefined)).toBe(false);
    expect(isEveryonePrincipal(['*'])).toBe(false);
  });
});

describe('conditionKeys', () => {
  it('lists the keys under every operator, lower-cased', () => {
    expect(conditionKeys({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:PrincipalOrgID': 'o-1', 's3:prefix': 'a/' } })).toEqual(['aws:sourceip', 'aws:principalorgid', 's3:prefix']);
  });
  it('reads nothing from a missing or malformed Condition', () => {
    expect(conditionKeys(undefined)).toEqual([]);
    expect(conditionKeys('aws:SourceIp')).toEqual([]);
    expect(conditionKeys({ Bool: 'true' })).toEqual([]);
  });
});

describe('setOwn', () => {
  it('stores __proto__ as data instead of changing the prototype', () => {
    const target: Record<string, unknown> = {};
    setOwn(target, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(['__proto__']);
    setOwn(target, 'a', 1);
    expect(target.a).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { type AccessLevel, isWriteLevel, maxAccessLevel, mergeAccessLevels, parseAccessLevel } from './access-level.js';

describe('access levels', () => {
  it('orders levels from List to Permissions management', () => {
    expect(maxAccessLevel('Read', 'List')).toBe('Read');
    expect(maxAccessLevel('Write', 'Permissions management')).toBe('Permissions management');
    expect(maxAccessLevel(undefined, 'Tagging')).toBe('Tagging');
    expect(maxAccessLevel(undefined, undefined)).toBeUndefined();
  });

  it('parses the merged labels of the catalogue package', () => {
    expect(parseAccessLevel('Permissions management, Write')).toBe('Permissions management');
    expect(parseAccessLevel('Tagging, Write')).toBe('Tagging');
    expect(parseAccessLevel('Write, Tagging')).toBe('Tagging');
    expect(parseAccessLevel(' read ')).toBe('Read');
    expect(parseAccessLevel('List')).toBe('List');
  });

  it('returns undefined for labels it does not know', () => {
    expect(parseAccessLevel('')).toBeUndefined();
    expect(parseAccessLevel('Sideways')).toBeUndefined();
  });

  it('answers a label the same way every time (labels are parsed once)', () => {
    for (let round = 0; round < 2; round++) {
      expect(parseAccessLevel('Permissions management, Write')).toBe('Permissions management');
      expect(parseAccessLevel('Sideways')).toBeUndefined();
    }
  });

  it('merges per-service levels, keeping the higher one and the target\'s service order', () => {
    const target: Record<string, AccessLevel> = { s3: 'Read', sqs: 'Write' };
    mergeAccessLevels(target, { kms: 'List', sqs: 'Read', s3: 'Permissions management' });
    expect(Object.entries(target)).toEqual([['s3', 'Permissions management'], ['sqs', 'Write'], ['kms', 'List']]);
    mergeAccessLevels(target, {});
    expect(Object.keys(target)).toEqual(['s3', 'sqs', 'kms']);
  });

  it('counts Tagging and above as write-level', () => {
    expect(isWriteLevel('Tagging')).toBe(true);
    expect(isWriteLevel('Permissions management')).toBe(true);
    expect(isWriteLevel('Read')).toBe(false);
    expect(isWriteLevel(undefined)).toBe(false);
  });
});

import crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fingerprint } from './fingerprint.js';

const INPUT = { ruleId: 'FG-IAM-006', app: 'services/orders/template.yaml', resource: 'OrdersRole', key: 'iam-passrole-ec2' };
/**
 * Pinned (`printf 'FG-IAM-006\0services/orders/template.yaml\0\0OrdersRole\0iam-passrole-ec2' | sha256sum`):
 * baselines and SARIF result matching store fingerprints, so the value must never change.
 */
const PINNED = 'ccdbedae8243f6c4569587fe62212d9391f5e16b8cc596f7fd617236e43e648a';

describe('fingerprint', () => {
  afterEach(() => {
    vi.resetModules();
  });

  it('is the SHA-256 hex of the NUL-joined fields, absent fields empty', () => {
    expect(fingerprint(INPUT)).toBe(PINNED);
  });

  it('hashes non-ASCII text as UTF-8, as createHash does', () => {
    const input = { ruleId: 'FG-S3-001', app: 'réservations/模板.yaml', function: 'Fn🚀' };
    const expected = crypto.createHash('sha256').update('FG-S3-001\u0000réservations/模板.yaml\u0000Fn🚀\u0000\u0000').digest('hex');
    expect(fingerprint(input)).toBe(expected);
  });

  it('keeps fields apart: moving text between fields changes the fingerprint', () => {
    expect(fingerprint({ ruleId: 'R', app: 'a', resource: 'bc' })).not.toBe(fingerprint({ ruleId: 'R', app: 'ab', resource: 'c' }));
  });

  it('gives the same digest without crypto.hash (Node before 20.12)', async () => {
    const hash = crypto.hash;
    Reflect.set(crypto, 'hash', undefined);
    try {
      expect(crypto.hash).toBeUndefined();
      const { fingerprint: fallback } = await import('./fingerprint.js');
      expect(fallback(INPUT)).toBe(PINNED);
    } finally {
      Reflect.set(crypto, 'hash', hash);
    }
  });
});

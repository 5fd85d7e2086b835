import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/cli/run-scan.js';
import { RULES } from '../../src/rules/index.js';
import { rule } from '../../src/rules/rule.js';
import { fixtureApps } from '../helpers/scan-fixture.js';

const scanDirectory = async (root: string) => ({ apps: fixtureApps(), warnings: [{ code: 'file-too-large', message: 'skipped' }], root });

describe('scan()', () => {
  it('runs the recommended rules over the loaded apps by default', async () => {
    const result = await scan({ target: '.', scanDirectory });
    expect(result.profile).toBe('recommended');
    expect(result.rules.every((r) => r.profile === 'recommended')).toBe(true);
    expect(result.rules.length).toBeGreaterThanOrEqual(6);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.root).toBe(process.cwd());
    expect(result.warnings[0]).toEqual({ code: 'file-too-large', message: 'skipped' });
  });

  it('adds rule failures to the loader warnings', async () => {
    const broken = rule({ ...RULES[0]!, id: 'FG-TEST-002', check: () => { throw new Error('kaput'); } });
    const result = await scan({ target: '.', scanDirectory, rules: [broken] });
    expect(result.findings).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['file-too-large', 'rule-error', 'rule-error']);
  });

  it('rejects a path that does not exist', async () => {
    await expect(scan({ target: 'no/such/dir', scanDirectory })).rejects.toThrow('no/such/dir: no such file or directory');
  });
});

describe('scan() root', () => {
  it('is the real directory behind a symlinked target, the base every path in the result is relative to', async () => {

    const temp = mkdtempSync(join(tmpdir(), 'fnguard-root-'));
    try {
      const real = join(temp, 'app');
      mkdirSync(real);
      writeFileSync(join(real, 'template.yaml'), "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
      symlinkSync(real, join(temp, 'link'));
      const viaLink = await scan({ target: join(temp, 'link') });
      expect(viaLink.root).toBe(realpathSync(real));
      expect(viaLink.apps.map((app) => app.path)).toEqual(['template.yaml']);
      const viaFile = await scan({ target: join(temp, 'link', 'template.yaml') });
      expect(viaFile.root).toBe(realpathSync(real));
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/reporters/json.js';
import { rule } from '../../src/rules/rule.js';
import { RULES } from '../../src/rules/index.js';
import { fixtureScan } from '../helpers/scan-fixture.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

function valid(report: unknown): boolean {
  const ok = validate(report);
  if (!ok) console.error(validate.errors);
  return ok;
}

describe('json reporter', () => {
  const report = JSON.parse(renderJson(fixtureScan()));

  it('validates against schemas/report.schema.json', () => {
    expect(valid(report)).toBe(true);
  });

  it('reports one finding per shipped rule in the fixture, sorted by severity', () => {
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(
      ['FG-API-001', 'FG-API-001', 'FG-IAM-001', 'FG-IAM-002', 'FG-LAMBDA-001', 'FG-S3-001', 'FG-SECRETS-001'].sort(),
    );
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = report.findings.map((f: { severity: string }) => order.indexOf(f.severity));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('summarises apps, functions, rules and severities', () => {
    expect(report.summary).toEqual({ apps: 2, functions: 3, rules: 6, findings: 7, bySeverity: { critical: 0, high: 5, medium: 2, low: 0, info: 0 }, warnings: 2 });
    expect(report.apps[0]).toMatchObject({ path: 'orders/template.yaml', provider: 'aws', framework: 'sam', functionCount: 2 });
    expect(report.apps[0].warnings).toEqual([{ code: 'unresolved-variable', message: 'could not resolve ${Stage}', location: { file: 'orders/template.yaml', line: 5, column: 1 } }]);
    expect(report.warnings).toEqual([{ code: 'file-too-large', message: 'skipped big.yaml (12 MB)' }]);
  });

  it('lists every rule that ran with metadata and peers', () => {
    const api = report.rules.find((r: { id: string }) => r.id === 'FG-API-001');
    expect(api).toMatchObject({ sas: 'SAS-2', sasTitle: 'Broken authentication', cwe: 'CWE-306', peers: { cdkNag: ['AwsSolutions-APIG4'] } });
    expect(api.fix.sam).toContain('Authorizer');
  });

  it('never prints the plaintext secret', () => {
    expect(renderJson(fixtureScan())).not.toContain('correct-horse-battery-staple');
  });

  it('is byte-for-byte deterministic', () => {
    expect(renderJson(fixtureScan())).toBe(renderJson(fixtureScan()));
  });

  it('lists rule failures with their app', () => {
    const broken = rule({ ...RULES[0]!, id: 'FG-TEST-001', check: () => { throw new Error('boom'); } });
    const out = JSON.parse(renderJson(fixtureScan([broken])));
    expect(valid(out)).toBe(true);
    expect(out.apps[0].warnings.some((w: { code: string; message: string }) => w.code === 'rule-error' && w.message.includes('boom'))).toBe(true);
    expect(out.apps[0].warnings.every((w: object) => !('app' in w))).toBe(true);
  });

  it('drops placeholder locations of warnings rather than emit invalid positions', () => {
    const scan = fixtureScan();
    scan.warnings.push({ code: 'synthetic', message: 'from a managed policy', location: { file: '', line: 0, column: 0 } });
    const out = JSON.parse(renderJson(scan));
    expect(valid(out)).toBe(true);
    expect(out.warnings.at(-1)).toEqual({ code: 'synthetic', message: 'from a managed policy' });
  });

  it('the schema rejects a broken report', () => {
    expect(validate({ ...report, findings: [{ ...report.findings[0], severity: 'severe' }] })).toBe(false);
    expect(validate({ ...report, findings: [{ ...report.findings[0], location: { file: '/abs/path.yaml', line: 1, column: 1 } }] })).toBe(false);
    const { summary: _summary, ...withoutSummary } = report;
    expect(validate(withoutSummary)).toBe(false);
  });
});

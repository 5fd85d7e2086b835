import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { relativeUri, renderSarif, sarifRuleName, SRCROOT } from '../../src/reporters/sarif.js';
import { fixtureScan } from '../helpers/scan-fixture.js';

// read in place beside the repository, never copied into it
const SCHEMA_PATH = fileURLToPath(new URL('../../../../../shared/docs/sarif-2.1.0-schema.json', import.meta.url));
const haveSchema = existsSync(SCHEMA_PATH);

const sarif = JSON.parse(renderSarif(fixtureScan()));
const run = sarif.runs[0];

describe('sarif reporter', () => {
  it.skipIf(!haveSchema)('validates against the official SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const ok = validate(sarif);
    if (!ok) console.error(validate.errors);
    expect(ok).toBe(true);
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('has the SARIF basics without the schema', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif/);
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('fnguard');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.originalUriBaseIds[SRCROOT].uri).toBe('file:///work/examples/');
  });

  it('describes every rule with help, tags and security-severity', () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toContain('FG-IAM-001');
    for (const r of rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(r.shortDescription.text).not.toBe('');
      expect(r.fullDescription.text).not.toBe('');
      expect(r.help.markdown).toContain('```yaml');
      expect(r.help.text).toContain('serverless.yml:');
      expect(r.properties.tags).toEqual(expect.arrayContaining(['security', expect.stringMatching(/^SAS-/), expect.stringMatching(/^CWE-/)]));
      expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
      expect(['very-high', 'high', 'medium', 'low']).toContain(r.properties.precision);
    }
  });

  it('points each result at its rule and a relative location', () => {
    expect(run.results).toHaveLength(7);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      const physical = result.locations[0].physicalLocation;
      expect(physical.artifactLocation.uriBaseId).toBe(SRCROOT);
      expect(physical.artifactLocation.uri).not.toMatch(/^(\/|file:)/);
      expect(physical.region.startLine).toBeGreaterThan(0);
      expect(physical.region.startColumn).toBeGreaterThan(0);
      expect(result.partialFingerprints['fnguard/v1']).toMatch(/^[0-9a-f]{64}$/);
      expect(['error', 'warning', 'note']).toContain(result.level);
    }
    const hello = run.results.find((r: { message: { text: string } }) => r.message.text.includes('/hello'));
    expect(hello.level).toBe('warning');
    expect(hello.locations[0].physicalLocation.artifactLocation.uri).toBe('my%20service/serverless.yml');
    expect(hello.locations[0].logicalLocations).toEqual([{ name: 'hello', kind: 'function' }]);
  });

  it('reports load warnings and scan warnings as tool execution notifications', () => {
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(notes.map((n: { descriptor: { id: string } }) => n.descriptor.id)).toEqual(['unresolved-variable', 'file-too-large']);
    expect(notes[0].message.text).toContain('orders/template.yaml');
    expect(notes[0].locations[0].physicalLocation.region.startLine).toBe(5);
  });

  it('leaves placeholder locations out of notifications', () => {
    const scan = fixtureScan();
    scan.warnings.push({ code: 'synthetic', message: 'm', location: { file: '', line: 0, column: 0 } });
    const last = JSON.parse(renderSarif(scan)).runs[0].invocations[0].toolExecutionNotifications.at(-1);
    expect(last.descriptor.id).toBe('synthetic');
    expect(last).not.toHaveProperty('locations');
  });

  it('uses the same fingerprints as the JSON report', () => {
    const scan = fixtureScan();
    const fromSarif = JSON.parse(renderSarif(scan)).runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['fnguard/v1']);
    expect(fromSarif).toEqual(scan.findings.map((f) => f.fingerprint));
  });

  it('masks secrets in results', () => {
    expect(renderSarif(fixtureScan())).not.toContain('correct-horse-battery-staple');
  });
});

describe('sarif helpers', () => {
  it('turns titles into rule names', () => {
    expect(sarifRuleName('HTTP endpoint without authorization')).toBe('HTTPEndpointWithoutAuthorization');
    expect(sarifRuleName('S3 bucket is open to everyone')).toBe('S3BucketIsOpenToEveryone');
  });
  it('encodes path segments but keeps slashes', () => {
    expect(relativeUri('a b/c#d.yaml')).toBe('a%20b/c%23d.yaml');
    expect(relativeUri('dir\\file.yml')).toBe('dir/file.yml');
  });
});

import { describe, expect, it } from 'vitest';
import { buildApp, buildEnv, buildFunction, loc } from '../../test/helpers/app-builder.js';
import type { App } from '../model/types.js';
import { runRules } from './engine.js';
import { rule, type Rule } from './rule.js';

const meta = {
  title: 'Test rule',
  description: 'd',
  sas: 'SAS-3' as const,
  cwe: 'CWE-1',
  profile: 'recommended' as const,
  peers: {},
  remediation: 'r',
  fix: { sam: 's', serverless: 'v' },
};

const perFunction = (id: string, severity: Rule['severity'] = 'medium') =>
  rule({
    ...meta,
    id,
    severity,
    check: (app: App) => app.functions.map((fn) => ({ message: `${id} on ${fn.id}`, location: fn.location, function: fn.id, key: 'k' })),
  });

const appA = buildApp({ path: 'a/template.yaml', functions: [buildFunction('F1', { location: loc(5, 1, 'a/template.yaml') })] });
const appB = buildApp({ path: 'b/serverless.yml', functions: [buildFunction('F2', { location: loc(2, 1, 'b/serverless.yml') })] });

describe('runRules', () => {
  it('turns hits into findings with rule metadata', () => {
    const { findings, warnings } = runRules([appA], [perFunction('FG-T-1')]);
    expect(warnings).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'FG-T-1', title: 'Test rule', severity: 'medium', sas: 'SAS-3', cwe: 'CWE-1',
      app: 'a/template.yaml', function: 'F1', message: 'FG-T-1 on F1', remediation: 'r', fix: { sam: 's', serverless: 'v' },
    });
    expect(findings[0]!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(findings[0]).not.toHaveProperty('resource');
  });

  it('lets a hit override the rule severity', () => {
    const raising = rule({ ...meta, id: 'FG-T-2', severity: 'low', check: (app) => [{ message: 'm', location: app.functions[0]!.location, severity: 'critical' }] });
    expect(runRules([appA], [raising]).findings[0]!.severity).toBe('critical');
  });

  it('keeps the fingerprint when the finding moves to another line', () => {
    const moved = buildApp({ path: 'a/template.yaml', functions: [buildFunction('F1', { location: loc(99, 7, 'a/template.yaml') })] });
    const before = runRules([appA], [perFunction('FG-T-1')]).findings[0]!;
    const after = runRules([moved], [perFunction('FG-T-1')]).findings[0]!;
    expect(after.location.line).toBe(99);
    expect(after.fingerprint).toBe(before.fingerprint);
  });

  it('gives different fingerprints to different rules, apps and functions', () => {
    const { findings } = runRules([appA, appB], [perFunction('FG-T-1'), perFunction('FG-T-2')]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('sorts by severity, then file, then line, whatever the rule and app order', () => {
    const rules = [perFunction('FG-T-LOW', 'low'), perFunction('FG-T-HIGH', 'high')];
    const forward = runRules([appA, appB], rules).findings;
    const backward = runRules([appB, appA], [...rules].reverse()).findings;
    expect(forward.map((f) => `${f.severity} ${f.location.file}`)).toEqual([
      'high a/template.yaml',
      'high b/serverless.yml',
      'low a/template.yaml',
      'low b/serverless.yml',
    ]);
    expect(backward).toEqual(forward);
  });

  it('turns a throwing rule into a warning and still runs the others', () => {
    const broken = rule({ ...meta, id: 'FG-T-BROKEN', severity: 'high', check: () => { throw new TypeError('cannot read x of undefined'); } });
    const { findings, warnings } = runRules([appA, appB], [broken, perFunction('FG-T-1')]);
    expect(findings).toHaveLength(2);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ code: 'rule-error', app: 'a/template.yaml' });
    expect(warnings[0]!.message).toContain('FG-T-BROKEN');
    expect(warnings[0]!.message).toContain('cannot read x of undefined');
  });

  it('reports a fact reached twice only once', () => {
    const twice = rule({ ...meta, id: 'FG-T-DUP', severity: 'low', check: (app) => {
      const hit = { message: 'm', location: app.functions[0]!.location, function: 'F1', key: 'same' };
      return [hit, { ...hit, location: loc(50) }];
    } });
    expect(runRules([appA], [twice]).findings).toHaveLength(1);
  });

  it('points placeholder locations at the start of the app file', () => {
    const placeholder = rule({ ...meta, id: 'FG-T-LOC', severity: 'low', check: () => [
      { message: 'a', location: { file: '', line: 0, column: 0 }, key: 'a' },
      { message: 'b', location: { file: 'a/template.yaml', line: 7, column: 0 }, key: 'b' },
    ] });
    const locations = runRules([appA], [placeholder]).findings.map((f) => f.location);
    expect(locations).toEqual([{ file: 'a/template.yaml', line: 1, column: 1 }, { file: 'a/template.yaml', line: 7, column: 1 }]);
  });

  it('returns nothing for no apps or no rules', () => {
    expect(runRules([], [perFunction('FG-T-1')])).toEqual({ findings: [], warnings: [] });
    expect(runRules([appA], [])).toEqual({ findings: [], warnings: [] });
  });

  it('keeps evidence and resource from the hit', () => {
    const withEvidence = rule({ ...meta, id: 'FG-T-E', severity: 'low', check: () => [{ message: 'm', location: loc(1), resource: 'Bucket', evidence: 'e' }] });
    const app = buildApp({ functions: [buildFunction('F', { environment: [buildEnv('X')] })] });
    expect(runRules([app], [withEvidence]).findings[0]).toMatchObject({ resource: 'Bucket', evidence: 'e' });
  });
});

import { describe, expect, it } from 'vitest';
import { palette, shouldColor } from '../../src/reporters/color.js';
import { firstSentence, renderText, summaryLine } from '../../src/reporters/text.js';
import { buildApp } from '../helpers/app-builder.js';
import { fixtureScan } from '../helpers/scan-fixture.js';

const ESC = '\u001b[';

describe('text reporter', () => {
  const plain = renderText(fixtureScan(), { color: false });

  it('groups findings by app, then function, then resource', () => {
    const order = ['orders/template.yaml (sam, 2 functions)', 'function create-order (CreateOrder)', 'function Web', 'resource CreateOrderRole', 'resource Site', 'my service/serverless.yml (serverless, 1 function)', 'function hello'];
    const positions = order.map((text) => plain.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows each finding with severity, rule, message, location and evidence', () => {
    expect(plain).toContain('HIGH     FG-LAMBDA-001 Function URL allows unauthenticated calls');
    expect(plain).toContain('at orders/template.yaml:30:7');
    expect(plain).toContain('evidence: AuthType: NONE');
    expect(plain).toContain('fix: Set the function URL AuthType to AWS_IAM and sign requests with SigV4, or put the function behind API Gateway with an authorizer.\n');
    expect(plain).not.toContain('correct-horse-battery-staple');
  });

  it('lists app warnings with the app and scan warnings at the end', () => {
    expect(plain).toContain('warning unresolved-variable orders/template.yaml:5:1: could not resolve ${Stage}');
    expect(plain.indexOf('warning file-too-large')).toBeGreaterThan(plain.indexOf('my service/serverless.yml'));
  });

  it('ends with a summary of severities, apps, functions, rules and warnings', () => {
    const last = plain.trimEnd().split('\n').at(-1);
    expect(last).toBe('7 findings (0 critical, 5 high, 2 medium, 0 low, 0 info) in 2 apps and 3 functions; 6 rules run; 2 warnings');
    expect(summaryLine(fixtureScan())).toBe(last);
  });

  it('has no escape codes without colour and colours severities with it', () => {
    expect(plain).not.toContain(ESC);
    const coloured = renderText(fixtureScan(), { color: true });
    expect(coloured).toContain(`${ESC}31mHIGH`);
    expect(coloured).toContain(`${ESC}33mMEDIUM`);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('prints findings only when quiet', () => {
    const quiet = renderText(fixtureScan(), { color: false, quiet: true });
    expect(quiet).toContain('FG-API-001');
    expect(quiet).not.toContain('warning');
    expect(quiet).not.toContain('findings (');
  });

  it('says so when there is nothing to report', () => {
    const empty = { ...fixtureScan(), apps: [], findings: [], warnings: [] };
    expect(renderText(empty, { color: false })).toBe('no serverless apps found in examples\n\n0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info) in 0 apps and 0 functions; 6 rules run; 0 warnings\n');
    const clean = { ...fixtureScan(), apps: [buildApp({ path: 'clean.yaml' })], findings: [], warnings: [] };
    expect(renderText(clean, { color: false })).toBe('0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info) in 1 app and 0 functions; 6 rules run; 0 warnings\n');
    const warned = { ...clean, apps: [buildApp({ path: 'clean.yaml', warnings: [{ code: 'yaml-parse', message: 'bad' }] })] };
    expect(renderText(warned, { color: false })).toContain('clean.yaml (sam, 0 functions)\n  no findings\n    warning yaml-parse: bad');
    expect(renderText(clean, { color: false, quiet: true })).toBe('');
  });
});

describe('colour decision', () => {
  it('colours a terminal only', () => {
    expect(shouldColor(true, {})).toBe(true);
    expect(shouldColor(false, {})).toBe(false);
    expect(shouldColor(undefined, {})).toBe(false);
  });
  it('honours NO_COLOR when non-empty', () => {
    expect(shouldColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor(true, { NO_COLOR: '' })).toBe(true);
  });
  it('lets FORCE_COLOR win either way', () => {
    expect(shouldColor(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor(false, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldColor(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldColor(true, { FORCE_COLOR: 'false' })).toBe(false);
    expect(shouldColor(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });
  it('a disabled palette returns text unchanged', () => {
    const p = palette(false);
    expect(p.severity('critical', 'x') + p.bold('y') + p.dim('z')).toBe('xyz');
  });
});

describe('firstSentence', () => {
  it('cuts at the first full stop followed by a space', () => {
    expect(firstSentence('Use IAM auth. Then rotate.')).toBe('Use IAM auth.');
    expect(firstSentence('Use e.g.x auth')).toBe('Use e.g.x auth');
    expect(firstSentence('  One sentence only.  ')).toBe('One sentence only.');
  });
});

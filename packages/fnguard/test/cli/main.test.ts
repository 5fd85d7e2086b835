import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliDeps } from '../../src/cli/main.js';
import type { App } from '../../src/model/types.js';
import { toolVersion } from '../../src/reporters/tool.js';
import { RULES } from '../../src/rules/index.js';
import { buildApp, buildFunction, buildTrigger } from '../helpers/app-builder.js';
import { captureIO } from '../helpers/cli-io.js';
import { CORE_RULE_IDS, fixtureApps } from '../helpers/scan-fixture.js';

/** exit codes and counts are asserted against the six core rules, so rules added later cannot shift them */
const CORE = CORE_RULE_IDS.flatMap((id) => ['--rule', id]);

let dir: string;
let templateFile: string;
let notATemplate: string;
const calls: Array<{ root: string; includeGenerated?: boolean }> = [];

/** Stands in for loaders/index.ts: the fixture apps for a directory, one app for template.yaml, nothing for other files. */
const deps: CliDeps = {
  scanDirectory: async (root, options) => {
    calls.push({ root, includeGenerated: options?.includeGenerated });
    if (root.endsWith('.txt')) return { apps: [], warnings: [{ code: 'not-a-template', message: 'notes.txt is not a template' }], root: path.dirname(root) };
    const single = buildApp({ path: 'template.yaml', functions: [buildFunction('Solo', { triggers: [buildTrigger('http-api', { public: true })] })] });
    if (root.endsWith('.yaml')) return { apps: [single], warnings: [], root: path.dirname(root) };
    return { apps: [...fixtureApps(), single], warnings: [{ code: 'file-too-large', message: 'skipped huge.yaml', location: { file: 'huge.yaml', line: 1, column: 1 } }], root };
  },
};

const failingDeps = (error: Error): CliDeps => ({ scanDirectory: async () => { throw error; } });

async function run(argv: string[], options: Parameters<typeof captureIO>[0] = {}, withDeps: CliDeps = deps) {
  const captured = captureIO({ cwd: dir, ...options });
  const code = await main(argv, captured.io, withDeps);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

function expectUsageError(result: { code: number; stdout: string; stderr: string }, text: string) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(text);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fnguard-cli-'));
  templateFile = path.join(dir, 'template.yaml');
  notATemplate = path.join(dir, 'notes.txt');
  writeFileSync(templateFile, 'Transform: AWS::Serverless-2016-10-31\n');
  writeFileSync(notATemplate, 'hello\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('global options', () => {
  it('--version prints the package version', async () => {
    const result = await run(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${toolVersion()}\n`, stderr: '' });
    expect(toolVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('--help prints usage to stdout', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fnguard scan DIR');
  });
  it('no command prints usage to stderr and exits 2', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage:');
  });
  it('rejects an unknown command and an unknown global flag', async () => {
    expectUsageError(await run(['scna', '.']), "unknown command 'scna'");
    expectUsageError(await run(['--frobnicate']), 'unknown option --frobnicate');
  });
});

describe('scan', () => {
  it('prints a text report and exits 1 on findings at the default threshold', async () => {
    const result = await run(['scan', '.', ...CORE]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('orders/template.yaml (sam, 2 functions)');
    expect(result.stdout).toContain('FG-API-001');
    expect(result.stdout).toMatch(/\d+ findings \(0 critical, \d+ high/);
    expect(result.stdout).not.toContain('\u001b[');
    expect(calls.at(-1)).toEqual({ root: dir, includeGenerated: false });
  });

  it('passes --include-generated to the loader', async () => {
    await run(['scan', '.', '--include-generated']);
    expect(calls.at(-1)?.includeGenerated).toBe(true);
  });

  it('applies --fail-on', async () => {
    expect((await run(['scan', '.', ...CORE, '--fail-on', 'none'])).code).toBe(0);
    expect((await run(['scan', '.', ...CORE, '--fail-on', 'critical'])).code).toBe(0);
    expect((await run(['scan', '.', ...CORE, '--fail-on', 'high'])).code).toBe(1);
    expect((await run(['scan', '.', ...CORE, '--fail-on=medium'])).code).toBe(1);
  });

  it('exits 0 when nothing is found', async () => {
    const clean: CliDeps = { scanDirectory: async (root) => ({ apps: [buildApp()], warnings: [], root }) };
    const result = await run(['scan', '.', ...CORE], {}, clean);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 findings');
  });

  it('rejects a bad --fail-on, --format and --profile', async () => {
    expectUsageError(await run(['scan', '.', '--fail-on', 'severe']), "invalid --fail-on 'severe'");
    expectUsageError(await run(['scan', '.', '--fail-on']), 'option --fail-on needs a value');
    expectUsageError(await run(['scan', '.', '--format', 'xml']), "invalid --format 'xml'");
    expectUsageError(await run(['scan', '.', '--profile', 'paranoid']), "invalid --profile 'paranoid'");
  });

  it('rejects unknown flags', async () => {
    expectUsageError(await run(['scan', '.', '--no-such-flag']), "unknown option --no-such-flag for 'scan'");
    expectUsageError(await run(['scan', '-z', '.']), "unknown option -z for 'scan'");
  });

  it('needs exactly one existing path', async () => {
    expectUsageError(await run(['scan']), "'scan' needs a directory or template file");
    expectUsageError(await run(['scan', '.', 'other']), "'scan' takes one path, got 2");
    expectUsageError(await run(['scan', 'does/not/exist']), 'does/not/exist: no such file or directory');
  });

  it('accepts a single template file', async () => {
    const result = await run(['scan', templateFile, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.apps.map((a: App) => a.path)).toEqual(['template.yaml']);
    expect(report.warnings).toEqual([]);
    expect(calls.at(-1)?.root).toBe(templateFile);
  });

  it('rejects a file that is not a template', async () => {
    expectUsageError(await run(['scan', notATemplate]), 'is not a SAM, CloudFormation or serverless.yml file');
  });

  it('writes json and sarif', async () => {
    const json = await run(['scan', '.', '-f', 'json']);
    expect(JSON.parse(json.stdout).summary.apps).toBe(3);
    const sarif = await run(['scan', '.', '--format', 'sarif']);
    expect(JSON.parse(sarif.stdout).runs[0].tool.driver.name).toBe('fnguard');
  });

  it('selects rules with --rule and --skip-rule, ids and globs', async () => {
    const ids = async (argv: string[]) => JSON.parse((await run(['scan', '.', '-f', 'json', ...argv])).stdout).rules.map((r: { id: string }) => r.id);
    const iam = await ids(['--rule', 'FG-IAM-*']);
    expect(iam).toEqual(expect.arrayContaining(['FG-IAM-001', 'FG-IAM-002']));
    expect(iam.every((id: string) => id.startsWith('FG-IAM-'))).toBe(true);
    expect(await ids(['--rule', 'FG-S3-001', '--rule', 'FG-LAMBDA-001'])).toEqual(['FG-LAMBDA-001', 'FG-S3-001']);
    expect(await ids(['--rule', 'FG-S3-001,FG-API-001'])).toEqual(['FG-API-001', 'FG-S3-001']);
    const skipped = await ids(['--skip-rule', 'FG-IAM-*', '--skip-rule', 'FG-API-001']);
    expect(skipped).toEqual(expect.arrayContaining(['FG-LAMBDA-001', 'FG-S3-001', 'FG-SECRETS-001']));
    expect(skipped.filter((id: string) => id.startsWith('FG-IAM-') || id === 'FG-API-001')).toEqual([]);
    const only = JSON.parse((await run(['scan', '.', '-f', 'json', '--rule', 'FG-S3-001'])).stdout);
    expect(only.findings.every((f: { ruleId: string }) => f.ruleId === 'FG-S3-001')).toBe(true);
  });

  it('adds the strict rules with --profile strict', async () => {
    const profiles = async (argv: string[]) => JSON.parse((await run(['scan', '.', '-f', 'json', ...argv])).stdout);
    const recommended = await profiles([]);
    const strict = await profiles(['--profile', 'strict']);
    expect(recommended.profile).toBe('recommended');
    expect(recommended.rules.every((r: { profile: string }) => r.profile === 'recommended')).toBe(true);
    expect(strict.profile).toBe('strict');
    expect(strict.rules).toHaveLength(RULES.length);
  });

  it('rejects a rule pattern that matches nothing', async () => {
    expectUsageError(await run(['scan', '.', '--rule', 'FG-IAM-01']), "unknown rule 'FG-IAM-01'");
    expectUsageError(await run(['scan', '.', '--skip-rule', 'NOPE-*']), "unknown rule 'NOPE-*'");
  });

  it('writes to -o FILE and nothing to stdout', async () => {
    const result = await run(['scan', '.', '-f', 'sarif', '-o', 'out.sarif']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('reports an unwritable -o FILE as a usage error', async () => {
    expectUsageError(await run(['scan', '.', '-o', 'missing-dir/out.json']), 'cannot write missing-dir/out.json: its directory does not exist');
  });

  it('colours only on a terminal, honouring NO_COLOR and FORCE_COLOR', async () => {
    expect((await run(['scan', '.'], { tty: true })).stdout).toContain('\u001b[');
    expect((await run(['scan', '.'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(['scan', '.'], { tty: true, env: { NO_COLOR: '' } })).stdout).toContain('\u001b[');
    expect((await run(['scan', '.'], { tty: false, env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await run(['scan', '.'], { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain('\u001b[');
    expect((await run(['scan', '.', '-f', 'json'], { tty: true })).stdout).not.toContain('\u001b[');
  });

  it('--quiet prints findings only', async () => {
    const result = await run(['scan', '.', '--quiet']);
    expect(result.stdout).toContain('FG-SECRETS-001');
    expect(result.stdout).not.toContain('warning');
    expect(result.stdout).not.toMatch(/findings \(/);
  });

  it('turns an unexpected loader failure into exit 2 and one line, with the stack only under FNGUARD_DEBUG=1', async () => {
    const boom = failingDeps(new Error('disk on fire\nsecond line'));
    expectUsageError(await run(['scan', '.'], {}, boom), 'unexpected error: disk on fire');
    const debug = await run(['scan', '.'], { env: { FNGUARD_DEBUG: '1' } }, boom);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('scan --help prints the scan options', async () => {
    const result = await run(['scan', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--fail-on');
  });
});

describe('rules', () => {
  it('lists every rule as text, json and markdown', async () => {
    const text = await run(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('FG-SECRETS-001');
    expect(text.stdout).toContain('Checkov CKV_AWS_258');
    const json = JSON.parse((await run(['rules', '--format', 'json'])).stdout);
    expect(json.rules).toHaveLength(RULES.length);
    expect(json.rules[0]).toHaveProperty('peers');
    expect((await run(['rules', '--format', 'markdown'])).stdout).toMatch(/^# fnguard rules/);
  });
  it('rejects arguments and bad formats', async () => {
    expectUsageError(await run(['rules', 'extra']), "'rules' takes no arguments");
    expectUsageError(await run(['rules', '--format', 'html']), "invalid --format 'html'");
  });
});

describe('model', () => {
  it('prints the model as JSON valid against schemas/model.schema.json', async () => {
    const result = await run(['model', '.']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(readFileSync(new URL('../../schemas/model.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv().compile(schema);
    expect(validate(JSON.parse(result.stdout))).toBe(true);
  });
  it('prints a text outline', async () => {
    const result = await run(['model', '.', '--format', 'text']);
    expect(result.stdout).toContain('function CreateOrder');
    expect(result.stdout).toContain('trigger http-rest');
    expect(result.stdout).toContain('role CreateOrderRole');
  });
  it('validates its arguments', async () => {
    expectUsageError(await run(['model']), "'model' needs a directory or template file");
    expectUsageError(await run(['model', '.', '--format', 'sarif']), "invalid --format 'sarif'");
    expectUsageError(await run(['model', 'nope']), 'nope: no such file or directory');
  });
});

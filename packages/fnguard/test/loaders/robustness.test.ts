/**
 * Hostile and broken input: every case must end quickly with a warning that names the problem,
 * never with an exception, a hang, or a read outside the scanned directory.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/loaders/index.js';
import { safeReadFile } from '../../src/loaders/fs/safe-read.js';
import type { App, LoadWarning } from '../../src/model/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'robustness');
const TEMPLATE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n";

let temp: string;

beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'fnguard-robustness-'));
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  const dir = path.join(temp, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

function allWarnings(result: { apps: App[]; warnings: LoadWarning[] }): LoadWarning[] {
  return [...result.warnings, ...result.apps.flatMap((app) => app.warnings)];
}

function codes(result: { apps: App[]; warnings: LoadWarning[] }): string[] {
  return allWarnings(result).map((warning) => warning.code);
}

async function scanFixture(name: string): Promise<{ apps: App[]; warnings: LoadWarning[] }> {
  return scanDirectory(path.join(FIXTURES, name));
}

describe('malformed templates', () => {
  it('reports a YAML syntax error with its line and still returns the app', async () => {
    const result = await scanFixture('malformed.yaml');
    expect(result.apps).toHaveLength(1);
    const warning = allWarnings(result).find((w) => w.code === 'yaml-parse');
    expect(warning?.message).toContain('malformed.yaml');
    expect(warning?.location?.line).toBeGreaterThan(1);
    expect(result.apps[0]!.functions).toEqual([]);
  });

  it('warns about duplicate keys and keeps the last value, as CloudFormation would not', async () => {
    const result = await scanFixture('duplicate-keys.yaml');
    expect(codes(result)).toContain('duplicate-key');
    const fn = result.apps[0]!.functions[0]!;
    expect(fn.runtime).toBe('nodejs20.x');
    expect(fn.externalRoleArn).toBe('arn:aws:iam::123456789012:role/external');
  });

  it('stops a billion-laughs alias bomb quickly', async () => {
    const started = Date.now();
    const result = await scanFixture('yaml-bomb.yaml');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(codes(result)).toContain('yaml-too-complex');
    expect(result.apps[0]!.resources).toEqual([]);
  });

  it('names an empty file as empty', async () => {
    const result = await scanFixture('empty.yaml');
    expect(result.apps).toEqual([]);
    expect(codes(result)).toEqual(['empty-file']);
  });

  it.each([
    ['resources-list.yaml', 'invalid-resources'],
    ['resources-number.yaml', 'invalid-resources'],
    ['resources-null.yaml', 'invalid-resources'],
    ['top-level-list.json', 'not-a-template'],
  ])('warns when %s has the wrong shape', async (file, code) => {
    const result = await scanFixture(file);
    expect(result.apps).toHaveLength(1);
    expect(codes(result)).toContain(code);
    expect(result.apps[0]!.resources).toEqual([]);
  });

  it('survives properties of the wrong type everywhere, warning where it matters', async () => {
    const result = await scanFixture('wrong-types.yaml');
    expect(result.apps).toHaveLength(1);
    const app = result.apps[0]!;
    const found = codes(result);
    expect(found).not.toContain('load-failed');
    expect(found).toContain('invalid-resource');
    expect(found).toContain('invalid-property');
    expect(found).toContain('invalid-policy');
    const messages = allWarnings(result).map((w) => w.message).join('\n');
    expect(messages).toContain('Environment.Variables is not a mapping');
    expect(messages).toContain('Policies is not a list');
    expect(messages).toContain('LambdaConfigurations is not a list');
    // Well-formed parts of broken resources are still read.
    const fnEnvList = app.functions.find((fn) => fn.id === 'FnEnvList');
    expect(fnEnvList?.roleId).toBe('Role');
    expect(fnEnvList?.environment).toEqual([]);
    const fn = app.functions.find((candidate) => candidate.id === 'Fn');
    expect(fn?.memorySize).toBeUndefined();
    expect(fn?.vpc).toBeUndefined();
    const badPolicies = app.roles.find((role) => role.id === 'RoleBadPolicyEntries');
    expect(badPolicies?.statements.map((s) => s.Effect)).toEqual(['Allow']);
    // Every resource that has a Type is kept for resource-level rules.
    expect(app.resources.some((resource) => resource.id === 'ListProperties')).toBe(true);
    expect(app.resources.some((resource) => resource.id === 'NoType')).toBe(false);
  });
});

describe('pathological nesting', () => {
  it('refuses JSON and YAML nested far deeper than any template, without overflowing the stack', async () => {
    const dir = await freshDir('nested');
    const depth = 50_000;
    const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    await writeFile(path.join(dir, 'template.json'), `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"Fn":{"Type":"AWS::Lambda::Function","Properties":{"FunctionName":${nested}}}}}`);
    await writeFile(path.join(dir, 'template.yaml'), `${TEMPLATE}    Properties:\n      Tags: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    const result = await scanDirectory(dir);
    expect(result.apps.map((app) => app.path)).toEqual(['template.json', 'template.yaml']);
    for (const app of result.apps) {
      expect(app.functions).toEqual([]);
      expect(app.warnings.map((w) => w.code)).toEqual([expect.stringMatching(/^yaml-(too-complex|parse)$/)]);
    }
  });
});

describe('file-system hazards', () => {
  it('skips a file over the size cap without reading it (50 MB, made at test time)', async () => {
    const dir = await freshDir('large');
    const file = path.join(dir, 'template.yaml');
    const handle = await open(file, 'w');
    try {
      await handle.write(TEMPLATE);
      // A sparse tail makes the file 50 MB on disk without writing 50 MB.
      await handle.truncate(50 * 1024 * 1024);
    } finally {
      await handle.close();
    }
    const started = Date.now();
    const result = await scanDirectory(dir);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.apps).toEqual([]);
    const warning = result.warnings.find((w) => w.code === 'file-too-large');
    expect(warning?.message).toContain('50.0 MiB');
    expect(warning?.location?.file).toBe('template.yaml');
  });

  it('honours a configured size cap', async () => {
    const dir = await freshDir('cap');
    await writeFile(path.join(dir, 'template.yaml'), TEMPLATE);
    expect((await scanDirectory(dir, { maxFileBytes: 16 })).warnings.map((w) => w.code)).toEqual(['file-too-large']);
    expect((await scanDirectory(dir)).apps).toHaveLength(1);
  });

  it('refuses binary content under a template name, and skips unrelated binaries silently', async () => {
    const dir = await freshDir('binary');
    await writeFile(path.join(dir, 'template.yaml'), Buffer.from([0x41, 0x57, 0x53, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    await writeFile(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    await writeFile(path.join(dir, 'bad-utf8.json'), Buffer.from([0x7b, 0xc3, 0x28, 0x7d]));
    const result = await scanDirectory(dir);
    expect(result.apps).toEqual([]);
    expect(result.warnings.map((w) => `${w.code} ${w.location?.file}`).sort()).toEqual(['binary-file bad-utf8.json', 'binary-file template.yaml']);
  });

  it('reads UTF-8 with a BOM and BOM-marked UTF-16 templates', async () => {
    const dir = await freshDir('encodings');
    await writeFile(path.join(dir, 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEMPLATE)]));
    await writeFile(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEMPLATE, 'utf16le')]));
    const result = await scanDirectory(dir);
    expect(result.warnings).toEqual([]);
    expect(result.apps.map((app) => [app.path, app.resources.map((r) => r.id)])).toEqual([
      ['bom.yaml', ['Topic']],
      ['utf16.yaml', ['Topic']],
    ]);
  });

  it('ends on a directory symlink loop, visiting each folder once', async () => {
    const dir = await freshDir('loop');
    await mkdir(path.join(dir, 'a', 'b'), { recursive: true });
    await writeFile(path.join(dir, 'a', 'b', 'template.yaml'), TEMPLATE);
    await symlink(path.join(dir, 'a'), path.join(dir, 'a', 'b', 'back-to-a'));
    await symlink(path.join(dir, 'self'), path.join(dir, 'self'));
    const result = await scanDirectory(dir);
    expect(result.apps.map((app) => app.path)).toEqual(['a/b/template.yaml']);
    expect(result.warnings.map((w) => w.code)).toContain('symlink-loop');
  });

  it('never follows a symlink out of the scanned root, for files or folders', async () => {
    const outside = await freshDir('outside');
    await writeFile(path.join(outside, 'secret-template.yaml'), TEMPLATE);
    const dir = await freshDir('escape');
    await writeFile(path.join(dir, 'template.yaml'), TEMPLATE);
    await symlink(path.join(outside, 'secret-template.yaml'), path.join(dir, 'linked.yaml'));
    await symlink(outside, path.join(dir, 'linked-dir'));
    const result = await scanDirectory(dir);
    expect(result.apps.map((app) => app.path)).toEqual(['template.yaml']);
    const escapes = result.warnings.filter((w) => w.code === 'path-escape').map((w) => w.location?.file).sort();
    expect(escapes).toEqual(['linked-dir', 'linked.yaml']);
    // The reader refuses on its own too, whoever calls it.
    const read = await safeReadFile(dir, 'linked.yaml');
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.warning.code).toBe('path-escape');
    const dotted = await safeReadFile(dir, '../outside/secret-template.yaml');
    expect(dotted.ok ? '' : dotted.warning.code).toBe('path-escape');
  });

  it.skipIf(process.platform === 'win32')('never blocks on a named pipe, even one behind a template name or a symlink', async () => {
    const dir = await freshDir('fifo');
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    await symlink(path.join(dir, 'pipe.yaml'), path.join(dir, 'template.yaml'));
    const result = await scanDirectory(dir);
    expect(result.apps).toEqual([]);
    const single = await scanDirectory(path.join(dir, 'template.yaml'));
    expect(single.warnings.map((w) => w.code)).toEqual(['not-a-file']);
  });

  it('warns about a file it cannot read', async () => {
    const dir = await freshDir('unreadable');
    const file = path.join(dir, 'template.yaml');
    await writeFile(file, TEMPLATE);
    await chmod(file, 0o000);
    // Root bypasses permission bits; a directory path where a file is expected fails for everyone.
    const runningAsRoot = process.getuid?.() === 0;
    const read = await safeReadFile(dir, runningAsRoot ? '.' : 'template.yaml');
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.warning.code).toBe(runningAsRoot ? 'not-a-file' : 'file-unreadable');
    if (!runningAsRoot) {
      const result = await scanDirectory(dir);
      expect(result.apps).toEqual([]);
      expect(result.warnings.map((w) => w.code)).toEqual(['file-unreadable']);
    }
    await chmod(file, 0o644);
  });

  it('reports a missing scan target instead of throwing', async () => {
    const result = await scanDirectory(path.join(temp, 'does-not-exist'));
    expect(result.apps).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['file-not-found']);
  });

  it('caps the depth of the walk', async () => {
    const dir = await freshDir('deep');
    const deep = path.join(dir, ...Array.from({ length: 30 }, (_, i) => `d${i}`));
    await mkdir(deep, { recursive: true });
    await writeFile(path.join(deep, 'template.yaml'), TEMPLATE);
    await writeFile(path.join(dir, 'template.yaml'), TEMPLATE);
    const result = await scanDirectory(dir);
    expect(result.apps.map((app) => app.path)).toEqual(['template.yaml']);
    expect(result.warnings.map((w) => w.code)).toEqual(['too-deep']);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/fnguard.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/bundle/cli.js', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Anchors and aliases are outside the YAML fast path: this template needs the bundle's copy of `yaml`.
const ANCHORED_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: &defaults
    Runtime: nodejs20.x
    Handler: index.handler
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      <<: *defaults
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: NONE
`;

const work = mkdtempSync(path.join(tmpdir(), 'fnguard-bin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('built bin', () => {
  // runs after `npm run build` (tsc, then scripts/bundle.mjs); `npm test` builds first
  it.skipIf(!existsSync(BUNDLE))('prints the version', () => {
    expect(execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`);
  });
  it.skipIf(!existsSync(BUNDLE))('exits 2 with one line on a usage error', () => {
    try {
      execFileSync(process.execPath, [BIN, 'scan', '--bogus'], { encoding: 'utf8', stdio: 'pipe' });
      expect.unreachable('the command should fail');
    } catch (error) {
      const failure = error as { status: number; stderr: string };
      expect(failure.status).toBe(2);
      expect(failure.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
  it.skipIf(!existsSync(BUNDLE))('reads templates the fast path leaves to yaml, with the copy bundled beside the CLI', () => {
    const file = path.join(work, 'template.yaml');
    writeFileSync(file, ANCHORED_TEMPLATE);
    const out = execFileSync(process.execPath, [BIN, 'scan', file, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' });
    const report = JSON.parse(out) as { apps: Array<{ functionCount: number }>; findings: Array<{ ruleId: string }> };
    expect(report.apps.map((app) => app.functionCount)).toEqual([1]);
    expect(report.findings.map((finding) => finding.ruleId)).toContain('FG-LAMBDA-001');
  });
});

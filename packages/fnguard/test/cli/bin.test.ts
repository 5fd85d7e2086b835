import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/fnguard.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('built bin', () => {
  // runs after `npx tsc -b packages/fnguard`; `npm test` builds first
  it.skipIf(!existsSync(BUILT))('prints the version', () => {
    expect(execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`);
  });
  it.skipIf(!existsSync(BUILT))('exits 2 with one line on a usage error', () => {
    try {
      execFileSync(process.execPath, [BIN, 'scan', '--bogus'], { encoding: 'utf8', stdio: 'pipe' });
      expect.unreachable('the command should fail');
    } catch (error) {
      const failure = error as { status: number; stderr: string };
      expect(failure.status).toBe(2);
      expect(failure.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

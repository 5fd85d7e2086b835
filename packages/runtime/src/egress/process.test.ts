import cp from 'node:child_process';
import { execFileSync as namedExecFileSync, spawnSync as namedSpawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../test/helpers/lambda.js';
import { EgressBlockedError } from './errors.js';
import { installEgressGuard, uninstallEgressGuard } from './install.js';

afterEach(() => uninstallEgressGuard());

describe('egress guard: child processes', () => {
  it('childProcess: false blocks every launching API, callback and sync', () => {
    const { logger, events } = captureLogger();
    installEgressGuard({ childProcess: false, logger });
    const attempts: Array<[string, () => unknown]> = [
      ['spawn', () => cp.spawn('true')],
      ['spawnSync', () => cp.spawnSync('true')],
      ['exec', () => cp.exec('true', () => undefined)],
      ['execSync', () => cp.execSync('true')],
      ['execFile', () => cp.execFile('true', () => undefined)],
      ['execFileSync', () => cp.execFileSync('true')],
      ['fork', () => cp.fork('/dev/null')],
    ];
    for (const [name, attempt] of attempts) {
      expect(attempt, name).toThrow(expect.objectContaining({ code: 'PROCESS_BLOCKED' }));
    }
    expect(events).toHaveLength(attempts.length);
    expect(events.every((e) => e.type === 'process.blocked')).toBe(true);
  });

  it('also covers ESM named imports taken before installation', () => {
    installEgressGuard({ childProcess: false, logger: captureLogger().logger });
    expect(() => namedSpawnSync('true')).toThrow(EgressBlockedError);
    expect(() => namedExecFileSync('true')).toThrow(EgressBlockedError);
  });

  it('runs allowed commands and refuses others, including path and shell tricks', () => {
    const { logger, events } = captureLogger();
    installEgressGuard({ childProcess: ['echo'], logger });
    expect(cp.execFileSync('echo', ['hi']).toString()).toBe('hi\n');
    expect(cp.execSync('echo plain').toString()).toBe('plain\n');
    expect(() => cp.execFileSync('/tmp/echo')).toThrow(EgressBlockedError);
    expect(() => cp.execSync('echo hi; id')).toThrow(EgressBlockedError);
    expect(() => cp.execSync('echo $(id)')).toThrow(EgressBlockedError);
    expect(() => cp.spawnSync('echo', ['hi;', 'id'], { shell: true })).toThrow(EgressBlockedError);
    expect(() => cp.spawnSync('sh', ['-c', 'echo hi'])).toThrow(EgressBlockedError);
    expect(events.map((e) => e.target)).toEqual(['/tmp/echo', 'echo', 'echo', 'echo', 'sh']);
  });

  it('never logs command arguments', () => {
    const { logger, events } = captureLogger();
    installEgressGuard({ childProcess: false, logger });
    expect(() => cp.execSync('mysql -pHunter2Password')).toThrow(EgressBlockedError);
    expect(JSON.stringify(events)).not.toContain('Hunter2');
  });

  it('alert mode runs the command and logs it', () => {
    const { logger, events } = captureLogger();
    installEgressGuard({ childProcess: false, mode: 'alert', logger });
    expect(cp.execFileSync('echo', ['ran']).toString()).toBe('ran\n');
    expect(events).toEqual([expect.objectContaining({ type: 'egress.alert', category: 'process', target: 'echo' })]);
  });
});

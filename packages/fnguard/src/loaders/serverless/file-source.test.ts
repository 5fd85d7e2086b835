import { describe, expect, it } from 'vitest';
import { includedData, includeTarget } from './file-source.js';

describe('includeTarget', () => {
  it.each([
    ['./config.yml', 'svc/config.yml'],
    ['config/dev.json', 'svc/config/dev.json'],
    ['../shared/x.yml', 'shared/x.yml'],
    ["'./quoted.yml'", 'svc/quoted.yml'],
    ['.\\win\\path.yml', 'svc/win/path.yml'],
  ])('reads %s as %s', (raw, file) => {
    expect(includeTarget('svc', raw)).toEqual({ ok: true, file });
  });

  it.each(['../../etc/passwd', '/etc/passwd', 'C:/Windows/x.yml', '~/x.yml', '../../../x.yml'])('refuses %s as a path escape', (raw) => {
    expect(includeTarget('svc', raw)).toMatchObject({ ok: false, code: 'path-escape' });
  });

  it.each(['./a.js', './a.ts', './a.mjs', './a.cjs', './a.tsx'])('refuses to run %s', (raw) => {
    expect(includeTarget('svc', raw)).toMatchObject({ ok: false, code: 'code-not-executed' });
  });

  it('refuses an empty path', () => {
    expect(includeTarget('', '  ')).toMatchObject({ ok: false, code: 'variable-syntax' });
  });

  it('resolves against the root when the service is at the root', () => {
    expect(includeTarget('', './x.yml')).toEqual({ ok: true, file: 'x.yml' });
    expect(includeTarget('', '../x.yml')).toMatchObject({ ok: false, code: 'path-escape' });
  });
});

describe('includedData', () => {
  it('parses YAML and JSON, and keeps other files as text', () => {
    expect(includedData('a.yml', 'k: !Ref X\n').data).toEqual({ k: { Ref: 'X' } });
    expect(includedData('a.json', '{"n": 1}').data).toEqual({ n: 1 });
    expect(includedData('key.pem', 'text').data).toBe('text');
  });

  it('reports unparseable content', () => {
    const { data, warnings } = includedData('a.yml', 'a: [\n');
    expect(data).toBeUndefined();
    expect(warnings.map((w) => w.code)).toEqual(['yaml-parse']);
  });
});

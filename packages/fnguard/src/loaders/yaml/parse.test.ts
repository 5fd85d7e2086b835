import { describe, expect, it } from 'vitest';
import { parseTemplateText } from './parse.js';

describe('parseTemplateText', () => {
  it('converts every CloudFormation short tag to its long form', () => {
    const text = [
      'A: !Ref Bucket',
      'B: !GetAtt Fn.Arn',
      'C: !GetAtt [Fn, Arn]',
      'D: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"',
      'E: !Join ["", [a, !Ref X]]',
      'F: !If [IsProd, 1, 2]',
      'G: !Select [0, !GetAZs ""]',
      'H: !Split [",", "a,b"]',
      'I: !FindInMap [M, K, V]',
      'J: !ImportValue Shared',
      'K: !Base64 hello',
      'L: !Cidr [10.0.0.0/16, 2, 8]',
      'M: !Equals [a, b]',
      'N: !And [!Condition C1, !Not [!Condition C2]]',
      'O: !Or [!Equals [a, a]]',
    ].join('\n');
    const { data, warnings } = parseTemplateText(text, 't.yaml');
    expect(warnings).toEqual([]);
    expect(data).toEqual({
      A: { Ref: 'Bucket' },
      B: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      C: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      D: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' },
      E: { 'Fn::Join': ['', ['a', { Ref: 'X' }]] },
      F: { 'Fn::If': ['IsProd', 1, 2] },
      G: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      H: { 'Fn::Split': [',', 'a,b'] },
      I: { 'Fn::FindInMap': ['M', 'K', 'V'] },
      J: { 'Fn::ImportValue': 'Shared' },
      K: { 'Fn::Base64': 'hello' },
      L: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      M: { 'Fn::Equals': ['a', 'b'] },
      N: { 'Fn::And': [{ Condition: 'C1' }, { 'Fn::Not': [{ Condition: 'C2' }] }] },
      O: { 'Fn::Or': [{ 'Fn::Equals': ['a', 'a'] }] },
    });
  });

  it('locates keys, list items and paths through intrinsics; falls back to the deepest existing node', () => {
    const parsed = parseTemplateText('Resources:\n  Fn:\n    Properties:\n      Role: !GetAtt R.Arn\n      List:\n        - a\n        - b\n', 't.yaml');
    expect(parsed.locate(['Resources', 'Fn'])).toEqual({ file: 't.yaml', line: 2, column: 3 });
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt'])).toMatchObject({ line: 4, column: 7 });
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'List', 1])).toMatchObject({ line: 7, column: 11 });
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'Missing', 'Deeper'])).toMatchObject({ line: 3, column: 5 });
  });

  it('reads JSON templates and locates their keys', () => {
    const parsed = parseTemplateText('{\n  "Resources": {\n    "Q": {"Type": "AWS::SQS::Queue"}\n  }\n}\n', 't.json');
    expect(parsed.data).toEqual({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    expect(parsed.locate(['Resources', 'Q'])).toMatchObject({ line: 3, column: 5 });
  });

  it('supports YAML merge keys as serverless.yml files use them', () => {
    const { data } = parseTemplateText('base: &base\n  memorySize: 256\n  timeout: 6\nfn:\n  <<: *base\n  timeout: 10\n', 's.yml');
    expect(data).toEqual({ base: { memorySize: 256, timeout: 6 }, fn: { memorySize: 256, timeout: 10 } });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const { data } = parseTemplateText('__proto__:\n  polluted: true\n', 'p.yaml');
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(data as object)).toEqual(['__proto__']);
  });

  it('reports duplicate keys and keeps the last value', () => {
    const parsed = parseTemplateText('a: 1\nb: 2\na: 3\n', 'd.yaml');
    expect(parsed.data).toEqual({ a: 3, b: 2 });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['duplicate-key']);
    expect(parsed.warnings[0]!.location).toMatchObject({ line: 3 });
  });

  it('turns malformed YAML into a warning with its line', () => {
    const parsed = parseTemplateText('Resources:\n  A: [1, 2\n  B: 3\n', 'bad.yaml');
    expect(parsed.data).toBeUndefined();
    expect(parsed.warnings[0]!.code).toBe('yaml-parse');
    expect(parsed.warnings[0]!.location!.line).toBeGreaterThan(1);
  });

  it('stops a billion-laughs alias bomb quickly with a warning', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = performance.now();
    const parsed = parseTemplateText(levels.join('\n'), 'bomb.yaml');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(parsed.data).toBeUndefined();
    expect(parsed.warnings.map((w) => w.code)).toContain('yaml-too-complex');
  });

  it('does not loop on an alias that refers to its own ancestor', () => {
    const parsed = parseTemplateText('a: &a\n  b: *a\n', 'cycle.yaml');
    expect(parsed.data).toEqual({ a: { b: null } });
  });

  it('handles empty input, several documents and unknown tags', () => {
    const empty = parseTemplateText('', 'e.yaml');
    expect(empty.data).toBeUndefined();
    expect(empty.warnings.map((w) => w.code)).toEqual(['empty-file']);
    const multi = parseTemplateText('a: 1\n---\nb: 2\n', 'm.yaml');
    expect(multi.data).toEqual({ a: 1 });
    expect(multi.warnings.map((w) => w.code)).toEqual(['multiple-documents']);
    const tagged = parseTemplateText('a: !Whatever x\n', 'u.yaml');
    expect(tagged.data).toEqual({ a: 'x' });
    expect(tagged.warnings.map((w) => w.code)).toEqual(['unknown-tag']);
  });

  it('bounds nesting depth', () => {
    for (const [text, file] of [['['.repeat(5000) + ']'.repeat(5000), 'deep.json'], ['a:\n' + Array.from({ length: 400 }, (_, i) => ' '.repeat(i + 1) + '- ').join('\n'), 'deep.yaml']]) {
      const parsed = parseTemplateText(text!, file!);
      expect(parsed.data === undefined).toBe(true);
      expect(parsed.warnings.length).toBeGreaterThan(0);
    }
  });
});

/**
 * The fast path must be invisible: wherever it accepts a text, data, warnings and every location
 * must equal what the `yaml` library path produces. Checked on hand-written edge cases, on a seeded
 * generator of template-like documents, and on every YAML / JSON file of the shared corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fastParse } from './fast.js';
import { parseTemplateText, parseTemplateTextWithYaml } from './parse.js';
import type { PathSegment } from './parse.js';

const LIMITS = { maxNodes: 500_000, maxDepth: 200 };
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', '..', 'shared', 'corpus');

function* paths(value: unknown, prefix: PathSegment[]): Generator<PathSegment[]> {
  yield prefix;
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i], [...prefix, i]);
    yield [...prefix, value.length];
  } else {
    for (const [key, child] of Object.entries(value)) yield* paths(child, [...prefix, key]);
    yield [...prefix, 'Missing', 'Fn::If', 0];
  }
}

/** Undefined when both paths agree; otherwise what differs. */
function difference(text: string, file = 't.yaml', maxPaths = 5000): string | undefined {
  const fast = parseTemplateText(text, file);
  const slow = parseTemplateTextWithYaml(text, file);
  try {
    expect(fast.data).toStrictEqual(slow.data);
    expect(fast.warnings).toStrictEqual(slow.warnings);
  } catch (error) {
    return `${file}: ${(error as Error).message.slice(0, 600)}`;
  }
  if (fast.data === undefined) return undefined;
  let count = 0;
  for (const p of paths(fast.data, [])) {
    const a = fast.locate(p);
    const b = slow.locate(p);
    if (a.line !== b.line || a.column !== b.column) return `${file}: ${JSON.stringify(p)} at ${a.line}:${a.column}, yaml says ${b.line}:${b.column}`;
    if (++count >= maxPaths) break;
  }
  return undefined;
}

function accepted(text: string): boolean {
  return fastParse(text, LIMITS) !== undefined;
}

describe('fast YAML path', () => {
  const cases: Array<[string, string]> = [
    ['tags', 'A: !Ref B\nC: !GetAtt D.Arn\nE: !Sub "x-${F}"\nG: !Join ["", [a, !Ref H]]\nI: !If\n  - C\n  - 1\n  - !Ref AWS::NoValue\nJ: !Select [0, !GetAZs ]\nK: !Sub\n- "${X}"\n- X: !Ref Y\n'],
    ['scalars', 'a: 012\nb: 0x1F\nc: 0o17\nd: 1.50\ne: -.5e3\nf: .inf\ng: .NaN\nh: ~\ni: Null\nj: TRUE\nk: yes\nl: 1_000\nm: +7\nn: a:b\no: a #c\np: a#b\n'],
    ['keys', '1: a\n1.0x: b\ntrue: c\nnull: d\n"q": e\n\'s\': f\nFn::If: g\n'],
    ['quoted', 'a: "x\\ty\\u00e9\\x41\\"\\\\"\nb: \'it\'\'s\'\nc: "line\n  folded\n\n  para"\nd: "join\\\n   ed"\ne: \'multi\n  line\'\n'],
    ['block scalars', 'a: |\n  x\n\n   indented\n  y\nb: >\n  folded\n  text\n\n  para\n    more\n  end\nc: |-\n  stripped\nd: >-\n  s\n\ne: |\n\n  leading\n'],
    ['sequences', 'a:\n- x\n- y\nb:\n  - k: 1\n    l: 2\n  - - n\n    - m\n  -\n    z: 1\nc: []\nd: {}\n'],
    ['flow', 'a: [1, "2", {b: c, "d": [e, f]}, [x: 1]]\ng: {h: [\n    i,\n    j\n  ]}\nk: [\n  l,\n]\nm: {"n":1,"o":"p"}\n'],
    ['comments and markers', '---\n# top\na: 1 # one\n\n  # indented comment\nb:\n  # before\n  c: 2\n'],
    ['plain multi-line', 'Description: first\n  second\n\n  third\nOther:\n  on next\n  lines\n'],
    ['duplicates', 'a: 1\nb:\n  c: 1\n  c: 2\na: 3\nd: {e: 1, e: 2}\n'],
    ['CRLF', 'a: 1\r\nb:\r\n  - "x\r\n    y"\r\n  - |\r\n    lit\r\n'],
    ['proto', '__proto__:\n  polluted: true\nconstructor: 1\n'],
    ['after comment', 'R:\n\n# c\n common\nO:\n'],
  ];
  for (const [name, text] of cases) {
    it(`matches yaml: ${name}`, () => {
      expect(difference(text)).toBeUndefined();
    });
  }

  it('accepts the common template forms', () => {
    for (const [name, text] of cases) {
      if (name !== 'after comment') expect([name, accepted(text)]).toEqual([name, true]);
    }
  });

  it('leaves anchors, aliases, merge keys, unknown tags and several documents to yaml', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a:\n  <<: {b: 1}\n', 'a: !Whatever x\n', 'a: 1\n---\nb: 2\n', '? complex\n: key\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', 'a:\tb\n', 'a: |+\n  keep\n\n']) {
      expect([text, accepted(text)]).toEqual([text, false]);
      expect(difference(text)).toBeUndefined();
    }
  });

  it('matches yaml on generated template-like documents', () => {
    // FNGUARD_FAST_YAML_SEED / _RUNS explore further than the default run.
    let seed = Number(process.env.FNGUARD_FAST_YAML_SEED ?? 20260101);
    const runs = Number(process.env.FNGUARD_FAST_YAML_RUNS ?? 1500);
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const sp = (n: number) => ' '.repeat(n);
    const words = ['a', 'Foo', 'arn:aws:s3:::b/*', '${AWS::Region}', '012', '1.50', '-3', '0x1A', 'true', '~', 'x y', 'a#b', 'a:b', '-x', '.inf', 'é😀'];
    const scalar = (ind: number): string => {
      const r = rnd();
      if (r < 0.35) return pick(words);
      if (r < 0.5) return `"${pick(['a', 'b\\nc', 'd\\"e', `q\n${sp(ind + 1)}r`, `q\n\n${sp(ind + 2)}r  `, `a\\\n${sp(ind + 1)}b`])}"`;
      if (r < 0.6) return `'${pick(['a', "it''s", `q\n${sp(ind + 1)}r`])}'`;
      if (r < 0.8) {
        const ci = ind + 1 + Math.floor(rnd() * 3);
        const lines = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => {
          const t = rnd();
          return t < 0.2 ? '' : t < 0.3 ? `${sp(ci + 2)}more ${i}` : `${sp(ci)}${pick(['text', '# not a comment', '- item', 'k: v'])}${i}`;
        });
        return `${pick(['|', '>', '|-', '>-'])}\n${[...lines, `${sp(ci)}end`].join('\n')}`;
      }
      if (r < 0.9) return pick(['[a, b]', '[]', '{a: 1, "b": [x, y]}', '[!Ref X, !GetAtt Y.Arn]', `[a,\n${sp(ind + 2)}b]`, '[x: 1]', '[0, !GetAZs ]', '["x":1]']);
      return pick(['!Ref X', '!Sub "a-${B}"', '!GetAtt A.B', `!Sub |\n${sp(ind + 2)}line`, '!GetAZs', '&a v']);
    };
    const node = (ind: number, depth: number): { inline: boolean; text: string } => {
      const r = rnd();
      if (depth > 3 || r < 0.3) return { inline: true, text: scalar(ind) };
      if (r < 0.65) {
        const lines: string[] = [];
        for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) {
          const key = pick([`K${i}`, `"q${i}"`, String(i), 'Fn::If', 'null', `K${i - 1}`]);
          const child = node(ind + 2, depth + 1);
          if (rnd() < 0.1) lines.push(`${sp(Math.floor(rnd() * (ind + 3)))}# comment`);
          if (rnd() < 0.1) lines.push('');
          lines.push(child.inline ? `${sp(ind)}${key}: ${child.text}` : `${sp(ind)}${key}:\n${child.text}`);
        }
        return { inline: false, text: lines.join('\n') };
      }
      const lines: string[] = [];
      const sind = rnd() < 0.3 ? Math.max(0, ind - 2) : ind;
      for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) {
        const child = node(sind + 2, depth + 1);
        lines.push(child.inline ? `${sp(sind)}- ${child.text}` : `${sp(sind)}- ${child.text.trimStart()}`);
      }
      return { inline: false, text: lines.join('\n') };
    };
    const problems: string[] = [];
    let fast = 0;
    for (let i = 0; i < runs; i++) {
      const root = node(0, 0);
      let text = root.inline ? `Root: ${root.text}\n` : `Root:\n${root.text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')}\n`;
      if (rnd() < 0.1) text = text.replace(/\n/g, '\r\n');
      if (!accepted(text)) continue;
      fast++;
      const problem = difference(text);
      if (problem) problems.push(`${problem}\n${JSON.stringify(text)}`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(fast).toBeGreaterThan(runs / 3);
  });

  it.skipIf(!existsSync(CORPUS))('matches yaml on every YAML and JSON file of the corpus, and reads almost all of them', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ya?ml|json|template)$/i.test(entry.name)) files.push(full);
      }
    };
    walk(CORPUS);
    const problems: string[] = [];
    let yamlFiles = 0;
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (text.length > 2_000_000) continue;
      if (!/^\s*[{[]/.test(text)) {
        yamlFiles++;
        if (accepted(text)) fast++;
      }
      const problem = difference(text, path.relative(CORPUS, file), 500);
      if (problem) problems.push(problem);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(fast / yamlFiles).toBeGreaterThan(0.97);
  }, 120_000);
});

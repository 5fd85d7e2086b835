import { describe, expect, it } from 'vitest';
import { resolveVariables } from './variables.js';
import type { VariableOptions } from './variables.js';
import { parseExpression, scanVariables } from './variable-syntax.js';

function files(map: Record<string, string>): (rel: string) => Promise<string | undefined> {
  return async (rel) => map[rel];
}

async function resolve(config: unknown, options: Partial<VariableOptions> = {}) {
  return resolveVariables(config, { file: 'svc/serverless.yml', serviceDir: 'svc', ...options });
}

function codes(result: { warnings: { code: string }[] }): string[] {
  return result.warnings.map((w) => w.code);
}

describe('variable syntax', () => {
  it('finds nested expressions and leaves text around them', () => {
    const scan = scanVariables('a-${self:custom.${opt:stage}}-b');
    expect(scan.segments.map((s) => (s.kind === 'text' ? s.text : s.raw))).toEqual(['a-', '${self:custom.${opt:stage}}', '-b']);
    expect(scan.unterminated).toBe(false);
  });

  it('reports an unterminated expression', () => {
    expect(scanVariables('x ${self:a').unterminated).toBe(true);
  });

  it('splits a fallback chain outside quotes and nested expressions', () => {
    expect(parseExpression("opt:stage, ${self:provider.stage}, 'a, b', 3, true, null")).toEqual([
      { kind: 'reference', source: 'opt', params: undefined, address: 'stage', raw: 'opt:stage' },
      { kind: 'nested', text: '${self:provider.stage}' },
      { kind: 'quoted', text: 'a, b' },
      { kind: 'literal', value: 3 },
      { kind: 'literal', value: true },
      { kind: 'literal', value: null },
    ]);
  });

  it('parses params with nested parentheses and addresses with variables', () => {
    expect(parseExpression('file(./cfg/${sls:stage}.yml):db.${opt:x}')[0]).toEqual({
      kind: 'reference', source: 'file', params: './cfg/${sls:stage}.yml', address: 'db.${opt:x}', raw: 'file(./cfg/${sls:stage}.yml):db.${opt:x}',
    });
  });

  it('treats CloudFormation substitutions as bare text', () => {
    expect(parseExpression('AWS::Region')[0]?.kind).toBe('bare');
    expect(parseExpression('MyBucket.Arn')[0]?.kind).toBe('bare');
    expect(parseExpression('file(./x.yml')[0]?.kind).toBe('bare');
  });
});

describe('resolveVariables', () => {
  it('resolves self references, keeping the type of whole values', async () => {
    const result = await resolve({
      service: 'orders',
      custom: { memory: 512, tags: { team: 'a' }, name: '${self:service}-api' },
      provider: { memorySize: '${self:custom.memory}', tags: '${self:custom.tags}', label: 'x-${self:custom.memory}' },
    });
    const config = result.config as { provider: Record<string, unknown>; custom: Record<string, unknown> };
    expect(config.provider.memorySize).toBe(512);
    expect(config.provider.tags).toEqual({ team: 'a' });
    expect(config.provider.label).toBe('x-512');
    expect(config.custom.name).toBe('orders-api');
    expect(result.warnings).toEqual([]);
  });

  it('does not modify the input', async () => {
    const input = { a: '${self:b}', b: 1 };
    await resolve(input);
    expect(input.a).toBe('${self:b}');
  });

  it('resolves opt with the given stage and region, and the defaults when none is given', async () => {
    const config = { s: '${opt:stage}', r: '${opt:region}', f: "${opt:stage, 'fallback'}", x: '${opt:verbose, false}' };
    const given = await resolve(config, { stage: 'prod', region: 'eu-west-1' });
    expect(given.config).toEqual({ s: 'prod', r: 'eu-west-1', f: 'prod', x: false });
    const defaults = await resolve(config);
    expect(defaults.config).toEqual({ s: 'dev', r: 'us-east-1', f: 'fallback', x: false });
    expect(defaults.warnings).toEqual([]);
  });

  it('takes sls:stage from provider.stage when no stage option is given', async () => {
    const result = await resolve({ provider: { stage: 'qa', region: 'ap-south-1' }, a: '${sls:stage}', b: '${aws:region}' });
    expect(result.config).toMatchObject({ a: 'qa', b: 'ap-south-1' });
    expect(result.stage).toBe('qa');
    expect(result.region).toBe('ap-south-1');
  });

  it('does not loop when provider.stage refers to sls:stage', async () => {
    const result = await resolve({ provider: { stage: '${sls:stage}' }, a: '${sls:stage}' });
    expect(result.config).toMatchObject({ a: 'dev', provider: { stage: 'dev' } });
  });

  it('keeps deploy-time sources symbolic and records them', async () => {
    const result = await resolve({
      provider: {
        environment: {
          DB_PASSWORD: '${ssm:/orders/${sls:stage}/db-password}',
          ACCOUNT: '${aws:accountId}',
          OUT: '${cf:network-dev.VpcId}',
          ID: '${sls:instanceId}',
          CONF: '${s3:my-bucket/config.json}',
        },
      },
    }, { stage: 'prod' });
    const env = (result.config as { provider: { environment: Record<string, string> } }).provider.environment;
    expect(env.DB_PASSWORD).toBe('${ssm:/orders/prod/db-password}');
    expect(env.ACCOUNT).toBe('${aws:accountId}');
    expect(env.OUT).toBe('${cf:network-dev.VpcId}');
    expect(result.references.map((r) => r.source).sort()).toEqual(['aws', 'cf', 's3', 'sls', 'ssm']);
    expect(result.references.find((r) => r.source === 'ssm')).toMatchObject({ address: '/orders/prod/db-password', path: ['provider', 'environment', 'DB_PASSWORD'] });
    expect(result.warnings).toEqual([]);
  });

  it('keeps source parameters and the old dotted region form in the symbolic text', async () => {
    const result = await resolve({ a: '${ssm(eu-west-1):/x/${sls:stage}}', b: '${cf.us-west-2:stack.Out}', c: 'pre-${ssm:/p}-post' });
    expect(result.config).toEqual({ a: '${ssm(eu-west-1):/x/dev}', b: '${cf.us-west-2:stack.Out}', c: 'pre-${ssm:/p}-post' });
    expect(result.references.map((r) => r.rendered)).toEqual(['${ssm(eu-west-1):/x/dev}', '${cf.us-west-2:stack.Out}', '${ssm:/p}']);
  });

  it('reads env only from the given map', async () => {
    process.env.FNGUARD_TEST_SHOULD_NOT_LEAK = 'leaked';
    try {
      const result = await resolve({ a: '${env:FNGUARD_TEST_SHOULD_NOT_LEAK}', b: '${env:GIVEN}', c: "${env:MISSING, 'd'}" }, { env: { GIVEN: 'yes' } });
      expect(result.config).toEqual({ a: '${env:FNGUARD_TEST_SHOULD_NOT_LEAK}', b: 'yes', c: 'd' });
      expect(codes(result)).toEqual(['unresolved-variable']);
    } finally {
      delete process.env.FNGUARD_TEST_SHOULD_NOT_LEAK;
    }
  });

  it('resolves nested variables and fallback chains in order', async () => {
    const result = await resolve({
      custom: { dev: { table: 'orders-dev' }, prod: { table: 'orders-prod' } },
      a: '${self:custom.${opt:stage}.table}',
      b: "${self:custom.nope, self:custom.dev.table, 'x'}",
      c: '${env:NOPE, ${self:custom.prod.table}}',
      d: "${self:custom.nope, 'last'}",
      e: '${self:custom.nope, 7}',
    }, { stage: 'prod' });
    expect(result.config).toMatchObject({ a: 'orders-prod', b: 'orders-dev', c: 'orders-prod', d: 'last', e: 7 });
    expect(result.warnings).toEqual([]);
  });

  it('accepts an explicit null fallback without a warning', async () => {
    const result = await resolve({ a: '${self:nothing, null}', b: '${env:NOPE, null}' });
    expect(result.config).toEqual({ a: null, b: null });
    expect(result.warnings).toEqual([]);
  });

  it('converts strToBool', async () => {
    const result = await resolve({ a: '${strToBool(true)}', b: '${strToBool(${env:FLAG})}', c: '${strToBool(maybe)}' }, { env: { FLAG: '0' } });
    expect(result.config).toMatchObject({ a: true, b: false, c: '${strToBool(maybe)}' });
    expect(codes(result)).toContain('variable-type');
  });

  it('reads YAML and JSON files under the root, relative to the service directory', async () => {
    const result = await resolve({
      custom: '${file(./config/${sls:stage}.yml)}',
      one: '${file(../shared/common.json):limits.memory}',
      name: '${self:custom.name}',
      text: '${file(./notes.txt)}',
    }, {
      readFile: files({
        'svc/config/dev.yml': 'name: from-file\nstageCopy: ${sls:stage}\n',
        'shared/common.json': '{"limits": {"memory": 256}}',
        'svc/notes.txt': 'plain',
      }),
    });
    expect(result.config).toEqual({
      custom: { name: 'from-file', stageCopy: 'dev' },
      one: 256,
      name: 'from-file',
      text: 'plain',
    });
    expect(result.sourceFiles.sort()).toEqual(['shared/common.json', 'svc/config/dev.yml', 'svc/notes.txt']);
    expect(result.warnings).toEqual([]);
  });

  it('refuses file paths outside the root without reading them', async () => {
    const read: string[] = [];
    const result = await resolve(
      { a: '${file(../../etc/passwd)}', b: '${file(/etc/passwd)}', c: '${file(~/secrets.yml)}', d: "${file(../../x.yml), 'safe'}" },
      { readFile: async (rel) => { read.push(rel); return 'x: 1'; } },
    );
    expect(read).toEqual([]);
    expect(codes(result).filter((c) => c === 'path-escape')).toHaveLength(4);
    expect((result.config as Record<string, unknown>).d).toBe('safe');
  });

  it('never executes JavaScript or TypeScript includes', async () => {
    const read: string[] = [];
    const result = await resolve({ a: '${file(./config.js):value}', b: '${file(./env.ts)}' }, { readFile: async (rel) => { read.push(rel); return ''; } });
    expect(read).toEqual([]);
    expect(codes(result)).toContain('code-not-executed');
    expect(result.config).toEqual({ a: '${file(./config.js):value}', b: '${file(./env.ts)}' });
  });

  it('warns about a missing file and uses the fallback when there is one', async () => {
    const result = await resolve({ a: '${file(./missing.yml)}', b: "${file(./missing.yml):x, 'fb'}" }, { readFile: files({}) });
    expect(result.config).toEqual({ a: '${file(./missing.yml)}', b: 'fb' });
    // One warning per cause: the missing file, not also an "unresolved" echo of it.
    expect(codes(result)).toEqual(['file-not-found']);
  });

  it('warns when files cannot be read at all', async () => {
    const result = await resolve({ a: '${file(./x.yml)}' });
    expect(codes(result)).toContain('file-not-read');
  });

  it('reports a malformed included file with its own warnings', async () => {
    const result = await resolve({ a: '${file(./bad.yml)}' }, { readFile: files({ 'svc/bad.yml': 'a: [1,\n' }) });
    expect(codes(result)).toContain('yaml-parse');
    expect((result.config as Record<string, unknown>).a).toBe('${file(./bad.yml)}');
  });

  it('detects a file that includes itself', async () => {
    const result = await resolve({ a: '${file(./loop.yml)}' }, { readFile: files({ 'svc/loop.yml': 'again: ${file(./loop.yml)}\n' }) });
    expect(codes(result)).toContain('variable-cycle');
  });

  it('detects self cycles without hanging, once', async () => {
    const result = await resolve({ a: '${self:b}', b: 'x-${self:c}', c: '${self:a}', ok: '${self:d}', d: 1 });
    expect(codes(result)).toEqual(['variable-cycle']);
    expect(result.config).toMatchObject({ a: '${self:b}', ok: 1 });
  });

  it('detects an object that contains a reference to itself', async () => {
    const result = await resolve({ custom: { inner: '${self:custom}' } });
    expect(codes(result)).toContain('variable-cycle');
  });

  it('resolves v4 stage params and v3 params, stage before default, and keeps unknown params symbolic', async () => {
    const v4 = await resolve({
      stages: { default: { params: { table: 'base', domain: 'default.example.com' } }, prod: { params: { table: 'prod-table' } } },
      a: '${param:table}', b: '${param:domain}', c: '${param:dashboardOnly}',
    }, { stage: 'prod' });
    expect(v4.config).toMatchObject({ a: 'prod-table', b: 'default.example.com', c: '${param:dashboardOnly}' });
    expect(v4.references).toEqual([expect.objectContaining({ source: 'param', address: 'dashboardOnly' })]);
    const v3 = await resolve({ params: { default: { x: 1 }, dev: { x: 2 } }, a: '${param:x}' });
    expect((v3.config as Record<string, unknown>).a).toBe(2);
    const given = await resolve({ params: { dev: { x: 2 } }, a: '${param:x}' }, { params: { x: 'cli' } });
    expect((given.config as Record<string, unknown>).a).toBe('cli');
  });

  it('leaves CloudFormation substitutions and plugin sources in place', async () => {
    const result = await resolve({
      a: { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/${AWS::Region}/${self:service}' },
      service: 'svc',
      b: '${construct:api.url}',
    });
    expect(result.config).toMatchObject({ a: { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/${AWS::Region}/svc' }, b: '${construct:api.url}' });
    expect(codes(result)).toEqual(['unknown-variable-source']);
  });

  it('refuses to put an object inside a string', async () => {
    const result = await resolve({ o: { k: 1 }, s: 'x-${self:o}' });
    expect((result.config as Record<string, unknown>).s).toBe('x-${self:o}');
    expect(codes(result)).toEqual(['variable-type']);
  });

  it('reports unresolved self references with their location', async () => {
    const result = await resolve({ a: '${self:custom.missing}' }, { locate: (path) => ({ file: 'svc/serverless.yml', line: path.length + 10, column: 3 }) });
    expect(result.warnings).toEqual([{ code: 'unresolved-variable', message: expect.stringContaining('self:custom.missing'), location: { file: 'svc/serverless.yml', line: 11, column: 3 } }]);
  });

  it('bounds exponential growth by the string length limit', async () => {
    const config: Record<string, string> = { l0: 'abcdefghij' };
    for (let i = 1; i <= 30; i++) config[`l${i}`] = `\${self:l${i - 1}}\${self:l${i - 1}}`;
    const started = Date.now();
    const result = await resolve(config);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(codes(result)).toContain('variable-limit');
    expect(((result.config as Record<string, string>).l30 ?? '').length).toBeLessThan(300_000);
  });

  it('bounds deep reference chains by the depth limit', async () => {
    // Keys written deepest-first so that resolving the first one walks the whole chain.
    const config: Record<string, string> = {};
    for (let i = 200; i >= 1; i--) config[`v${i}`] = `\${self:v${i - 1}}`;
    config.v0 = 'end';
    const result = await resolve(config, { limits: { maxDepth: 20 } });
    expect(codes(result)).toContain('variable-depth');
    // The chain is cut where the limit is hit: the deep end stays as written, the data is intact.
    expect((result.config as Record<string, string>).v200).toBe('${self:v199}');
    expect((result.config as Record<string, string>).v0).toBe('end');
  });

  it('bounds the number of evaluations', async () => {
    const config: Record<string, string> = {};
    for (let i = 0; i < 50; i++) config[`k${i}`] = '${opt:stage}';
    const result = await resolve(config, { limits: { maxEvaluations: 10 } });
    expect(codes(result)).toEqual(['variable-limit']);
    expect(Object.values(result.config as Record<string, string>).filter((v) => v === 'dev')).toHaveLength(10);
  });

  it('warns about an unterminated variable and keeps the text', async () => {
    const result = await resolve({ a: 'x-${self:b' });
    expect(result.config).toEqual({ a: 'x-${self:b' });
    expect(codes(result)).toEqual(['variable-syntax']);
  });

  it('does not follow inherited properties such as __proto__ or constructor', async () => {
    const result = await resolve({ a: '${self:constructor}', b: '${self:__proto__.x}' });
    expect(result.config).toEqual({ a: '${self:constructor}', b: '${self:__proto__.x}' });
    expect(codes(result)).toEqual(['unresolved-variable', 'unresolved-variable']);
  });

  it('indexes lists by position', async () => {
    const result = await resolve({ list: ['a', { b: 'c' }], x: '${self:list.1.b}', y: '${self:list.0}' });
    expect(result.config).toMatchObject({ x: 'c', y: 'a' });
  });
});

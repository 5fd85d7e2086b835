/**
 * Discovery: which files are loaded, which are skipped, and why, on a small project tree made
 * at test time.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/loaders/discover.js';
import { sniffTemplate } from '../../src/loaders/fs/sniff.js';

const CFN = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n";
const SAM = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n';

const TREE: Record<string, string> = {
  'template.yaml': SAM,
  'infra/network.json': JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC' } } }),
  'infra/stack.template': CFN,
  'services/api/serverless.yml': 'service: api\nprovider:\n  name: aws\n',
  'services/legacy/serverless.ts': 'export default { service: "legacy" };',
  'package.json': JSON.stringify({ name: 'x', scripts: { Resources: 'Type: AWS::S3::Bucket' } }),
  'tsconfig.build.json': '{}',
  'openapi.yaml': 'openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses: {}\n',
  'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
  'node_modules/lib/template.yaml': CFN,
  '.aws-sam/build/template.yaml': CFN,
  'cdk.out/App.template.json': JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket' } } }),
  'cdk.out/manifest.json': '{}',
  '.serverless/cloudformation-template-update-stack.json': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }),
  '.serverless/serverless-state.json': '{}',
};

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'fnguard-discover-'));
  for (const [file, text] of Object.entries(TREE)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('discover', () => {
  it('finds templates and serverless.yml files, skipping dependencies and generated output', async () => {
    const found = await discover(root);
    expect(found.candidates.map((c) => [c.kind, c.path])).toEqual([
      ['sam', 'template.yaml'],
      ['cloudformation', 'infra/network.json'],
      ['cloudformation', 'infra/stack.template'],
      ['serverless', 'services/api/serverless.yml'],
    ]);
    expect(found.warnings.map((w) => [w.code, w.location?.file])).toEqual([['serverless-config-not-static', 'services/legacy/serverless.ts']]);
  });

  it('keeps the text it read while sniffing, so files are read once', async () => {
    const found = await discover(root);
    expect(found.candidates.find((c) => c.path === 'template.yaml')?.text).toBe(SAM);
  });

  it('includes generated CloudFormation on request', async () => {
    const found = await discover(root, { includeGenerated: true });
    expect(found.candidates.map((c) => [c.kind, c.path])).toEqual(expect.arrayContaining([
      ['cloudformation', '.aws-sam/build/template.yaml'],
      ['cdk', 'cdk.out/App.template.json'],
      ['cloudformation', '.serverless/cloudformation-template-update-stack.json'],
    ]));
    expect(found.candidates.some((c) => c.path.startsWith('node_modules'))).toBe(false);
    expect(found.candidates.some((c) => c.path.endsWith('manifest.json') || c.path.endsWith('serverless-state.json'))).toBe(false);
  });

  it('accepts a single file', async () => {
    const found = await discover(path.join(root, 'infra', 'stack.template'));
    expect(found.candidates.map((c) => [c.kind, c.path])).toEqual([['cloudformation', 'stack.template']]);
    const notTemplate = await discover(path.join(root, 'openapi.yaml'));
    expect(notTemplate.candidates).toEqual([]);
    expect(notTemplate.warnings.map((w) => w.code)).toEqual(['not-a-template']);
  });

  it('stops after the entry cap with a warning', async () => {
    const found = await discover(root, { maxEntries: 3 });
    expect(found.warnings.map((w) => w.code)).toContain('too-many-files');
  });
});

describe('sniffTemplate', () => {
  it.each([
    ['format version only', "AWSTemplateFormatVersion: '2010-09-09'\n", 'cloudformation'],
    ['SAM transform in a list', 'Transform:\n  - AWS::Serverless-2016-10-31\n', 'sam'],
    ['JSON SAM transform', '{"Transform": "AWS::Serverless-2016-10-31", "Resources": {}}', 'sam'],
    ['resources with AWS types', 'Resources:\n  Q:\n    Type: "AWS::SQS::Queue"\n', 'cloudformation'],
  ])('accepts %s', (_name, text, expected) => {
    expect(sniffTemplate(text)).toBe(expected);
  });

  it.each([
    ['an OpenAPI document', 'openapi: 3.0.0\ninfo:\n  title: x\npaths: {}\n'],
    ['a Kubernetes manifest', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n'],
    ['a workflow mentioning AWS types outside Resources', 'jobs:\n  deploy:\n    steps:\n      - run: echo Type: AWS::S3::Bucket\n'],
    ['a Step Functions definition', '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:x"}}}'],
  ])('rejects %s', (_name, text) => {
    expect(sniffTemplate(text)).toBeUndefined();
  });
});

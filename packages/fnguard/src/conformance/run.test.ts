import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { overall, percent } from './compare.js';
import { conformanceCases, runConformance, withSamTransform } from './run.js';

const root = mkdtempSync(join(tmpdir(), 'fnguard-conformance-'));
mkdirSync(join(root, 'input'));
mkdirSync(join(root, 'output'));
const write = (path: string, text: string) => writeFileSync(join(root, path), text);

write('input/queue.yaml', `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Handler: i.h
      Runtime: nodejs20.x
      Events: {Q: {Type: SQS, Properties: {Queue: !GetAtt Q.Arn}}}
  Q: {Type: AWS::SQS::Queue}
`);
write('output/queue.json', JSON.stringify({
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] } } },
    FnRole: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: [
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
    ] } },
    Q: { Type: 'AWS::SQS::Queue' },
    FnQ: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] } } },
  },
}));
write('input/broken.yaml', 'Resources: {}\n');
write('output/broken.json', '{not json');
write('input/error_bad.yaml', 'Resources: []\n');
write('output/error_bad.json', '{"errorMessage": "bad"}');
write('input/unpaired.yaml', 'Resources: {}\n');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runConformance', () => {
  it('compares the valid pairs only', () => {
    expect(conformanceCases(root)).toEqual(['broken', 'queue']);
  });

  it('reports agreement, and skips an output that is not JSON', () => {
    const report = runConformance(root);
    expect(report.templates).toBe(1);
    expect(report.functions).toBe(1);
    expect(report.skipped).toEqual([{ template: 'broken', reason: expect.stringContaining('not JSON') }]);
    expect(report.tallies.actions).toEqual({ agree: 2, total: 2 });
    expect(report.tallies.triggers).toEqual({ agree: 1, total: 1 });
    expect(percent(overall(report))).toBe(100);
  });
});

describe('withSamTransform', () => {
  it('adds the transform the translator tests assume, after any YAML directives', () => {
    expect(withSamTransform('Resources: {}\n')).toBe('Transform: AWS::Serverless-2016-10-31\nResources: {}\n');
    expect(withSamTransform('%YAML 1.1\n---\nResources: {}\n')).toBe('%YAML 1.1\n---\nTransform: AWS::Serverless-2016-10-31\nResources: {}\n');
  });

  it('leaves templates that declare a transform, and JSON templates, alone', () => {
    expect(withSamTransform('Transform: [AWS::Serverless-2016-10-31]\nResources: {}\n')).toBe('Transform: [AWS::Serverless-2016-10-31]\nResources: {}\n');
    expect(withSamTransform('{"Resources": {}}')).toBe('{"Resources": {}}');
  });
});

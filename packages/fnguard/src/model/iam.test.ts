import { describe, expect, it } from 'vitest';
import { parseTemplateText } from '../loaders/yaml/parse.js';
import { TemplateContext } from '../loaders/cloudformation/template.js';
import { normalizeStatements } from './iam.js';

const ctx = new TemplateContext(parseTemplateText('Resources:\n  Bucket: {Type: AWS::S3::Bucket}\nConditions:\n  C: !Equals [!Ref AWS::Region, x]\n', 't.yaml'));
const here = { file: 't.yaml', line: 1, column: 1 };

describe('normalizeStatements', () => {
  it('turns single values into lists, lower-cases actions and renders intrinsics', () => {
    const statements = normalizeStatements({
      Version: '2012-10-17',
      Statement: {
        Sid: 'Read', Effect: 'Allow', Action: 'S3:GetObject',
        Resource: { 'Fn::Sub': '${Bucket.Arn}/*' },
        Condition: { StringEquals: { 'aws:SourceAccount': '123' } },
      },
    }, ctx, 'inline:p', here);
    expect(statements).toEqual([{
      Sid: 'Read', Effect: 'Allow', Action: ['s3:getobject'], Resource: ['${Bucket.Arn}/*'],
      Condition: { StringEquals: { 'aws:SourceAccount': ['123'] } }, origin: 'inline:p', location: here,
    }]);
  });

  it('accepts bare statement lists, NotAction/NotResource, principals and undecidable Ifs', () => {
    const statements = normalizeStatements([
      { Effect: 'Deny', NotAction: ['IAM:*'], NotResource: '*', Principal: '*' },
      { Effect: 'Allow', Action: { 'Fn::If': ['C', 's3:PutObject', 's3:GetObject'] }, Resource: '*', Principal: { Service: 'lambda.amazonaws.com' } },
    ], ctx, 'x', (index) => ({ ...here, line: index + 10 }));
    expect(statements[0]).toMatchObject({ Effect: 'Deny', NotAction: ['iam:*'], NotResource: ['*'], Principal: '*', location: { line: 10 } });
    expect(statements[1]).toMatchObject({ Action: ['s3:putobject', 's3:getobject'], Principal: { Service: ['lambda.amazonaws.com'] }, location: { line: 11 } });
  });

  it('skips malformed statements and says why', () => {
    const problems: string[] = [];
    const statements = normalizeStatements({ Statement: [3, { Effect: 'Maybe', Action: '*' }, { Effect: 'Allow', Resource: '*' }] }, ctx, 'p', here, (m) => problems.push(m));
    expect(statements).toHaveLength(1);
    expect(problems).toHaveLength(3);
    expect(normalizeStatements('not a document', ctx, 'p', here)).toEqual([]);
    expect(normalizeStatements(undefined, ctx, 'p', here)).toEqual([]);
  });
});

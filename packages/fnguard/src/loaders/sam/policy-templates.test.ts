import { describe, expect, it } from 'vitest';
import { expandPolicyTemplate, isPolicyTemplateName } from './policy-templates.js';

describe('expandPolicyTemplate', () => {
  it('substitutes the parameters into the template definition', () => {
    const expansion = expandPolicyTemplate('S3ReadPolicy', { BucketName: 'photos' });
    expect(expansion.ok).toBe(true);
    if (!expansion.ok) return;
    const [statement] = expansion.document.Statement as Array<Record<string, unknown>>;
    expect(statement?.Action).toContain('s3:GetObject');
    expect(statement?.Resource).toEqual([
      { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${bucketName}', { bucketName: 'photos' }] },
      { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${bucketName}/*', { bucketName: 'photos' }] },
    ]);
  });

  it('keeps intrinsic parameter values for the template renderer', () => {
    const expansion = expandPolicyTemplate('DynamoDBCrudPolicy', { TableName: { Ref: 'Table' } });
    expect(expansion.ok && JSON.stringify(expansion.document)).toContain('{"tableName":{"Ref":"Table"}}');
  });

  it('ignores parameters the template does not declare', () => {
    const expansion = expandPolicyTemplate('SQSPollerPolicy', { QueueName: 'q', Extra: 'x' });
    expect(expansion.ok && JSON.stringify(expansion.document)).not.toContain('Extra');
  });

  it('accepts an empty map for templates without parameters', () => {
    expect(expandPolicyTemplate('AMIDescribePolicy', {}).ok).toBe(true);
  });

  it('reports missing parameters', () => {
    expect(expandPolicyTemplate('S3ReadPolicy', {})).toEqual({ ok: false, reason: expect.stringContaining('missing parameter(s) BucketName') });
    expect(expandPolicyTemplate('S3ReadPolicy', { BucketName: null })).toMatchObject({ ok: false });
  });

  it('reports parameters that are not a map', () => {
    for (const parameters of ['photos', ['photos'], null, 3]) {
      expect(expandPolicyTemplate('S3ReadPolicy', parameters)).toEqual({ ok: false, reason: expect.stringContaining('must be a map') });
    }
  });

  it('reports unknown templates', () => {
    expect(isPolicyTemplateName('NotATemplate')).toBe(false);
    expect(expandPolicyTemplate('NotATemplate', {})).toEqual({ ok: false, reason: expect.stringContaining('not a SAM policy template') });
  });

  it('does not let a parameter named like a template key change unrelated references', () => {
    const expansion = expandPolicyTemplate('LambdaInvokePolicy', { FunctionName: { Ref: 'FunctionName' } });
    expect(expansion.ok && JSON.stringify(expansion.document)).toContain('{"functionName":{"Ref":"FunctionName"}}');
  });
});

import { describe, expect, it } from 'vitest';
import { assessConditions } from './conditions.js';

describe('assessConditions', () => {
  it('is neither conditional nor narrowed without a Condition block', () => {
    expect(assessConditions(undefined)).toEqual({ conditional: false, narrowed: false, clauses: [], reasons: [] });
    expect(assessConditions({})).toMatchObject({ conditional: false, narrowed: false });
  });

  it('assesses a Condition block once, and equal blocks alike', () => {
    const condition = { StringEquals: { 'aws:SourceAccount': ['123456789012'] } };
    expect(assessConditions(condition)).toBe(assessConditions(condition));
    const copy = { StringEquals: { 'aws:SourceAccount': ['123456789012'] } };
    expect(assessConditions(copy)).toEqual(assessConditions(condition));
    expect(assessConditions({ StringNotEquals: { 'aws:SourceAccount': ['123456789012'] } }).narrowed).toBe(false);
  });

  it('recognises narrowing keys and says why', () => {
    const result = assessConditions({ ArnLike: { 'aws:SourceArn': ['${UploadsBucket.Arn}'] } });
    expect(result.narrowed).toBe(true);
    expect(result.reasons).toEqual([
      'narrowed by aws:SourceArn (ArnLike ${UploadsBucket.Arn}): limited to requests made on behalf of a specific source resource',
    ]);
  });

  it.each([
    ['StringEquals', 'aws:SourceAccount', ['${AWS::AccountId}']],
    ['StringEquals', 'aws:ResourceTag/team', ['payments']],
    ['StringEquals', 'aws:PrincipalTag/role', ['app']],
    ['StringLike', 's3:prefix', ['home/${aws:username}/*']],
    ['StringEquals', 'aws:RequestedRegion', ['eu-west-1']],
    ['StringEquals', 'kms:ViaService', ['s3.eu-west-1.amazonaws.com']],
    ['StringEquals', 'iam:PassedToService', ['lambda.amazonaws.com']],
    ['StringEquals', 'aws:ResourceAccount', ['123456789012']],
    ['ForAnyValue:StringEquals', 'aws:CalledVia', ['cloudformation.amazonaws.com']],
    ['StringEquals', 'secretsmanager:ResourceTag/app', ['orders']],
    ['Bool', 'aws:ViaAWSService', ['true']],
    ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8']],
  ])('%s %s narrows', (operator, key, values) => {
    expect(assessConditions({ [operator]: { [key]: values } }).narrowed).toBe(true);
  });

  it.each([
    ['StringLike', 'aws:SourceArn', ['*'], 'matches everything'],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:*:*:*:*'], 'matches everything'],
    ['ArnLike', 'aws:SourceArn', ['arn:*'], 'matches everything'],
    ['IpAddress', 'aws:SourceIp', ['0.0.0.0/0'], 'matches everything'],
    ['StringNotEquals', 'aws:SourceAccount', ['111111111111'], 'only excludes'],
    ['StringEqualsIfExists', 'aws:ResourceTag/team', ['a'], 'lacks the key'],
    ['ForAllValues:StringEquals', 'aws:PrincipalTag/x', ['a'], 'carries no values'],
    ['Null', 'aws:ResourceTag/team', ['false'], 'only checks whether the key is present'],
    ['Bool', 'aws:SecureTransport', ['true'], 'how the request is made'],
    ['StringEquals', 'aws:UserAgent', ['x'], 'how the request is made'],
    ['StringEquals', 'aws:SourceArn', [], 'no values'],
    ['StringEqualz', 'aws:SourceArn', ['arn:aws:s3:::b'], 'not an IAM condition operator'],
    ['Bool', 'aws:ViaAWSService', ['false'], 'only required to be false'],
  ])('%s %s %j does not narrow', (operator, key, values, why) => {
    const result = assessConditions({ [operator]: { [key]: values } });
    expect(result.conditional).toBe(true);
    expect(result.narrowed).toBe(false);
    expect(result.clauses[0]?.reason).toContain(why);
  });

  it('treats * as a literal under StringEquals, where it narrows to nothing useful', () => {
    expect(assessConditions({ StringEquals: { 'aws:SourceAccount': ['*'] } }).narrowed).toBe(true);
  });

  it('needs only one narrowing clause, since clauses are ANDed', () => {
    const result = assessConditions({
      Bool: { 'aws:SecureTransport': ['true'] },
      StringEquals: { 'aws:SourceAccount': ['123456789012'] },
    });
    expect(result.narrowed).toBe(true);
    expect(result.clauses).toHaveLength(2);
    expect(result.reasons).toHaveLength(1);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { classifyManagedPolicy, managedPolicyName } from './managed.js';

let catalog: IamCatalog;

beforeAll(async () => {
  catalog = await loadIamCatalog([]);
});

describe('managedPolicyName', () => {
  it('accepts every partition form and service-role paths', () => {
    expect(managedPolicyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(managedPolicyName('arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess')).toBe('PowerUserAccess');
    expect(managedPolicyName('arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toBe('AWSLambdaBasicExecutionRole');
    expect(managedPolicyName('arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess')).toBe('ViewOnlyAccess');
  });

  it('rejects customer-managed and unresolved ARNs', () => {
    expect(managedPolicyName('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
    expect(managedPolicyName('${MyPolicy}')).toBeUndefined();
    expect(managedPolicyName('AdministratorAccess')).toBeUndefined();
    expect(managedPolicyName('')).toBeUndefined();
  });
});

describe('classifyManagedPolicy', () => {
  it('recognises admin, power user and IAM full access', () => {
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess', catalog)).toMatchObject({ kind: 'admin', maxAccessLevel: 'Permissions management' });
    const power = classifyManagedPolicy('arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess', catalog);
    expect(power?.kind).toBe('power-user');
    expect(power?.statements[0]?.NotAction).toEqual(['iam:*', 'organizations:*', 'account:*']);
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/IAMFullAccess', catalog)).toMatchObject({ kind: 'permissions-management', service: 'iam' });
  });

  it('maps the *FullAccess family to IAM service prefixes', () => {
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AmazonS3FullAccess', catalog)).toMatchObject({ kind: 'service-full-access', service: 's3' });
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess', catalog)?.service).toBe('dynamodb');
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AWSLambda_FullAccess', catalog)?.service).toBe('lambda');
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AWSStepFunctionsFullAccess', catalog)?.service).toBe('states');
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AmazonEventBridgeFullAccess', catalog)?.service).toBe('events');
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AmazonSQSFullAccess', catalog)?.statements[0]?.Action).toEqual(['sqs:*']);
  });

  it('keeps an unidentifiable full-access product as a risk without inventing statements', () => {
    const risk = classifyManagedPolicy('arn:aws:iam::aws:policy/AmazonMadeUpThingFullAccess', catalog);
    expect(risk).toMatchObject({ kind: 'service-full-access', implies: 'full access to MadeUpThing', statements: [] });
    expect(risk?.service).toBeUndefined();
  });

  it('recognises read-only policies without statements', () => {
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess', catalog)).toMatchObject({ kind: 'read-all', statements: [], maxAccessLevel: 'Read' });
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', catalog)).toMatchObject({ kind: 'service-read-only', service: 's3' });
  });

  it('ignores harmless or unknown managed policies and non-managed ARNs', () => {
    expect(classifyManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', catalog)).toBeUndefined();
    expect(classifyManagedPolicy('arn:aws:iam::123456789012:policy/AdministratorAccess', catalog)).toBeUndefined();
    expect(classifyManagedPolicy('${CustomPolicy}', catalog)).toBeUndefined();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { IamStatement } from '../../model/types.js';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { ESCALATION_METHODS, findEscalations } from './privesc.js';
import { LOCATION, allow, deny } from './__tests__/fixtures.js';

let catalog: IamCatalog;
const ids = (statements: IamStatement[]) => findEscalations(statements, catalog).map((escalation) => escalation.id);

beforeAll(async () => {
  catalog = await loadIamCatalog(['iam', 'lambda', 'sts', 'ssm', 'ec2', 's3', 'glue', 'cloudformation', 'datapipeline', 'ecs', 'codebuild', 'sagemaker', 'autoscaling', 'dynamodb']);
});

describe('ESCALATION_METHODS', () => {
  it('has unique ids, a citation and only real catalogue actions', () => {
    expect(new Set(ESCALATION_METHODS.map((entry) => entry.id)).size).toBe(ESCALATION_METHODS.length);
    for (const entry of ESCALATION_METHODS) {
      expect(entry.citation.url, entry.id).toMatch(/^https:\/\//);
      for (const action of entry.actions) expect(catalog.isKnownAction(action), `${entry.id}: ${action}`).toBe(true);
    }
  });
});

describe('findEscalations', () => {
  it('finds nothing for an ordinary function role', () => {
    expect(ids([allow(['dynamodb:GetItem', 'dynamodb:PutItem'], ['arn:aws:dynamodb:*:*:table/${Orders}']), allow(['s3:GetObject'], ['${Uploads.Arn}/*'])])).toEqual([]);
    expect(ids([])).toEqual([]);
  });

  it('finds single-action methods', () => {
    expect(ids([allow(['iam:CreatePolicyVersion'])])).toEqual(['iam-create-policy-version']);
    expect(ids([allow(['iam:PutRolePolicy'])])).toEqual(['iam-put-role-policy']);
    expect(ids([allow(['lambda:UpdateFunctionCode'])])).toEqual(['lambda-update-function-code']);
  });

  it('needs every action of a combination', () => {
    expect(ids([allow(['iam:PassRole', 'lambda:CreateFunction'])])).toEqual([]);
    const found = ids([allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])]);
    expect(found).toEqual(['iam-passrole-lambda-invoke']);
    expect(ids([allow(['iam:PassRole']), allow(['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'])])).toEqual(['iam-passrole-lambda-event-source']);
  });

  it('expands wildcards: iam:* grants every IAM method, * grants all of them', () => {
    const iam = ids([allow(['iam:*'])]);
    expect(iam).toContain('iam-attach-role-policy');
    expect(iam).not.toContain('iam-passrole-ec2');
    expect(ids([allow(['*'])])).toHaveLength(ESCALATION_METHODS.length);
    expect(ids([allow(['iam:Put*Policy'])])).toEqual(['iam-put-user-policy', 'iam-put-group-policy', 'iam-put-role-policy']);
  });

  it('sees escalations through NotAction', () => {
    const statement: IamStatement = { Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: ['*'], origin: 'x', location: LOCATION };
    const found = ids([statement]);
    expect(found).toContain('lambda-update-function-code');
    expect(found).toContain('ssm-send-command-any-instance');
    expect(found).not.toContain('iam-passrole-ec2');
  });

  it('lets an unconditional Deny cancel a method', () => {
    expect(ids([allow(['iam:*']), deny(['iam:PutRolePolicy'])])).not.toContain('iam-put-role-policy');
    expect(ids([allow(['*']), deny(['*'])])).toEqual([]);
  });

  it('downgrades to possible for conditional denies, narrowing conditions and named resources', () => {
    const conditionalDeny = deny(['iam:PutRolePolicy'], ['*'], { Condition: { StringNotEquals: { 'aws:PrincipalTag/admin': ['true'] } } });
    const [withDeny] = findEscalations([allow(['iam:PutRolePolicy']), conditionalDeny], catalog);
    expect(withDeny).toMatchObject({ id: 'iam-put-role-policy', confidence: 'possible' });
    expect(withDeny?.reasons).toContain('iam:putrolepolicy is denied under some conditions');

    const [named] = findEscalations([allow(['iam:PutRolePolicy'], ['arn:aws:iam::${AWS::AccountId}:role/${FnRole}'])], catalog);
    expect(named).toMatchObject({ confidence: 'possible' });

    const tagged = allow(['lambda:UpdateFunctionCode'], ['*'], { Condition: { StringEquals: { 'aws:ResourceTag/team': ['a'] } } });
    expect(findEscalations([tagged], catalog)[0]?.confidence).toBe('possible');
  });

  it('ignores routine targeted grants for methods that need every resource', () => {
    expect(ids([allow(['sts:AssumeRole'], ['arn:aws:iam::123456789012:role/reader'])])).toEqual([]);
    expect(ids([allow(['sts:AssumeRole'])])).toEqual(['sts-assume-any-role']);
    expect(ids([allow(['ssm:SendCommand'], ['arn:aws:ec2:*:*:instance/i-123', 'arn:aws:ssm:*:*:document/AWS-RunShellScript'])])).toEqual([]);
    expect(ids([allow(['ssm:StartSession'], ['arn:aws:ec2:*:*:instance/*'])])).toEqual(['ssm-start-session-any-instance']);
  });

  it('cites its source', () => {
    const [found] = findEscalations([allow(['iam:AttachRolePolicy'])], catalog);
    expect(found?.citation.source).toContain('Rhino Security Labs');
    expect(found?.grants[0]).toMatchObject({ action: 'iam:attachrolepolicy', strength: 'full' });
  });
});

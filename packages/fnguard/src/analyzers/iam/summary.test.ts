import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IamStatement } from '../../model/types.js';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { catalogServicesForRoles } from './needs.js';
import { summarizeRole } from './summary.js';
import { LOCATION, allow, deny, role } from './__tests__/fixtures.js';

let catalog: IamCatalog;

beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'dynamodb', 'iam', 'lambda', 'sqs', 'logs', 'kms', 'secretsmanager', 'ssm', 'sts', 'ec2']);
});

describe('summarizeRole', () => {
  it('summarises a least-privilege function role as harmless', () => {
    const summary = summarizeRole(
      role([
        allow(['dynamodb:GetItem', 'dynamodb:PutItem'], ['arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}']),
        allow(['logs:CreateLogStream', 'logs:PutLogEvents'], ['arn:aws:logs:*:*:log-group:/aws/lambda/fn:*']),
      ], { usedBy: ['A', 'B', 'C'], managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] }),
      catalog,
    );
    expect(summary).toEqual({
      roleId: 'FnRole',
      maxAccessLevelByService: { dynamodb: 'Write', logs: 'Write' },
      wildcardActionCount: 0,
      wildcardResourceWriteCount: 0,
      adminLike: false,
      adminReasons: [],
      escalations: [],
      exfiltration: [],
      sharedBy: 3,
      managedPolicyRisks: [],
      unknownActions: [],
    });
  });

  it('counts wildcard actions and write grants on every resource', () => {
    const summary = summarizeRole(
      role([
        allow(['s3:*', 'sqs:Send*', 'kms:Decrypt']),
        allow(['dynamodb:Get*'], ['arn:aws:dynamodb:*:*:table/*']),
        allow(['s3:GetObject'], ['${Bucket.Arn}/*']),
        { Effect: 'Allow', NotAction: ['iam:*'], Resource: ['arn:aws:s3:::b/*'], origin: 'x', location: LOCATION },
      ]),
      catalog,
    );
    expect(summary.wildcardActionCount).toBe(4);
    expect(summary.wildcardResourceWriteCount).toBe(1);
    expect(summary.maxAccessLevelByService).toMatchObject({ s3: 'Permissions management', sqs: 'Write', kms: 'Write', dynamodb: 'Read', '*': 'Permissions management' });
    expect(summary.exfiltration.map((reach) => reach.id)).toEqual(
      expect.arrayContaining(['s3-read-all-objects', 'kms-decrypt-all', 'dynamodb-read-all-tables', 's3-write-any-bucket', 'sqs-send-any-queue']),
    );
    expect(summary.adminLike).toBe(false);
  });

  it('flags admin-like grants from * and from NotAction on every resource, unless narrowed or denied', () => {
    expect(summarizeRole(role([allow(['*'])]), catalog)).toMatchObject({ adminLike: true, adminReasons: ['inline:test allows every action on every resource'] });
    const notAction: IamStatement = { Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'], origin: 'inline:p', location: LOCATION };
    expect(summarizeRole(role([notAction]), catalog).adminReasons).toEqual(['inline:p allows every action except iam:* on every resource']);
    const narrowed = allow(['*'], ['*'], { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } });
    expect(summarizeRole(role([narrowed]), catalog).adminLike).toBe(false);
    expect(summarizeRole(role([allow(['*']), deny(['*'])]), catalog).adminLike).toBe(false);
    expect(summarizeRole(role([allow(['*'], ['arn:aws:s3:::b'])]), catalog).adminLike).toBe(false);
  });

  it('folds AWS managed policies into the risk', () => {
    const admin = summarizeRole(role([], { managedPolicyArns: ['arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'] }), catalog);
    expect(admin.adminLike).toBe(true);
    expect(admin.managedPolicyRisks.map((risk) => risk.kind)).toEqual(['admin']);
    expect(admin.escalations.length).toBeGreaterThan(20);
    expect(admin.wildcardActionCount).toBe(0);

    const s3 = summarizeRole(role([], { managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'] }), catalog);
    expect(s3.maxAccessLevelByService).toEqual({ s3: 'Permissions management', '*': 'Read' });
    expect(s3.exfiltration.map((reach) => reach.id)).toEqual(['s3-read-all-objects', 's3-write-any-bucket']);
  });

  it('lists unknown and malformed actions with their origin', () => {
    const summary = summarizeRole(role([allow(['s3:GetObjekt', 'lamda:InvokeFunction', 's3GetObject'], ['*'], { origin: 'inline:typos' })]), catalog);
    expect(summary.unknownActions).toEqual([
      { pattern: 's3:GetObjekt', status: 'unknown-action', origin: 'inline:typos' },
      { pattern: 'lamda:InvokeFunction', status: 'unknown-service', origin: 'inline:typos' },
      { pattern: 's3GetObject', status: 'malformed', origin: 'inline:typos' },
    ]);
    expect(summary.maxAccessLevelByService).toEqual({});
  });

  it('analyses 1,000 roles quickly', () => {
    const roles = Array.from({ length: 1000 }, (_, index) =>
      role(
        [
          allow(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], [`arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Table${index}}`]),
          allow(['s3:GetObject', 's3:PutObject'], [`\${Bucket${index}.Arn}/*`]),
          allow(['sqs:SendMessage'], ['*']),
          allow(index % 10 === 0 ? ['*'] : ['logs:*'], ['*']),
          allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], ['*'], { Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } } }),
        ],
        { id: `Role${index}`, managedPolicyArns: index % 7 === 0 ? ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] : [] },
      ),
    );
    expect(catalogServicesForRoles(roles)).toEqual(['dynamodb', 'iam', 'lambda', 'logs', 's3', 'sqs']);
    const started = performance.now();
    const summaries = roles.map((entry) => summarizeRole(entry, catalog));
    const elapsed = performance.now() - started;
    console.info(`summarizeRole: 1000 roles in ${elapsed.toFixed(0)} ms`);
    expect(summaries.filter((summary) => summary.adminLike)).toHaveLength(100);
    expect(summaries[1]?.escalations.map((escalation) => [escalation.id, escalation.confidence])).toEqual([['iam-passrole-lambda-invoke', 'possible']]);
    // Generous: the CI box is shared; this guards against accidental quadratic behaviour, not for a benchmark.
    expect(elapsed).toBeLessThan(15_000);
  });
});

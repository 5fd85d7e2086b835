import { beforeAll } from 'vitest';
import { buildApp, buildFunction, buildRole, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { Trigger } from '../../model/types.js';
import broadManagedPolicy from './broad-managed-policy.js';

beforeAll(async () => {
  await loadIamCatalog();
});

const policy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

const appWith = (managedPolicyArns: string[], triggers: Trigger[] = [], usedBy = ['Fn']) =>
  buildApp({
    functions: usedBy.map((id) => buildFunction(id, { roleId: 'FnRole', triggers })),
    roles: [buildRole('FnRole', { managedPolicyArns, usedBy, location: loc(31) })],
  });

testRule(broadManagedPolicy, {
  valid: [
    { name: 'basic execution role', app: appWith([policy('service-role/AWSLambdaBasicExecutionRole')]) },
    { name: 'read-only policies are left to FG-IAM-007', app: appWith([policy('ReadOnlyAccess'), policy('AmazonS3ReadOnlyAccess')]) },
    { name: 'customer managed policy', app: appWith(['arn:aws:iam::123456789012:policy/OrdersAccess']) },
    { name: 'API Gateway logging role with its narrow service policy', app: appWith([policy('service-role/AmazonAPIGatewayPushToCloudWatchLogs')], [], []) },
  ],
  invalid: [
    {
      name: 'AdministratorAccess is critical',
      app: appWith([policy('AdministratorAccess')]),
      hits: [{ severity: 'critical', resource: 'FnRole', line: 31, message: ['Role FnRole (used by Fn)', 'AdministratorAccess', 'full administrator access'], evidence: ['arn:aws:iam::aws:policy/AdministratorAccess'] }],
    },
    {
      name: 'PowerUserAccess and IAMFullAccess are high, with the partition written as a reference',
      app: appWith(['arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess', policy('IAMFullAccess')]),
      hits: [{ severity: 'high', message: ['PowerUserAccess', 'except IAM'] }, { severity: 'high', message: ['IAMFullAccess', 'grant itself any permission'] }],
    },
    {
      name: 'a service FullAccess policy is medium',
      app: appWith([policy('AmazonDynamoDBFullAccess')]),
      hits: [{ severity: 'medium', message: ['AmazonDynamoDBFullAccess', 'full access to dynamodb'] }],
    },
    {
      name: 'a public function raises one level',
      app: appWith([policy('AWSLambda_FullAccess')], [buildTrigger('function-url', { public: true, publicReason: 'AuthType NONE' })]),
      hits: [{ severity: 'high', message: ['full access to lambda', 'reachable from the internet through its function URL (AuthType NONE)'] }],
    },
    {
      name: 'a role no function uses (a Firehose delivery role) is one level lower and says who assumes it',
      app: buildApp({
        roles: [buildRole('DeliveryRole', {
          managedPolicyArns: [policy('AmazonS3FullAccess'), policy('AdministratorAccess')],
          usedBy: [],
          trustPolicy: [{ Effect: 'Allow', Principal: { Service: ['firehose.amazonaws.com'] }, Action: ['sts:assumerole'], origin: 'trust', location: loc(5) }],
        })],
      }),
      hits: [
        { severity: 'low', message: ['used by no function in this app', 'AmazonS3FullAccess', 'firehose.amazonaws.com assumes it; no function uses the role, so severity is one level lower'] },
        { severity: 'high', message: ['AdministratorAccess'] },
      ],
    },
    {
      name: 'critical cannot go higher',
      app: appWith([policy('AdministratorAccess')], [buildTrigger('http-rest', { public: true, method: 'POST', path: '/x' })]),
      hits: [{ severity: 'critical', message: ['REST API route POST /x'] }],
    },
  ],
});

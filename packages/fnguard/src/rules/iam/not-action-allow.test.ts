import { beforeAll } from 'vitest';
import { buildApp, buildFunction, buildResource, buildRole, buildStatement, buildTrigger } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement, Trigger } from '../../model/types.js';
import notActionAllow from './not-action-allow.js';

beforeAll(async () => {
  await loadIamCatalog();
});

const appWith = (statements: IamStatement[], triggers: Trigger[] = []) =>
  buildApp({
    functions: [buildFunction('Api', { roleId: 'ApiRole', triggers })],
    roles: [buildRole('ApiRole', { statements, usedBy: ['Api'] })],
    resources: [buildResource('OrdersTable', 'AWS::DynamoDB::Table')],
  });

const notAction = (extra: Partial<IamStatement> = {}) => buildStatement({ Action: undefined, NotAction: ['iam:*', 'organizations:*'], Resource: ['*'], ...extra });
const publicRoute = buildTrigger('http-api', { method: 'GET', path: '/orders', public: true, publicReason: 'route without authorizer' });

testRule(notActionAllow, {
  valid: [
    { name: 'explicit actions and resources', app: appWith([buildStatement({ Action: ['dynamodb:getitem'], Resource: ['${OrdersTable.Arn}'] })]) },
    { name: 'NotAction in a Deny is a guard rail', app: appWith([buildStatement({ Effect: 'Deny', Action: undefined, NotAction: ['s3:getobject'], Resource: ['*'] })]) },
    { name: 'NotResource in a Deny', app: appWith([buildStatement({ Effect: 'Deny', Action: ['s3:*'], Resource: undefined, NotResource: ['arn:aws:s3:::mine/*'] })]) },
    { name: 'NotAction * grants nothing', app: appWith([notAction({ NotAction: ['*'] })]) },
    { name: 'NotAction without Resource is invalid and grants nothing', app: appWith([notAction({ Resource: undefined })]) },
  ],
  invalid: [
    {
      name: 'NotAction on every resource',
      app: appWith([notAction({ Sid: 'AlmostAdmin' })]),
      hits: [{
        severity: 'high',
        resource: 'ApiRole',
        line: 40,
        message: ['Role ApiRole (used by Api)', 'NotAction', 'AWS services (and of any service added later) except iam:*, organizations:*', 'on every resource'],
        evidence: ['"NotAction":["iam:*","organizations:*"]', '"Sid":"AlmostAdmin"'],
      }],
    },
    {
      name: 'NotResource names the resources left out',
      app: appWith([buildStatement({ Action: ['dynamodb:deleteitem'], Resource: undefined, NotResource: ['${OrdersTable.Arn}'] })]),
      hits: [{ severity: 'high', message: ['NotResource', 'grants dynamodb:DeleteItem on every resource except table OrdersTable'], evidence: ['"NotResource":["${OrdersTable.Arn}"]'] }],
    },
    {
      name: 'a public function raises to critical',
      app: appWith([notAction()], [publicRoute]),
      hits: [{ severity: 'critical', message: ['reachable from the internet through HTTP API route GET /orders (route without authorizer)'] }],
    },
    {
      name: 'a narrowing condition lowers one level and says why',
      app: appWith([notAction({ Condition: { StringEquals: { 'aws:ResourceTag/team': ['orders'] } } })]),
      hits: [{ severity: 'medium', message: ['narrowed by aws:ResourceTag/team', 'lowered one level'] }],
    },
    {
      name: 'a condition that narrows nothing does not lower',
      app: appWith([notAction({ Condition: { Bool: { 'aws:SecureTransport': ['true'] } } })]),
      hits: [{ severity: 'high' }],
    },
    {
      name: 'exposure and narrowing cancel out',
      app: appWith([notAction({ Condition: { StringEquals: { 'aws:ResourceTag/team': ['orders'] } } })], [publicRoute]),
      hits: [{ severity: 'high', message: ['raised one level', 'lowered one level'] }],
    },
    {
      name: 'two statements in one role give two hits',
      app: appWith([notAction(), notAction({ NotAction: ['s3:deletebucket'], Resource: ['arn:aws:s3:::data/*'] })]),
      hits: [{ message: ['except iam:*'] }, { message: ['except s3:DeleteBucket', 'every object of bucket data'] }],
    },
  ],
});

import { beforeAll } from 'vitest';
import { buildApp, buildFunction, buildResource, buildRole, buildStatement, buildTrigger } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement } from '../../model/types.js';
import wildcardAction from './wildcard-action.js';

// Messages name resources and spell actions through the catalogue, as a scan loads it for this rule.
beforeAll(async () => {
  await loadIamCatalog(['s3', 'dynamodb', 'sqs', 'sns']);
});

const appWith = (...statements: IamStatement[]) =>
  buildApp({
    functions: [buildFunction('Api', { name: 'api-fn', roleId: 'ApiRole' }), buildFunction('Worker', { roleId: 'ApiRole' })],
    roles: [buildRole('ApiRole', { statements, usedBy: ['Api', 'Worker'] })],
  });

/** The same role, but Api is behind a public, unauthenticated HTTP API route. */
const exposedAppWith = (...statements: IamStatement[]) =>
  buildApp({
    functions: [
      buildFunction('Api', { roleId: 'ApiRole', triggers: [buildTrigger('http-api', { method: 'POST', path: '/orders', public: true, publicReason: 'route without authorizer' })] }),
      buildFunction('Worker', { roleId: 'ApiRole', triggers: [buildTrigger('sqs', { invocation: 'poll' })] }),
    ],
    roles: [buildRole('ApiRole', { statements, usedBy: ['Api', 'Worker'] })],
  });

testRule(wildcardAction, {
  valid: [
    { name: 'explicit actions', app: appWith(buildStatement({ Action: ['s3:getobject', 's3:putobject'] })) },
    { name: 'prefix wildcard is not a whole service', app: appWith(buildStatement({ Action: ['s3:get*'] })) },
    { name: 'Deny with *', app: appWith(buildStatement({ Effect: 'Deny', Action: ['*'], Resource: ['*'] })) },
    { name: 'role without statements', app: appWith() },
  ],
  invalid: [
    {
      name: 'service wildcard on one bucket',
      app: appWith(buildStatement({ Action: ['s3:*'], Resource: ['${Bucket.Arn}/*'], Sid: 'Files' })),
      hits: [{ severity: 'medium', resource: 'ApiRole', line: 40, message: ['Role ApiRole', 'used by Api, Worker', '`s3:*` on every object of bucket Bucket.'], evidence: ['"Sid":"Files"', '"Action":["s3:*"]', 'inline:Policy'] }],
    },
    {
      name: 'the same wildcard on a role of a public unauthenticated function ranks one level higher',
      app: exposedAppWith(buildStatement({ Action: ['s3:*'], Resource: ['${Bucket.Arn}/*'] })),
      hits: [{ severity: 'high', message: ['`s3:*`', 'Function Api is reachable from the internet through HTTP API route POST /orders (route without authorizer)', 'raised one level'] }],
    },
    {
      name: 'a whole service on every resource is high for an internal consumer',
      app: appWith(buildStatement({ Action: ['s3:*'], Resource: ['*'] })),
      hits: [{ severity: 'high', message: ['`s3:*` on every resource'] }],
    },
    {
      name: 'and critical when the role serves a public function',
      app: exposedAppWith(buildStatement({ Action: ['s3:*'], Resource: ['*'] })),
      hits: [{ severity: 'critical', message: ['reachable from the internet'] }],
    },
    {
      name: 'a narrowing Condition lowers one level',
      app: appWith(buildStatement({ Action: ['s3:*'], Resource: ['*'], Condition: { StringEquals: { 'aws:ResourceTag/app': ['orders'] } } })),
      hits: [{ severity: 'medium', message: ['Narrowed: narrowed by aws:ResourceTag/app', 'lowered one level'] }],
    },
    {
      name: 'exposure and narrowing cancel out',
      app: exposedAppWith(buildStatement({ Action: ['s3:*'], Resource: ['*'], Condition: { StringEquals: { 'aws:ResourceTag/app': ['orders'] } } })),
      hits: [{ severity: 'high', message: ['raised one level', 'lowered one level'] }],
    },
    {
      name: 'a Condition that does not narrow (SecureTransport, negated operator) changes nothing',
      app: appWith(buildStatement({ Action: ['s3:*'], Resource: ['*'], Condition: { Bool: { 'aws:SecureTransport': ['true'] }, StringNotEquals: { 'aws:ResourceTag/app': ['x'] } } })),
      hits: [{ severity: 'high' }],
    },
    {
      name: '* on every resource is administrator access',
      app: appWith(buildStatement({ Action: ['*'], Resource: ['*'] })),
      hits: [{ severity: 'critical', message: ['full administrator access', 'on every resource'] }],
    },
    {
      name: 'two bad statements give two hits',
      app: appWith(buildStatement({ Action: ['dynamodb:*'] }), buildStatement({ Action: ['sqs:sendmessage', 'sns:*'] })),
      hits: [{ severity: 'medium', message: ['`dynamodb:*`'] }, { severity: 'medium', message: ['`sns:*`'] }],
    },
    {
      name: 'a role shared by many functions lists five',
      app: buildApp({ roles: [buildRole('Shared', { usedBy: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], statements: [buildStatement({ Action: ['sqs:*'] })] })] }),
      hits: [{ severity: 'medium', message: ['used by A, B, C, D, E and 2 more'] }],
    },
    {
      name: 'resources are named after the logical resource they reference, whatever intrinsic wrote them',
      app: {
        ...appWith(
          buildStatement({ Action: ['dynamodb:*'], Resource: ['${OrdersTable.Arn}', '${OrdersTable.Arn}/index/*'] }),
          buildStatement({ Action: ['s3:*', 's3:getobject'], Resource: ['arn:aws:s3:::${UploadsBucket}/*'] }),
          buildStatement({ Action: ['sqs:*'], Resource: ['${Jobs.Arn}'] }),
        ),
        resources: [buildResource('OrdersTable', 'AWS::DynamoDB::Table'), buildResource('UploadsBucket', 'AWS::S3::Bucket'), buildResource('Jobs', 'AWS::SQS::Queue')],
      },
      hits: [
        { severity: 'medium', message: ['allows `dynamodb:*` on table OrdersTable, every index of table OrdersTable.'], evidence: ['"Resource":["${OrdersTable.Arn}","${OrdersTable.Arn}/index/*"]'] },
        { severity: 'medium', message: ['allows `s3:*` on every object of bucket UploadsBucket.'], evidence: ['"Action":["s3:*","s3:GetObject"]'] },
        { severity: 'medium', message: ['allows `sqs:*` on queue Jobs.'] },
      ],
    },
    {
      name: 'unused role is still reported',
      app: buildApp({ roles: [buildRole('Orphan', { statements: [buildStatement({ Action: ['*'], Resource: ['${Table.Arn}'] })] })] }),
      hits: [{ severity: 'high', message: ['used by no function'] }],
    },
  ],
});

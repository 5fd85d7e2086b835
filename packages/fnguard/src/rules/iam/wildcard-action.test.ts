import { buildApp, buildFunction, buildRole, buildStatement } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import type { IamStatement } from '../../model/types.js';
import wildcardAction from './wildcard-action.js';

const appWith = (...statements: IamStatement[]) =>
  buildApp({
    functions: [buildFunction('Api', { name: 'api-fn', roleId: 'ApiRole' }), buildFunction('Worker', { roleId: 'ApiRole' })],
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
      hits: [{ severity: 'high', resource: 'ApiRole', line: 40, message: ['Role ApiRole', 'used by Api, Worker', '`s3:*`', '${Bucket.Arn}/*'], evidence: ['"Sid":"Files"', '"Action":["s3:*"]', 'inline:Policy'] }],
    },
    {
      name: '* on every resource is administrator access',
      app: appWith(buildStatement({ Action: ['*'], Resource: ['*'] })),
      hits: [{ severity: 'critical', message: ['full administrator access', 'on every resource'] }],
    },
    {
      name: 'two bad statements give two hits',
      app: appWith(buildStatement({ Action: ['dynamodb:*'] }), buildStatement({ Action: ['sqs:sendmessage', 'sns:*'] })),
      hits: [{ message: ['`dynamodb:*`'] }, { message: ['`sns:*`'] }],
    },
    {
      name: 'a role shared by many functions lists five',
      app: buildApp({ roles: [buildRole('Shared', { usedBy: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], statements: [buildStatement({ Action: ['sqs:*'] })] })] }),
      hits: [{ message: ['used by A, B, C, D, E and 2 more'] }],
    },
    {
      name: 'unused role is still reported',
      app: buildApp({ roles: [buildRole('Orphan', { statements: [buildStatement({ Action: ['*'], Resource: ['${Table.Arn}'] })] })] }),
      hits: [{ severity: 'high', message: ['used by no function'] }],
    },
  ],
});

import { describe, expect, it } from 'vitest';
import { buildApp, buildFunction, buildRole, buildStatement, buildTrigger } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import type { IamStatement } from '../../model/types.js';
import { classifyAction } from './access-level.js';
import wildcardResourceWrite, { createWildcardResourceWriteRule } from './wildcard-resource-write.js';

const appWith = (...statements: IamStatement[]) =>
  buildApp({ functions: [buildFunction('Fn', { roleId: 'Role' })], roles: [buildRole('Role', { statements, usedBy: ['Fn'] })] });

const exposedAppWith = (...statements: IamStatement[]) =>
  buildApp({
    functions: [buildFunction('Fn', { roleId: 'Role', url: { authType: 'NONE', location: { file: 'template.yaml', line: 5, column: 1 } } })],
    roles: [buildRole('Role', { statements, usedBy: ['Fn'] })],
  });

testRule(wildcardResourceWrite, {
  valid: [
    { name: 'read actions on *', app: appWith(buildStatement({ Action: ['dynamodb:getitem', 's3:listbucket'], Resource: ['*'] })) },
    { name: 'write on a named resource', app: appWith(buildStatement({ Action: ['dynamodb:putitem'], Resource: ['${Table.Arn}'] })) },
    { name: 'actions that only accept *', app: appWith(buildStatement({ Action: ['xray:puttracesegments', 'ec2:createnetworkinterface'], Resource: ['*'] })) },
    { name: 'service wildcard is left to FG-IAM-001', app: appWith(buildStatement({ Action: ['s3:*'], Resource: ['*'] })) },
    { name: 'narrowed by a condition', app: appWith(buildStatement({ Action: ['ec2:terminateinstances'], Resource: ['*'], Condition: { StringEquals: { 'aws:ResourceTag/app': ['me'] } } })) },
    { name: 'Deny write on *', app: appWith(buildStatement({ Effect: 'Deny', Action: ['s3:deleteobject'], Resource: ['*'] })) },
  ],
  invalid: [
    {
      name: 'write on *',
      app: appWith(buildStatement({ Action: ['dynamodb:getitem', 'dynamodb:putitem', 'sqs:sendmessage'], Resource: ['*'] })),
      hits: [{ severity: 'low', resource: 'Role', message: ['dynamodb:putitem, sqs:sendmessage', 'Resource: *', 'used by Fn', 'one level lower'], evidence: ['"Resource":["*"]'] }],
    },
    {
      name: 'write on * by a function anyone can call is medium',
      app: exposedAppWith(buildStatement({ Action: ['sqs:sendmessage'], Resource: ['*'] })),
      hits: [{ severity: 'medium', message: ['Function Fn is reachable from the internet through its function URL'] }],
    },
    {
      name: 'permissions management on * is medium for an internal function',
      app: appWith(buildStatement({ Action: ['iam:passrole'], Resource: ['*'] })),
      hits: [{ severity: 'medium', message: ['iam:passrole'] }],
    },
    {
      name: 'permissions management on * is high for an exposed function',
      app: exposedAppWith(buildStatement({ Action: ['iam:passrole'], Resource: ['*'] })),
      hits: [{ severity: 'high', message: ['iam:passrole'] }],
    },
    {
      name: 'a Condition that does not narrow does not excuse the grant',
      app: appWith(buildStatement({ Action: ['dynamodb:putitem'], Resource: ['*'], Condition: { Bool: { 'aws:SecureTransport': ['true'] } } })),
      hits: [{ severity: 'low', message: ['Its Condition does not narrow it', 'aws:SecureTransport constrains how the request is made'] }],
    },
    {
      name: 'a negated Condition does not narrow either',
      app: appWith(buildStatement({ Action: ['dynamodb:putitem'], Resource: ['*'], Condition: { StringNotEquals: { 'aws:ResourceTag/app': ['other'] } } })),
      hits: [{ message: ['only excludes the listed values'], severity: 'low' }],
    },
    {
      name: 'logs actions only on * are low',
      app: appWith(buildStatement({ Action: ['logs:createlogstream', 'logs:putlogevents'], Resource: ['*'] })),
      hits: [{ severity: 'low', message: ['logs:createlogstream, logs:putlogevents'] }],
    },
    {
      name: 'logs next to other writes keep the write severity',
      app: exposedAppWith(buildStatement({ Action: ['logs:putlogevents', 'sns:publish'], Resource: ['*'] })),
      hits: [{ severity: 'medium' }],
    },
    {
      name: 'prefix wildcard of write verbs',
      app: appWith(buildStatement({ Action: ['s3:put*'], Resource: ['arn:aws:s3:::b/*', '*'] })),
      hits: [{ severity: 'low', message: ['s3:put*'] }],
    },
  ],
});

describe('FG-IAM-002 knowledge seam', () => {
  it('uses the knowledge it is given', () => {
    const everythingWrites = createWildcardResourceWriteRule({ level: () => 'write', wildcardOnly: () => false });
    const app = appWith(buildStatement({ Action: ['dynamodb:getitem'], Resource: ['*'] }));
    expect(everythingWrites.check(app)).toHaveLength(1);
  });
});

describe('classifyAction', () => {
  it.each([
    ['s3:getobject', 'read'],
    ['s3:listbucket', 'list'],
    ['dynamodb:batchgetitem', 'read'],
    ['dynamodb:batchwriteitem', 'write'],
    ['dynamodb:partiqlselect', 'unknown'],
    ['iam:passrole', 'permissions'],
    ['s3:putbucketpolicy', 'permissions'],
    ['lambda:tagresource', 'tagging'],
    ['kms:decrypt', 'write'],
    ['sqs:receivemessage', 'read'],
    ['s3:*', 'unknown'],
    ['*', 'unknown'],
    ['notanaction', 'unknown'],
    ['foo:frobnicate', 'unknown'],
  ])('%s is %s', (action, level) => {
    expect(classifyAction(action)).toBe(level);
  });
});

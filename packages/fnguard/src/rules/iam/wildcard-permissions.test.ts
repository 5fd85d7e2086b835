import { beforeAll } from 'vitest';
import { buildApp, buildFunction, buildResource, buildRole, buildStatement, buildTrigger } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { loadIamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement } from '../../model/types.js';
import wildcardPermissions from './wildcard-permissions.js';

beforeAll(async () => {
  await loadIamCatalog(['s3', 'lambda', 'kinesis', 'sqs']);
});

const appWith = (...statements: IamStatement[]) =>
  buildApp({
    functions: [buildFunction('Upload', { roleId: 'UploadRole' })],
    roles: [buildRole('UploadRole', { statements, usedBy: ['Upload'] })],
    resources: [buildResource('Uploads', 'AWS::S3::Bucket')],
  });

const exposedAppWith = (...statements: IamStatement[]) =>
  buildApp({
    functions: [buildFunction('Upload', { roleId: 'UploadRole', triggers: [buildTrigger('http-api', { method: 'POST', path: '/files', public: true, publicReason: 'route without authorizer' })] })],
    roles: [buildRole('UploadRole', { statements, usedBy: ['Upload'] })],
  });

const objects = ['${Uploads.Arn}/*'];
const bucketArn = ['arn:aws:s3:::uploads-bucket'];
const objectArn = ['arn:aws:s3:::uploads-bucket/*'];

testRule(wildcardPermissions, {
  valid: [
    { name: 'exact actions', app: appWith(buildStatement({ Action: ['s3:putobject', 's3:getobject'], Resource: objects })) },
    { name: 'a read pattern', app: appWith(buildStatement({ Action: ['s3:get*', 's3:list*'], Resource: objects })) },
    { name: 'a write-only pattern', app: appWith(buildStatement({ Action: ['kinesis:putrecord*'], Resource: ['arn:aws:kinesis:eu-west-1:123456789012:stream/orders'] })) },
    { name: 'whole-service wildcard (FG-IAM-001)', app: appWith(buildStatement({ Action: ['s3:*'], Resource: objects })) },
    { name: 'Resource * (FG-IAM-002)', app: appWith(buildStatement({ Action: ['s3:put*'], Resource: ['*'] })) },
    { name: 'a pattern whose permission actions do not apply to the resources (bucket ACLs on object ARNs)', app: appWith(buildStatement({ Action: ['s3:putbucket*'], Resource: objectArn })) },
    { name: 'Deny', app: appWith(buildStatement({ Effect: 'Deny', Action: ['s3:put*'], Resource: objects })) },
  ],
  invalid: [
    {
      name: 's3:PutObject* on the objects of one bucket',
      app: appWith(buildStatement({ Action: ['s3:putobject*'], Resource: objects })),
      hits: [{ severity: 'medium', resource: 'UploadRole', message: ['Role UploadRole', '`s3:PutObject*`', 'every object of bucket Uploads', 's3:PutObjectAcl', 'permissions management'] }],
    },
    {
      name: 's3:Put* on a bucket ARN: bucket policy and ACL',
      app: appWith(buildStatement({ Action: ['s3:put*'], Resource: bucketArn })),
      hits: [{ severity: 'medium', message: ['s3:PutBucketAcl', 'more'] }],
    },
    {
      name: 'lambda:*Permission on a function',
      app: appWith(buildStatement({ Action: ['lambda:*permission'], Resource: ['arn:aws:lambda:eu-west-1:123456789012:function:worker'] })),
      hits: [{ message: ['lambda:AddPermission'] }],
    },
    {
      name: 'raised on a public function',
      app: exposedAppWith(buildStatement({ Action: ['s3:putobject*'], Resource: objects })),
      hits: [{ severity: 'high', message: ['reachable from the internet'] }],
    },
    {
      name: 'lowered when a condition narrows the statement',
      app: appWith(buildStatement({ Action: ['s3:putobject*'], Resource: objects, Condition: { StringEquals: { 'aws:ResourceTag/team': 'uploads' } } })),
      hits: [{ severity: 'low' }],
    },
  ],
});

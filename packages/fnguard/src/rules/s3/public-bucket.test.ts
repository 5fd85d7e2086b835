import { buildApp, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import type { Resource } from '../../model/types.js';
import publicBucket from './public-bucket.js';

const bucket = (properties: Record<string, unknown> = {}) => buildResource('Site', 'AWS::S3::Bucket', properties);
const policy = (statement: unknown, bucketRef: unknown = { Ref: 'Site' }) =>
  buildResource('SitePolicy', 'AWS::S3::BucketPolicy', { Bucket: bucketRef, PolicyDocument: { Version: '2012-10-17', Statement: statement } });
const appWith = (...resources: Resource[]) => buildApp({ resources });

const secureTransportDeny = {
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['${Site.Arn}', '${Site.Arn}/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

testRule(publicBucket, {
  valid: [
    { name: 'private bucket', app: appWith(bucket({ AccessControl: 'Private' })) },
    { name: 'bucket with no ACL', app: appWith(bucket()) },
    { name: 'public ACL ignored by IgnorePublicAcls', app: appWith(bucket({ AccessControl: 'PublicRead', PublicAccessBlockConfiguration: { IgnorePublicAcls: true } })) },
    { name: 'IgnorePublicAcls written as a string', app: appWith(bucket({ AccessControl: 'PublicReadWrite', PublicAccessBlockConfiguration: { IgnorePublicAcls: 'true' } })) },
    { name: 'Deny SecureTransport statement', app: appWith(bucket(), policy([secureTransportDeny])) },
    { name: 'Principal * restricted to a VPC endpoint', app: appWith(bucket(), policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })) },
    { name: 'Principal * restricted to the organization', app: appWith(bucket(), policy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObject'], Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }])) },
    { name: 'named principal', app: appWith(bucket(), policy([{ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }])) },
    { name: 'public policy blocked by RestrictPublicBuckets', app: appWith(bucket({ PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }), policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' })) },
    { name: 'malformed policy document', app: appWith(buildResource('P', 'AWS::S3::BucketPolicy', { Bucket: 'x', PolicyDocument: 'not a document' })) },
  ],
  invalid: [
    { name: 'IgnorePublicAcls false keeps the ACL public', app: appWith(bucket({ AccessControl: 'PublicRead', PublicAccessBlockConfiguration: { IgnorePublicAcls: 'false', BlockPublicAcls: true } })), hits: [{ severity: 'high' }] },
    { name: 'PublicRead ACL', app: appWith(bucket({ AccessControl: 'PublicRead' })), hits: [{ severity: 'high', resource: 'Site', line: 60, message: ['Site', 'PublicRead', 'anyone on the internet can read'] }] },
    { name: 'PublicRead ACL on a website bucket', app: appWith(bucket({ AccessControl: 'PublicRead', WebsiteConfiguration: { IndexDocument: 'index.html' } })), hits: [{ severity: 'high', message: ['PublicRead', 'static website'] }] },
    { name: 'PublicReadWrite ACL is critical', app: appWith(bucket({ AccessControl: 'PublicReadWrite' })), hits: [{ severity: 'critical', message: ['read and write'] }] },
    { name: 'AuthenticatedRead ACL', app: appWith(bucket({ AccessControl: 'AuthenticatedRead' })), hits: [{ message: ['any AWS account holder'] }] },
    {
      name: 'website bucket with a public policy is noted as a website',
      app: appWith(bucket({ WebsiteConfiguration: { IndexDocument: 'index.html' } }), policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' })),
      hits: [{ severity: 'high', message: ['SitePolicy on Site', 'configured as a static website', 'origin access control'] }],
    },
    {
      name: 'Principal * read next to a SecureTransport deny',
      app: appWith(bucket(), policy([secureTransportDeny, { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '${Site.Arn}/*' }])),
      hits: [{ severity: 'high', resource: 'SitePolicy', message: ['SitePolicy on Site', 's3:getobject', 'Principal *'], evidence: ['Principal: "*"'] }],
    },
    {
      name: 'SecureTransport condition on an Allow does not restrict who',
      app: appWith(policy({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:PutObject'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, '${Site}')),
      hits: [{ severity: 'critical', message: ['on Site', 's3:putobject'] }],
    },
  ],
});

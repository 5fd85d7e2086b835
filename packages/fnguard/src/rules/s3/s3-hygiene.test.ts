import { buildApp, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import publicAccessBlockOff from './public-access-block-off.js';
import tlsOnly from './tls-only.js';

const bucket = (properties: Record<string, unknown> = {}) => buildResource('Bucket', 'AWS::S3::Bucket', properties);
const allOn = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
const tlsPolicy = (secure: unknown, action: unknown = 's3:*', principal: unknown = '*') =>
  buildResource('BucketPolicy', 'AWS::S3::BucketPolicy', {
    Bucket: { Ref: 'Bucket' },
    PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: principal, Action: action, Resource: '*', Condition: { Bool: { 'aws:SecureTransport': secure } } }] },
  });

testRule(publicAccessBlockOff, {
  valid: [
    { name: 'no configuration (S3 blocks by default)', app: buildApp({ resources: [bucket()] }) },
    { name: 'all four on', app: buildApp({ resources: [bucket({ PublicAccessBlockConfiguration: allOn })] }) },
  ],
  invalid: [
    { name: 'policy blocking off', app: buildApp({ resources: [bucket({ PublicAccessBlockConfiguration: { ...allOn, BlockPublicPolicy: false, RestrictPublicBuckets: 'false' } })] }), hits: [{ severity: 'medium', message: ['BlockPublicPolicy, RestrictPublicBuckets'] }] },
    { name: 'website bucket', app: buildApp({ resources: [bucket({ WebsiteConfiguration: { IndexDocument: 'index.html' }, PublicAccessBlockConfiguration: { BlockPublicPolicy: false } })] }), hits: [{ severity: 'low', message: ['static website'] }] },
  ],
});

testRule(tlsOnly, {
  valid: [
    { name: 'deny when SecureTransport false (boolean)', app: buildApp({ resources: [bucket(), tlsPolicy(false)] }) },
    { name: 'deny when SecureTransport "false" (string list)', app: buildApp({ resources: [bucket(), tlsPolicy(['false'], ['s3:*'])] }) },
    { name: 'no buckets', app: buildApp() },
  ],
  invalid: [
    { name: 'no bucket policy', app: buildApp({ resources: [bucket()] }), hits: [{ resource: 'Bucket' }] },
    { name: 'a Deny limited to one action', app: buildApp({ resources: [bucket(), tlsPolicy(false, 's3:GetObject')] }), hits: [{ resource: 'Bucket' }] },
    { name: 'a Deny when SecureTransport is true (inverted)', app: buildApp({ resources: [bucket(), tlsPolicy(true)] }), hits: [{ resource: 'Bucket' }] },
    { name: 'a Deny for one principal only', app: buildApp({ resources: [bucket(), tlsPolicy(false, 's3:*', { AWS: 'arn:aws:iam::123456789012:root' })] }), hits: [{ resource: 'Bucket' }] },
  ],
});

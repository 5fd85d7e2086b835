import type { App } from '../../model/types.js';
import { rule } from '../rule.js';
import { resource, resourceFix } from '../support/fix-snippets.js';
import { property, referencedId, resourcesOfType } from '../support/model-queries.js';
import { deniesInsecureTransport } from '../support/secure-transport.js';

function bucketsWithTlsPolicy(app: App): Set<string> {
  const ids = new Set<string>();
  for (const policy of resourcesOfType(app, 'AWS::S3::BucketPolicy')) {
    const bucket = referencedId(property(policy.properties, 'Bucket'));
    if (bucket !== undefined && deniesInsecureTransport(property(policy.properties, 'PolicyDocument'), ['s3:*', '*'])) ids.add(bucket);
  }
  return ids;
}

export default rule({
  id: 'FG-S3-003',
  title: 'S3 bucket does not require TLS',
  description: 'No bucket policy denies requests made without TLS (aws:SecureTransport false), so clients can read and write objects over plain HTTP.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-319',
  profile: 'strict',
  peers: { cdkNag: ['AwsSolutions-S10'] },
  remediation: 'Add a bucket policy statement that denies s3:* on the bucket and its objects when aws:SecureTransport is false.',
  fix: resourceFix(resource('BucketPolicy', 'AWS::S3::BucketPolicy', [
    'Bucket: !Ref Bucket',
    'PolicyDocument:',
    '  Statement:',
    '    - Effect: Deny',
    '      Principal: "*"',
    '      Action: s3:*',
    '      Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]',
    '      Condition: {Bool: {aws:SecureTransport: false}}',
  ])),
  check: (app) => {
    const protectedBuckets = bucketsWithTlsPolicy(app);
    return resourcesOfType(app, 'AWS::S3::Bucket')
      .filter((bucket) => !protectedBuckets.has(bucket.id))
      .map((bucket) => ({ message: `Bucket ${bucket.id} accepts requests without TLS: no bucket policy denies aws:SecureTransport false.`, location: bucket.location, resource: bucket.id, key: 'tls' }));
  },
});

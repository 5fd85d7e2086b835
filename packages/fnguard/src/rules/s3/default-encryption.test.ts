import { buildApp, buildResource } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import defaultEncryption from './default-encryption.js';

const bucket = (id: string, properties: Record<string, unknown> = {}) => buildApp({ resources: [buildResource(id, 'AWS::S3::Bucket', properties)] });
const sse = (algorithm: string, key?: unknown) => ({
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: algorithm, ...(key === undefined ? {} : { KMSMasterKeyID: key }) } }] },
});

testRule(defaultEncryption, {
  valid: [
    { name: 'SSE-KMS with a customer key', app: bucket('Receipts', sse('aws:kms', { 'Fn::GetAtt': ['Key', 'Arn'] })) },
    { name: 'DSSE-KMS with a customer key', app: bucket('CustomerExports', sse('aws:kms:dsse', '${Key.Arn}')) },
    { name: 'explicit SSE-S3 on a bucket that does not look sensitive', app: bucket('Artifacts', sse('AES256')) },
    { name: 'static website buckets are skipped', app: bucket('UserSite', { WebsiteConfiguration: { IndexDocument: 'index.html' } }) },
    { name: 'classification tag public is taken at its word', app: bucket('UserAssets', { Tags: [{ Key: 'data-classification', Value: 'public' }], ...sse('AES256') }) },
    { name: 'no buckets', app: buildApp() },
  ],
  invalid: [
    {
      name: 'no BucketEncryption: S3 applies SSE-S3 since January 2023, the finding asks for a choice',
      app: bucket('Artifacts'),
      hits: [{ severity: 'low', resource: 'Artifacts', message: ['declares no default encryption', 'since January 2023', 'state AES256'], evidence: ['no BucketEncryption'] }],
    },
    {
      name: 'no BucketEncryption on a bucket named for customer data is medium',
      app: bucket('CustomerDocuments'),
      hits: [{ severity: 'medium', message: ['its name CustomerDocuments suggests customer data', 'SSE-KMS with a customer-managed key'] }],
    },
    {
      name: 'sensitive bucket with explicit SSE-S3',
      app: bucket('Uploads', { BucketName: 'payment-receipts', ...sse('AES256') }),
      hits: [{ severity: 'low', message: ['its BucketName payment-receipts suggests payment data', 'S3-owned key'], evidence: ['SSEAlgorithm: AES256'] }],
    },
    {
      name: 'sensitive bucket with the AWS-managed key',
      app: bucket('Exports', { Tags: [{ Key: 'DataClassification', Value: 'Confidential' }], ...sse('aws:kms', 'alias/aws/s3') }),
      hits: [{ message: ['tagged DataClassification: Confidential', 'AWS-managed key aws/s3'] }],
    },
    { name: 'SSE-KMS without a key uses aws/s3', app: bucket('Sessions', sse('aws:kms')), hits: [{ message: ['session data', 'aws/s3'], evidence: ['no customer KMSMasterKeyID'] }] },
  ],
});

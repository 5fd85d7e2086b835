import type { Resource } from '../../model/types.js';
import { asString } from '../../model/values.js';
import { rule, type RuleHit } from '../rule.js';
import { resource, resourceFix } from '../support/fix-snippets.js';
import { property, propertyPath, resourcesOfType } from '../support/model-queries.js';
import { sensitivityReason } from '../support/sensitive-data.js';

interface DefaultEncryption {
  /** AES256, aws:kms, aws:kms:dsse; undefined when the bucket declares no default encryption */
  algorithm?: string;
  /** a KMS key named for SSE-KMS / DSSE-KMS: without one S3 uses the AWS-managed key aws/s3 */
  customerKey: boolean;
}

function defaultEncryption(bucket: Resource): DefaultEncryption {
  const rules = propertyPath(bucket.properties, 'BucketEncryption', 'ServerSideEncryptionConfiguration');
  const list = Array.isArray(rules) ? rules : rules === undefined ? [] : [rules];
  for (const entry of list) {
    const byDefault = property(entry, 'ServerSideEncryptionByDefault');
    const algorithm = asString(property(byDefault, 'SSEAlgorithm'));
    if (algorithm === undefined) continue;
    const key = property(byDefault, 'KMSMasterKeyID');
    const managedAlias = typeof key === 'string' && /(^|:)alias\/aws\/s3$/i.test(key.trim());
    return { algorithm, customerKey: key !== undefined && !managedAlias };
  }
  return { customerKey: false };
}

const isKms = (algorithm: string | undefined): boolean => algorithm !== undefined && algorithm.toLowerCase().startsWith('aws:kms');

export default rule({
  id: 'FG-S3-004',
  title: 'S3 bucket without explicit default encryption, or sensitive data without a customer key',
  description:
    'A bucket declares no default encryption (BucketEncryption), or a bucket that looks like it holds sensitive data (a data-classification tag, or a name or key such as users, payments, ' +
    'credentials) is encrypted with an S3-owned or AWS-managed key. Since January 2023 S3 encrypts every new object with SSE-S3 (AES-256) when nothing is declared, so the data is not stored ' +
    'in clear text: the finding is about control. With SSE-S3 or the aws/s3 key, anyone allowed s3:GetObject reads the data; SSE-KMS with a customer-managed key adds a key policy that must ' +
    'also allow kms:Decrypt, logs every use in CloudTrail, and can be disabled in an incident. A bucket that declares no encryption is low severity, medium when it looks sensitive; ' +
    'a sensitive bucket with an explicit SSE-S3 or aws/s3 configuration is low. Buckets configured as static websites are skipped: their objects are public, and SSE-KMS would break anonymous reads.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-311',
  precision: 'medium',
  profile: 'strict',
  peers: { cdkNag: ['HIPAA.Security-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS'], checkov: ['CKV_AWS_19', 'CKV_AWS_145'] },
  remediation:
    'Declare BucketEncryption on every bucket. For buckets with personal, payment or credential data use SSE-KMS with a customer-managed key (and BucketKeyEnabled to keep KMS costs down); ' +
    'for other buckets, stating AES256 records that the choice was made.',
  fix: resourceFix(
    resource('UploadsBucket', 'AWS::S3::Bucket', [
      'BucketEncryption:',
      '  ServerSideEncryptionConfiguration:',
      '    - ServerSideEncryptionByDefault:',
      '        SSEAlgorithm: aws:kms',
      '        KMSMasterKeyID: !GetAtt UploadsKey.Arn',
      '      BucketKeyEnabled: true',
    ]),
  ),
  check: (app) =>
    resourcesOfType(app, 'AWS::S3::Bucket').flatMap((bucket): RuleHit[] => {
      if (property(bucket.properties, 'WebsiteConfiguration') !== undefined) return [];
      const encryption = defaultEncryption(bucket);
      if (isKms(encryption.algorithm) && encryption.customerKey) return [];
      const sensitive = sensitivityReason(bucket, ['BucketName']);
      if (encryption.algorithm === undefined) {
        return [{
          message: sensitive
            ? `Bucket ${bucket.id} declares no default encryption although it looks like it holds sensitive data (${sensitive}). S3 applies SSE-S3 with an S3-owned key (the default since January 2023): ` +
              'anyone allowed s3:GetObject reads the objects. Use SSE-KMS with a customer-managed key.'
            : `Bucket ${bucket.id} declares no default encryption. S3 applies SSE-S3 (the default since January 2023), so objects are encrypted at rest, but nobody chose the key: ` +
              'state AES256, or SSE-KMS with a customer-managed key if the bucket holds sensitive data.',
          location: bucket.location,
          resource: bucket.id,
          severity: sensitive ? 'medium' : 'low',
          evidence: 'no BucketEncryption',
          key: 'default-encryption',
        }];
      }
      if (!sensitive) return [];
      const keyLabel = isKms(encryption.algorithm) ? 'the AWS-managed key aws/s3' : 'an S3-owned key (SSE-S3)';
      return [{
        message: `Bucket ${bucket.id} looks like it holds sensitive data (${sensitive}) and is encrypted with ${keyLabel}, which any caller allowed s3:GetObject can use. Use SSE-KMS with a customer-managed key.`,
        location: bucket.location,
        resource: bucket.id,
        evidence: `SSEAlgorithm: ${encryption.algorithm}${isKms(encryption.algorithm) ? ', no customer KMSMasterKeyID' : ''}`,
        key: 'default-encryption',
      }];
    }),
});

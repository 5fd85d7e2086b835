import { rule } from '../rule.js';
import { BLOCK_PUBLIC_ACCESS, resource, resourceFix } from '../support/fix-snippets.js';
import { booleanProperty, property, resourcesOfType } from '../support/model-queries.js';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

export default rule({
  id: 'FG-S3-002',
  title: 'S3 Block Public Access turned off',
  description:
    'A bucket sets one or more of its Block Public Access settings to false. New buckets block public access by default since April 2023, so turning a setting off is a deliberate step ' +
    'that lets a later ACL or bucket policy expose objects. Buckets configured as static websites are reported at low severity: public reads are their purpose.',
  severity: 'medium',
  sas: 'SAS-3',
  cwe: 'CWE-732',
  profile: 'recommended',
  peers: { cdkNag: ['AwsSolutions-S2'], checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'] },
  remediation: 'Leave all four settings on. To serve public content, put CloudFront with origin access control in front of a private bucket instead of opening the bucket.',
  fix: resourceFix(resource('Bucket', 'AWS::S3::Bucket', BLOCK_PUBLIC_ACCESS)),
  check: (app) =>
    resourcesOfType(app, 'AWS::S3::Bucket').flatMap((bucket) => {
      const config = property(bucket.properties, 'PublicAccessBlockConfiguration');
      const off = SETTINGS.filter((setting) => booleanProperty(config, setting) === false);
      if (off.length === 0) return [];
      const website = property(bucket.properties, 'WebsiteConfiguration') !== undefined;
      return [{
        message: `Bucket ${bucket.id} turns off ${off.join(', ')}${website ? ' (it is configured as a static website)' : ''}.`,
        location: bucket.location,
        resource: bucket.id,
        ...(website ? { severity: 'low' as const } : {}),
        evidence: off.map((setting) => `${setting}: false`).join(', '),
        key: 'public-access-block',
      }];
    }),
});

import type { App, Resource } from '../../model/types.js';
import type { Severity } from '../../findings/types.js';
import { isEveryonePrincipal } from '../../model/values.js';
import { rule, type RuleHit } from '../rule.js';
import { BLOCK_PUBLIC_ACCESS, resource, resourceFix } from '../support/fix-snippets.js';
import { rawStatements, referencedName } from '../support/policy-document.js';
import { booleanProperty } from '../support/model-queries.js';

const PUBLIC_ACLS: Readonly<Record<string, Severity>> = {
  PublicReadWrite: 'critical',
  PublicRead: 'high',
  AuthenticatedRead: 'high',
};

/**
 * Condition keys that tie a request to a network, account, organization or source: with one
 * of them a `*` principal no longer means "anyone". aws:SecureTransport is absent on purpose:
 * it forces TLS but lets everyone in.
 */
const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalservicename',
  'aws:userid',
  'aws:username',
  'aws:calledvia',
]);

const WRITE_ACTION = /^s3:(\*|put|delete|create|restore|replicate|abort)/;

/** Templates spell booleans both as YAML booleans and as strings. */
function blockSetting(bucket: Resource | undefined, setting: 'IgnorePublicAcls' | 'RestrictPublicBuckets'): boolean {
  return booleanProperty(bucket?.properties, 'PublicAccessBlockConfiguration', setting) === true;
}

/** Website buckets are public on purpose; the finding still stands, but says how to serve them privately. */
function websiteNote(bucket: Resource | undefined): string {
  if (bucket?.properties.WebsiteConfiguration === undefined) return '';
  return ' It is configured as a static website: if public reads are intended, serve it through CloudFront with origin access control and keep the bucket private.';
}

function aclHits(app: App): RuleHit[] {
  return app.resources
    .filter((resource) => resource.type === 'AWS::S3::Bucket')
    .flatMap((bucket) => {
      const acl = bucket.properties.AccessControl;
      if (typeof acl !== 'string' || !(acl in PUBLIC_ACLS)) return [];
      // IgnorePublicAcls makes S3 disregard the ACL, so the grant never takes effect
      if (blockSetting(bucket, 'IgnorePublicAcls')) return [];
      const who = acl === 'AuthenticatedRead' ? 'any AWS account holder' : 'anyone on the internet';
      const what = acl === 'PublicReadWrite' ? 'read and write' : 'read';
      return [
        {
          message: `Bucket ${bucket.id} has the canned ACL ${acl}: ${who} can ${what} its objects.${websiteNote(bucket)}`,
          location: bucket.location,
          resource: bucket.id,
          severity: PUBLIC_ACLS[acl],
          evidence: `AccessControl: ${acl}`,
          key: `acl:${acl}`,
        },
      ];
    });
}

function policyHits(app: App): RuleHit[] {
  return app.resources
    .filter((resource) => resource.type === 'AWS::S3::BucketPolicy')
    .flatMap((policy) => {
      const bucketName = referencedName(policy.properties.Bucket) ?? 'unknown bucket';
      const bucket = app.resources.find((resource) => resource.id === bucketName && resource.type === 'AWS::S3::Bucket');
      // RestrictPublicBuckets limits a public policy to AWS service principals and the owner account
      if (blockSetting(bucket, 'RestrictPublicBuckets')) return [];
      const open = rawStatements(policy.properties.PolicyDocument).filter(
        (statement) =>
          statement.effect === 'Allow' &&
          isEveryonePrincipal(statement.principal) &&
          !statement.conditionKeys.some((key) => RESTRICTING_KEYS.has(key)),
      );
      if (open.length === 0) return [];
      const actions = [...new Set(open.flatMap((statement) => statement.actions))];
      const writes = actions.some((action) => WRITE_ACTION.test(action));
      return [
        {
          message: `Bucket policy ${policy.id} on ${bucketName} allows ${actions.join(', ') || 'actions'} to Principal * without a condition that restricts who can call.${websiteNote(bucket)}`,
          location: policy.location,
          resource: policy.id,
          severity: writes ? ('critical' as const) : ('high' as const),
          evidence: `Principal: "*", Action: ${JSON.stringify(actions)}`,
          key: `policy:${bucketName}`,
        },
      ];
    });
}

export default rule({
  id: 'FG-S3-001',
  title: 'S3 bucket is open to everyone',
  description:
    'A bucket grants access to everyone, through a canned ACL (PublicRead, PublicReadWrite, AuthenticatedRead) or a bucket policy statement that allows Principal `*` ' +
    'without a condition on the caller\'s network, account or organization. Deny statements (such as a SecureTransport guard) are fine; ' +
    'a SecureTransport condition on an Allow does not restrict who can call. Severity is critical when the public can write. ' +
    'Buckets configured as static websites are reported too, with a note: their content is meant to be public, but CloudFront with origin access control serves it without opening the bucket.',
  severity: 'high',
  sas: 'SAS-3',
  cwe: 'CWE-284',
  profile: 'recommended',
  peers: {
    cdkNag: ['HIPAA.Security-S3BucketPublicReadProhibited', 'HIPAA.Security-S3BucketPublicWriteProhibited', 'PCI.DSS.321-S3BucketPublicReadProhibited'],
    checkov: ['CKV_AWS_20', 'CKV_AWS_57', 'CKV_AWS_70'],
  },
  remediation:
    'Remove the public ACL and public policy statements and turn on all four S3 Block Public Access settings. ' +
    'Serve public content through CloudFront with origin access control, and grant other accounts access by naming their principals.',
  fix: resourceFix(resource('UploadsBucket', 'AWS::S3::Bucket', ['OwnershipControls:', '  Rules:', '    - ObjectOwnership: BucketOwnerEnforced', ...BLOCK_PUBLIC_ACCESS])),
  check: (app) => [...aclHits(app), ...policyHits(app)],
});

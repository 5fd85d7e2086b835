/**
 * Condition keys that restrict WHICH requests or resources a grant applies to, with the
 * plain-language scope each one pins down. Keys not listed here (aws:SecureTransport,
 * aws:MultiFactorAuthPresent, aws:CurrentTime...) constrain how a request is made, not what it
 * can reach, so they are never counted as narrowing.
 */

export interface NarrowingKey {
  /** lower-cased key; a trailing `/` makes it a prefix (tag families) */
  key: string;
  /** what the key ties the grant to, for messages */
  scope: string;
}

export const NARROWING_KEYS: readonly NarrowingKey[] = [
  { key: 'aws:sourcearn', scope: 'requests made on behalf of a specific source resource' },
  { key: 'aws:sourceaccount', scope: 'requests made on behalf of a specific account' },
  { key: 'aws:sourceowner', scope: 'requests made on behalf of a specific account' },
  { key: 'aws:sourceorgid', scope: 'requests made on behalf of an organization' },
  { key: 'aws:sourceorgpaths', scope: 'requests made on behalf of an organization path' },
  { key: 'aws:sourcevpc', scope: 'requests from a specific VPC' },
  { key: 'aws:sourcevpce', scope: 'requests through a specific VPC endpoint' },
  { key: 'aws:sourceip', scope: 'requests from specific IP ranges' },
  { key: 'aws:vpcsourceip', scope: 'requests from specific VPC IP ranges' },
  { key: 'aws:resourceaccount', scope: 'resources owned by a specific account' },
  { key: 'aws:resourceorgid', scope: 'resources owned by an organization' },
  { key: 'aws:resourceorgpaths', scope: 'resources in an organization path' },
  { key: 'aws:resourcetag/', scope: 'resources carrying a tag' },
  { key: 'aws:requesttag/', scope: 'requests that set a tag value' },
  { key: 'aws:principaltag/', scope: 'callers carrying a tag' },
  { key: 'aws:principalarn', scope: 'specific callers' },
  { key: 'aws:principalaccount', scope: 'callers from a specific account' },
  { key: 'aws:principalorgid', scope: 'callers from an organization' },
  { key: 'aws:principalorgpaths', scope: 'callers from an organization path' },
  { key: 'aws:userid', scope: 'specific callers' },
  { key: 'aws:username', scope: 'specific callers' },
  { key: 'aws:requestedregion', scope: 'specific regions' },
  { key: 'aws:calledvia', scope: 'requests relayed by specific services' },
  { key: 'aws:calledviafirst', scope: 'requests relayed by specific services' },
  { key: 'aws:calledvialast', scope: 'requests relayed by specific services' },
  { key: 'aws:viaawsservice', scope: 'requests relayed by AWS services' },
  { key: 'kms:viaservice', scope: 'use through specific AWS services' },
  { key: 'kms:calleraccount', scope: 'callers from a specific account' },
  { key: 'kms:encryptioncontext:', scope: 'a specific encryption context' },
  { key: 'kms:encryptioncontextkeys', scope: 'a specific encryption context' },
  { key: 'iam:passedtoservice', scope: 'passing the role to specific services' },
  { key: 'iam:associatedresourcearn', scope: 'passing the role for specific resources' },
  { key: 'iam:permissionsboundary', scope: 'principals created with a permissions boundary' },
  { key: 'iam:policyarn', scope: 'specific managed policies' },
  { key: 's3:prefix', scope: 'specific key prefixes' },
  { key: 's3:existingobjecttag/', scope: 'objects carrying a tag' },
  { key: 's3:resourceaccount', scope: 'buckets owned by a specific account' },
  { key: 's3:dataaccesspointarn', scope: 'a specific access point' },
  { key: 's3:dataaccesspointaccount', scope: 'access points of a specific account' },
  { key: 'dynamodb:leadingkeys', scope: 'items with specific partition keys' },
  { key: 'dynamodb:attributes', scope: 'specific attributes' },
  { key: 'secretsmanager:secretid', scope: 'specific secrets' },
  { key: 'secretsmanager:name', scope: 'specific secrets' },
  { key: 'lambda:functionarn', scope: 'specific functions' },
  { key: 'lambda:sourcefunctionarn', scope: 'calls from a specific function' },
  { key: 'ssm:resourcetag/', scope: 'resources carrying a tag' },
  { key: 'sts:externalid', scope: 'callers presenting an external id' },
  { key: 'ec2:vpc', scope: 'a specific VPC' },
  { key: 'ec2:subnet', scope: 'specific subnets' },
];

/** `<service>:ResourceTag/<key>` exists for most services; treat the whole family alike. */
const SERVICE_RESOURCE_TAG = /^[a-z0-9-]+:resourcetag\//;

export function narrowingKey(key: string): NarrowingKey | undefined {
  const lower = key.toLowerCase();
  const exact = NARROWING_KEYS.find((entry) =>
    entry.key.endsWith('/') || entry.key.endsWith(':') ? lower.startsWith(entry.key) && lower.length > entry.key.length : lower === entry.key,
  );
  if (exact) return exact;
  if (SERVICE_RESOURCE_TAG.test(lower)) return { key: lower, scope: 'resources carrying a tag' };
  return undefined;
}

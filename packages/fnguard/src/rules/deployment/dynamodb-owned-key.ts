import type { Resource } from '../../model/types.js';
import { asBoolean, asString } from '../../model/values.js';
import { rule } from '../rule.js';
import { resource, resourceFix } from '../support/fix-snippets.js';
import { property, propertyPath, resourcesOfType } from '../support/model-queries.js';
import { sensitivityReason } from '../support/sensitive-data.js';

/** SSE with KMS is on when SSEEnabled is true (tables) or SSEType is KMS (global tables). */
function kmsEncrypted(table: Resource): boolean {
  const sse = property(table.properties, 'SSESpecification');
  return asBoolean(property(sse, 'SSEEnabled')) === true || asString(property(sse, 'SSEType'))?.toUpperCase() === 'KMS';
}

/** A global table names its key per replica. */
function replicaKey(table: Resource): boolean {
  const replicas = property(table.properties, 'Replicas');
  return Array.isArray(replicas) && replicas.some((replica) => propertyPath(replica, 'SSESpecification', 'KMSMasterKeyId') !== undefined);
}

export default rule({
  id: 'FG-DEPLOY-006',
  title: 'Sensitive DynamoDB table encrypted only with the AWS-owned key',
  description:
    'A DynamoDB table that looks like it holds sensitive data (a data-classification tag, or a name or key such as users, payments, sessions, email) keeps the default encryption with an ' +
    'AWS-owned key. The data is encrypted at rest, but the key is invisible to the account: no key policy can limit who decrypts, no CloudTrail record shows its use, and it cannot be ' +
    'disabled in an incident. Tables that do not look sensitive are not reported. Turning SSE on without a KmsMasterKeyId uses the AWS-managed key aws/dynamodb, which adds CloudTrail records; ' +
    'a customer-managed key adds the key policy as well.',
  severity: 'low',
  sas: 'SAS-3',
  cwe: 'CWE-311',
  precision: 'medium',
  profile: 'strict',
  peers: { checkov: ['CKV_AWS_119'] },
  remediation: 'Set SSESpecification with SSEEnabled: true, SSEType: KMS and a customer-managed KMSMasterKeyId whose key policy admits only the roles that need the table.',
  fix: resourceFix(resource('UsersTable', 'AWS::DynamoDB::Table', ['SSESpecification:', '  SSEEnabled: true', '  SSEType: KMS', '  KMSMasterKeyId: !Ref TableKey'])),
  check: (app) =>
    resourcesOfType(app, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable').flatMap((table) => {
      if (kmsEncrypted(table) || replicaKey(table)) return [];
      const sensitive = sensitivityReason(table, ['TableName']);
      if (!sensitive) return [];
      return [{
        message: `Table ${table.id} looks like it holds sensitive data (${sensitive}) and is encrypted only with the AWS-owned key: no key policy limits who can read it and no key use is logged.`,
        location: table.location,
        resource: table.id,
        evidence: property(table.properties, 'SSESpecification') === undefined ? 'no SSESpecification' : `SSESpecification: ${JSON.stringify(property(table.properties, 'SSESpecification'))}`,
        key: 'owned-key',
      }];
    }),
});

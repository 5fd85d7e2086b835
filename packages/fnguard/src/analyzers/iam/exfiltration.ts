/**
 * Data-exfiltration reach: read access to every resource of a data store, or a write channel
 * to resources the attacker owns. Only grants on every resource count: reading one named bucket
 * is the function's job, reading all of them is blast radius.
 */
import type { IamStatement } from '../../model/types.js';
import { type IamCatalog, iamCatalog } from './catalog.js';
import { AWS_SERVICE_AUTHORIZATION, type Citation } from './citations.js';
import { type ActionGrant, type Confidence, evaluateAnyOf } from './grants.js';
import { type StatementAnalysis, analyzeStatement } from './statements.js';

export type ExfiltrationKind = 'read' | 'egress';

export interface ExfiltrationTarget {
  id: string;
  kind: ExfiltrationKind;
  /** what becomes reachable, as a phrase: `every object in every bucket` */
  reach: string;
  /** any one of these, granted on every resource, is enough */
  actions: readonly string[];
  description: string;
  citation: Citation;
}

export interface ExfiltrationReach {
  id: string;
  kind: ExfiltrationKind;
  reach: string;
  description: string;
  confidence: Confidence;
  grants: ActionGrant[];
  reasons: string[];
}

const target = (id: string, kind: ExfiltrationKind, reach: string, actions: string[], description: string): ExfiltrationTarget => ({
  id, kind, reach, actions, description, citation: AWS_SERVICE_AUTHORIZATION,
});

export const EXFILTRATION_TARGETS: readonly ExfiltrationTarget[] = [
  target('s3-read-all-objects', 'read', 'every object in every bucket', ['s3:getobject', 's3:getobjectversion'],
    'Objects of every bucket in the account, and of other accounts\' buckets that trust it, can be downloaded.'),
  target('secrets-read-all', 'read', 'every Secrets Manager secret', ['secretsmanager:getsecretvalue', 'secretsmanager:batchgetsecretvalue'],
    'Every secret value can be read.'),
  target('ssm-parameters-read-all', 'read', 'every SSM parameter', ['ssm:getparameter', 'ssm:getparameters', 'ssm:getparametersbypath', 'ssm:getparameterhistory'],
    'Every parameter, SecureString values included when the key allows it, can be read.'),
  target('kms-decrypt-all', 'read', 'every KMS key for decryption', ['kms:decrypt'],
    'Any ciphertext protected by a key whose key policy delegates to IAM can be decrypted.'),
  target('dynamodb-read-all-tables', 'read', 'every DynamoDB table', ['dynamodb:scan', 'dynamodb:query', 'dynamodb:getitem', 'dynamodb:batchgetitem', 'dynamodb:exporttabletopointintime'],
    'Items of every table can be read or exported.'),
  target('lambda-read-all-configuration', 'read', 'every function\'s code and environment', ['lambda:getfunction', 'lambda:getfunctionconfiguration'],
    'Environment variables (often holding credentials) and code download links of every function can be read.'),
  target('logs-read-all', 'read', 'every CloudWatch log group', ['logs:getlogevents', 'logs:filterlogevents', 'logs:startquery', 'logs:startlivetail'],
    'Log events of every log group, which often contain tokens and personal data, can be read.'),
  target('sqs-receive-all', 'read', 'every SQS queue', ['sqs:receivemessage'],
    'Messages can be taken from every queue.'),
  target('kinesis-read-all', 'read', 'every Kinesis stream', ['kinesis:getrecords', 'kinesis:subscribetoshard'],
    'Records of every stream can be read.'),
  target('s3-write-any-bucket', 'egress', 'any bucket, including attacker-owned ones', ['s3:putobject'],
    'Data can be uploaded to a bucket in another account that accepts it.'),
  target('sns-publish-any-topic', 'egress', 'any SNS topic, including attacker-owned ones', ['sns:publish'],
    'Data can be published to a topic in another account that accepts it.'),
  target('sqs-send-any-queue', 'egress', 'any SQS queue, including attacker-owned ones', ['sqs:sendmessage'],
    'Data can be sent to a queue in another account that accepts it.'),
];

export function findExfiltrationIn(
  analyses: readonly StatementAnalysis[],
  catalog: IamCatalog = iamCatalog(),
  targets: readonly ExfiltrationTarget[] = EXFILTRATION_TARGETS,
): ExfiltrationReach[] {
  const reach: ExfiltrationReach[] = [];
  for (const entry of targets) {
    const result = evaluateAnyOf(analyses, entry.actions, true, catalog);
    if (!result) continue;
    reach.push({
      id: entry.id,
      kind: entry.kind,
      reach: entry.reach,
      description: entry.description,
      confidence: result.confidence,
      grants: result.grants,
      reasons: result.reasons,
    });
  }
  return reach;
}

export function findExfiltration(statements: readonly IamStatement[], catalog: IamCatalog = iamCatalog()): ExfiltrationReach[] {
  return findExfiltrationIn(statements.map((statement) => analyzeStatement(statement, catalog)), catalog);
}

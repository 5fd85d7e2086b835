import { type ExfiltrationReach, type IamCatalog, type RoleRiskSummary, iamCatalog, summarizeRole } from '../../analyzers/iam/index.js';
import type { Severity } from '../../findings/types.js';
import type { App, Role } from '../../model/types.js';
import { rule } from '../rule.js';
import { serverlessStatements, statement } from '../support/fix-snippets.js';
import { grantLocation, grantOrigins, possibleReasons } from './privilege-escalation.js';
import { actionList, grantReasons, resourceTypesOf } from './display.js';
import { adjustedSeverity, factorSentences, publicEntry } from './role-exposure.js';
import { roleLabel } from './statements.js';

/**
 * Reading every store is the breach itself; a write channel to any bucket, topic or queue is how
 * stolen data leaves, but it needs a read grant to have something to carry, so it starts lower.
 */
const BASE: Record<ExfiltrationReach['kind'], Severity> = { read: 'high', egress: 'medium' };

function actionsOf(reach: ExfiltrationReach, catalog: IamCatalog): string {
  return actionList(reach.grants.map((grant) => grant.action), catalog);
}

/** As in FG-IAM-006: with every action on every resource, one finding lists what is in reach. */
function adminLikeHit(app: App, role: Role, summary: RoleRiskSummary) {
  const factors = { base: 'high' as const, exposure: publicEntry(app, role) };
  const reads = summary.exfiltration.filter((reach) => reach.kind === 'read').map((reach) => reach.reach);
  return {
    message:
      `${roleLabel(role)} is administrator-like (${summary.adminReasons.join('; ')}), so it can read ${reads.join(', ')} ` +
      `and send data to resources outside the account.${factorSentences(factors)}`,
    location: grantLocation(summary.exfiltration.flatMap((reach) => reach.grants), role),
    resource: role.id,
    evidence: `exfiltration targets: ${summary.exfiltration.map((reach) => reach.id).join(', ')}`,
    severity: adjustedSeverity(factors),
    key: 'admin-like',
  };
}

export default rule({
  id: 'FG-IAM-007',
  title: 'Function role can read or send data account-wide',
  description:
    'The role can read every resource of a data store (every object of every bucket, every Secrets Manager secret, every SSM parameter, kms:Decrypt with every key, ' +
    'every DynamoDB table, every function\'s environment, every log group, queue or stream), or write to any bucket, topic or queue, which includes ones the attacker owns. ' +
    'Reading the one bucket or table the function works with is expected; reaching all of them turns a flaw in the function into a data breach. ' +
    'Only grants on every resource count, Denies are subtracted, and managed policies count through their approximate content. ' +
    'Severity is high for read reach and medium for a write channel alone, raised one level when a function that uses the role can be triggered from the internet, ' +
    'and lowered one level when the grant is only possible (narrowed by a condition or partly denied); the message says why. ' +
    'A role with every action on every resource gets a single finding.',
  severity: 'high',
  sas: 'SAS-4',
  cwe: 'CWE-200',
  profile: 'recommended',
  requires: ['iam-catalog'],
  peers: { cdkNag: ['AwsSolutions-IAM5'], checkov: ['CKV_AWS_108'] },
  remediation:
    'Scope every grant the finding names to the resources the function uses: read actions to the bucket ARN with a key prefix, the secret or parameter path, ' +
    'the table ARN or the KMS key ARN (or a kms:ViaService condition), and send actions (s3:PutObject, sns:Publish, sqs:SendMessage, kinesis:PutRecord, firehose:PutRecord) ' +
    'to the app\'s own buckets, topics, queues and streams, so that data can neither be read account-wide nor sent to another account. ' +
    'Where a function must send to a resource it does not declare, name that resource\'s ARN or add an aws:ResourceAccount condition with your account ids.',
  fix: {
    sam: [
      'Policies:',
      '  - S3ReadPolicy:',
      '      BucketName: !Ref UploadsBucket',
      '  - S3WritePolicy:',
      '      BucketName: !Ref ReceiptsBucket',
      '  - AWSSecretsManagerGetSecretValuePolicy:',
      '      SecretArn: !Ref DbSecret',
      '  - SSMParameterReadPolicy:',
      '      ParameterName: orders/*',
    ].join('\n'),
    serverless: serverlessStatements([
      ...statement('Allow', 's3:GetObject', '!Sub "${UploadsBucket.Arn}/incoming/*"'),
      ...statement('Allow', 's3:PutObject', '!Sub "${ReceiptsBucket.Arn}/*"'),
      ...statement('Allow', 'secretsmanager:GetSecretValue', '!Ref DbSecret'),
    ]).join('\n'),
  },
  check: (app) => {
    const catalog = iamCatalog();
    return app.roles.flatMap((role) => {
      const summary = summarizeRole(role, catalog);
      if (summary.exfiltration.length === 0) return [];
      if (summary.adminLike) return [adminLikeHit(app, role, summary)];
      const exposure = publicEntry(app, role);
      const resourceTypes = resourceTypesOf(app);
      return summary.exfiltration.map((reach) => {
        const narrowing = reach.confidence === 'possible' ? possibleReasons(grantReasons(reach.reasons, reach.grants, resourceTypes, catalog)) : [];
        const factors = { base: BASE[reach.kind], exposure, narrowing };
        const verb = reach.kind === 'read' ? 'can read' : 'can send data to';
        return {
          message: `${roleLabel(role)} ${verb} ${reach.reach} (${actionsOf(reach, catalog)} on every resource). ${reach.description}${factorSentences(factors, 'Only possible')}`,
          location: grantLocation(reach.grants, role),
          resource: role.id,
          evidence: `granted by ${grantOrigins(reach.grants)}`,
          severity: adjustedSeverity(factors),
          key: reach.id,
        };
      });
    });
  },
});

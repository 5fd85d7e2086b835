import { type ManagedPolicyKind, type ManagedPolicyRisk, classifyManagedPolicy } from '../../analyzers/iam/index.js';
import type { Severity } from '../../findings/types.js';
import { rule } from '../rule.js';
import { samFunction, serverlessStatements, statement } from '../support/fix-snippets.js';
import { loadedCatalog } from './display.js';
import type { Role } from '../../model/types.js';
import { asStringList, isRecord } from '../../model/values.js';
import { adjustedSeverity, factorSentences, functionsOfRole, lowerSeverity, publicEntry } from './role-exposure.js';
import { roleLabel } from './statements.js';

/** Read-only policies are left out: they widen what can be read, which FG-IAM-007 weighs per data store. */
const SEVERITY_BY_KIND: Partial<Record<ManagedPolicyKind, Severity>> = {
  admin: 'critical',
  'power-user': 'high',
  'permissions-management': 'high',
  'service-full-access': 'medium',
};

/** `firehose.amazonaws.com assumes it; ` from the trust policy's service principals, or nothing. */
function assumedBy(role: Role): string {
  const services = [...new Set(role.trustPolicy.filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => (isRecord(statement.Principal) ? asStringList(statement.Principal.Service) : [])))];
  return services.length > 0 ? `${services.join(', ')} assume${services.length === 1 ? 's' : ''} it; ` : '';
}

export default rule({
  id: 'FG-IAM-005',
  title: 'Role has a broad AWS managed policy',
  description:
    'A role used by functions has AdministratorAccess (critical), PowerUserAccess or IAMFullAccess (high), or a service-wide `*FullAccess` policy such as AmazonS3FullAccess ' +
    'or AmazonDynamoDBFullAccess (medium) attached. These policies grant every resource of the service in the account, and AWS changes their content over time. ' +
    'Severity is raised one level when a function that uses the role can be triggered from the internet. ' +
    'A role of the app that no function uses (assumed by Firehose, Step Functions, API Gateway, EventBridge, ECS...) is reported one level lower: the app\'s services act with it, but no function code does. ' +
    'Narrow AWS policies such as AWSLambdaBasicExecutionRole, and read-only policies, are not reported. ' +
    'cdk-nag AwsSolutions-IAM4 is the nearest peer, but it flags every AWS managed policy, narrow ones included.',
  severity: 'medium',
  sas: 'SAS-4',
  cwe: 'CWE-250',
  profile: 'recommended',
  requires: ['iam-catalog'],
  peers: { cdkNag: ['AwsSolutions-IAM4'] },
  remediation:
    'Detach the managed policy and grant the actions the function uses on its own resources: a SAM policy template scoped to one table or bucket, ' +
    'or an inline statement with explicit actions and resource ARNs. IAM Access Analyzer can generate a policy from the role\'s CloudTrail activity.',
  fix: {
    sam: samFunction('MyFunction', ['Policies:', '  # instead of AmazonDynamoDBFullAccess', '  - DynamoDBCrudPolicy:', '      TableName: !Ref OrdersTable']).join('\n'),
    serverless: serverlessStatements(
      statement('Allow', ['dynamodb:GetItem', 'dynamodb:PutItem'], '!GetAtt OrdersTable.Arn'),
      ['# remove managedPolicies: [arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess]'],
    ).join('\n'),
  },
  check: (app) => {
    const catalog = loadedCatalog();
    return app.roles.flatMap((role) => {
      const serviceRole = functionsOfRole(app, role).length === 0;
      const exposure = publicEntry(app, role);
      const risks = role.managedPolicyArns
        .map((arn) => classifyManagedPolicy(arn, catalog))
        .filter((risk): risk is ManagedPolicyRisk => risk !== undefined);
      return risks.flatMap((risk) => {
        const kindSeverity = SEVERITY_BY_KIND[risk.kind];
        if (kindSeverity === undefined) return [];
        const base = serviceRole ? lowerSeverity(kindSeverity) : kindSeverity;
        const factors = { base, exposure };
        const note = serviceRole ? ` ${assumedBy(role)}no function uses the role, so severity is one level lower.` : '';
        return [
          {
            message: `${roleLabel(role)} has the AWS managed policy ${risk.name} attached, which grants ${risk.implies}.${factorSentences(factors)}${note}`,
            location: role.location,
            resource: role.id,
            evidence: risk.arn,
            severity: adjustedSeverity(factors),
            key: risk.name,
          },
        ];
      });
    });
  },
});

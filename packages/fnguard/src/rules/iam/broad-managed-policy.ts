import { type ManagedPolicyKind, type ManagedPolicyRisk, classifyManagedPolicy } from '../../analyzers/iam/index.js';
import type { Severity } from '../../findings/types.js';
import { rule } from '../rule.js';
import { samFunction, serverlessStatements, statement } from '../support/fix-snippets.js';
import { loadedCatalog } from './display.js';
import { adjustedSeverity, factorSentences, functionsOfRole, publicEntry } from './role-exposure.js';
import { roleLabel } from './statements.js';

/** Read-only policies are left out: they widen what can be read, which FG-IAM-007 weighs per data store. */
const SEVERITY_BY_KIND: Partial<Record<ManagedPolicyKind, Severity>> = {
  admin: 'critical',
  'power-user': 'high',
  'permissions-management': 'high',
  'service-full-access': 'medium',
};

export default rule({
  id: 'FG-IAM-005',
  title: 'Function role has a broad AWS managed policy',
  description:
    'A role used by functions has AdministratorAccess (critical), PowerUserAccess or IAMFullAccess (high), or a service-wide `*FullAccess` policy such as AmazonS3FullAccess ' +
    'or AmazonDynamoDBFullAccess (medium) attached. These policies grant every resource of the service in the account, and AWS changes their content over time. ' +
    'Severity is raised one level when a function that uses the role can be triggered from the internet. ' +
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
      if (functionsOfRole(app, role).length === 0) return [];
      const exposure = publicEntry(app, role);
      const risks = role.managedPolicyArns
        .map((arn) => classifyManagedPolicy(arn, catalog))
        .filter((risk): risk is ManagedPolicyRisk => risk !== undefined);
      return risks.flatMap((risk) => {
        const base = SEVERITY_BY_KIND[risk.kind];
        if (base === undefined) return [];
        const factors = { base, exposure };
        return [
          {
            message: `${roleLabel(role)} has the AWS managed policy ${risk.name} attached, which grants ${risk.implies}.${factorSentences(factors)}`,
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

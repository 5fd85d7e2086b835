import { assessConditions } from '../../analyzers/iam/conditions.js';
import { rule } from '../rule.js';
import { indent, samFunction, serverlessStatements, statement } from '../support/fix-snippets.js';
import { loadedCatalog, resourceTypesOf, statementResources } from './display.js';
import { adjustedSeverity, factorSentences, publicEntry } from './role-exposure.js';
import { allowStatements, roleLabel, statementEvidence, statementKey } from './statements.js';

/** `*` or `service:*`: every action of everything, or of a whole service. */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[a-z0-9-]+:\*$/.test(action);
}

export default rule({
  id: 'FG-IAM-001',
  title: 'IAM statement allows every action of a service',
  description:
    'An Allow statement in a function role grants `*` or `service:*`. The function can then do anything the service offers, including deleting data, ' +
    'changing policies or creating resources, so a single injection or dependency compromise in the function inherits all of it. ' +
    'Severity starts from the reach of the grant: critical for `*` on every resource (administrator access), high for a whole service on every resource or every action on named ' +
    'resources, medium for a whole service on named resources (`dynamodb:*` on one table). It is raised one level when a function that uses the role can be triggered from the internet ' +
    'without credentials, and lowered one level when a Condition genuinely narrows the statement (aws:SourceArn, aws:ResourceTag, kms:ViaService...; not aws:SecureTransport, ' +
    'negated or IfExists operators, or wildcard values). Deny statements are not reported: they only narrow access.',
  severity: 'high',
  sas: 'SAS-4',
  cwe: 'CWE-250',
  profile: 'recommended',
  requires: ['iam-catalog'],
  peers: {
    cdkNag: ['AwsSolutions-IAM5', 'Serverless-LambdaStarPermissions'],
    serverlessRules: ['WS1003'],
    checkov: ['CKV_AWS_63', 'CKV_AWS_62'],
  },
  remediation:
    'List the exact actions the function calls (for example s3:GetObject and s3:PutObject instead of s3:*), or use a SAM policy template such as ' +
    'S3ReadPolicy / DynamoDBCrudPolicy scoped to one resource. Give each function its own role so that one function\'s needs do not widen another\'s.',
  fix: {
    sam: samFunction('MyFunction', [
      'Policies:',
      '  - S3ReadPolicy:',
      '      BucketName: !Ref UploadsBucket',
      '  - Statement:',
      ...indent(statement('Allow', ['s3:PutObject'], '!Sub "${UploadsBucket.Arn}/incoming/*"'), 6),
    ]).join('\n'),
    serverless: serverlessStatements(statement('Allow', ['s3:GetObject', 's3:PutObject'], '!Sub "${UploadsBucket.Arn}/*"')).join('\n'),
  },
  check: (app) => {
    const catalog = loadedCatalog();
    return allowStatements(app).flatMap(({ role, statement }) => {
      const wildcards = (statement.Action ?? []).filter(isWildcardAction);
      if (wildcards.length === 0) return [];
      const everyResource = (statement.Resource ?? []).includes('*');
      const admin = wildcards.includes('*') && everyResource;
      const target = `on ${statementResources(statement, resourceTypesOf(app), catalog).join(', ') || 'its resources'}`;
      const base = admin ? ('critical' as const) : everyResource || wildcards.includes('*') ? ('high' as const) : ('medium' as const);
      const factors = { base, exposure: publicEntry(app, role), narrowing: assessConditions(statement.Condition).reasons };
      return [
        {
          message: `${roleLabel(role)} allows ${wildcards.map((action) => `\`${action}\``).join(', ')} ${target}${admin ? ': full administrator access' : ''}.${factorSentences(factors)}`,
          location: statement.location,
          resource: role.id,
          evidence: statementEvidence(statement, catalog),
          severity: adjustedSeverity(factors),
          key: statementKey(statement),
        },
      ];
    });
  },
});

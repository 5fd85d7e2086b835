import type { IamStatement } from '../../model/types.js';
import { rule } from '../rule.js';
import { catalogKnowledge, type ActionKnowledge } from './action-knowledge.js';
import { allowStatements, roleLabel, statementEvidence, statementKey } from './statements.js';
import { isWildcardAction } from './wildcard-action.js';

/** Classed as plain Write by AWS, but on every role they let the function hand itself any role's permissions. */
const PRIVILEGE_ESCALATION: ReadonlySet<string> = new Set(['iam:passrole', 'sts:assumerole']);

export function writeActionsOnEveryResource(statement: IamStatement, knowledge: ActionKnowledge): string[] {
  if (!(statement.Resource ?? []).includes('*')) return [];
  return (statement.Action ?? []).filter((action) => {
    // whole-service wildcards belong to FG-IAM-001; reporting them here would duplicate it
    if (isWildcardAction(action) || knowledge.wildcardOnly(action)) return false;
    const level = knowledge.level(action);
    return level === 'write' || level === 'permissions';
  });
}

export function createWildcardResourceWriteRule(knowledge: ActionKnowledge) {
  return rule({
    id: 'FG-IAM-002',
    title: 'IAM statement allows write actions on every resource',
    description:
      'An Allow statement grants write or permissions-management actions with Resource `*`, so the function can modify every table, bucket, queue or key of that kind in the account, ' +
      'not just its own. Severity is high when the actions manage permissions or pass and assume roles (policy changes, iam:PassRole, sts:AssumeRole), which leads to privilege escalation. ' +
      'Severity is low when only CloudWatch Logs actions are concerned (the function can write to other log groups). ' +
      'Whole-service wildcards are reported by FG-IAM-001 instead, and actions that accept only `*` (X-Ray segments, PutMetricData, VPC network interfaces) are not reported. ' +
      'A statement with a Condition is taken as narrowed and not reported. ' +
      'Access levels come from the AWS service authorization catalogue, with a verb-based fallback for actions it does not list.',
    severity: 'medium',
    sas: 'SAS-4',
    cwe: 'CWE-732',
    precision: 'medium',
    requires: ['iam-catalog'],
    profile: 'recommended',
    peers: {
      cdkNag: ['AwsSolutions-IAM5', 'Serverless-LambdaStarPermissions'],
      serverlessRules: ['WS1003'],
      checkov: ['CKV_AWS_111', 'CKV_AWS_355'],
    },
    remediation:
      'Replace Resource `*` with the ARNs of the resources the function writes to (use !GetAtt / !Sub on the resources declared in the template), ' +
      'or add a Condition that narrows the statement (for example aws:ResourceTag or kms:ViaService).',
    fix: {
      sam: [
        'Policies:',
        '  - DynamoDBCrudPolicy:',
        '      TableName: !Ref OrdersTable',
        '  - Statement:',
        '      - Effect: Allow',
        '        Action:',
        '          - sqs:SendMessage',
        '        Resource: !GetAtt OrdersQueue.Arn',
      ].join('\n'),
      serverless: [
        'provider:',
        '  iam:',
        '    role:',
        '      statements:',
        '        - Effect: Allow',
        '          Action:',
        '            - dynamodb:PutItem',
        '            - dynamodb:UpdateItem',
        '          Resource: !GetAtt OrdersTable.Arn',
      ].join('\n'),
    },
    check: (app) =>
      allowStatements(app).flatMap(({ role, statement }) => {
        if (statement.Condition !== undefined && Object.keys(statement.Condition).length > 0) return [];
        const writes = writeActionsOnEveryResource(statement, knowledge);
        if (writes.length === 0) return [];
        const permissions = writes.some((action) => knowledge.level(action) === 'permissions' || PRIVILEGE_ESCALATION.has(action));
        const logsOnly = writes.every((action) => action.startsWith('logs:'));
        return [
          {
            message: `${roleLabel(role)} allows ${writes.join(', ')} on every resource (Resource: *).`,
            location: statement.location,
            resource: role.id,
            evidence: statementEvidence(statement),
            severity: permissions ? ('high' as const) : logsOnly ? ('low' as const) : ('medium' as const),
            key: statementKey(statement),
          },
        ];
      }),
  });
}

export default createWildcardResourceWriteRule(catalogKnowledge());

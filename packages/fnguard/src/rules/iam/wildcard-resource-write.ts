import { assessConditions } from '../../analyzers/iam/conditions.js';
import type { IamStatement } from '../../model/types.js';
import { rule } from '../rule.js';
import { indent, serverlessStatements, statement } from '../support/fix-snippets.js';
import { catalogKnowledge, type ActionKnowledge } from './action-knowledge.js';
import { actionList, loadedCatalog } from './display.js';
import type { Severity } from '../../findings/types.js';
import { functionLabel, lowerSeverity, publicEntry, type PublicEntry } from './role-exposure.js';
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

function exposureNote(entry: PublicEntry): string {
  return ` Function ${functionLabel(entry.fn)} is reachable from the internet through ${entry.through}.`;
}

function internalNote(severity: Severity): string {
  return lowerSeverity(severity) === severity ? '' : ' No function that uses the role can be triggered from the internet, so severity is one level lower.';
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
      'A statement whose Condition genuinely narrows it (aws:SourceArn, aws:ResourceTag, kms:ViaService...) is not reported; a Condition that does not narrow ' +
      '(aws:SecureTransport, a negated or IfExists operator, a wildcard value) does not excuse it, and the message says so. ' +
      'These severities apply when a function that uses the role can be triggered from the internet without credentials; otherwise they are one level lower (never below low). ' +
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
      checkov: ['CKV_AWS_111', 'CKV_AWS_109', 'CKV_AWS_355'],
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
        ...indent(statement('Allow', ['sqs:SendMessage'], '!GetAtt OrdersQueue.Arn'), 6),
      ].join('\n'),
      serverless: serverlessStatements(statement('Allow', ['dynamodb:PutItem', 'dynamodb:UpdateItem'], '!GetAtt OrdersTable.Arn')).join('\n'),
    },
    check: (app) => {
      const catalog = loadedCatalog();
      return allowStatements(app).flatMap(({ role, statement }) => {
        const conditions = assessConditions(statement.Condition);
        if (conditions.narrowed) return [];
        const writes = writeActionsOnEveryResource(statement, knowledge);
        if (writes.length === 0) return [];
        const permissions = writes.some((action) => knowledge.level(action) === 'permissions' || PRIVILEGE_ESCALATION.has(action));
        const logsOnly = writes.every((action) => action.startsWith('logs:'));
        const exposure = publicEntry(app, role);
        const exposed = permissions ? ('high' as const) : logsOnly ? ('low' as const) : ('medium' as const);
        const unnarrowed = conditions.conditional
          ? ` Its Condition does not narrow it: ${conditions.clauses.map((clause) => clause.reason).join('; ')}.`
          : '';
        return [
          {
            message: `${roleLabel(role)} allows ${actionList(writes, catalog)} on every resource (Resource: *).${unnarrowed}` +
              (exposure ? exposureNote(exposure) : internalNote(exposed)),
            location: statement.location,
            resource: role.id,
            evidence: statementEvidence(statement, catalog),
            severity: exposure ? exposed : lowerSeverity(exposed),
            key: statementKey(statement),
          },
        ];
      });
    },
  });
}

export default createWildcardResourceWriteRule(catalogKnowledge());

import { managedPolicyName } from '../../analyzers/iam/index.js';
import type { App, IamStatement, Role } from '../../model/types.js';
import { rule } from '../rule.js';
import { adjustedSeverity, factorSentences, functionLabel, functionsOfRole, publicEntry } from './role-exposure.js';
import { shortList } from '../support/listing.js';

/** The Serverless Framework's one generated role for every function without a role of its own. */
const SERVERLESS_PROVIDER_ROLE = 'IamRoleLambdaExecution';

/**
 * Permissions every Lambda function gets anyway: writing its logs and traces, and the network
 * interfaces of VPC functions. Sharing a role that holds only these gives nothing away.
 */
const BASELINE_SERVICES: ReadonlySet<string> = new Set(['logs', 'xray']);
const BASELINE_MANAGED: ReadonlySet<string> = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSXRayDaemonWriteAccess',
  'AWSXrayWriteOnlyAccess',
]);

function isBaseline(statement: IamStatement): boolean {
  if (statement.Effect !== 'Allow') return true;
  if (statement.Action === undefined) return false;
  return statement.Action.every((action) => BASELINE_SERVICES.has(action.split(':')[0] ?? ''));
}

function grantsBeyondBaseline(role: Role): boolean {
  const managed = role.managedPolicyArns.some((arn) => !BASELINE_MANAGED.has(managedPolicyName(arn) ?? ''));
  return managed || !role.statements.every(isBaseline);
}

const LISTED = 8;

function isServerlessProviderRole(app: App, role: Role): boolean {
  return app.framework === 'serverless' && role.implicit && role.id === SERVERLESS_PROVIDER_ROLE;
}

export default rule({
  id: 'FG-IAM-008',
  title: 'One execution role is shared by several functions',
  description:
    'Several functions run with the same role, so the role holds the union of what they need and every one of them can do what any other is allowed to: ' +
    'the function that only renders a page can also write the orders table because the checkout function needs to. ' +
    'The common case is serverless.yml, where every function without a role of its own shares the provider-level role built from provider.iam.role.statements. ' +
    'Roles that grant only log, trace and VPC networking permissions are not reported. Severity is low, raised one level when one of the functions ' +
    'can be triggered from the internet, because that function then carries the others\' permissions to the internet.',
  severity: 'low',
  sas: 'SAS-4',
  cwe: 'CWE-250',
  profile: 'recommended',
  peers: {},
  remediation:
    'Give each function its own role with only the permissions it needs. In SAM, omit Role and list Policies on each function so that SAM generates one role per function. ' +
    'In serverless.yml, use the serverless-iam-roles-per-function plugin and move statements from provider.iam.role.statements to each function\'s iamRoleStatements, ' +
    'or point each function\'s `role` at a role of its own declared under resources.',
  fix: {
    sam: [
      'GetOrderFunction:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    # no shared Role: SAM generates GetOrderFunctionRole',
      '    Policies:',
      '      - DynamoDBReadPolicy:',
      '          TableName: !Ref OrdersTable',
      'CreateOrderFunction:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    Policies:',
      '      - DynamoDBWritePolicy:',
      '          TableName: !Ref OrdersTable',
    ].join('\n'),
    serverless: [
      'plugins:',
      '  - serverless-iam-roles-per-function',
      'functions:',
      '  getOrder:',
      '    handler: src/get.handler',
      '    iamRoleStatements:',
      '      - Effect: Allow',
      '        Action: dynamodb:GetItem',
      '        Resource: !GetAtt OrdersTable.Arn',
      '  createOrder:',
      '    handler: src/create.handler',
      '    iamRoleStatements:',
      '      - Effect: Allow',
      '        Action: dynamodb:PutItem',
      '        Resource: !GetAtt OrdersTable.Arn',
    ].join('\n'),
  },
  check: (app) =>
    app.roles.flatMap((role) => {
      const fns = functionsOfRole(app, role);
      const ids = [...new Set([...role.usedBy, ...fns.map((fn) => fn.id)])];
      const label = (id: string) => {
        const fn = fns.find((candidate) => candidate.id === id);
        return fn ? functionLabel(fn) : id;
      };
      const names = ids.map(label);
      if (ids.length < 2 || !grantsBeyondBaseline(role)) return [];
      const exposure = publicEntry(app, role);
      const factors = { base: 'low' as const, exposure };
      const subject = isServerlessProviderRole(app, role)
        ? `The provider-level role ${role.id} that serverless.yml generates is shared by ${ids.length} functions (${shortList(names, LISTED)})`
        : `Role ${role.id} is shared by ${ids.length} functions (${shortList(names, LISTED)})`;
      const others = exposure
        ? ` Through it, the internet-facing function ${functionLabel(exposure.fn)} can also do whatever ${shortList(ids.filter((id) => id !== exposure.fn.id).map(label), LISTED)} may do.`
        : '';
      return [
        {
          message: `${subject}: each of them gets the union of the permissions they need, so every function can do whatever any other is allowed to.${others}${factorSentences(factors)}`,
          location: role.location,
          resource: role.id,
          evidence: `usedBy: ${ids.join(', ')}`,
          severity: adjustedSeverity(factors),
          key: 'shared-role',
        },
      ];
    }),
});

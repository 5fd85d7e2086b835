import { assessConditions } from '../../analyzers/iam/conditions.js';
import type { IamStatement } from '../../model/types.js';
import { rule } from '../rule.js';

/** Condition keys that restrict who may assume a role to a known account, organization or external id holder. */
const RESTRICTING_KEYS = new Set(['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid']);

function opensToEveryone(statement: IamStatement): boolean {
  if (statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  const everyone = principal === '*' || (principal !== undefined && (principal.AWS ?? []).includes('*'));
  if (!everyone) return false;
  // The key must restrict who the caller is, and its clause must really narrow: StringNotEquals,
  // ...IfExists, ForAllValues or a `*` value on aws:PrincipalOrgID lets everyone in just the same.
  return !assessConditions(statement.Condition).clauses.some((clause) => clause.narrows && RESTRICTING_KEYS.has(clause.key.toLowerCase()));
}

export default rule({
  id: 'FG-IAM-003',
  title: 'Role trust policy lets anyone assume the role',
  description:
    "A role's trust policy (AssumeRolePolicyDocument) allows Principal `*` without a condition that restricts the caller to an account, organization or external id. " +
    'Conditions are evaluated: a negated, IfExists or ForAllValues operator, or a wildcard value, does not restrict the caller. ' +
    'Any AWS identity in any account can then call sts:AssumeRole and act with the permissions of the function that uses this role.',
  severity: 'critical',
  sas: 'SAS-4',
  cwe: 'CWE-284',
  profile: 'recommended',
  peers: { checkov: ['CKV_AWS_60'] },
  remediation: 'Trust only the service that runs the function (lambda.amazonaws.com), or name the accounts or roles that may assume it and add an sts:ExternalId or aws:PrincipalOrgID condition.',
  fix: {
    sam: [
      'FunctionRole:',
      '  Type: AWS::IAM::Role',
      '  Properties:',
      '    AssumeRolePolicyDocument:',
      '      Version: "2012-10-17"',
      '      Statement:',
      '        - Effect: Allow',
      '          Principal: {Service: lambda.amazonaws.com}',
      '          Action: sts:AssumeRole',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    FunctionRole:',
      '      Type: AWS::IAM::Role',
      '      Properties:',
      '        AssumeRolePolicyDocument:',
      '          Statement:',
      '            - Effect: Allow',
      '              Principal: {Service: lambda.amazonaws.com}',
      '              Action: sts:AssumeRole',
    ].join('\n'),
  },
  check: (app) =>
    app.roles.flatMap((role) =>
      role.trustPolicy.filter(opensToEveryone).map((statement, index) => ({
        message: `Role ${role.id} can be assumed by any AWS principal${role.usedBy.length > 0 ? `, and functions ${role.usedBy.join(', ')} run with it` : ''}.`,
        location: statement.location,
        resource: role.id,
        ...(role.usedBy[0] !== undefined ? { function: role.usedBy[0] } : {}),
        evidence: `Principal: ${JSON.stringify(statement.Principal)}`,
        key: `trust:${index}`,
      })),
    ),
});

import { type IamCatalog, type StatementAnalysis, analyzeStatement, iamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement } from '../../model/types.js';
import { rule } from '../rule.js';
import { samStatements, serverlessStatements, statement } from '../support/fix-snippets.js';
import { actionList, resourceTypesOf, statementResources } from './display.js';
import { adjustedSeverity, factorSentences, publicEntry } from './role-exposure.js';
import { roleLabel, statementEvidence, statementKey } from './statements.js';

/**
 * What a NotAction list leaves granted, in numbers a reader can weigh: services excluded as a
 * whole (`iam:*`) are subtracted from the catalogue's service count; every other service,
 * including ones AWS launches later, stays granted.
 */
function describeNotAction(patterns: readonly string[], catalog: IamCatalog): string {
  const wholeServices = new Set(
    patterns.map((pattern) => /^([a-z0-9-]+):\*$/.exec(pattern)?.[1]).filter((service): service is string => service !== undefined && catalog.isKnownService(service)),
  );
  const remaining = catalog.knownServices().length - wholeServices.size;
  return `every action of ${remaining} AWS services (and of any service added later) except ${actionList(patterns, catalog)}`;
}

function describeActions(statement: IamStatement, catalog: IamCatalog): string {
  return actionList(statement.Action ?? [], catalog) || 'its actions';
}

/** NotAction `*` excludes everything and a statement without Resource or NotResource is invalid: neither grants anything. */
function grantsSomething(analysis: StatementAnalysis): boolean {
  if (analysis.actionSet.kind === 'listed' && analysis.actionSet.actions.size === 0 && analysis.usesNotAction) return false;
  return analysis.resourceScope !== 'none';
}

function key(statement: IamStatement): string {
  return `${statementKey(statement)}|${[...(statement.NotAction ?? [])].sort().join(',')}|${[...(statement.NotResource ?? [])].sort().join(',')}`;
}

/** The fix: the actions the function calls on its table, and "never IAM" as a Deny. */
const SCOPED_WITH_GUARD_RAIL = [
  ...statement('Allow', ['dynamodb:GetItem', 'dynamodb:PutItem'], '!GetAtt OrdersTable.Arn'),
  ...statement('Deny', ['iam:*'], '"*"'),
];

export default rule({
  id: 'FG-IAM-004',
  title: 'IAM Allow statement uses NotAction or NotResource',
  description:
    'An Allow statement with NotAction grants every action except the ones listed, across every AWS service, including services launched after the policy was written. ' +
    'An Allow with NotResource grants its actions on every resource except the ones listed. Both read like restrictions but work as wildcards. ' +
    'NotAction and NotResource belong in Deny statements (or in an Allow only next to a tightly scoped Resource). ' +
    'Severity is high. It is raised one level when a function that uses the role can be triggered from the internet. ' +
    'It is lowered one level when a condition narrows the statement (for example aws:SourceArn or aws:ResourceTag with specific values); the message quotes the narrowing clause. ' +
    'The statement\'s own Action wildcards are reported by FG-IAM-001, not here.',
  severity: 'high',
  sas: 'SAS-4',
  cwe: 'CWE-250',
  profile: 'recommended',
  requires: ['iam-catalog'],
  peers: {},
  remediation:
    'Replace NotAction with the list of actions the function calls, and NotResource with the ARNs it uses. ' +
    'To keep a guard rail such as "never IAM", add a separate Deny statement with those actions instead of an Allow with NotAction.',
  fix: {
    sam: samStatements(SCOPED_WITH_GUARD_RAIL).join('\n'),
    serverless: serverlessStatements(SCOPED_WITH_GUARD_RAIL).join('\n'),
  },
  check: (app) => {
    const catalog = iamCatalog();
    return app.roles.flatMap((role) =>
      role.statements.flatMap((statement) => {
        if (statement.Effect !== 'Allow') return [];
        const analysis = analyzeStatement(statement, catalog);
        if ((!analysis.usesNotAction && !analysis.usesNotResource) || !grantsSomething(analysis)) return [];
        const what = analysis.usesNotAction ? describeNotAction(statement.NotAction ?? [], catalog) : describeActions(statement, catalog);
        const where = statementResources(statement, resourceTypesOf(app), catalog).join(', ');
        const factors = { base: 'high' as const, exposure: publicEntry(app, role), narrowing: analysis.conditions.reasons };
        const construct = [analysis.usesNotAction ? 'NotAction' : '', analysis.usesNotResource ? 'NotResource' : ''].filter(Boolean).join(' and ');
        return [
          {
            message: `${roleLabel(role)} has an Allow statement with ${construct}: it grants ${what} on ${where}.${factorSentences(factors)}`,
            location: statement.location,
            resource: role.id,
            evidence: statementEvidence(statement, catalog),
            severity: adjustedSeverity(factors),
            key: key(statement),
          },
        ];
      }),
    );
  },
});

import { type ActionGrant, type Escalation, type IamCatalog, type RoleRiskSummary, iamCatalog, parseArn, summarizeRole } from '../../analyzers/iam/index.js';
import type { App, Role, SourceLocation } from '../../model/types.js';
import { rule } from '../rule.js';
import { samStatements, serverlessStatements, statement } from '../support/fix-snippets.js';
import { actionList, grantReasons, resourceTypesOf } from './display.js';
import { adjustedSeverity, factorSentences, locationOr, publicEntry } from './role-exposure.js';
import { roleLabel } from './statements.js';

/** Where a combination is granted: the first statement written in the app that allows one of its actions. */
export function grantLocation(grants: readonly ActionGrant[], role: Role): SourceLocation {
  const statement = grants.flatMap((grant) => grant.allowedBy).find((allow) => allow.statement.location.file !== '')?.statement;
  return locationOr(statement?.location, role.location);
}

/** The statements (by origin) that grant the combination, managed-policy approximations included. */
export function grantOrigins(grants: readonly ActionGrant[]): string {
  return [...new Set(grants.flatMap((grant) => grant.allowedBy.map((allow) => allow.statement.origin)))].join(', ');
}

/** `possible` always comes with reasons from the grant evaluation; the fallback keeps the message honest if one ever does not. */
export function possibleReasons(reasons: readonly string[]): readonly string[] {
  return reasons.length > 0 ? reasons : ['not every action is granted on every resource without conditions'];
}

function actionsOf(escalation: Escalation, catalog: IamCatalog): string {
  return actionList(escalation.grants.map((grant) => grant.action), catalog, ' + ');
}

/** CloudFormation namespaces (and SAM types) whose IAM prefix is not the lower-cased namespace. */
const PREFIX_OF_NAMESPACE: Record<string, string> = {
  serverless: 'lambda',
  stepfunctions: 'states',
  elasticloadbalancingv2: 'elasticloadbalancing',
  cognito: 'cognito-idp',
  apigatewayv2: 'apigateway',
  kinesisfirehose: 'firehose',
};
const SAM_SERVICE: Record<string, string> = {
  'AWS::Serverless::SimpleTable': 'dynamodb',
  'AWS::Serverless::StateMachine': 'states',
  'AWS::Serverless::Api': 'apigateway',
  'AWS::Serverless::HttpApi': 'apigateway',
};

function serviceOfType(type: string): string | undefined {
  const sam = SAM_SERVICE[type];
  if (sam) return sam;
  const namespace = type.split('::')[1]?.toLowerCase();
  return namespace === undefined ? undefined : (PREFIX_OF_NAMESPACE[namespace] ?? namespace);
}

const REFERENCE = /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/;

/**
 * The ARN service a named resource belongs to: from the ARN itself, or from the declared type of
 * the resource a `${X.Arn}` reference points at. Undefined when it cannot be told.
 */
function serviceOfResource(value: string, resourceTypes: Record<string, string>): string | undefined {
  const arn = parseArn(value);
  if (arn) return /^[a-z0-9-]+$/.test(arn.service) ? arn.service : undefined;
  const id = REFERENCE.exec(value.trim())?.[1];
  const type = id === undefined ? undefined : resourceTypes[id];
  return type === undefined ? undefined : serviceOfType(type);
}

/**
 * The grant evaluation counts `Action: "*"` on a table ARN as granting lambda:UpdateFunctionCode
 * "on that table". IAM never matches an action against another service's resources, so such a
 * grant is void; keeping it would turn one scoped wildcard into thirty escalation findings.
 */
function canTakeEffect(grant: ActionGrant, resourceTypes: Record<string, string>, catalog: IamCatalog): boolean {
  if (grant.broad) return true;
  const services = catalog.resourceArnServices(grant.action);
  return grant.allowedBy.some((allow) =>
    (allow.statement.Resource ?? []).some((resource) => {
      const service = serviceOfResource(resource, resourceTypes);
      return service === undefined || services.includes(service);
    }),
  );
}

/**
 * A role with every action on every resource opens every path at once; one finding that says
 * so reads better than thirty, and FG-IAM-001/004/005 already report the grant itself.
 */
function adminLikeHit(app: App, role: Role, summary: RoleRiskSummary) {
  const factors = { base: 'high' as const, exposure: publicEntry(app, role) };
  const ids = summary.escalations.map((escalation) => escalation.id);
  return {
    message:
      `${roleLabel(role)} is administrator-like (${summary.adminReasons.join('; ')}), so every known privilege-escalation path is open: ` +
      `${ids.length} methods, among them ${summary.escalations.slice(0, 3).map((escalation) => escalation.title.toLowerCase()).join(', ')}.${factorSentences(factors)}`,
    location: grantLocation(summary.escalations.flatMap((escalation) => escalation.grants), role),
    resource: role.id,
    evidence: `escalation methods: ${ids.join(', ')}`,
    severity: adjustedSeverity(factors),
    key: 'admin-like',
  };
}

/** The fix: iam:PassRole on the one role the function passes, to Lambda only. */
const SCOPED_PASS_ROLE = statement('Allow', 'iam:PassRole', '!GetAtt WorkerRole.Arn', ['Condition:', '  StringEquals:', '    iam:PassedToService: lambda.amazonaws.com']);

export default rule({
  id: 'FG-IAM-006',
  title: 'Function role allows privilege escalation',
  description:
    'The role grants a combination of actions that lets whoever controls the function obtain permissions it was not given: rewriting a policy, passing a stronger role ' +
    'to a new function, instance, stack or job, replacing another function\'s code or configuration, and similar published methods (Rhino Security Labs, Bishop Fox ' +
    'iam-vulnerable, Hacking the Cloud, AWS API reference; each finding cites its source). One finding is reported per method, with the actions that enable it. ' +
    'Allow minus Deny is evaluated per action, and managed policies count through their approximate content. ' +
    'Severity is high, critical when a function that uses the role can be triggered from the internet. An escalation that is only possible ' +
    '(granted on named resources only, narrowed by a condition, or partly cancelled by a conditional or resource-limited Deny) is lowered one level, and the message says why. ' +
    'A role with every action on every resource gets a single finding that lists the methods.',
  severity: 'high',
  sas: 'SAS-4',
  cwe: 'CWE-269',
  profile: 'recommended',
  requires: ['iam-catalog'],
  peers: { checkov: ['CKV_AWS_110'] },
  remediation:
    'Remove the actions the function does not need. When it must pass a role, scope iam:PassRole to that role\'s ARN and add an iam:PassedToService condition. ' +
    'Scope lambda:UpdateFunctionCode / UpdateFunctionConfiguration and policy-editing actions to the exact resources, or deny them with an explicit Deny. ' +
    'Consider a permissions boundary on roles that create other roles.',
  fix: {
    sam: samStatements(SCOPED_PASS_ROLE).join('\n'),
    serverless: serverlessStatements(SCOPED_PASS_ROLE).join('\n'),
  },
  check: (app) => {
    const catalog = iamCatalog();
    return app.roles.flatMap((role) => {
      const summary = summarizeRole(role, catalog);
      if (summary.escalations.length === 0) return [];
      if (summary.adminLike) return [adminLikeHit(app, role, summary)];
      const exposure = publicEntry(app, role);
      const resourceTypes = resourceTypesOf(app);
      const effective = summary.escalations.filter((escalation) => escalation.grants.every((grant) => canTakeEffect(grant, resourceTypes, catalog)));
      return effective.map((escalation) => {
        const narrowing = escalation.confidence === 'possible' ? possibleReasons(grantReasons(escalation.reasons, escalation.grants, resourceTypes, catalog)) : [];
        const factors = { base: 'high' as const, exposure, narrowing };
        return {
          message: `${roleLabel(role)} allows privilege escalation (${escalation.title.toLowerCase()}) through ${actionsOf(escalation, catalog)}. ${escalation.description}${factorSentences(factors, 'Only possible')}`,
          location: grantLocation(escalation.grants, role),
          resource: role.id,
          evidence: `${escalation.citation.source} (${escalation.citation.url}); granted by ${grantOrigins(escalation.grants)}`,
          severity: adjustedSeverity(factors),
          key: escalation.id,
        };
      });
    });
  },
});

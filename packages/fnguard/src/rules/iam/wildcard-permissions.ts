import { assessConditions } from '../../analyzers/iam/conditions.js';
import { matchArnTemplate } from '../../analyzers/iam/arn.js';
import type { IamCatalog } from '../../analyzers/iam/index.js';
import type { IamStatement } from '../../model/types.js';
import { rule } from '../rule.js';
import { indent, samFunction, serverlessStatements, statement } from '../support/fix-snippets.js';
import { actionDisplayName, loadedCatalog, resourceTypesOf, statementResources } from './display.js';
import { adjustedSeverity, factorSentences, publicEntry } from './role-exposure.js';
import { allowStatements, roleLabel, statementEvidence, statementKey } from './statements.js';
import { isWildcardAction } from './wildcard-action.js';
import { shortList } from '../support/listing.js';

const LISTED_ACTIONS = 4;

/**
 * Would `action` apply to some resource of the statement? A resource whose ARN matches a
 * catalogue type settles it; one that does not (`${Bucket.Arn}/*`, an unknown service) might be
 * anything, so it counts.
 */
function appliesToSome(action: string, resources: readonly string[], catalog: IamCatalog): boolean {
  const types = new Set((catalog.resourceTypes(action) ?? []).map((type) => type.name.toLowerCase()));
  if (types.size === 0) return true;
  return resources.some((resource) => {
    const match = matchArnTemplate(resource, catalog);
    return match === undefined || types.has(match.format.key.toLowerCase());
  });
}

/**
 * The permissions-management actions that partial wildcards of the statement (`s3:Put*`,
 * `lambda:*Permission`) let through on its named resources. Whole-service wildcards are
 * FG-IAM-001's, and Resource `*` is FG-IAM-002's.
 */
export function hiddenPermissionActions(statement: IamStatement, catalog: IamCatalog): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const resources = statement.Resource ?? [];
  if (resources.length === 0 || resources.includes('*')) return found;
  for (const pattern of statement.Action ?? []) {
    if (!pattern.includes('*') && !pattern.includes('?')) continue;
    if (isWildcardAction(pattern)) continue;
    const granted = catalog.expandAction(pattern).filter((action) => catalog.accessLevel(action) === 'Permissions management' && appliesToSome(action, resources, catalog));
    if (granted.length > 0) found.set(pattern, granted);
  }
  return found;
}

function listed(actions: readonly string[], catalog: IamCatalog): string {
  return shortList(actions.map((action) => actionDisplayName(action, catalog)), LISTED_ACTIONS);
}

export default rule({
  id: 'FG-IAM-010',
  title: 'Wildcard action also grants permissions management',
  description:
    'An Allow statement uses an action pattern narrower than a whole service (`s3:Put*`, `s3:PutObject*`, `lambda:*Permission`) that also matches permissions-management ' +
    'actions such as s3:PutBucketPolicy, s3:PutObjectAcl or lambda:AddPermission. Written to allow uploads or updates, it also lets the function change who can read ' +
    'the bucket, the objects or invoke the function, so an injection can make data public. Only actions that apply to the statement\'s resources count, as the IAM ' +
    'catalogue types them. Severity is medium, raised one level when a function that uses the role can be triggered from the internet without credentials, and lowered ' +
    'one level when a Condition genuinely narrows the statement. Whole-service wildcards are FG-IAM-001\'s and Resource `*` is FG-IAM-002\'s.',
  severity: 'medium',
  sas: 'SAS-4',
  cwe: 'CWE-732',
  profile: 'recommended',
  requires: ['iam-catalog'],
  peers: { cdkNag: ['AwsSolutions-IAM5'] },
  remediation: 'List the actions the function calls instead of a pattern (s3:PutObject rather than s3:Put* or s3:PutObject*), so that ACL and policy changes stay out of the grant.',
  fix: {
    sam: samFunction('UploadFunction', [
      'Policies:',
      '  - Statement:',
      ...indent(statement('Allow', ['s3:PutObject'], '!Sub "${UploadsBucket.Arn}/incoming/*"'), 6),
    ]).join('\n'),
    serverless: serverlessStatements(statement('Allow', ['s3:PutObject'], '!Sub "${UploadsBucket.Arn}/incoming/*"')).join('\n'),
  },
  check: (app) => {
    const catalog = loadedCatalog();
    if (!catalog) return [];
    return allowStatements(app).flatMap(({ role, statement: granted }) => {
      const hidden = hiddenPermissionActions(granted, catalog);
      if (hidden.size === 0) return [];
      const patterns = [...hidden.keys()].map((pattern) => `\`${actionDisplayName(pattern, catalog)}\``).join(', ');
      const actions = [...new Set([...hidden.values()].flat())];
      const target = statementResources(granted, resourceTypesOf(app), catalog).join(', ');
      const factors = { base: 'medium' as const, exposure: publicEntry(app, role), narrowing: assessConditions(granted.Condition).reasons };
      return [
        {
          message: `${roleLabel(role)} allows ${patterns} on ${target}, which also matches ${listed(actions, catalog)}: permissions management that changes who can access them.${factorSentences(factors)}`,
          location: granted.location,
          resource: role.id,
          evidence: statementEvidence(granted, catalog),
          severity: adjustedSeverity(factors),
          key: statementKey(granted),
        },
      ];
    });
  },
});

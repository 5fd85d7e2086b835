import { type AccessLevel, summarizeRole } from '../../analyzers/iam/index.js';
import type { Severity } from '../../findings/types.js';
import type { App, Resource, Role } from '../../model/types.js';
import { asBoolean } from '../../model/values.js';
import { loadedCatalog } from '../iam/display.js';
import { rule } from '../rule.js';
import { resource, resourceFix } from '../support/fix-snippets.js';
import { property, propertyPath, referencedId, resourcesOfType } from '../support/model-queries.js';
import { shortList } from '../support/listing.js';

const WRITE_LEVELS: ReadonlySet<AccessLevel> = new Set(['Write', 'Permissions management']);
/**
 * Services whose client SDKs are built to send telemetry with guest credentials (CloudWatch RUM,
 * Pinpoint / Mobile Analytics events): writing there pollutes metrics, it does not change the
 * app's data, so it does not make the finding high.
 */
const TELEMETRY_SERVICES: ReadonlySet<string> = new Set(['rum', 'mobileanalytics', 'mobiletargeting']);
const LISTED_SERVICES = 5;

/**
 * The pool's attachment of an unauthenticated role: undefined when no attachment names one,
 * `role` undefined when the role is defined outside the template.
 */
function unauthenticatedRole(app: App, pool: Resource): { role: Role | undefined } | undefined {
  for (const attachment of resourcesOfType(app, 'AWS::Cognito::IdentityPoolRoleAttachment')) {
    if (referencedId(property(attachment.properties, 'IdentityPoolId')) !== pool.id) continue;
    const reference = propertyPath(attachment.properties, 'Roles', 'unauthenticated');
    if (reference === undefined) continue;
    const roleId = referencedId(reference);
    return { role: app.roles.find((candidate) => candidate.id === roleId) };
  }
  return undefined;
}

/** `write on dynamodb, read on s3`: the role's highest access level per service, writes first. */
function reach(role: Role): { text: string; writes: boolean; admin: boolean; empty?: boolean } {
  const catalog = loadedCatalog();
  if (!catalog) return { text: 'permissions fnguard could not classify', writes: false, admin: false };
  const summary = summarizeRole(role, catalog);
  const entries = Object.entries(summary.maxAccessLevelByService).sort(([, a], [, b]) => Number(WRITE_LEVELS.has(b)) - Number(WRITE_LEVELS.has(a)));
  const writes = entries.some(([service, level]) => WRITE_LEVELS.has(level) && !TELEMETRY_SERVICES.has(service));
  if (summary.adminLike) return { text: 'every action on every resource', writes: true, admin: true };
  if (entries.length === 0) return { text: 'no permissions the template grants', writes: false, admin: false, empty: true };
  const grants = entries.map(([service, level]) => `${level.toLowerCase()} on ${service === '*' ? 'every service' : service}`);
  return { text: shortList(grants, LISTED_SERVICES, 'more services'), writes, admin: false };
}

export default rule({
  id: 'FG-COGNITO-003',
  title: 'Cognito identity pool gives AWS credentials to unauthenticated users',
  description:
    'An identity pool has AllowUnauthenticatedIdentities on: anyone on the internet can call GetId and GetCredentialsForIdentity and receive temporary AWS credentials for the ' +
    'pool\'s unauthenticated role, then call AWS APIs directly, bypassing the app\'s API and its functions. Severity is high when that role can write or manage permissions ' +
    '(or does everything), medium when it can only read, only send telemetry (CloudWatch RUM, Pinpoint events: what those SDKs are designed to do with guest credentials) ' +
    'or its permissions are not in the template, and low when the template grants it nothing.',
  severity: 'medium',
  sas: 'SAS-2',
  cwe: 'CWE-306',
  profile: 'recommended',
  requires: ['iam-catalog'],
  peers: { cdkNag: ['AwsSolutions-COG7'] },
  remediation:
    'Turn AllowUnauthenticatedIdentities off unless guest access is a requirement; if it is, give the unauthenticated role only the read actions guests need, on the exact resources.',
  fix: resourceFix(resource('IdentityPool', 'AWS::Cognito::IdentityPool', [
    'AllowUnauthenticatedIdentities: false',
    'CognitoIdentityProviders:',
    '  - ClientId: !Ref UserPoolClient',
    '    ProviderName: !GetAtt UserPool.ProviderName',
  ])),
  check: (app) =>
    resourcesOfType(app, 'AWS::Cognito::IdentityPool')
      .filter((pool) => asBoolean(property(pool.properties, 'AllowUnauthenticatedIdentities')) === true)
      .map((pool) => {
        const attached = unauthenticatedRole(app, pool);
        let severity: Severity = 'medium';
        let grants: string;
        if (attached?.role) {
          const { text, writes, admin, empty } = reach(attached.role);
          severity = writes || admin ? 'high' : empty ? 'low' : 'medium';
          grants = `Its unauthenticated role ${attached.role.id} grants ${text}.`;
        } else {
          grants = attached ? 'Its unauthenticated role is defined outside this template, so what the credentials allow is not known here.' : 'No role attachment in this template names an unauthenticated role.';
        }
        return {
          message: `Identity pool ${pool.id} gives AWS credentials to anyone who asks (AllowUnauthenticatedIdentities is on). ${grants}`,
          location: pool.location,
          resource: pool.id,
          severity,
          evidence: 'AllowUnauthenticatedIdentities: true',
        };
      }),
});

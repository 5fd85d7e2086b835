/**
 * How IAM rules name actions and resources in messages and evidence. The model keeps actions
 * lower-cased (IAM compares them case-insensitively) and resources as rendered text
 * (`${UploadsBucket.Arn}/*`); readers expect `s3:PutObject` and "every object of bucket
 * UploadsBucket". The AWS catalogue supplies both when it is loaded; without it, actions stay
 * as the model holds them and references are named after the logical resource and its type.
 */
import {
  type ActionGrant,
  type IamCatalog,
  IamCatalogNotLoadedError,
  describeResource,
  iamCatalog,
} from '../../analyzers/iam/index.js';
import type { App, IamStatement, Resource } from '../../model/types.js';

/** Runs a catalogue query; undefined when the service it needs was never loaded. */
function ask<T>(query: () => T): T | undefined {
  try {
    return query();
  } catch (error) {
    if (error instanceof IamCatalogNotLoadedError) return undefined;
    throw error;
  }
}

/** The shared catalogue, or undefined when the scanner could not load it (rules then say less, not nothing). */
export function loadedCatalog(): IamCatalog | undefined {
  return ask(iamCatalog);
}

const escapeRegExp = (text: string): string => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/**
 * `s3:get*object` -> `s3:Get*Object`: the literal parts of a pattern take the casing of a
 * catalogue action the pattern matches; the wildcards stay as written.
 */
function canonicalPattern(service: string, name: string, action: string, catalog: IamCatalog): string | undefined {
  const parts = name.split(/([*?])/).filter((part) => part !== '');
  if (!parts.some((part) => part !== '*' && part !== '?')) return undefined;
  const matcher = new RegExp(`^${parts.map((part) => (part === '*' ? '.*?' : part === '?' ? '.' : `(${escapeRegExp(part)})`)).join('')}$`, 'i');
  const expansion = ask(() => catalog.expand(action));
  for (const id of expansion?.status === 'ok' ? expansion.actions : []) {
    const canonical = ask(() => catalog.action(id))?.name;
    const found = canonical === undefined ? null : matcher.exec(canonical);
    if (!found) continue;
    let group = 1;
    return `${service}:${parts.map((part) => (part === '*' || part === '?' ? part : found[group++])).join('')}`;
  }
  return undefined;
}

/**
 * An action as AWS spells it (`iam:passrole` -> `iam:PassRole`, `s3:get*` -> `s3:Get*`). Actions
 * the catalogue does not know, or any action when it is not loaded, are kept as the model holds
 * them: the model lower-cases actions and keeps no other spelling.
 */
export function actionDisplayName(action: string, catalog: IamCatalog | undefined = loadedCatalog()): string {
  if (!catalog) return action;
  const separator = action.indexOf(':');
  if (separator < 0) return action;
  const details = ask(() => catalog.action(action));
  if (details) return `${details.service}:${details.name}`;
  if (!/[*?]/.test(action)) return action;
  return canonicalPattern(action.slice(0, separator), action.slice(separator + 1), action, catalog) ?? action;
}

export function actionList(actions: readonly string[], catalog: IamCatalog | undefined = loadedCatalog(), separator = ', '): string {
  return actions.map((action) => actionDisplayName(action, catalog)).join(separator);
}

/** Logical id -> CloudFormation type, to tell what `${Orders.Arn}` is. */
export function resourceTypesOf(app: App): Readonly<Record<string, string>> {
  const cached = resourceTypeCache.get(app.resources);
  if (cached && cached.count === app.resources.length) return cached.types;
  const types = Object.fromEntries(app.resources.map((resource) => [resource.id, resource.type]));
  resourceTypeCache.set(app.resources, { count: app.resources.length, types });
  return types;
}

/** Several IAM rules ask for the same app's map, once per role; it is built once per resource list. */
const resourceTypeCache = new WeakMap<readonly Resource[], { count: number; types: Record<string, string> }>();

/** Resource types whose last segment does not say what they are. */
const TYPE_NOUN: Record<string, string> = {
  'AWS::Serverless::SimpleTable': 'table',
  'AWS::Serverless::Api': 'API',
  'AWS::Serverless::HttpApi': 'API',
  'AWS::ApiGateway::RestApi': 'API',
  'AWS::ApiGatewayV2::Api': 'API',
  'AWS::KMS::Key': 'KMS key',
  'AWS::SSM::Parameter': 'parameter',
  'AWS::Logs::LogGroup': 'log group',
};

function humanize(identifier: string): string {
  return identifier.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function typeNoun(type: string | undefined): string {
  if (type === undefined) return 'resource';
  return TYPE_NOUN[type] ?? humanize(type.split('::').pop() ?? 'resource');
}

const REFERENCE = /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}(.*)$/s;

/**
 * `${X}`, `${X.Arn}`, `${X.StreamArn}` and `${X.Arn}/...` named after the logical resource, for
 * when the catalogue cannot match them to an ARN template (not loaded, or a type it lacks).
 */
function describeReference(value: string, resourceTypes: Record<string, string>): string | undefined {
  const reference = REFERENCE.exec(value);
  if (!reference) return undefined;
  const [, id = '', attribute = 'Arn', suffix = ''] = reference;
  const noun = typeNoun(resourceTypes[id]);
  const named = attribute === 'Arn' || attribute === '' ? `${noun} ${id}` : `${humanize(attribute.replace(/Arn$/, '') || attribute)} of ${noun} ${id}`;
  if (suffix === '') return named;
  if (suffix === '/*') return noun === 'bucket' ? `every object of ${named}` : `everything under ${named}`;
  return `${suffix.replace(/^\//, '')} under ${named}`;
}

/** The catalogue's phrase unless it could only say "resource X": the declared type then says more. */
function resourcePhrase(resource: string, resourceTypes: Record<string, string>, services: readonly string[], catalog: IamCatalog | undefined): string {
  const value = resource.trim();
  if (value === '*') return 'every resource';
  const phrase = catalog ? ask(() => describeResource(value, { resourceTypes, services }, catalog)) : undefined;
  if (phrase !== undefined && !/^(.* under )?resource [A-Za-z0-9]+$/.test(phrase)) return phrase;
  return describeReference(value, resourceTypes) ?? phrase ?? value;
}

function servicesOf(statement: IamStatement): string[] {
  return [...new Set((statement.Action ?? statement.NotAction ?? []).map((action) => action.split(':')[0] ?? ''))].filter((service) => /^[a-z0-9-]+$/.test(service));
}

/**
 * What a statement applies to, one phrase per Resource entry (duplicates dropped):
 * `table OrdersTable`, `every object of bucket UploadsBucket`, `every resource`, or for
 * NotResource `every resource except table OrdersTable`.
 */
export function statementResources(statement: IamStatement, resourceTypes: Record<string, string>, catalog: IamCatalog | undefined = loadedCatalog()): string[] {
  const services = servicesOf(statement);
  const phrase = (resource: string) => resourcePhrase(resource, resourceTypes, services, catalog);
  if (statement.Resource === undefined && statement.NotResource !== undefined) {
    return [`every resource except ${[...new Set(statement.NotResource.map(phrase))].join(', ')}`];
  }
  const resources = statement.Resource ?? [];
  if (resources.some((resource) => resource.trim() === '*')) return ['every resource'];
  return [...new Set(resources.map(phrase))];
}

/**
 * The analyzer explains partial grants in its own words (`lambda:updatefunctioncode is allowed
 * only on ${Worker.Arn}`); messages say the same with the action as AWS spells it and the
 * resources by name (`lambda:UpdateFunctionCode is allowed only on function Worker`).
 */
export function grantReasons(reasons: readonly string[], grants: readonly ActionGrant[], resourceTypes: Record<string, string>, catalog: IamCatalog | undefined = loadedCatalog()): string[] {
  const shown = reasons.map((reason) => {
    const grant = grants.find((candidate) => candidate.reasons.includes(reason) && reason.startsWith(`${candidate.action} `));
    if (!grant) return reason;
    const action = actionDisplayName(grant.action, catalog);
    if (reason.startsWith(`${grant.action} is allowed only on `) && grant.allowedBy.length > 0) {
      const resources = [...new Set(grant.allowedBy.flatMap((allow) => statementResources(allow.statement, resourceTypes, catalog)))];
      return `${action} is allowed only on ${resources.join(', ')}`;
    }
    return `${action}${reason.slice(grant.action.length)}`;
  });
  return [...new Set(shown)];
}

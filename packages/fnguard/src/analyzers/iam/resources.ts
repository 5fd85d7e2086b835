/**
 * Human phrases for rendered Resource values, built from the catalogue's ARN templates:
 * the template's resource type names the thing, its placeholders name the parents, and the
 * logical ids referenced in the value name the instances.
 *   `${UploadsBucket.Arn}/*`                 -> every object of bucket UploadsBucket
 *   `arn:aws:dynamodb:...:table/${Orders}`   -> table Orders
 *   `arn:aws:s3:::*`                         -> every bucket
 */
import type { IamStatement } from '../../model/types.js';
import { type ArnTemplateMatch, isWildcardOnly, hasWildcardChar, matchArnTemplate, parseArn } from './arn.js';
import { type IamCatalog, type ResourceTypeFormat, iamCatalog } from './catalog.js';

export interface ResourceNamingContext {
  /** logical id -> CloudFormation type (from App.resources), to know what `${X.Arn}` is */
  resourceTypes?: Record<string, string>;
  /** services of the statement's actions, used to guess `${X.Arn}` when its type is unknown */
  services?: readonly string[];
}

/** CloudFormation namespaces whose IAM service prefix differs from the lower-cased namespace. */
const CFN_SERVICE_ALIASES: Record<string, string> = {
  stepfunctions: 'states',
  elasticloadbalancingv2: 'elasticloadbalancing',
  cognito: 'cognito-idp',
  apigatewayv2: 'apigateway',
  opensearchservice: 'es',
  elasticsearch: 'es',
  kinesisfirehose: 'firehose',
};

/** SAM resource types and the CloudFormation types they become. */
const SAM_TYPES: Record<string, string> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
};

const GET_ATT_ARN = /^\$\{([A-Za-z0-9]+)\.Arn\}(.*)$/s;
const REFERENCE_ONLY = /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/;
const NAME_SUFFIXES = /(NameWithoutLeadingSlash|NameWithPath|IdWithPath|Name|Id|Label|Arn)$/;

const normalize = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function humanize(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
}

function parentLabel(placeholder: string): string {
  return humanize(placeholder.replace(NAME_SUFFIXES, '') || placeholder);
}

/** `${Orders}` / `${Orders.Arn}` -> `Orders`; other text is kept as written. */
function displayValue(value: string): string {
  const reference = REFERENCE_ONLY.exec(value);
  return reference?.[1] ?? value;
}

function phraseFor(match: ArnTemplateMatch): string {
  const typeLabel = humanize(match.format.key);
  const bindings = match.bindings;
  const own = bindings[bindings.length - 1];
  if (!own) return `the ${typeLabel}`;
  let phrase = describeBinding(typeLabel, own.value);
  for (const parent of bindings.slice(0, -1).reverse()) {
    phrase += ` of ${describeBinding(parentLabel(parent.placeholder), parent.value)}`;
  }
  return phrase;
}

function describeBinding(label: string, value: string): string {
  if (isWildcardOnly(value)) return `every ${label}`;
  if (hasWildcardChar(value)) return `every ${label} matching ${value}`;
  return `${label} ${displayValue(value)}`;
}

function cfnTypeFormat(cfnType: string, catalog: IamCatalog): ResourceTypeFormat | undefined {
  const [, namespace = '', type = ''] = (SAM_TYPES[cfnType] ?? cfnType).split('::');
  const service = CFN_SERVICE_ALIASES[namespace.toLowerCase()] ?? namespace.toLowerCase();
  return catalog.resourceFormats(service).find((format) => normalize(format.key) === normalize(type));
}

/** Placeholders that name the resource itself; a GetAtt Arn can only stand for a one-name type. */
function identifyingPlaceholders(format: ResourceTypeFormat): string[] {
  return [...format.arn.matchAll(/\$\{([^}]+)\}/g)]
    .map((found) => found[1] ?? '')
    .filter((name) => !['Partition', 'Region', 'Account'].includes(name));
}

function substitute(format: ResourceTypeFormat, logicalId: string): string | undefined {
  const names = identifyingPlaceholders(format);
  if (names.length !== 1) return undefined;
  return format.arn.replace(`\${${names[0]}}`, `\${${logicalId}}`);
}

/**
 * What `${X.Arn}` stands for: the declared CloudFormation type if known, otherwise a type of
 * the statement's services whose name appears in the logical id (`UploadsBucket` -> bucket).
 */
function resolveGetAtt(logicalId: string, context: ResourceNamingContext, catalog: IamCatalog): ResourceTypeFormat | undefined {
  const declared = context.resourceTypes?.[logicalId];
  if (declared) return cfnTypeFormat(declared, catalog);
  const id = normalize(logicalId);
  const candidates = (context.services ?? [])
    .flatMap((service) => catalog.resourceFormats(service))
    .filter((format) => identifyingPlaceholders(format).length === 1 && id.includes(normalize(format.key)));
  return candidates.sort((a, b) => normalize(b.key).length - normalize(a.key).length)[0];
}

export function describeResource(resource: string, context: ResourceNamingContext = {}, catalog: IamCatalog = iamCatalog()): string {
  const value = resource.trim();
  if (value === '') return 'an empty resource';
  if (isWildcardOnly(value)) return 'every resource';

  const getAtt = GET_ATT_ARN.exec(value);
  if (getAtt) {
    const logicalId = getAtt[1] ?? '';
    const suffix = getAtt[2] ?? '';
    const format = resolveGetAtt(logicalId, context, catalog);
    const arn = format && substitute(format, logicalId);
    const match = arn ? matchArnTemplate(arn + suffix, catalog) : undefined;
    if (match) return phraseFor(match);
    return suffix === '' ? `resource ${logicalId}` : `${suffix} under resource ${logicalId}`;
  }

  const arn = parseArn(value);
  if (arn) {
    if (isWildcardOnly(arn.service) && arn.resource.split(/[:/]/).every(isWildcardOnly)) return 'every resource';
    const match = matchArnTemplate(value, catalog);
    if (match) return phraseFor(match);
    return `${arn.service} resource ${displayValue(arn.resource)}`;
  }
  return `resource ${displayValue(value)}`;
}

/**
 * Phrases for every Resource (or NotResource) entry of a statement, using the statement's own
 * action prefixes to interpret `${X.Arn}` values.
 */
export function describeStatementResources(
  statement: IamStatement,
  resourceTypes: Record<string, string> = {},
  catalog: IamCatalog = iamCatalog(),
): string[] {
  const services = [...new Set((statement.Action ?? statement.NotAction ?? []).map((action) => action.split(':')[0]?.toLowerCase() ?? ''))]
    .filter((service) => /^[a-z0-9-]+$/.test(service));
  const context: ResourceNamingContext = { resourceTypes, services };
  if (statement.Resource === undefined && statement.NotResource !== undefined) {
    return [`every resource except ${statement.NotResource.map((resource) => describeResource(resource, context, catalog)).join(', ')}`];
  }
  return (statement.Resource ?? []).map((resource) => describeResource(resource, context, catalog));
}

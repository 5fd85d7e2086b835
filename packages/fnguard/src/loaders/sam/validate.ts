/**
 * Template errors the SAM translator rejects, reported as warnings so that a user learns
 * statically why a deploy would fail. Checks here never change the model: expansion still
 * reads whatever it can of an invalid resource.
 */
import type { TemplateContext, TemplateResource } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import { asBoolean, asList, isRecord } from '../../model/values.js';

type Warn = (code: string, message: string, at: PathSegment[]) => void;

/** The translator lets an event of either HTTP type join either kind of API. */
const API_TYPES = ['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi', 'AWS::Serverless::HttpApi', 'AWS::ApiGatewayV2::Api'];

/** Properties each event type cannot do without. */
const REQUIRED_EVENT_PROPERTIES: Record<string, string[]> = {
  SQS: ['Queue'], Kinesis: ['Stream'], DynamoDB: ['Stream'], MSK: ['Stream', 'Topics'], MQ: ['Broker', 'Queues'],
  DocumentDB: ['Cluster', 'DatabaseName', 'SourceAccessConfigurations'], S3: ['Bucket', 'Events'], SNS: ['Topic'],
  SelfManagedKafka: ['KafkaBootstrapServers', 'Topics', 'SourceAccessConfigurations'], Cognito: ['UserPool', 'Trigger'],
  CloudWatchLogs: ['LogGroupName', 'FilterPattern'], IoTRule: ['Sql'],
};

function isIntrinsic(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 1 && (('Ref' in value) || Object.keys(value)[0]!.startsWith('Fn::'));
}

export function validateFunction(template: TemplateContext, resource: TemplateResource, properties: Record<string, unknown>, warn: Warn): void {
  const at = (key: string): PathSegment[] => [...resource.path, 'Properties', key];
  const image = template.resolve(properties.PackageType) === 'Image';
  const codeUri = properties.CodeUri;
  if (!image) {
    if (properties.Runtime === undefined || properties.Handler === undefined) {
      warn('sam-invalid-function', `${resource.id}: Runtime and Handler are required for Zip packages`, [...resource.path, 'Properties']);
    }
  }
  if (codeUri !== undefined && typeof codeUri !== 'string' && !isRecord(codeUri)) {
    warn('sam-invalid-function', `${resource.id}: CodeUri must be a path, an s3:// URI or a {Bucket, Key} map`, at('CodeUri'));
  }
  const role = properties.Role;
  if (role !== undefined && typeof role !== 'string' && !isIntrinsic(role)) {
    warn('sam-invalid-function', `${resource.id}: Role must be an ARN or a reference to one`, at('Role'));
  }
  if (properties.Layers !== undefined && !Array.isArray(properties.Layers) && !isIntrinsic(properties.Layers)) {
    warn('sam-invalid-function', `${resource.id}: Layers must be a list`, at('Layers'));
  }
  const url = properties.FunctionUrlConfig;
  if (url !== undefined && (!isRecord(url) || url.AuthType === undefined)) {
    warn('sam-invalid-function', `${resource.id}: FunctionUrlConfig needs an AuthType (AWS_IAM or NONE)`, at('FunctionUrlConfig'));
  }
  const aliased = properties.AutoPublishAlias !== undefined && properties.AutoPublishAlias !== '';
  const preference = properties.DeploymentPreference;
  const deploys = preference !== undefined && !(isRecord(preference) && asBoolean(template.resolve(preference.Enabled)) === false);
  for (const key of ['DeploymentPreference', 'VersionDeletionPolicy', 'ProvisionedConcurrencyConfig']) {
    if (key === 'DeploymentPreference' && !deploys) continue;
    if (properties[key] !== undefined && !aliased) warn('sam-invalid-function', `${resource.id}: ${key} requires AutoPublishAlias`, at(key));
  }
  if (properties.Role === undefined && template.resources.has(`${resource.id}Role`)) {
    warn('sam-id-conflict', `${resource.id}: SAM generates a role named ${resource.id}Role, which the template already declares`, resource.path);
  }
}

/** Checks of one event that the translator performs and expansion does not need. */
export function validateEvent(template: TemplateContext, ownerId: string, name: string, event: unknown, at: PathSegment[], warn: Warn): void {
  if (!isRecord(event) || !isRecord(event.Properties ?? {})) return;
  const type = String(event.Type);
  const properties = (event.Properties ?? {}) as Record<string, unknown>;
  const where = [...at, 'Properties'];
  for (const key of REQUIRED_EVENT_PROPERTIES[type] ?? []) {
    if (properties[key] === undefined) warn('sam-invalid-event', `event ${name} of ${ownerId}: ${type} events need ${key}`, where);
  }
  const apiKey = type === 'Api' ? 'RestApiId' : type === 'HttpApi' ? 'ApiId' : undefined;
  if (apiKey && properties[apiKey] !== undefined) validateApiReference(template, ownerId, name, apiKey, properties[apiKey], [...where, apiKey], warn);
  if (type === 'HttpApi' && (properties.Path === undefined) !== (properties.Method === undefined)) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: an HttpApi event needs both Path and Method, or neither`, where);
  }
  if ((type === 'Api' || type === 'HttpApi') && properties.Path !== undefined && (typeof properties.Path !== 'string' || !properties.Path.startsWith('/'))) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: Path must be a string starting with /`, [...where, 'Path']);
  }
  if (type === 'S3' && properties.Bucket !== undefined) {
    const bucket = template.refTarget(properties.Bucket);
    if (!bucket || template.resources.get(bucket.id)?.type !== 'AWS::S3::Bucket') {
      warn('sam-invalid-event', `event ${name} of ${ownerId}: S3 events must reference an AWS::S3::Bucket of the same template`, [...where, 'Bucket']);
    }
  }
  if (type === 'Cognito' && properties.UserPool !== undefined && !(isRecord(properties.UserPool) && typeof properties.UserPool.Ref === 'string')) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: UserPool must be a Ref to a user pool of the template`, [...where, 'UserPool']);
  }
  if (['Schedule', 'EventBridgeRule', 'CloudWatchEvent', 'ScheduleV2'].includes(type) && properties.DeadLetterConfig !== undefined) {
    validateRuleDeadLetter(ownerId, name, properties.DeadLetterConfig, [...where, 'DeadLetterConfig'], warn);
  }
  if (type === 'MQ' || type === 'DocumentDB') validateBasicAuth(ownerId, name, type, properties.SourceAccessConfigurations, where, warn);
}

function validateApiReference(template: TemplateContext, ownerId: string, name: string, key: string, value: unknown, at: PathSegment[], warn: Warn): void {
  const id = typeof value === 'string' ? value : isRecord(value) && Object.keys(value).length === 1 && typeof value.Ref === 'string' ? value.Ref : undefined;
  if (id === undefined) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: ${key} must be the logical id of an API of this template (a Ref or a name)`, at);
    return;
  }
  const target = template.resources.get(id);
  if (!target || !API_TYPES.includes(target.type)) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: ${key} ${id} is not an API of this template`, at);
  }
}

function validateRuleDeadLetter(ownerId: string, name: string, value: unknown, at: PathSegment[], warn: Warn): void {
  if (!isRecord(value)) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: DeadLetterConfig must be a map`, at);
    return;
  }
  if ((value.Arn === undefined) === (value.Type === undefined)) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: DeadLetterConfig needs exactly one of Arn and Type`, at);
  } else if (value.Type !== undefined && value.Type !== 'SQS') {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: DeadLetterConfig Type must be SQS`, at);
  }
  if (value.QueueLogicalId !== undefined && typeof value.QueueLogicalId !== 'string') {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: DeadLetterConfig QueueLogicalId must be a string`, at);
  }
}

function validateBasicAuth(ownerId: string, name: string, type: string, value: unknown, at: PathSegment[], warn: Warn): void {
  if (value === undefined) return;
  const configs = asList(value);
  const basic = configs.filter((c) => isRecord(c) && c.Type === 'BASIC_AUTH');
  if (basic.length !== 1) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: ${type} needs exactly one BASIC_AUTH entry in SourceAccessConfigurations`, at);
  } else if (isRecord(basic[0]) && basic[0].URI === undefined) {
    warn('sam-invalid-event', `event ${name} of ${ownerId}: the BASIC_AUTH entry needs a URI`, at);
  }
}

/** Shape checks of an inline OpenAPI document that the translator performs before editing it. */
export function validateDefinitionBody(apiId: string, body: unknown, at: PathSegment[], warn: Warn): void {
  if (body === undefined || isIntrinsic(body)) return;
  if (!isRecord(body)) {
    warn('sam-invalid-api', `${apiId}: DefinitionBody must be a map`, at);
    return;
  }
  if (!isRecord(body.paths)) return;
  for (const [path, item] of Object.entries(body.paths)) {
    if (isIntrinsic(item)) continue;
    if (!isRecord(item)) {
      warn('sam-invalid-api', `${apiId}: the OpenAPI path ${path} must be a map`, [...at, 'paths', path]);
      continue;
    }
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || method.startsWith('x-amazon-apigateway-') && method !== 'x-amazon-apigateway-any-method') continue;
      // A null operation is an empty one; anything else that is not a map is malformed.
      if (operation !== null && !isRecord(operation)) {
        warn('sam-invalid-api', `${apiId}: the definition of ${method} ${path} must be a map`, [...at, 'paths', path, method]);
        continue;
      }
      if (isRecord(operation) && Array.isArray(operation.security) && !operation.security.every(isRecord)) {
        warn('sam-invalid-api', `${apiId}: security of ${method} ${path} must be a list of maps`, [...at, 'paths', path, method, 'security']);
      }
    }
  }
}

export function validateApi(template: TemplateContext, resource: TemplateResource, properties: Record<string, unknown>, warn: Warn): void {
  const at = (key: string): PathSegment[] => [...resource.path, 'Properties', key];
  if (properties.StageName === '') warn('sam-invalid-api', `${resource.id}: StageName cannot be empty`, at('StageName'));
  validateDefinitionBody(resource.id, properties.DefinitionBody, at('DefinitionBody'), warn);
  const external = properties.DefinitionBody === undefined;
  if (external && properties.Cors !== undefined && properties.DefinitionUri !== undefined) {
    warn('sam-invalid-api', `${resource.id}: Cors only works with an inline DefinitionBody`, at('Cors'));
  }
  const auth = isRecord(properties.Auth) ? properties.Auth : {};
  const authorizers = isRecord(auth.Authorizers) ? auth.Authorizers : {};
  for (const [name, spec] of Object.entries(authorizers)) {
    if (!isRecord(spec)) continue;
    if (spec.Identity !== undefined && !isRecord(spec.Identity)) {
      warn('sam-invalid-auth', `${resource.id}: Identity of authorizer ${name} must be a map`, [...at('Auth'), 'Authorizers', name, 'Identity']);
    } else if (isRecord(spec.Identity) && spec.Identity.Header !== undefined && typeof spec.Identity.Header !== 'string') {
      warn('sam-invalid-auth', `${resource.id}: Identity.Header of authorizer ${name} must be a string`, [...at('Auth'), 'Authorizers', name, 'Identity']);
    }
    if (spec.JwtConfiguration !== undefined && !isRecord(spec.JwtConfiguration)) {
      warn('sam-invalid-auth', `${resource.id}: JwtConfiguration of authorizer ${name} must be a map`, [...at('Auth'), 'Authorizers', name]);
    }
  }
  validateCors(template, resource, properties, warn);
}

const REST_CORS_KEYS = ['AllowOrigin', 'AllowMethods', 'AllowHeaders', 'AllowCredentials', 'MaxAge'];
const HTTP_CORS_KEYS = ['AllowOrigins', 'AllowMethods', 'AllowHeaders', 'AllowCredentials', 'MaxAge', 'ExposeHeaders'];

function validateCors(template: TemplateContext, resource: TemplateResource, properties: Record<string, unknown>, warn: Warn): void {
  const rest = resource.type === 'AWS::Serverless::Api';
  const key = rest ? 'Cors' : 'CorsConfiguration';
  const cors = properties[key];
  if (!isRecord(cors) || isIntrinsic(cors)) return;
  const at = [...resource.path, 'Properties', key];
  const allowed = rest ? REST_CORS_KEYS : HTTP_CORS_KEYS;
  for (const name of Object.keys(cors)) {
    if (!allowed.includes(name)) warn('sam-invalid-api', `${resource.id}: '${name}' is not a ${key} property`, at);
  }
  if (rest && template.resolve(cors.AllowCredentials) === true) {
    const origin = template.render(cors.AllowOrigin);
    if (origin === undefined || origin.replace(/'/g, '') === '*') {
      warn('sam-invalid-api', `${resource.id}: AllowCredentials cannot be true with a wildcard or missing AllowOrigin`, at);
    }
  }
}

export function validateSimpleTable(resource: TemplateResource, warn: Warn): void {
  const key = resource.properties.PrimaryKey;
  if (key === undefined) return;
  const at = [...resource.path, 'Properties', 'PrimaryKey'];
  if (!isRecord(key) || key.Name === undefined || key.Type === undefined) {
    warn('sam-invalid-table', `${resource.id}: PrimaryKey needs Name and Type`, at);
  } else if (typeof key.Type === 'string' && !['String', 'Number', 'Binary'].includes(key.Type)) {
    warn('sam-invalid-table', `${resource.id}: PrimaryKey Type must be String, Number or Binary`, at);
  }
}

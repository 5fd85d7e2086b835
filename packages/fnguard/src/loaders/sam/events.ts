/**
 * One SAM event source (`Events.<Name>` of a function) -> the model's Trigger, plus what the
 * generated role is granted because of it (SAM attaches the poller policies for stream and
 * queue sources). HTTP auth is left raw here: it depends on the API, read in api-auth.ts.
 */
import type { TemplateContext } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import { normalizeStatements } from '../../model/iam.js';
import type { IamStatement, InvocationType, Trigger, TriggerKind } from '../../model/types.js';
import { asList, asString, isRecord } from '../../model/values.js';
import { managedPolicyArn } from './managed-policies.js';

export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

interface EventSpec {
  kind: TriggerKind;
  invocation: InvocationType;
  /** property naming the source resource */
  source?: string;
  /** the source is a resource SAM generates, named `<FunctionId><EventName>` */
  generatedSource?: boolean;
  /** AWS managed policy SAM attaches to the generated role */
  managedPolicy?: string;
}

const EVENT_SPECS: Record<string, EventSpec> = {
  Api: { kind: 'http-rest', invocation: 'sync', source: 'RestApiId' },
  HttpApi: { kind: 'http-api', invocation: 'sync', source: 'ApiId' },
  S3: { kind: 's3', invocation: 'async', source: 'Bucket' },
  SNS: { kind: 'sns', invocation: 'async', source: 'Topic' },
  SQS: { kind: 'sqs', invocation: 'poll', source: 'Queue', managedPolicy: 'AWSLambdaSQSQueueExecutionRole' },
  Kinesis: { kind: 'kinesis', invocation: 'poll', source: 'Stream', managedPolicy: 'AWSLambdaKinesisExecutionRole' },
  DynamoDB: { kind: 'dynamodb-stream', invocation: 'poll', source: 'Stream', managedPolicy: 'AWSLambdaDynamoDBExecutionRole' },
  MSK: { kind: 'other', invocation: 'poll', source: 'Stream', managedPolicy: 'AWSLambdaMSKExecutionRole' },
  MQ: { kind: 'other', invocation: 'poll', source: 'Broker' },
  DocumentDB: { kind: 'other', invocation: 'poll', source: 'Cluster' },
  SelfManagedKafka: { kind: 'other', invocation: 'poll' },
  Schedule: { kind: 'schedule', invocation: 'async', generatedSource: true },
  ScheduleV2: { kind: 'schedule', invocation: 'async', generatedSource: true },
  EventBridgeRule: { kind: 'eventbridge', invocation: 'async', generatedSource: true },
  CloudWatchEvent: { kind: 'eventbridge', invocation: 'async', generatedSource: true },
  CloudWatchLogs: { kind: 'other', invocation: 'async', source: 'LogGroupName' },
  IoTRule: { kind: 'iot', invocation: 'async', generatedSource: true },
  AlexaSkill: { kind: 'other', invocation: 'sync', source: 'SkillId' },
  Cognito: { kind: 'cognito', invocation: 'sync', source: 'UserPool' },
};

export interface EventExpansion {
  trigger: Trigger;
  /** the event's `Auth` block, resolved against its API later */
  rawAuth?: Record<string, unknown>;
  managedPolicyArns: string[];
  statements: IamStatement[];
  /** Api events: whether SAM attaches a request validator to the method (see requestValidatorOf) */
  requestValidation?: boolean;
}

/**
 * Whether the translator attaches a request validator for an Api event's `RequestModel`, as
 * samtranslator's push.py does: only when `ValidateBody` or `ValidateParameters` is written, the
 * other defaulting to false, and the validator checks something only when one of them is true.
 * Strings and intrinsics are a translation error (undefined here). `RequestModel.Required` and
 * `RequestParameters` with `Required: true` only mark the body / parameter required in the
 * definition: SAM adds no validator for them, and API Gateway enforces `required` only under one.
 */
export function requestValidatorOf(requestModel: unknown): boolean | undefined {
  if (!isRecord(requestModel)) return undefined;
  const { ValidateBody: body, ValidateParameters: parameters } = requestModel;
  if (body === undefined && parameters === undefined) return false;
  const validateBody = body ?? false;
  const validateParameters = parameters ?? false;
  if (typeof validateBody !== 'boolean' || typeof validateParameters !== 'boolean') return undefined;
  return validateBody || validateParameters;
}

/** The logical id of the source when the value points into the template, else its rendering. */
export function sourceOf(template: TemplateContext, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return template.refTarget(value)?.id ?? template.render(value);
}

function normalizeMethod(value: unknown): string | undefined {
  const method = asString(value)?.trim().toUpperCase();
  if (!method) return undefined;
  return method === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : method;
}

/** Expands one event; returns undefined (with a warning) when the event cannot be read. */
export function expandEvent(
  template: TemplateContext,
  functionId: string,
  name: string,
  event: unknown,
  path: PathSegment[],
  warn: (message: string, at: PathSegment[]) => void,
): EventExpansion | undefined {
  if (!isRecord(event)) {
    warn(`event ${name} of ${functionId} must be a map with Type and Properties`, path);
    return undefined;
  }
  const type = asString(event.Type);
  const spec = type ? EVENT_SPECS[type] : undefined;
  if (!type || !spec) {
    warn(`event ${name} of ${functionId} has unsupported Type ${JSON.stringify(event.Type ?? null)}`, [...path, 'Type']);
    return undefined;
  }
  const properties = event.Properties ?? {};
  if (!isRecord(properties)) {
    warn(`event ${name} of ${functionId}: Properties must be a map`, [...path, 'Properties']);
    return undefined;
  }
  const trigger: Trigger = {
    kind: spec.kind,
    name,
    invocation: spec.invocation,
    public: false,
    auth: { type: 'none' },
    // Unclassified sources say which they are, as the other loaders do (`config.source`).
    config: spec.kind === 'other' ? { ...properties, source: type } : properties,
    location: template.locate(path),
  };
  const expansion: EventExpansion = { trigger, managedPolicyArns: [], statements: [] };
  const source = spec.generatedSource ? `${functionId}${name}` : spec.source ? sourceOf(template, properties[spec.source]) : undefined;
  if (source !== undefined) trigger.sourceId = source;
  if (spec.managedPolicy) expansion.managedPolicyArns.push(managedPolicyArn(spec.managedPolicy));

  if (type === 'Api' || type === 'HttpApi') {
    const apiRef = properties[spec.source!];
    trigger.apiId = apiRef === undefined ? (type === 'Api' ? IMPLICIT_REST_API : IMPLICIT_HTTP_API) : sourceOf(template, apiRef) ?? String(apiRef);
    const routePath = template.render(properties.Path);
    const method = normalizeMethod(template.render(properties.Method));
    if (type === 'Api' && (routePath === undefined || method === undefined)) {
      warn(`Api event ${name} of ${functionId} needs Path and Method`, [...path, 'Properties']);
      return undefined;
    }
    // An HttpApi event without Path/Method is the catch-all `$default` route.
    trigger.path = routePath ?? '$default';
    trigger.method = method ?? 'ANY';
    if (type === 'Api') {
      const validated = requestValidatorOf(properties.RequestModel);
      if (validated !== undefined) expansion.requestValidation = validated;
    }
    if (properties.Auth !== undefined) {
      if (isRecord(properties.Auth)) expansion.rawAuth = properties.Auth;
      else warn(`event ${name} of ${functionId}: Auth must be a map`, [...path, 'Properties', 'Auth']);
    }
  }
  if (type === 'SNS' && properties.SqsSubscription !== undefined && properties.SqsSubscription !== false) {
    // SAM puts a queue between the topic and the function and polls it.
    trigger.invocation = 'poll';
    expansion.managedPolicyArns.push(managedPolicyArn('AWSLambdaSQSQueueExecutionRole'));
  }
  const extra = sourceAccessPolicy(type, properties);
  if (extra) {
    const location = template.locate([...path, 'Properties']);
    expansion.statements.push(...normalizeStatements(extra, template, `sam:${type}`, location));
  }
  return expansion;
}

const SECRET_ACCESS_TYPES = new Set([
  'BASIC_AUTH', 'SASL_SCRAM_256_AUTH', 'SASL_SCRAM_512_AUTH', 'CLIENT_CERTIFICATE_TLS_AUTH',
]);

/** Reading a Kafka schema registry: its credentials, and for AWS Glue registries the registry and its schemas. */
function schemaRegistryStatements(config: unknown): unknown[] {
  if (!isRecord(config)) return [];
  const statements: unknown[] = [];
  for (const access of asList(config.AccessConfigs).filter(isRecord)) {
    if (typeof access.Type === 'string' && SECRET_ACCESS_TYPES.has(access.Type) && access.URI !== undefined) {
      statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: access.URI });
    }
  }
  const uri = config.SchemaRegistryURI;
  const text = typeof uri === 'string' ? uri : isRecord(uri) && typeof uri['Fn::Sub'] === 'string' ? uri['Fn::Sub'] : undefined;
  if (text !== undefined && /:glue:/.test(text)) {
    const registry = text.split('/').pop() ?? '*';
    statements.push(
      { Effect: 'Allow', Action: ['glue:GetRegistry'], Resource: uri },
      { Effect: 'Allow', Action: ['glue:GetSchemaVersion'], Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:schema/${registry}/*` } },
    );
  }
  return statements;
}

const VPC_NETWORK_ACTIONS = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeVpcs',
  'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
];

/**
 * The inline policy SAM writes for sources that read credentials from Secrets Manager
 * (MQ, DocumentDB, Kafka and its schema registry), or undefined when the source needs none.
 */
function sourceAccessPolicy(type: string, properties: Record<string, unknown>): { Statement: unknown[] } | undefined {
  if (type !== 'MQ' && type !== 'DocumentDB' && type !== 'SelfManagedKafka' && type !== 'MSK') return undefined;
  const statements: unknown[] = [];
  const accessConfigs = asList(properties.SourceAccessConfigurations).filter(isRecord);
  for (const access of accessConfigs) {
    if (typeof access.Type === 'string' && SECRET_ACCESS_TYPES.has(access.Type) && access.URI !== undefined) {
      statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: access.URI });
    }
  }
  if (type === 'MQ' && properties.Broker !== undefined) {
    statements.push({ Effect: 'Allow', Action: ['mq:DescribeBroker'], Resource: properties.Broker });
  }
  if (type === 'DocumentDB') {
    statements.push(
      { Effect: 'Allow', Action: ['rds:DescribeDBClusterParameters'], Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*' } },
      { Effect: 'Allow', Action: ['rds:DescribeDBSubnetGroups'], Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*' } },
    );
    if (properties.Cluster !== undefined) statements.push({ Effect: 'Allow', Action: ['rds:DescribeDBClusters'], Resource: properties.Cluster });
    statements.push({ Effect: 'Allow', Action: VPC_NETWORK_ACTIONS, Resource: '*' });
  }
  if (type === 'SelfManagedKafka' && accessConfigs.some((a) => a.Type === 'VPC_SUBNET' || a.Type === 'VPC_SECURITY_GROUP')) {
    statements.push({ Effect: 'Allow', Action: VPC_NETWORK_ACTIONS, Resource: '*' });
  }
  statements.push(...schemaRegistryStatements(properties.SchemaRegistryConfig));
  if (properties.SecretsManagerKmsKeyId !== undefined) {
    statements.push({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${key}', { key: properties.SecretsManagerKmsKeyId }] },
    });
  }
  return statements.length > 0 ? { Statement: statements } : undefined;
}

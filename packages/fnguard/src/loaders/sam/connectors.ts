/**
 * SAM connectors (AWS::Serverless::Connector, and `Connectors` embedded in a source resource):
 * `Read` / `Write` between two resources becomes IAM statements on the role of the resource
 * that acts. Only the connections that grant a function's role something are modelled here;
 * connections into a function (SNS -> function...) only add resource policies.
 */
import type { TemplateContext, TemplateResource } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import { normalizeStatements } from '../../model/iam.js';
import type { IamStatement } from '../../model/types.js';
import { asList, isRecord } from '../../model/values.js';

/** SAM types are connected as the CloudFormation type they become. */
const TYPE_ALIASES: Record<string, string> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
};

const FUNCTION = 'AWS::Lambda::Function';

interface Endpoint {
  type: string;
  /** the resource's ARN, Ref value and name, as template values */
  arn: unknown;
  ref: unknown;
  name: unknown;
  /** logical id when the endpoint is in this template */
  id?: string;
}

type Statement = { Effect: 'Allow'; Action: string[]; Resource: unknown[] };
type Profile = Partial<Record<'Read' | 'Write', (destination: Endpoint, source: Endpoint) => Statement[]>>;

const allow = (actions: string[], ...resources: unknown[]): Statement => ({ Effect: 'Allow', Action: actions, Resource: resources });
const suffixed = (arn: unknown, suffix: string): unknown => ({ 'Fn::Sub': [`\${DestinationArn}${suffix}`, { DestinationArn: arn }] });
const executions = (name: unknown): unknown => ({
  'Fn::Sub': ['arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${DestinationName}:*', { DestinationName: name }],
});

/** What a function's role is granted per destination type and permission. */
const FROM_FUNCTION: Record<string, Profile> = {
  'AWS::DynamoDB::Table': {
    Read: (d) => [allow(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:PartiQLSelect'], d.arn, suffixed(d.arn, '/index/*'))],
    Write: (d) => [allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate'], d.arn, suffixed(d.arn, '/index/*'))],
  },
  'AWS::S3::Bucket': {
    Read: (d) => [allow([
      's3:GetObject', 's3:GetObjectAcl', 's3:GetObjectLegalHold', 's3:GetObjectRetention', 's3:GetObjectTorrent', 's3:GetObjectVersion',
      's3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTorrent', 's3:ListBucket',
      's3:ListBucketMultipartUploads', 's3:ListBucketVersions', 's3:ListMultipartUploadParts',
    ], d.arn, suffixed(d.arn, '/*'))],
    Write: (d) => [allow([
      's3:AbortMultipartUpload', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObject', 's3:PutObjectLegalHold',
      's3:PutObjectRetention', 's3:RestoreObject',
    ], d.arn, suffixed(d.arn, '/*'))],
  },
  'AWS::SQS::Queue': {
    Read: (d) => [allow(['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], d.arn)],
    Write: (d) => [allow(['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'], d.arn)],
  },
  'AWS::SNS::Topic': { Write: (d) => [allow(['sns:Publish'], d.ref)] },
  'AWS::Events::EventBus': { Write: (d) => [allow(['events:PutEvents'], d.arn)] },
  'AWS::Lambda::Function': { Write: (d) => [allow(['lambda:InvokeAsync', 'lambda:InvokeFunction'], d.arn)] },
  'AWS::StepFunctions::StateMachine': {
    Read: (d) => [
      allow(['states:DescribeStateMachine', 'states:ListExecutions'], d.ref),
      allow(['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'], executions(d.name)),
    ],
    Write: (d) => [allow(['states:StartExecution', 'states:StartSyncExecution'], d.ref), allow(['states:StopExecution'], executions(d.name))],
  },
};

/** Sources a function polls: the grant goes on the destination function's role. */
const INTO_FUNCTION: Record<string, Profile> = {
  'AWS::SQS::Queue': {
    Read: (_d, s) => [allow(['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], s.arn)],
    Write: (_d, s) => [allow(['sqs:DeleteMessage'], s.arn)],
  },
  'AWS::DynamoDB::Table': {
    Read: (_d, s) => [allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], { 'Fn::Sub': ['${SourceArn}/stream/*', { SourceArn: s.arn }] })],
  },
};

export interface ConnectorGrant {
  /** logical id of the function whose role receives the statements */
  functionId: string;
  statements: IamStatement[];
}

type Warn = (message: string, at: PathSegment[]) => void;

function endpoint(template: TemplateContext, value: unknown, at: PathSegment[], warn: Warn): Endpoint | undefined {
  if (!isRecord(value)) {
    warn('a connector Source/Destination must be a map with Id, or Arn and Type', at);
    return undefined;
  }
  if (typeof value.Id === 'string') {
    const resource = template.resources.get(value.Id);
    if (!resource) {
      warn(`connector endpoint ${value.Id} is not a resource of this template`, at);
      return undefined;
    }
    const type = TYPE_ALIASES[resource.type] ?? resource.type;
    return {
      id: value.Id,
      type,
      arn: { 'Fn::GetAtt': [value.Id, 'Arn'] },
      ref: { Ref: value.Id },
      name: type === 'AWS::StepFunctions::StateMachine' ? { 'Fn::GetAtt': [value.Id, 'Name'] } : { Ref: value.Id },
    };
  }
  const type = typeof value.Type === 'string' ? TYPE_ALIASES[value.Type] ?? value.Type : undefined;
  if (!type) {
    warn('a connector endpoint without Id needs a Type', at);
    return undefined;
  }
  return { type, arn: value.Arn, ref: value.Arn, name: value.Name };
}

/** Reads one connector: `source` is where it is declared (embedded) or its Source property. */
function readConnector(
  template: TemplateContext,
  id: string,
  properties: unknown,
  source: Endpoint | undefined,
  at: PathSegment[],
  warn: Warn,
): ConnectorGrant[] {
  if (!isRecord(properties)) {
    warn(`connector ${id}: Properties must be a map`, at);
    return [];
  }
  const from = source ?? endpoint(template, properties.Source, [...at, 'Source'], warn);
  const permissions = asList(properties.Permissions).filter((p): p is 'Read' | 'Write' => p === 'Read' || p === 'Write');
  if (permissions.length === 0 || asList(properties.Permissions).length !== permissions.length) {
    warn(`connector ${id}: Permissions must list Read and/or Write`, [...at, 'Permissions']);
  }
  if (!from) return [];
  const grants: ConnectorGrant[] = [];
  asList(properties.Destination).forEach((value, index) => {
    const where = Array.isArray(properties.Destination) ? [...at, 'Destination', index] : [...at, 'Destination'];
    const to = endpoint(template, value, where, warn);
    if (!to) return;
    const outward = from.type === FUNCTION && from.id ? FROM_FUNCTION[to.type] : undefined;
    const inward = to.type === FUNCTION && to.id ? INTO_FUNCTION[from.type] : undefined;
    const profile = outward ?? inward;
    const functionId = outward ? from.id : to.id;
    if (!profile || !functionId) return;
    const document = { Statement: permissions.flatMap((p) => profile[p]?.(to, from) ?? []) };
    const statements = normalizeStatements(document, template, `connector:${id}`, template.locate(at));
    if (statements.length > 0) grants.push({ functionId, statements });
  });
  return grants;
}

/** Every connector grant of the template, declared and embedded. */
export function readConnectors(template: TemplateContext, warn: Warn): ConnectorGrant[] {
  const grants: ConnectorGrant[] = [];
  const declared = isRecord(template.root.Resources) ? template.root.Resources : {};
  for (const resource of template.resources.values()) {
    if (resource.type === 'AWS::Serverless::Connector') {
      grants.push(...readConnector(template, resource.id, resource.properties, undefined, [...resource.path, 'Properties'], warn));
    }
    const raw = declared[resource.id];
    const embedded = isRecord(raw) ? raw.Connectors : undefined;
    if (embedded === undefined) continue;
    grants.push(...readEmbedded(template, resource, embedded, warn));
  }
  return grants;
}

function readEmbedded(template: TemplateContext, resource: TemplateResource, embedded: unknown, warn: Warn): ConnectorGrant[] {
  const at = [...resource.path, 'Connectors'];
  if (!isRecord(embedded)) {
    warn(`${resource.id}: Connectors must be a map of connector name to connector`, at);
    return [];
  }
  const source = endpoint(template, { Id: resource.id }, at, warn);
  return Object.entries(embedded).flatMap(([name, connector]) => {
    const properties = isRecord(connector) ? connector.Properties : connector;
    return readConnector(template, `${resource.id}${name}`, properties, source, [...at, name, 'Properties'], warn);
  });
}

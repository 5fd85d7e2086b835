/**
 * Plain CloudFormation into the app model: functions, roles, triggers, APIs and exposure, from
 * fixture templates that exercise each resource family.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCloudFormationApp } from '../../src/loaders/cloudformation/load.js';
import type { App, ServerlessFunction, Trigger } from '../../src/model/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cfn');

function load(name: string): App {
  return loadCloudFormationApp(FIXTURES, `cfn/${name}`, readFileSync(path.join(FIXTURES, name), 'utf8'));
}

function fn(app: App, id: string): ServerlessFunction {
  const found = app.functions.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no function ${id}`);
  return found;
}

function trigger(target: ServerlessFunction, name: string): Trigger {
  const found = target.triggers.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no trigger ${name} on ${target.id}: ${target.triggers.map((t) => t.name).join(', ')}`);
  return found;
}

describe('functions and IAM', () => {
  const app = load('functions.yaml');
  const orders = fn(app, 'OrdersFunction');
  const inline = fn(app, 'InlineFunction');

  it('describes the app', () => {
    expect(app).toMatchObject({ name: 'Orders service', framework: 'cloudformation', path: 'cfn/functions.yaml', provider: 'aws' });
    expect(app.parameters.map((p) => [p.name, p.noEcho])).toEqual([['Stage', false], ['DbPassword', true]]);
    expect(app.warnings).toEqual([]);
  });

  it('reads every function setting', () => {
    expect(orders).toMatchObject({
      name: 'orders-prod', runtime: 'python3.12', handler: 'app.handler', codeUri: 'cfn/src/orders', memorySize: 512, timeout: 30,
      reservedConcurrency: 5, architectures: ['arm64'], kmsKeyArn: '${Key.Arn}', tracing: 'Active', codeSigningConfig: '${Signing}',
      roleId: 'OrdersRole', deadLetter: { type: 'sqs', target: '${Dlq.Arn}' },
      layers: ['${Layer}', 'arn:aws:lambda:us-east-1:123456789012:layer:shared:3'],
      vpc: { securityGroupIds: ['${SecurityGroup}'], subnetIds: ['subnet-1', 'subnet-2'] },
    });
    expect(orders.location.line).toBe(11);
    expect(inline).toMatchObject({ inlineCode: true, externalRoleArn: 'arn:aws:iam::123456789012:role/shared' });
    expect(inline.roleId).toBeUndefined();
  });

  it('never records code paths outside the scanned root', () => {
    expect(fn(app, 'EscapingCode').codeUri).toBeUndefined();
  });

  it('classifies environment variables', () => {
    const env = Object.fromEntries(orders.environment.map((v) => [v.name, v]));
    expect(env.TABLE).toMatchObject({ value: '${Table}', reference: 'resource', secretLike: false });
    expect(env.DB_PASSWORD).toMatchObject({ reference: 'parameter', secretLike: false });
    expect(env.API_TOKEN).toMatchObject({ value: 'hunter2-very-secret-value', secretLike: true });
    expect(env.SECRET_ARN).toMatchObject({ reference: 'secretsmanager', secretLike: false });
    expect(env.STAGE).toMatchObject({ value: 'prod', secretLike: false });
    expect(env.API_TOKEN!.location.line).toBe(36);
  });

  it('merges inline, attached and managed policies into the role', () => {
    const role = app.roles.find((r) => r.id === 'OrdersRole')!;
    expect(role).toMatchObject({ name: 'orders-role', implicit: false, permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary', usedBy: ['OrdersFunction', 'EscapingCode'] });
    expect(role.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', '${SharedManaged}']);
    expect(role.statements.map((s) => [s.origin, s.Action])).toEqual([
      ['inline:tables', ['dynamodb:getitem', 'dynamodb:putitem']],
      ['inline:extra', ['s3:*']],
      ['managed:SharedManaged', ['sqs:sendmessage']],
    ]);
    expect(role.trustPolicy[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } });
  });

  it('links log groups by default name and by LoggingConfig', () => {
    expect(orders.logGroup).toMatchObject({ resourceId: 'OrdersLogs', retentionInDays: 14 });
    expect(inline.logGroup).toMatchObject({ resourceId: 'CustomLogs', retentionInDays: 30, logFormat: 'JSON' });
  });

  it('reads async destinations', () => {
    expect(inline.destinations).toEqual({ onFailure: '${Dlq.Arn}', maximumRetryAttempts: 0 });
  });

  it('turns event sources into triggers with their settings', () => {
    expect(trigger(orders, 'QueueMapping')).toMatchObject({ kind: 'sqs', invocation: 'poll', sourceId: 'Queue', config: { BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] } });
    expect(trigger(orders, 'StreamMapping')).toMatchObject({ kind: 'dynamodb-stream', sourceId: 'Table', config: { BisectBatchOnFunctionError: true } });
    expect(trigger(orders, 'Subscription')).toMatchObject({ kind: 'sns', invocation: 'async', sourceId: 'Topic' });
    expect(trigger(orders, 'Nightly')).toMatchObject({ kind: 'schedule', config: { ScheduleExpression: 'rate(1 day)' } });
    expect(trigger(orders, 'Uploads')).toMatchObject({ kind: 's3', sourceId: 'Uploads', config: { Event: 's3:ObjectCreated:*' } });
  });

  it('decides exposure once, with a reason', () => {
    expect(trigger(orders, 'Uploads')).toMatchObject({ public: true });
    expect(trigger(orders, 'Uploads').publicReason).toContain('UploadsPolicy');
    // The queue policy is open to everyone but narrowed by a condition.
    expect(trigger(orders, 'QueueMapping').public).toBe(false);
    expect(trigger(orders, 'OpenPermission')).toMatchObject({ kind: 'other', public: true });
    expect(trigger(inline, 'ScopedPermission')).toMatchObject({ kind: 'other', public: false });
    expect(trigger(inline, 'ScopedPermission').publicReason).toContain('SourceAccount');
    expect(trigger(inline, 'PublicUrl')).toMatchObject({ kind: 'function-url', public: true, auth: { type: 'none' } });
    expect(inline.url).toMatchObject({ authType: 'NONE', cors: { allowOrigins: ['*'], allowCredentials: true } });
    expect(trigger(orders, 'Nightly')).toMatchObject({ public: false });
    for (const t of app.functions.flatMap((f) => f.triggers)) expect(t.publicReason).toBeTruthy();
  });

  it('keeps every resource for resource-level rules, with intrinsics resolved where possible', () => {
    expect(app.resources).toHaveLength(27);
    const policy = app.resources.find((r) => r.id === 'UploadsPolicy')!;
    expect(policy.properties.Bucket).toEqual({ Ref: 'Uploads' });
    expect(app.resources.find((r) => r.id === 'OrdersFunction')!.properties.FunctionName).toBe('orders-prod');
  });
});

describe('API Gateway, HTTP APIs and load balancers', () => {
  const app = load('apis.yaml');
  const handler = fn(app, 'Handler');
  const api = (id: string) => app.apis.find((a) => a.id === id)!;

  it('reads routes and security from an inline OpenAPI body', () => {
    const body = api('BodyApi');
    expect(body.authorizers.map((a) => [a.name, a.type])).toEqual([['tokenAuth', 'lambda']]);
    const secure = trigger(handler, 'BodyApi GET /secure');
    expect(secure).toMatchObject({ kind: 'http-rest', apiId: 'BodyApi', public: false, auth: { type: 'lambda', authorizer: 'tokenAuth' } });
    const keyed = trigger(handler, 'BodyApi POST /keyed');
    expect(keyed).toMatchObject({ public: true, auth: { type: 'none', apiKeyRequired: true } });
    expect(keyed.publicReason).toContain('API key');
  });

  it('assembles REST APIs declared piece by piece', () => {
    const pieces = api('PiecesApi');
    expect(pieces).toMatchObject({ endpointType: 'REGIONAL', usagePlan: true, wafWebAcl: '${Acl.Arn}' });
    expect(pieces.routes.map((r) => [r.method, r.path, r.auth.type, r.requestValidation ?? null])).toEqual([
      ['GET', '/items/{id}', 'cognito', true],
      ['POST', '/', 'none', null],
    ]);
    expect(pieces.authorizers[0]).toMatchObject({ name: 'pool', type: 'cognito', identitySource: 'method.request.header.Authorization' });
    expect(pieces.stages).toEqual([expect.objectContaining({
      name: 'prod', tracing: true, routeThrottling: true, throttling: { burstLimit: 50, rateLimit: 100 },
      accessLogging: { destination: '${AccessLogs.Arn}', format: '$context.requestId' },
    })]);
    expect(trigger(handler, 'PiecesApi GET /items/{id}')).toMatchObject({ public: false, auth: { type: 'cognito', authorizer: 'pool' } });
  });

  it('does not call a PRIVATE endpoint public', () => {
    const route = trigger(handler, 'PrivateApi GET /');
    expect(route.auth.type).toBe('none');
    expect(route.public).toBe(false);
    expect(route.publicReason).toContain('PRIVATE');
  });

  it('reads HTTP APIs: integrations, JWT authorizers, stages', () => {
    const http = api('HttpApi');
    expect(http).toMatchObject({ kind: 'http', cors: { allowOrigins: ['*'], allowCredentials: false } });
    expect(http.stages[0]).toMatchObject({ name: '$default', throttling: { burstLimit: 10, rateLimit: 20 } });
    expect(trigger(handler, 'HttpApi GET /public')).toMatchObject({ kind: 'http-api', public: true });
    expect(trigger(handler, 'HttpApi POST /orders')).toMatchObject({ public: false, auth: { type: 'jwt', authorizer: 'jwt', scopes: ['orders/write'] } });
    expect(http.authorizers[0]).toMatchObject({ type: 'jwt', source: 'https://issuer.example.com', identitySource: '$request.header.Authorization' });
  });

  it('judges WebSocket routes by the $connect authorization', () => {
    expect(trigger(handler, 'Socket ANY $connect')).toMatchObject({ kind: 'websocket', public: true });
    expect(trigger(handler, 'Socket ANY sendMessage')).toMatchObject({ kind: 'websocket', public: true });
  });

  it('tells internet-facing load balancers from internal ones', () => {
    expect(trigger(handler, 'PublicTargets')).toMatchObject({ kind: 'alb', public: true, config: { scheme: 'internet-facing', loadBalancer: 'PublicLb' } });
    expect(trigger(fn(app, 'AuthFn'), 'InternalTargets')).toMatchObject({ kind: 'alb', public: false, config: { scheme: 'internal' } });
  });
});

describe('plain CloudFormation next to SAM resources', () => {
  const text = readFileSync(path.join(FIXTURES, 'sam-mixed', 'template.yaml'), 'utf8');

  it('attaches URLs, policies and log groups to the functions and roles SAM created', async () => {
    // The SAM expander is another module; this checks the hand-over contract between the two.
    const { expandSam } = await import('../../src/loaders/sam/expand.js');
    const app = loadCloudFormationApp(FIXTURES, 'cfn/sam-mixed/template.yaml', text, { expandSam });
    expect(app.framework).toBe('sam');
    const stream = fn(app, 'StreamFunction');
    expect(stream.url).toMatchObject({ authType: 'NONE', invokeMode: 'RESPONSE_STREAM' });
    expect(trigger(stream, 'StreamUrl')).toMatchObject({ kind: 'function-url', public: true });
    expect(stream.logGroup).toMatchObject({ resourceId: 'StreamLogs', retentionInDays: 7 });
    const role = app.roles.find((r) => r.id === stream.roleId);
    expect(role?.statements.some((s) => s.origin === 'inline:extra' && s.Action?.includes('bedrock:invokemodel'))).toBe(true);
    expect(app.warnings.filter((w) => w.code === 'unlinked-resource')).toEqual([]);
  });

  it('still loads the plain resources, with a warning, when SAM expansion is unavailable', () => {
    const app = loadCloudFormationApp(FIXTURES, 'cfn/sam-mixed/template.yaml', text, { samUnavailableReason: 'module missing' });
    expect(app.framework).toBe('sam');
    expect(app.warnings.map((w) => w.code)).toEqual(['sam-unavailable', 'unlinked-resource']);
    expect(app.warnings[0]!.message).toContain('module missing');
    expect(app.resources.map((r) => r.id)).toEqual(['StreamFunction', 'StreamUrl', 'ExtraPolicy', 'StreamLogs']);
  });
});

describe('framework and name', () => {
  it('marks cdk.out templates as cdk and names apps by folder when there is no Description', () => {
    const app = loadCloudFormationApp(FIXTURES, 'cdk.out/Stack.template.json', JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }), { cdk: true });
    expect(app).toMatchObject({ framework: 'cdk', name: 'cdk.out' });
  });

  it('turns an exception inside a stage into a warning and keeps earlier results', () => {
    const app = loadCloudFormationApp(FIXTURES, 'cfn/x.yaml', "Transform: AWS::Serverless-2016-10-31\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n", {
      expandSam: () => {
        throw new TypeError('boom');
      },
    });
    expect(app.warnings.map((w) => w.code)).toEqual(['load-failed']);
    expect(app.warnings[0]!.message).toContain('SAM expansion');
    expect(app.resources.map((r) => r.id)).toEqual(['Q']);
  });
});

describe('other event sources', () => {
  const app = load('events.yaml');
  const worker = fn(app, 'Worker');

  it('links sources by reference, by ARN and by function name', () => {
    expect(worker.triggers.map((t) => [t.name, t.kind, t.invocation])).toEqual([
      ['KafkaMapping', 'other', 'poll'],
      ['KinesisMapping', 'kinesis', 'poll'],
      ['OpenTopic.0', 'sns', 'async'],
      ['PatternRule', 'eventbridge', 'async'],
      ['RefArnRule', 'schedule', 'async'],
      ['Schedule', 'schedule', 'async'],
      ['Pool.PreSignUp', 'cognito', 'sync'],
      ['Pool.CustomEmailSender', 'cognito', 'sync'],
      ['IotRule', 'iot', 'async'],
      ['GraphSource', 'appsync', 'sync'],
    ]);
  });

  it('keeps each source settings', () => {
    expect(trigger(worker, 'KafkaMapping')).toMatchObject({ sourceId: 'arn:aws:kafka:us-east-1:1:cluster/c/abc', config: { Topics: ['orders'] } });
    expect(trigger(worker, 'PatternRule').config).toMatchObject({ EventPattern: { source: ['aws.s3'] }, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:1:dlq' } });
    expect(trigger(worker, 'Schedule').config).toMatchObject({ ScheduleExpression: 'cron(0 1 * * ? *)', RetryPolicy: { MaximumRetryAttempts: 2 } });
    expect(trigger(worker, 'IotRule').config).toEqual({ Sql: "SELECT * FROM 'devices/+'" });
    expect(trigger(worker, 'GraphSource')).toMatchObject({ sourceId: 'GraphApi', auth: { type: 'none', apiKeyRequired: true }, public: true });
    expect(trigger(worker, 'GraphSource').publicReason).toContain('API key only');
  });

  it('reads an environment chosen by an undecidable condition from its first branch', () => {
    const env = fn(app, 'CondEnv').environment;
    expect(env.map((v) => [v.name, v.value, v.reference ?? null])).toEqual([['MODE', 'prod', null], ['SERVICE_TOKEN', 'not-a-secret-default', 'parameter']]);
  });

  it('flags a topic anyone can publish to', () => {
    expect(trigger(worker, 'OpenTopic.0')).toMatchObject({ public: true });
    expect(trigger(worker, 'OpenTopic.0').publicReason).toContain('OpenTopicPolicy');
  });
});

describe('API stage access logging under an undecided Fn::If', () => {
  const app = loadCloudFormationApp(FIXTURES, 'cfn/conditional-logs.yaml', `
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: orders}}
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      DeploymentId: abc
      AccessLogSetting: !If [IsProd, {DestinationArn: !GetAtt Logs.Arn, Format: '$context.requestId'}, !Ref AWS::NoValue]
  HttpApi: {Type: AWS::ApiGatewayV2::Api, Properties: {Name: h, ProtocolType: HTTP}}
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref HttpApi
      StageName: live
      AccessLogSettings: !If [IsProd, !Ref AWS::NoValue, {DestinationArn: !GetAtt Logs.Arn}]
  Logs: {Type: AWS::Logs::LogGroup}
`);

  it('keeps the logging branch and the condition it needs, for REST and HTTP stages', () => {
    const logging = (id: string) => app.apis.find((a) => a.id === id)?.stages[0]?.accessLogging;
    expect(logging('Api')).toEqual({ destination: '${Logs.Arn}', format: '$context.requestId', conditions: [{ name: 'IsProd', holds: true }] });
    expect(logging('HttpApi')).toEqual({ destination: '${Logs.Arn}', conditions: [{ name: 'IsProd', holds: false }] });
  });
});

describe('CloudWatch Logs subscription filters', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppLogs: {Type: AWS::Logs::LogGroup}
  Shipper:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::1:role/r, Code: {ZipFile: x}}
  Other:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::1:role/r, Code: {ZipFile: x}}
  ByGetAtt:
    Type: AWS::Logs::SubscriptionFilter
    Properties: {LogGroupName: !Ref AppLogs, FilterPattern: ERROR, DestinationArn: !GetAtt Shipper.Arn}
  BySub:
    Type: AWS::Logs::SubscriptionFilter
    Properties: {LogGroupName: /external/group, FilterPattern: '', DestinationArn: !Sub 'arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${Shipper}'}
  ToKinesis:
    Type: AWS::Logs::SubscriptionFilter
    Properties: {LogGroupName: !Ref AppLogs, FilterPattern: '', DestinationArn: arn:aws:kinesis:us-east-1:1:stream/s}
`;
  const app = loadCloudFormationApp(FIXTURES, 'cfn/logs.yaml', text);

  it('models a filter whose destination is a function as an asynchronous trigger from its log group', () => {
    const shipper = fn(app, 'Shipper');
    expect(shipper.triggers.map((t) => [t.name, t.kind, t.invocation, t.sourceId])).toEqual([
      ['ByGetAtt', 'other', 'async', 'AppLogs'],
      ['BySub', 'other', 'async', '/external/group'],
    ]);
    expect(trigger(shipper, 'ByGetAtt').config).toMatchObject({ source: 'CloudWatchLogs', FilterPattern: 'ERROR' });
  });

  it('ignores filters that deliver elsewhere', () => {
    expect(fn(app, 'Other').triggers).toEqual([]);
  });
});

describe('API definitions included with AWS::Include', () => {
  const RULES_DIR = path.join(FIXTURES, '..', 'rules');
  const api = (body: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ItemsApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body: {'Fn::Transform': {Name: AWS::Include, Parameters: {Location: ${body}}}}
  ListItems:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::1:role/r, Code: {ZipFile: x}}
`;

  it('reads a local definition inside the root as if inline, locating routes in the included file', () => {
    const app = loadCloudFormationApp(RULES_DIR, 'FG-API-001/fail/included-openapi/template.yaml', api('openapi.yaml'));
    expect(app.apis[0]?.routes.map((r) => [r.method, r.path, r.functionId])).toEqual([['GET', '/items', 'ListItems']]);
    expect(app.apis[0]?.routes[0]?.location).toMatchObject({ file: 'FG-API-001/fail/included-openapi/openapi.yaml', line: 5 });
    expect(app.sourceFiles).toContain('FG-API-001/fail/included-openapi/openapi.yaml');
    expect(app.warnings.filter((w) => w.code === 'include-unread')).toEqual([]);
  });

  it.each([
    ['an S3 location', 's3://bucket/openapi.yaml', 'outside the scanned files'],
    ['a path outside the root', '../../../../../../etc/passwd', 'could not be read'],
    ['a missing file', 'missing.yaml', 'could not be read'],
    ['a computed location', "!Sub 's3://${AWS::AccountId}/api.yaml'", 'not a literal path'],
  ])('warns that routes could not be read for %s', (_label, location, reason) => {
    const app = loadCloudFormationApp(RULES_DIR, 'FG-API-001/fail/included-openapi/template.yaml', api(location));
    expect(app.apis[0]?.routes).toEqual([]);
    const warning = app.warnings.find((w) => w.code === 'include-unread');
    expect(warning?.message).toContain('routes, authorizers and validators could not be read');
    expect(warning?.message).toContain(reason);
  });
});

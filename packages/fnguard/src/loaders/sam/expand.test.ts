import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../model/build.js';
import type { App, ServerlessFunction, Trigger } from '../../model/types.js';
import { TemplateContext } from '../cloudformation/template.js';
import { parseTemplateText } from '../yaml/parse.js';
import { expandSam } from './expand.js';

function expandText(text: string, file = 'app/template.yaml'): App {
  const template = new TemplateContext(parseTemplateText(text, file));
  const app = createApp({ name: 'test', framework: 'sam', path: file });
  expandSam(template, app);
  return app;
}

function fixture(name: string): App {
  return expandText(readFileSync(new URL(`../../../test/fixtures/sam/${name}.yaml`, import.meta.url), 'utf8'));
}

function fn(app: App, id: string): ServerlessFunction {
  const found = app.functions.find((f) => f.id === id);
  if (!found) throw new Error(`no function ${id}`);
  return found;
}

function trigger(f: ServerlessFunction, name: string): Trigger {
  const found = f.triggers.find((t) => t.name === name);
  if (!found) throw new Error(`no trigger ${name} on ${f.id}`);
  return found;
}

function role(app: App, id: string) {
  const found = app.roles.find((r) => r.id === id);
  if (!found) throw new Error(`no role ${id}`);
  return found;
}

describe('Globals', () => {
  const app = fixture('globals');

  it('gives a function the settings it does not set', () => {
    const f = fn(app, 'Inherits');
    expect(f).toMatchObject({ runtime: 'python3.12', handler: 'app.handler', timeout: 30, memorySize: 512, tracing: 'Active', codeUri: 'app/src/inherits' });
    expect(f.layers).toEqual(['arn:aws:lambda:us-east-1:123456789012:layer:shared:1']);
    expect(f.environment.map((v) => [v.name, v.value])).toEqual([['STAGE', 'prod'], ['LOG_LEVEL', 'info']]);
  });

  it('lets a function override scalars, merge maps and extend lists', () => {
    const f = fn(app, 'Overrides');
    expect(f).toMatchObject({ runtime: 'nodejs20.x', timeout: 5, memorySize: 512 });
    expect(f.layers).toEqual(['arn:aws:lambda:us-east-1:123456789012:layer:shared:1', '${LocalLayer}']);
    expect(f.environment.map((v) => [v.name, v.value])).toEqual([['STAGE', 'prod'], ['LOG_LEVEL', 'debug'], ['API_TOKEN', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789']]);
    expect(f.environment.find((v) => v.name === 'API_TOKEN')).toMatchObject({ secretLike: true });
    expect(f.environment.find((v) => v.name === 'STAGE')).toMatchObject({ secretLike: false });
  });

  it('honours IgnoreGlobals', () => {
    const f = fn(app, 'Ignores');
    expect(f.tracing).toBeUndefined();
    expect(f.layers).toEqual([]);
    expect(f.runtime).toBe('python3.12');
    expect(f.codeUri).toBeUndefined();
  });

  it('adds the X-Ray policy that Tracing: Active implies, and not when tracing is ignored', () => {
    expect(role(app, 'InheritsRole').managedPolicyArns).toContain('arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess');
    expect(role(app, 'IgnoresRole').managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
  });

  it('applies Globals.Api to the implicit REST API', () => {
    const api = app.apis.find((a) => a.id === 'ServerlessRestApi');
    expect(api).toMatchObject({ kind: 'rest', implicit: true });
    expect(api?.stages).toEqual([expect.objectContaining({ name: 'Prod', tracing: true, throttling: { burstLimit: 50, rateLimit: 10 } })]);
    expect(api?.routes).toEqual([expect.objectContaining({ path: '/items', method: 'GET', functionId: 'Inherits', auth: { type: 'none' } })]);
  });

  it('turns other SAM resources into the CloudFormation resources they become', () => {
    expect(app.resources).toEqual([expect.objectContaining({ id: 'LocalLayer', type: 'AWS::Lambda::LayerVersion', properties: { Content: 'layer/' } })]);
    expect(app.warnings).toEqual([]);
  });
});

describe('event sources', () => {
  const app = fixture('events');
  const worker = fn(app, 'Worker');
  const cases: Array<[string, Trigger['kind'], Trigger['invocation'], string | undefined]> = [
    ['Rest', 'http-rest', 'sync', undefined],
    ['Http', 'http-api', 'sync', undefined],
    ['Upload', 's3', 'async', 'Uploads'],
    ['Topic', 'sns', 'async', 'Alerts'],
    ['Queue', 'sqs', 'poll', 'Jobs'],
    ['Stream', 'kinesis', 'poll', 'Clicks'],
    ['Table', 'dynamodb-stream', 'poll', 'Orders'],
    ['Kafka', 'other', 'poll', 'arn:aws:kafka:us-east-1:123456789012:cluster/c/1'],
    ['Broker', 'other', 'poll', 'arn:aws:mq:us-east-1:123456789012:broker:b:1'],
    ['Docs', 'other', 'poll', 'arn:aws:rds:us-east-1:123456789012:cluster:docs'],
    ['SelfKafka', 'other', 'poll', undefined],
    ['Nightly', 'schedule', 'async', 'WorkerNightly'],
    ['NightlyV2', 'schedule', 'async', 'WorkerNightlyV2'],
    ['Changes', 'eventbridge', 'async', 'WorkerChanges'],
    ['Legacy', 'eventbridge', 'async', 'WorkerLegacy'],
    ['Logs', 'other', 'async', 'AppLogs'],
    ['Device', 'iot', 'async', 'WorkerDevice'],
    ['Skill', 'other', 'sync', 'amzn1.ask.skill.1'],
    ['SignUp', 'cognito', 'sync', 'Users'],
  ];

  it.each(cases)('%s becomes a %s trigger invoked %s', (name, kind, invocation, source) => {
    const t = trigger(worker, name);
    expect(t).toMatchObject({ kind, invocation, public: false });
    expect(t.sourceId).toBe(source);
  });

  it('keeps the event settings as written', () => {
    expect(trigger(worker, 'Queue').config).toMatchObject({ BatchSize: 5 });
  });

  it('names the source of unclassified triggers, as the CloudFormation reader does for subscription filters', () => {
    expect(trigger(worker, 'Logs').config).toMatchObject({ source: 'CloudWatchLogs', FilterPattern: 'ERROR' });
    expect(trigger(worker, 'Kafka').config.source).toBe('MSK');
    expect(trigger(worker, 'Queue').config.source).toBeUndefined();
  });

  it('reads HTTP paths and methods, with $default for an HttpApi event without a path', () => {
    expect(trigger(worker, 'Rest')).toMatchObject({ apiId: 'ServerlessRestApi', path: '/orders/{id}', method: 'ANY' });
    expect(trigger(worker, 'Http')).toMatchObject({ apiId: 'ServerlessHttpApi', path: '/orders', method: 'POST' });
    expect(trigger(worker, 'HttpDefault')).toMatchObject({ apiId: 'ServerlessHttpApi', path: '$default', method: 'ANY' });
    expect(app.apis.map((a) => [a.id, a.kind, a.stages[0]?.name])).toEqual([['ServerlessRestApi', 'rest', 'Prod'], ['ServerlessHttpApi', 'http', '$default']]);
  });

  it('grants the poller policies of queue and stream sources', () => {
    const r = role(app, 'WorkerRole');
    expect(r.managedPolicyArns).toEqual(expect.arrayContaining([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole',
    ]));
    const secretReads = r.statements.filter((s) => s.Action?.includes('secretsmanager:getsecretvalue')).flatMap((s) => s.Resource ?? []);
    expect(secretReads.sort()).toEqual([
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:docdb',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:mq',
    ]);
    expect(r.statements.find((s) => s.Action?.includes('mq:describebroker'))?.origin).toBe('sam:MQ');
  });

  it('translates a SimpleTable into a DynamoDB table', () => {
    expect(app.resources.find((r) => r.id === 'Orders')).toMatchObject({
      type: 'AWS::DynamoDB::Table',
      properties: { KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', SSESpecification: { SSEEnabled: true } },
    });
  });
});

describe('API auth', () => {
  const app = fixture('auth');
  const api = fn(app, 'Api');
  const auth = (name: string) => trigger(api, name).auth;

  it('applies the default authorizer to routes that name none', () => {
    expect(auth('Default')).toEqual({ type: 'cognito', authorizer: 'Cognito' });
    expect(auth('Scoped')).toEqual({ type: 'cognito', authorizer: 'Cognito', scopes: ['orders/read'] });
  });

  it('honours NONE, AWS_IAM and named authorizers on the event', () => {
    expect(auth('Open')).toEqual({ type: 'none' });
    expect(auth('Iam')).toEqual({ type: 'iam' });
    expect(auth('Token')).toEqual({ type: 'lambda', authorizer: 'Token' });
  });

  it('records API keys, which identify callers without authenticating them', () => {
    expect(auth('Keyed')).toEqual({ type: 'none', apiKeyRequired: true });
  });

  it('covers REST preflight routes with the default authorizer unless told otherwise', () => {
    expect(auth('Preflight')).toEqual({ type: 'cognito', authorizer: 'Cognito' });
  });

  it('reads HTTP API JWT defaults, the IAM authorizer and unauthenticated preflight', () => {
    expect(auth('HttpDefault')).toEqual({ type: 'jwt', authorizer: 'Jwt' });
    expect(auth('HttpIam')).toEqual({ type: 'iam' });
    expect(auth('HttpOpen')).toEqual({ type: 'none' });
    expect(auth('HttpPreflight')).toEqual({ type: 'none' });
  });

  it('does not guess the auth of an API defined outside the template', () => {
    expect(trigger(api, 'Outside')).toMatchObject({ apiId: '${ImportValue:shared-api}', auth: { type: 'unknown' } });
  });

  it('describes the APIs: authorizers, CORS, usage plan, stages', () => {
    const rest = app.apis.find((a) => a.id === 'RestApi');
    expect(rest).toMatchObject({
      kind: 'rest', implicit: false, defaultAuthorizer: 'Cognito', usagePlan: true,
      cors: { allowOrigins: ['https://example.com'], allowCredentials: true },
      stages: [expect.objectContaining({ name: 'prod' })],
    });
    expect(rest?.authorizers.map((a) => [a.name, a.type, a.source])).toEqual([
      ['Cognito', 'cognito', '${Users.Arn}'], ['Token', 'lambda', 'Authorizer'], ['Request', 'lambda', 'Authorizer'],
    ]);
    expect(rest?.routes.filter((r) => r.functionId === 'Api')).toHaveLength(7);
    const http = app.apis.find((a) => a.id === 'HttpApi');
    expect(http).toMatchObject({ kind: 'http', cors: { allowOrigins: ['*'], allowCredentials: false }, stages: [expect.objectContaining({ name: '$default' })] });
    expect(http?.authorizers.map((a) => [a.name, a.type, a.source])).toEqual([['Jwt', 'jwt', 'https://issuer.example.com'], ['AWS_IAM', 'iam', undefined]]);
    // SAM itself rejects an imported API id; the route is still modelled, with unknown auth.
    expect(app.warnings.map((w) => w.message)).toEqual([expect.stringContaining('event Outside of Api: RestApiId must be the logical id')]);
  });
});

describe('request validation of Api events', () => {
  // Mirrors samtranslator (push.py): a validator only when ValidateBody or ValidateParameters is written.
  const events: Array<[string, string]> = [
    ['Both', 'RequestModel: { Model: Order, Required: true, ValidateBody: true, ValidateParameters: true }'],
    ['BodyOnly', 'RequestModel: { Model: Order, Required: true, ValidateBody: true }'],
    ['ParamsOnly', 'RequestModel: { Model: Order, ValidateParameters: true }'],
    ['Off', 'RequestModel: { Model: Order, Required: true, ValidateBody: false, ValidateParameters: false }'],
    ['ModelOnly', 'RequestModel: { Model: Order, Required: true }'],
    ['Params', "RequestParameters: [{ 'method.request.header.Authorization': { Required: true } }]"],
    ['Strings', "RequestModel: { Model: Order, ValidateBody: 'true' }"],
    ['Plain', 'Auth: { Authorizer: NONE }'],
  ];
  const ordersApi = [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Orders:',
    '    Type: AWS::Serverless::Api',
    '    Properties:',
    '      StageName: prod',
  ];
  const app = expandText([
    ...ordersApi,
    '      Models: { Order: { type: object } }',
    '  Handler:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: nodejs20.x',
    '      Handler: index.handler',
    '      CodeUri: .',
    '      Events:',
    ...events.flatMap(([name, props]) => [
      `        ${name}:`,
      '          Type: Api',
      `          Properties: { RestApiId: !Ref Orders, Path: /${name.toLowerCase()}, Method: post, ${props} }`,
    ]),
  ].join('\n'));
  const routes = new Map(app.apis.find((a) => a.id === 'Orders')!.routes.map((r) => [r.path, r.requestValidation]));

  it('marks routes whose RequestModel turns on body or parameter validation', () => {
    expect([routes.get('/both'), routes.get('/bodyonly'), routes.get('/paramsonly')]).toEqual([true, true, true]);
  });

  it('does not for a model without Validate flags, flags set to false, or required parameters', () => {
    expect(routes.get('/off')).toBe(false);
    expect(routes.get('/modelonly')).toBe(false);
    expect(routes.get('/params')).toBeUndefined();
    expect(routes.get('/plain')).toBeUndefined();
  });

  it('leaves validation unknown when the flags are not booleans, which SAM rejects', () => {
    expect(routes.get('/strings')).toBeUndefined();
  });

  it('reads validators of an inline definition by name, with the definition default for operations naming none', () => {
    const defined = expandText([
      ...ordersApi,
      '      DefinitionBody:',
      '        swagger: "2.0"',
      '        x-amazon-apigateway-request-validators:',
      '          all: { validateRequestBody: true, validateRequestParameters: true }',
      '          none: { validateRequestBody: false, validateRequestParameters: false }',
      '        x-amazon-apigateway-request-validator: all',
      '        paths:',
      '          /default: { post: { responses: {} } }',
      '          /off: { post: { x-amazon-apigateway-request-validator: none, responses: {} } }',
      '          /elsewhere: { post: { x-amazon-apigateway-request-validator: shared, responses: {} } }',
    ].join('\n'));
    const validation = new Map(defined.apis[0]!.routes.map((r) => [r.path, r.requestValidation]));
    expect(Object.fromEntries(validation)).toEqual({ '/default': true, '/off': false, '/elsewhere': true });
  });
});

describe('roles and policies', () => {
  const app = fixture('policies');
  const r = role(app, 'FnRole');
  const resourcesFor = (action: string, origin = 'sam:') =>
    r.statements.filter((s) => s.Action?.includes(action) && s.origin.startsWith(origin)).flatMap((s) => s.Resource ?? []);

  it('turns managed policy names and ARNs into managed policy ARNs', () => {
    expect(r.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      'arn:aws:iam::123456789012:policy/custom',
    ]);
  });

  it('expands policy templates with their parameters rendered or resolved', () => {
    expect(resourcesFor('dynamodb:putitem')).toEqual([
      'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}',
      'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/index/*',
    ]);
    expect(resourcesFor('dynamodb:getitem')).toEqual(expect.arrayContaining([
      'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/literal-table',
      'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableParam}',
    ]));
    expect(resourcesFor('s3:getobject')).toEqual(['arn:aws:s3:::reports-bucket', 'arn:aws:s3:::reports-bucket/*']);
    expect(r.statements.find((s) => s.Action?.includes('s3:getobject'))?.origin).toBe('sam:S3ReadPolicy');
  });

  it('keeps inline statements, lower-casing actions', () => {
    const inline = r.statements.find((s) => s.origin === 'inline:FnRolePolicy6');
    expect(inline).toMatchObject({ Effect: 'Allow', Action: ['sqs:sendmessage'], Resource: ['${Dlq.Arn}'] });
  });

  it('grants delivery to the dead-letter queue and the failure destination', () => {
    expect(r.statements.find((s) => s.origin === 'sam:DeadLetterQueue')).toMatchObject({ Action: ['sqs:sendmessage'], Resource: ['${Dlq.Arn}'] });
    expect(r.statements.find((s) => s.origin === 'sam:EventInvokeConfig.OnFailure')).toMatchObject({ Action: ['sns:publish'], Resource: ['${Failures}'] });
    expect(fn(app, 'Fn')).toMatchObject({ deadLetter: { type: 'sqs', target: '${Dlq.Arn}' }, destinations: { onFailure: '${Failures}', maximumRetryAttempts: 1 } });
  });

  it('adds connector grants to the role of the function that acts', () => {
    expect(r.statements.filter((s) => s.origin === 'connector:Writer').flatMap((s) => s.Action ?? [])).toEqual(expect.arrayContaining(['dynamodb:putitem', 'sqs:sendmessage']));
    expect(resourcesFor('dynamodb:batchwriteitem', 'connector:')).toEqual(['${Table.Arn}', '${Table.Arn}/index/*']);
    expect(resourcesFor('sqs:receivemessage', 'connector:')).toEqual([]);
  });

  it('records the trust policy, boundary and user of the generated role', () => {
    expect(r).toMatchObject({ implicit: true, usedBy: ['Fn'], permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary' });
    expect(r.trustPolicy).toEqual([expect.objectContaining({ Action: ['sts:assumerole'], Principal: { Service: ['lambda.amazonaws.com'] } })]);
  });

  it('generates no role for a function with its own Role, ignoring its Policies', () => {
    expect(fn(app, 'Declared')).toMatchObject({ roleId: 'DeclaredRole' });
    expect(fn(app, 'External')).toMatchObject({ externalRoleArn: 'arn:aws:iam::123456789012:role/shared' });
    expect(fn(app, 'External').roleId).toBeUndefined();
    expect(app.roles.map((x) => x.id)).toEqual(['FnRole']);
    expect(app.warnings).toEqual([]);
  });
});

describe('malformed templates', () => {
  const app = fixture('malformed');
  const messages = app.warnings.map((w) => `${w.code}: ${w.message}`);

  it('reports every problem as a warning, with a location, and keeps going', () => {
    expect(app.functions.map((f) => f.id)).toEqual(['EventsNotMap', 'BadEvents']);
    expect(app.warnings.every((w) => w.location?.file === 'app/template.yaml' && w.location.line > 0)).toBe(true);
  });

  it.each([
    ["sam-globals-invalid: 'Globals' must be a non-empty map"],
    ['path-escape: CodeUri ../../outside points outside the scanned folder'],
    ['sam-invalid-event: EventsNotMap: Events must be a map'],
    ['sam-invalid-policy: a policy must be a managed policy name or ARN, a policy document or a policy template; got 42'],
    ['sam-invalid-property: MemorySize must be a number'],
    ['sam-invalid-property: Environment must be a map with a Variables map'],
    ['sam-invalid-event: event NotAMap of BadEvents must be a map'],
    ['sam-invalid-event: event NoType of BadEvents has unsupported Type null'],
    ['sam-invalid-event: event Unknown of BadEvents has unsupported Type "Carrier"'],
    ['sam-invalid-event: event BadProps of BadEvents: Properties must be a map'],
    ['sam-invalid-event: Api event NoPath of BadEvents needs Path and Method'],
    ['sam-invalid-event: event BadAuth of BadEvents: Auth must be a map'],
    ['sam-invalid-auth: event MissingAuthorizer of BadEvents uses authorizer Nope'],
    ['sam-invalid-policy: a policy must be a managed policy name or ARN, a policy document or a policy template; got 17'],
    ["sam-invalid-policy: unknown policy template 'NotATemplate'"],
    ['sam-invalid-policy: policy template \'S3ReadPolicy\' is missing parameter(s) BucketName'],
    ["sam-invalid-policy: parameters of policy template 'S3CrudPolicy' must be a map"],
    ['sam-invalid-policy: inline:BadEventsRolePolicy4: statement 0 has Effect "Maybe"'],
    ['sam-invalid-property: DeadLetterQueue needs Type SQS or SNS and a TargetArn'],
    ['sam-invalid-property: EventInvokeConfig OnSuccess: Type must be SQS, SNS, Lambda, EventBridge or S3Bucket'],
    ['sam-invalid-auth: Auth.Authorizers must be a map'],
    ['sam-invalid-auth: Api: DefaultAuthorizer Missing is not one of its Authorizers'],
    ['sam-invalid-api: Api: StageName is required'],
  ])('warns: %s', (expected) => {
    expect(messages.some((m) => m.startsWith(expected))).toBe(true);
  });

  it('keeps the valid parts of a malformed function', () => {
    const bad = fn(app, 'BadEvents');
    expect(bad.triggers.map((t) => t.name)).toEqual(['BadAuth', 'MissingAuthorizer']);
    expect(bad.memorySize).toBeUndefined();
    expect(bad.inlineCode).toBe(true);
    expect(role(app, 'BadEventsRole').statements).toEqual([]);
    expect(fn(app, 'EventsNotMap').codeUri).toBeUndefined();
  });

  it('never throws on hostile shapes', () => {
    const shapes = ['Resources: {F: {Type: AWS::Serverless::Function, Properties: null}}', 'Resources: {F: {Type: AWS::Serverless::Function, Properties: {Events: {E: {Type: Api, Properties: {Path: [1], Method: {a: 1}}}}}}}',
      'Resources: {A: {Type: AWS::Serverless::Api, Properties: {DefinitionBody: {paths: {"/": [1]}}, Cors: [1], MethodSettings: 3}}}',
      'Resources: {F: {Type: AWS::Serverless::Function, Connectors: {C: {Properties: {Destination: 5}}}}, C: {Type: AWS::Serverless::Connector, Properties: {Source: 1}}}',
      'Globals: {Function: {Environment: {Variables: {A: 1}}}}\nResources: {F: {Type: AWS::Serverless::Function, Properties: {Environment: [1]}}}'];
    for (const text of shapes) {
      expect(() => expandText(`Transform: AWS::Serverless-2016-10-31\n${text}`)).not.toThrow();
    }
  });
});

describe('inline OpenAPI definitions', () => {
  const app = expandText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Auth:
        DefaultAuthorizer: Token
        Authorizers: {Token: {FunctionArn: !GetAtt Auth.Arn}}
      DefinitionBody:
        swagger: '2.0'
        securityDefinitions:
          sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
        paths:
          /open:
            get:
              security: [{sigv4: []}]
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Handler.Arn}/invocations'}
          /guarded:
            post:
              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: !Sub 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Handler.Arn}/invocations'}
          /proxy:
            get:
              x-amazon-apigateway-integration: {type: http_proxy, uri: https://example.com}
  Auth: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, Runtime: nodejs20.x}}
  Handler: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, Runtime: nodejs20.x}}
`);

  it('reads the routes of the body, the integrated function and its security', () => {
    const api = app.apis[0];
    expect(api?.routes.map((r) => [r.method, r.path, r.functionId, r.auth.type])).toEqual([
      ['GET', '/open', 'Handler', 'iam'], ['POST', '/guarded', 'Handler', 'lambda'], ['GET', '/proxy', undefined, 'lambda'],
    ]);
  });

  it('gives the integrated function a trigger for each route', () => {
    expect(fn(app, 'Handler').triggers.map((t) => [t.kind, t.method, t.path, t.auth.type, t.apiId])).toEqual([
      ['http-rest', 'GET', '/open', 'iam', 'Api'], ['http-rest', 'POST', '/guarded', 'lambda', 'Api'],
    ]);
  });
});

describe('function properties', () => {
  const app = expandText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1
      FunctionName: my-fn
      Architectures: [arm64]
      ReservedConcurrentExecutions: 2
      KmsKeyArn: !GetAtt Key.Arn
      CodeSigningConfigArn: arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1
      LoggingConfig: {LogGroup: !Ref Logs, LogFormat: JSON}
      FunctionUrlConfig:
        AuthType: NONE
        Cors: {AllowOrigins: ['*'], AllowCredentials: true}
      Environment:
        Variables:
          DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'
          TABLE: !Ref Logs
  Key: {Type: AWS::KMS::Key}
  Logs: {Type: AWS::Logs::LogGroup}
`);

  it('reads every modelled property', () => {
    const f = fn(app, 'Fn');
    expect(f).toMatchObject({
      name: 'my-fn', packageType: 'Image', architectures: ['arm64'], reservedConcurrency: 2, kmsKeyArn: '${Key.Arn}',
      codeSigningConfig: 'arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1',
      logGroup: { resourceId: 'Logs', name: '${Logs}', logFormat: 'JSON' },
      url: { authType: 'NONE', cors: { allowOrigins: ['*'], allowCredentials: true } },
    });
    expect(f.triggers).toEqual([expect.objectContaining({ kind: 'function-url', name: 'FnUrl', invocation: 'sync', auth: { type: 'none' }, sourceId: 'FnUrl' })]);
    expect(f.codeUri).toBeUndefined();
    expect(fn(expandText('Resources: {F: {Type: AWS::Serverless::Function, Properties: {Handler: h, Runtime: nodejs20.x}}}'), 'F').codeUri).toBe('app');
    expect(f.environment.map((v) => [v.name, v.reference, v.secretLike])).toEqual([
      ['DB_PASSWORD', 'secretsmanager', false], ['TABLE', 'resource', false],
    ]);
  });
});

describe('conditions and definition precedence', () => {
  const app = expandText(`
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: {Type: String, Default: dev}
  Unset: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Maybe: !Equals [!Ref Unset, yes]
Resources:
  ProdOnly:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties:
      InlineCode: x
      Handler: i.h
      Runtime: nodejs20.x
      Events: {Get: {Type: Api, Properties: {Path: /prod, Method: get}}}
  Perhaps:
    Type: AWS::Serverless::Function
    Condition: Maybe
    Properties:
      InlineCode: x
      Handler: i.h
      Runtime: nodejs20.x
      Events: {Get: {Type: Api, Properties: {Path: /perhaps, Method: get}}}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      DefinitionBody:
        paths:
          /taken:
            get:
              x-amazon-apigateway-integration: {type: http_proxy, uri: https://example.com}
          /declared:
            get:
              security: [{NONE: []}]
  Late:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Handler: i.h
      Runtime: nodejs20.x
      Events:
        Taken: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /taken, Method: get}}
        Declared: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /declared, Method: get}}
`);

  it('gives a function that is never deployed no triggers, but keeps an undecided one', () => {
    expect(fn(app, 'ProdOnly').triggers).toEqual([]);
    expect(fn(app, 'Perhaps').triggers.map((t) => t.path)).toEqual(['/perhaps']);
    expect(app.apis.find((a) => a.id === 'ServerlessRestApi')?.routes.map((r) => r.path)).toEqual(['/perhaps']);
  });

  it('keeps an operation the definition already integrates, and integrates a declared one', () => {
    expect(fn(app, 'Late').triggers.map((t) => t.path)).toEqual(['/declared']);
    const routes = app.apis.find((a) => a.id === 'Api')?.routes.map((r) => [r.path, r.functionId]);
    expect(routes).toEqual([['/declared', 'Late'], ['/taken', undefined]]);
  });
});

describe('API settings', () => {
  const app = expandText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Name: orders-api
      EndpointConfiguration: {Type: PRIVATE}
      DisableExecuteApiEndpoint: true
      AccessLogSetting: {DestinationArn: !GetAtt Logs.Arn, Format: '$context.requestId'}
      MethodSettings:
      - {ResourcePath: /orders, HttpMethod: GET, ThrottlingBurstLimit: 5}
      - {ResourcePath: '/*', HttpMethod: '*', CacheDataEncrypted: true}
  External:
    Type: AWS::Serverless::Api
    Properties: {StageName: v1, DefinitionUri: s3://bucket/openapi.yaml}
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: live
      DefaultRouteSettings: {ThrottlingBurstLimit: 20, ThrottlingRateLimit: 5}
      RouteSettings: {'GET /orders': {ThrottlingBurstLimit: 1}}
      AccessLogSettings: {DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:http}
      CorsConfiguration: {AllowOrigins: ['https://a.example'], AllowCredentials: true, AllowMethods: [GET]}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Handler: i.h
      Runtime: nodejs20.x
      Events: {Get: {Type: Api, Properties: {RestApiId: !Ref External, Path: /x, Method: get}}}
  Logs: {Type: AWS::Logs::LogGroup}
`);
  const api = (id: string) => app.apis.find((a) => a.id === id);

  it('reads REST stage settings, endpoint and execute-api switch', () => {
    expect(api('Rest')).toMatchObject({ name: 'orders-api', endpointType: 'PRIVATE', disableExecuteApiEndpoint: true });
    expect(api('Rest')?.stages).toEqual([expect.objectContaining({
      name: 'v1', routeThrottling: true, cacheEncrypted: true, accessLogging: { destination: '${Logs.Arn}', format: '$context.requestId' },
    })]);
    expect(api('Rest')?.stages[0]?.throttling).toBeUndefined();
  });

  it('reads HTTP stage settings and CORS', () => {
    expect(api('Http')?.stages).toEqual([expect.objectContaining({
      name: 'live', throttling: { burstLimit: 20, rateLimit: 5 }, routeThrottling: true,
      accessLogging: { destination: 'arn:aws:logs:us-east-1:123456789012:log-group:http' },
    })]);
    expect(api('Http')?.cors).toMatchObject({ allowOrigins: ['https://a.example'], allowCredentials: true, allowMethods: ['GET'] });
  });

  it('leaves the auth of routes on an API defined in an outside OpenAPI file unknown', () => {
    expect(fn(app, 'Fn').triggers[0]?.auth).toEqual({ type: 'unknown' });
  });
});

describe('access logging under Fn::If', () => {
  const stageLogging = (setting: string, parameterDefault = '') => {
    const app = expandText(`
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: {Type: String${parameterDefault}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      AccessLogSetting: ${setting}
  Logs: {Type: AWS::Logs::LogGroup}
`);
    return app.apis[0]?.stages[0]?.accessLogging;
  };
  const logs = "{DestinationArn: !GetAtt Logs.Arn, Format: '$context.requestId'}";

  it('keeps the logging branch of an undecided condition, naming the condition', () => {
    expect(stageLogging(`!If [IsProd, ${logs}, !Ref AWS::NoValue]`)).toEqual({
      destination: '${Logs.Arn}', format: '$context.requestId', conditions: [{ name: 'IsProd', holds: true }],
    });
    expect(stageLogging(`!If [IsProd, !Ref AWS::NoValue, ${logs}]`)?.conditions).toEqual([{ name: 'IsProd', holds: false }]);
  });

  it('needs no condition when both branches log, and takes the branch a decided condition picks', () => {
    expect(stageLogging(`!If [IsProd, ${logs}, {DestinationArn: arn:aws:logs:us-east-1:1:log-group:dev}]`)).toEqual({ destination: '${Logs.Arn}', format: '$context.requestId' });
    expect(stageLogging(`!If [IsProd, ${logs}, !Ref AWS::NoValue]`, ', Default: prod')).toEqual({ destination: '${Logs.Arn}', format: '$context.requestId' });
    expect(stageLogging(`!If [IsProd, ${logs}, !Ref AWS::NoValue]`, ', Default: dev')).toBeUndefined();
  });

  it('reports no logging when neither branch logs', () => {
    expect(stageLogging('!If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]')?.destination).toBeUndefined();
    expect(stageLogging('!Ref AWS::NoValue')).toBeUndefined();
  });
});

describe('other SAM resources and grants', () => {
  const app = expandText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine.asl.json
      Policies: [{LambdaInvokePolicy: {FunctionName: !Ref Durable}}]
  Nested:
    Type: AWS::Serverless::Application
    Properties: {Location: {ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/app, SemanticVersion: 1.0.0}}
  Table: {Type: AWS::Serverless::SimpleTable}
  Durable:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Handler: i.h
      Runtime: nodejs20.x
      DurableConfig: {ExecutionTimeout: 60}
      Events:
        Kafka:
          Type: MSK
          Properties:
            Stream: arn:aws:kafka:us-east-1:123456789012:cluster/c/1
            Topics: [t]
            StartingPosition: LATEST
            SchemaRegistryConfig:
              SchemaRegistryURI: arn:aws:glue:us-east-1:123456789012:registry/orders
              AccessConfigs: [{Type: BASIC_AUTH, URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:registry}]
`);

  it('gives a state machine its generated role, trusted by Step Functions', () => {
    const machineRole = role(app, 'MachineRole');
    expect(machineRole.usedBy).toEqual([]);
    expect(machineRole.trustPolicy[0]?.Principal).toEqual({ Service: ['states.amazonaws.com'] });
    expect(machineRole.statements[0]).toMatchObject({ Action: ['lambda:invokefunction'], origin: 'sam:LambdaInvokePolicy' });
    expect(app.resources.map((r) => [r.id, r.type])).toEqual([
      ['Machine', 'AWS::StepFunctions::StateMachine'], ['Nested', 'AWS::CloudFormation::Stack'], ['Table', 'AWS::DynamoDB::Table'],
    ]);
    expect(app.resources.find((r) => r.id === 'Table')?.properties).toMatchObject({ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
  });

  it('uses the durable execution policy for durable functions and grants schema registry reads', () => {
    const r = role(app, 'DurableRole');
    expect(r.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole',
    ]);
    expect(r.statements.map((s) => [s.Action?.[0], s.Resource?.[0]])).toEqual([
      ['secretsmanager:getsecretvalue', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:registry'],
      ['glue:getregistry', 'arn:aws:glue:us-east-1:123456789012:registry/orders'],
      ['glue:getschemaversion', 'arn:aws:glue:${AWS::Region}:${AWS::AccountId}:schema/orders/*'],
    ]);
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { App, ServerlessFunction } from '../../model/types.js';
import { loadServerlessApp } from './index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/serverless');

async function load(rel: string, options: Parameters<typeof loadServerlessApp>[3] = {}): Promise<App> {
  return loadServerlessApp(root, rel, await readFile(path.join(root, rel), 'utf8'), options);
}

function fn(app: App, id: string): ServerlessFunction {
  const found = app.functions.find((f) => f.id === id);
  if (!found) throw new Error(`no function ${id} in ${app.functions.map((f) => f.id).join(', ')}`);
  return found;
}

function codes(app: App): string[] {
  return app.warnings.map((w) => w.code);
}

describe('loadServerlessApp: v3 REST service', () => {
  it('names the service and functions as the Framework does', async () => {
    const app = await load('v3-rest-api/serverless.yml');
    expect(app).toMatchObject({ name: 'orders', framework: 'serverless', provider: 'aws', path: 'v3-rest-api/serverless.yml' });
    expect(app.functions.map((f) => f.id)).toEqual([
      'CreateLambdaFunction', 'ListLambdaFunction', 'GetLambdaFunction', 'AuthorizeLambdaFunction',
      'WorkerLambdaFunction', 'StreamsLambdaFunction', 'ExportLambdaFunction', 'OpenLambdaFunction',
    ]);
    expect(fn(app, 'CreateLambdaFunction')).toMatchObject({ name: 'orders-dev-create', handler: 'src/handlers/orders.create', codeUri: 'v3-rest-api/src/handlers' });
    expect(fn(app, 'CreateLambdaFunction').properties.functionKey).toBe('create');
    expect(codes(app)).toEqual([]);
  });

  it('inherits provider settings and lets functions override them', async () => {
    const app = await load('v3-rest-api/serverless.yml', { stage: 'prod' });
    expect(fn(app, 'CreateLambdaFunction')).toMatchObject({
      runtime: 'nodejs20.x', memorySize: 2048, timeout: 10, tracing: 'Active', architectures: ['arm64'],
      logGroup: { retentionInDays: 14, name: '/aws/lambda/orders-prod-create', resourceId: 'CreateLogGroup' },
    });
    expect(fn(app, 'WorkerLambdaFunction')).toMatchObject({ memorySize: 1024, timeout: 60, reservedConcurrency: 5, deadLetter: { type: 'sns' } });
    expect(fn(app, 'StreamsLambdaFunction')).toMatchObject({
      vpc: { securityGroupIds: ['sg-0123456789abcdef0'], subnetIds: ['subnet-0123456789abcdef0'] },
      destinations: { onFailure: 'arn:aws:sqs:eu-west-1:123456789012:failed', maximumRetryAttempts: 1 },
    });
  });

  it('merges provider and function environments and classifies values', async () => {
    const app = await load('v3-rest-api/serverless.yml');
    const env = Object.fromEntries(fn(app, 'ListLambdaFunction').environment.map((v) => [v.name, v]));
    expect(env.TABLE_NAME).toMatchObject({ value: 'override-table', secretLike: false });
    expect(env.PAGE_SIZE?.value).toBe('50');
    expect(env.DB_PASSWORD).toMatchObject({ value: '${ssm:/orders/dev/db-password}', reference: 'ssm', secretLike: false });
    expect(env.STRIPE_KEY).toMatchObject({ secretLike: true });
    expect(env.QUEUE_URL).toMatchObject({ value: '${OrdersQueue}', reference: 'resource' });
    expect(env.DB_PASSWORD?.location.line).toBe(25);
    const create = Object.fromEntries(fn(app, 'CreateLambdaFunction').environment.map((v) => [v.name, v.value]));
    expect(create.TABLE_NAME).toBe('orders-dev');
  });

  it('reads REST events with their authorization', async () => {
    const app = await load('v3-rest-api/serverless.yml');
    const [iam, privateRoute] = fn(app, 'CreateLambdaFunction').triggers;
    expect(iam).toMatchObject({ kind: 'http-rest', method: 'POST', path: '/orders', auth: { type: 'iam' }, apiId: 'ApiGatewayRestApi', invocation: 'sync' });
    expect(privateRoute).toMatchObject({ path: '/partner/orders', auth: { type: 'none', apiKeyRequired: true } });
    expect(fn(app, 'ListLambdaFunction').triggers[0]).toMatchObject({ method: 'GET', path: '/orders', auth: { type: 'lambda', authorizer: 'authorize' } });
    expect(fn(app, 'GetLambdaFunction').triggers[0]).toMatchObject({ auth: { type: 'cognito', scopes: ['orders/read'] } });
  });

  it('models the implicit REST API with provider.apiGateway settings', async () => {
    const app = await load('v3-rest-api/serverless.yml');
    expect(app.apis).toHaveLength(1);
    const api = app.apis[0]!;
    expect(api).toMatchObject({ id: 'ApiGatewayRestApi', kind: 'rest', implicit: true, endpointType: 'EDGE', usagePlan: true, cors: { allowOrigins: ['*'] } });
    expect(api.stages[0]).toMatchObject({ name: 'dev', tracing: true, throttling: { burstLimit: 200, rateLimit: 100 }, accessLogging: { destination: '/aws/api-gateway/orders-dev' } });
    expect(api.authorizers.map((a) => `${a.name}:${a.type}`)).toEqual(['authorize:lambda', 'eu-west-1_abc:cognito']);
    expect(api.routes.map((r) => `${r.method} ${r.path} ${r.functionId}`)).toEqual([
      'POST /orders CreateLambdaFunction', 'POST /partner/orders CreateLambdaFunction', 'GET /orders ListLambdaFunction', 'GET /orders/{id} GetLambdaFunction',
    ]);
    expect(api.properties.resourcePolicy).toEqual([expect.objectContaining({ Principal: '*' })]);
  });

  it('builds the implicit role with log, provider and event-source statements', async () => {
    const app = await load('v3-rest-api/serverless.yml');
    const role = app.roles.find((r) => r.id === 'IamRoleLambdaExecution');
    expect(role).toMatchObject({ implicit: true, name: 'orders-dev-eu-west-1-lambdaRole' });
    expect(role?.usedBy).toHaveLength(8);
    const byOrigin = (origin: string) => role?.statements.filter((s) => s.origin === origin) ?? [];
    expect(byOrigin('serverless:implicit-logs').flatMap((s) => s.Resource)).toEqual([
      'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders-dev*:*',
      'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/orders-dev*:*:*',
    ]);
    expect(byOrigin('serverless:provider.iam')[0]).toMatchObject({ Action: ['dynamodb:getitem', 'dynamodb:putitem'], Resource: ['${OrdersTable.Arn}'] });
    expect(byOrigin('serverless:event-source:sqs')[0]?.Resource).toEqual(['${OrdersQueue.Arn}']);
    expect(byOrigin('serverless:event-source:dynamodb-stream')[0]?.Resource).toEqual(['${OrdersTable.StreamArn}']);
    expect(byOrigin('serverless:onError')[0]?.Action).toEqual(['sns:publish']);
    expect(byOrigin('serverless:destinations')[0]).toMatchObject({ Action: ['sqs:sendmessage'], Resource: ['arn:aws:sqs:eu-west-1:123456789012:failed'] });
    expect(role?.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ]);
  });

  it('reads throttling from a list of named usage plans', async () => {
    const text = 'service: x\nprovider:\n  name: aws\n  apiGateway:\n    usagePlan:\n      - free:\n          quota:\n            limit: 100\n      - paid:\n          throttle:\n            rateLimit: 50\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - http: GET /\n';
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    expect(app.apis[0]).toMatchObject({ usagePlan: true, stages: [{ throttling: { rateLimit: 50 } }] });
  });

  it('models function URLs as triggers', async () => {
    const app = await load('v3-rest-api/serverless.yml');
    expect(fn(app, 'ExportLambdaFunction').url).toMatchObject({ authType: 'AWS_IAM', cors: { allowOrigins: ['*'] } });
    expect(fn(app, 'ExportLambdaFunction').triggers).toEqual([expect.objectContaining({ kind: 'function-url', auth: { type: 'iam' } })]);
    expect(fn(app, 'OpenLambdaFunction').triggers[0]).toMatchObject({ kind: 'function-url', auth: { type: 'none' }, public: true });
  });

  it('joins resources.Resources into the same app, attached to generated functions', async () => {
    const app = await load('v3-rest-api/serverless.yml');
    expect(app.resources.map((r) => r.id)).toEqual(['OrdersTable', 'OrdersQueue', 'PublicInvoke']);
    expect(app.resources[0]?.properties.TableName).toBe('orders-dev');
    const permission = fn(app, 'CreateLambdaFunction').triggers.find((t) => t.name === 'PublicInvoke');
    expect(permission).toBeDefined();
    expect(fn(app, 'WorkerLambdaFunction').triggers[0]).toMatchObject({ kind: 'sqs', invocation: 'poll', sourceId: 'OrdersQueue' });
  });
});

describe('loadServerlessApp: v4 service with HTTP API and every event type', () => {
  it('resolves stage params and file includes', async () => {
    const app = await load('v4-http-api/serverless.yml');
    expect(app.sourceFiles).toEqual(['v4-http-api/serverless.yml', 'v4-http-api/config/dev.yml']);
    const env = Object.fromEntries(fn(app, 'ChargeLambdaFunction').environment.map((v) => [v.name, v.value]));
    expect(env).toEqual({ BUCKET: 'payments-uploads-default', CONFIG: 'beta-dev', ACCOUNT: '${aws:accountId}', REGION: 'us-east-1' });
    expect(fn(app, 'ChargeLambdaFunction').environment.find((v) => v.name === 'ACCOUNT')?.reference).toBe('other');
    const dashboard = await loadServerlessApp(root, 'inline/serverless.yml', 'service: x\nprovider:\n  name: aws\n  environment:\n    API_TOKEN: ${param:apiToken}\n    PREFIXED: tok-${ssm:/x}\nfunctions:\n  f:\n    handler: h.f\n', { readFile: async () => undefined });
    expect(dashboard.functions[0]?.environment.map((v) => [v.name, v.reference, v.secretLike])).toEqual([['API_TOKEN', 'parameter', false], ['PREFIXED', 'ssm', false]]);
    const prod = await load('v4-http-api/serverless.yml', { stage: 'prod' });
    expect(fn(prod, 'ChargeLambdaFunction').environment.find((v) => v.name === 'BUCKET')?.value).toBe('payments-uploads-prod');
    expect(codes(prod)).toContain('file-not-found');
  });

  it('reads httpApi authorizers declared on the provider', async () => {
    const app = await load('v4-http-api/serverless.yml');
    const auths = fn(app, 'ChargeLambdaFunction').triggers.map((t) => [t.method, t.auth.type, t.public]);
    expect(auths).toEqual([['POST', 'jwt', false], ['GET', 'none', true], ['DELETE', 'iam', false], ['PUT', 'lambda', false]]);
    const api = app.apis.find((a) => a.id === 'HttpApi');
    expect(api?.authorizers.map((a) => `${a.name}:${a.type}:${a.source}`)).toEqual(['jwtAuth:jwt:https://auth.example.com', 'customAuth:lambda:authorizer']);
    expect(api?.stages[0]?.accessLogging).toBeDefined();
  });

  it('maps every event type to a trigger kind and invocation type', async () => {
    const app = await load('v4-http-api/serverless.yml');
    const kinds = fn(app, 'EventsLambdaFunction').triggers.map((t) => `${t.kind}/${t.invocation}${t.kind === 'other' ? `/${String(t.config.source)}` : ''}`);
    expect(kinds).toEqual([
      'eventbridge/async', 'schedule/async', 's3/async', 'sns/async', 'alb/sync', 'cognito/sync', 'iot/async',
      'other/sync/alexaSkill', 'other/async/cloudwatchLog', 'other/poll/msk', 'other/poll/kafka',
    ]);
    const s3 = fn(app, 'EventsLambdaFunction').triggers[2];
    expect(s3).toMatchObject({ sourceId: 'payments-uploads-default', config: { existing: true } });
    expect(fn(app, 'EventsLambdaFunction').triggers[4]).toMatchObject({ path: '/webhook', method: 'POST' });
    expect(fn(app, 'LegacyLambdaFunction').triggers[0]).toMatchObject({ kind: 'kinesis', invocation: 'poll' });
    expect(fn(app, 'SocketsLambdaFunction').triggers.map((t) => [t.path, t.auth.type])).toEqual([['$connect', 'lambda'], ['$default', 'none']]);
    const shared = app.roles.find((r) => r.id === 'IamRoleLambdaExecution');
    expect(shared?.statements.find((s) => s.origin === 'serverless:websocket')).toMatchObject({ Action: ['execute-api:manageconnections'], Resource: ['arn:aws:execute-api:*:*:*/@connections/*'] });
  });

  it('gives a function with its own iamRoleStatements a role of its own, and honours role ARNs', async () => {
    const app = await load('v4-http-api/serverless.yml');
    const own = app.roles.find((r) => r.id === 'ReportsIamRoleLambdaExecution');
    expect(own?.usedBy).toEqual(['ReportsLambdaFunction']);
    expect(own?.statements.map((s) => s.Resource?.[0])).toEqual([
      'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/payments-dev-reports:*',
      'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/payments-dev-reports:*:*',
      'arn:aws:s3:::payments-uploads-default/*',
    ]);
    expect(fn(app, 'LegacyLambdaFunction')).toMatchObject({ externalRoleArn: 'arn:aws:iam::123456789012:role/legacy-role' });
    expect(fn(app, 'LegacyLambdaFunction').roleId).toBeUndefined();
    expect(app.roles.find((r) => r.id === 'IamRoleLambdaExecution')?.usedBy).not.toContain('LegacyLambdaFunction');
  });

  it('models the helper function the Framework deploys for an existing bucket', async () => {
    const app = await load('v4-http-api/serverless.yml');
    const helper = fn(app, 'CustomDashresourceDashexistingDashs3LambdaFunction');
    expect(helper).toMatchObject({ name: 'payments-dev-custom-resource-existing-s3', runtime: 'nodejs16.x', timeout: 180, roleId: 'IamRoleCustomResourcesLambdaExecution' });
    const role = app.roles.find((r) => r.id === 'IamRoleCustomResourcesLambdaExecution');
    expect(role?.statements.map((s) => `${s.Action?.join(',')} ${s.Resource?.join(',')}`)).toEqual([
      's3:getbucketnotification,s3:putbucketnotification arn:aws:s3:::payments-uploads-default',
      'lambda:addpermission,lambda:removepermission arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:*',
    ]);
  });
});

describe('loadServerlessApp: default runtime', () => {
  it.each([['3', 'nodejs14.x'], ['^4.2.0', 'nodejs20.x'], [undefined, 'nodejs14.x']])('frameworkVersion %s deploys %s when no runtime is set', async (version, runtime) => {
    const text = `service: x\n${version ? `frameworkVersion: '${version}'\n` : ''}provider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n`;
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    expect(app.functions[0]).toMatchObject({ runtime, properties: { runtimeDefaulted: true } });
  });
});

describe('loadServerlessApp: per-function roles need their plugin', () => {
  it('keeps the shared role and warns when serverless-iam-roles-per-function is not listed', async () => {
    const text = 'service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    iamRoleStatements:\n      - Effect: Allow\n        Action: s3:*\n        Resource: "*"\n';
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    expect(app.functions[0]?.roleId).toBe('IamRoleLambdaExecution');
    expect(app.roles.map((r) => r.id)).toEqual(['IamRoleLambdaExecution']);
    expect(codes(app)).toEqual(['ignored-setting']);
  });

  it('inherits provider statements into a function role when asked to', async () => {
    const text = 'service: x\nplugins: [serverless-iam-roles-per-function]\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: sqs:SendMessage\n          Resource: "*"\nfunctions:\n  f:\n    handler: h.f\n    iamRoleStatementsInherit: true\n    iamRoleStatements:\n      - Effect: Allow\n        Action: s3:GetObject\n        Resource: "*"\n';
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    expect(app.roles.map((r) => r.id)).toEqual(['FIamRoleLambdaExecution']);
    expect(app.roles[0]?.statements.map((s) => s.Action?.[0])).toEqual(['logs:createlogstream', 'logs:putlogevents', 's3:getobject', 'sqs:sendmessage']);
  });
});

describe('loadServerlessApp: helpers for existing user pools', () => {
  it('adds the Cognito helper, allowed to wire only the functions that use the pool', async () => {
    const text = 'service: eb\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.a\n    events:\n      - cognitoUserPool:\n          pool: users\n          trigger: PreSignUp\n          existing: true\n  b:\n    handler: h.b\n';
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { stage: 'dev', readFile: async () => undefined });
    expect(app.functions.map((f) => f.id)).toEqual(['ALambdaFunction', 'BLambdaFunction', 'CustomDashresourceDashexistingDashcupLambdaFunction']);
    const role = app.roles.find((r) => r.id === 'IamRoleCustomResourcesLambdaExecution');
    expect(role?.statements.map((s) => `${s.Action?.join(',')} ${s.Resource?.join(',')}`)).toEqual([
      'cognito-idp:listuserpools,cognito-idp:describeuserpool,cognito-idp:updateuserpool *',
      'lambda:addpermission,lambda:removepermission arn:aws:lambda:*:*:function:eb-dev-a',
      'iam:passrole arn:aws:iam::*:role/*',
    ]);
    expect(app.functions[0]?.triggers[0]).toMatchObject({ kind: 'cognito', invocation: 'sync' });
  });
});

describe('loadServerlessApp: helpers for existing buckets given by reference', () => {
  it('builds the bucket ARN around the reference', async () => {
    const text = 'service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - s3:\n          bucket: !Ref Uploads\n          existing: true\nresources:\n  Resources:\n    Uploads:\n      Type: AWS::S3::Bucket\n';
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    const role = app.roles.find((r) => r.id === 'IamRoleCustomResourcesLambdaExecution');
    expect(role?.statements[0]?.Resource).toEqual(['arn:aws:s3:::${Uploads}']);
    expect(app.functions[0]?.triggers[0]).toMatchObject({ kind: 's3', sourceId: 'Uploads' });
  });
});

describe('loadServerlessApp: roles defined outside the generated one', () => {
  it('uses provider.iam.role ARNs and function roles declared in resources', async () => {
    const app = await load('external-role/serverless.yml');
    expect(fn(app, 'OneLambdaFunction')).toMatchObject({ externalRoleArn: 'arn:aws:iam::123456789012:role/shared-lambda-role' });
    expect(fn(app, 'TwoLambdaFunction')).toMatchObject({ roleId: 'CustomRole' });
    expect(app.roles.map((r) => r.id)).toEqual(['CustomRole']);
    expect(app.roles[0]).toMatchObject({ implicit: false, usedBy: ['TwoLambdaFunction'] });
    expect(app.roles[0]?.statements[0]).toMatchObject({ Action: ['*'], Resource: ['*'] });
  });
});

describe('loadServerlessApp: includes and refusals', () => {
  it('reads includes under the root, refuses escapes and code, reports missing files', async () => {
    const app = await load('includes/serverless.yml');
    expect(app.sourceFiles).toEqual(['includes/serverless.yml', 'includes/config/env.yml', 'includes/config/functions.yml']);
    expect(fn(app, 'HelloLambdaFunction').environment.map((v) => `${v.name}=${v.value}`)).toEqual(['LOG_LEVEL=info', 'SERVICE_NAME=includes']);
    expect(fn(app, 'HelloLambdaFunction').triggers[0]).toMatchObject({ kind: 'http-api', method: 'GET', path: '/hello' });
    expect(codes(app).sort()).toEqual(['code-not-executed', 'file-not-found', 'path-escape']);
    expect(app.warnings.find((w) => w.code === 'path-escape')?.location).toEqual({ file: 'includes/serverless.yml', line: 7, column: 3 });
  });

  it('reads the file itself when given options instead of text', async () => {
    const app = await loadServerlessApp(root, 'includes/serverless.yml', {});
    expect(app.functions.map((f) => f.id)).toEqual(['HelloLambdaFunction']);
  });

  it('reports a main file it cannot read', async () => {
    const app = await loadServerlessApp(root, 'nowhere/serverless.yml', {});
    expect(app.functions).toEqual([]);
    expect(codes(app)).toEqual(['file-not-found']);
  });
});

describe('loadServerlessApp: bad input becomes warnings', () => {
  it('warns about each malformed part and keeps the rest', async () => {
    const app = await load('bad-input/serverless.yml');
    expect(app.functions.map((f) => f.id)).toEqual(['GoodLambdaFunction', 'NumericLambdaFunction', 'NothingLambdaFunction']);
    expect(codes(app)).toEqual([
      'variable-cycle', 'invalid-functions', 'unknown-event', 'invalid-event', 'invalid-event', 'invalid-event',
      'invalid-property', 'invalid-events', 'invalid-function',
    ]);
    expect(fn(app, 'GoodLambdaFunction').triggers).toEqual([expect.objectContaining({ kind: 'other', config: expect.objectContaining({ source: 'carrierPigeon' }) })]);
    expect(fn(app, 'NumericLambdaFunction').handler).toBeUndefined();
    expect(fn(app, 'GoodLambdaFunction').environment[0]?.value).toBe('${self:custom.a}');
  });

  it('does not analyse other providers', async () => {
    const app = await load('not-aws/serverless.yml');
    expect(app).toMatchObject({ provider: 'gcp', functions: [], name: 'gcp-service' });
    expect(codes(app)).toEqual(['unsupported-provider']);
  });

  it.each([
    ['a user pool of the service', 'arn: !GetAtt UserPool.Arn', 'cognito'],
    ['an Authorizer resource of type COGNITO_USER_POOLS', 'authorizerId: !Ref PoolAuthorizer', 'cognito'],
    ['an Authorizer resource of type TOKEN', 'authorizerId: !Ref TokenAuthorizer', 'lambda'],
    ['a Lambda ARN', 'arn: arn:aws:lambda:us-east-1:123456789012:function:auth', 'lambda'],
    ['an id nothing declares', 'authorizerId: abc123', 'unknown'],
  ])('tells the REST authorizer type from %s', async (_label, spec, type) => {
    const text = `service: x
provider:
  name: aws
functions:
  f:
    handler: h.f
    events:
      - http:
          method: GET
          path: /
          authorizer:
            ${spec}
resources:
  Resources:
    UserPool:
      Type: AWS::Cognito::UserPool
    PoolAuthorizer:
      Type: AWS::ApiGateway::Authorizer
      Properties:
        Type: COGNITO_USER_POOLS
    TokenAuthorizer:
      Type: AWS::ApiGateway::Authorizer
      Properties:
        Type: TOKEN
`;
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    expect(app.functions[0]?.triggers[0]?.auth.type).toBe(type);
  });

  it('reads the httpApi catch-all route, with its authorizer', async () => {
    const text = 'service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - httpApi: "*"\n      - httpApi:\n          path: "*"\n          authorizer:\n            type: aws_iam\n';
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    expect(app.functions[0]?.triggers.map((t) => `${t.method} ${t.path} ${t.auth.type}`)).toEqual(['ANY $default none', 'ANY $default iam']);
  });

  it.each([
    ['the v1 service object', 'service:\n  name: x\nprovider:\n  name: aws\n', 'unsupported-syntax'],
    ['a miscased provider setting', 'service: x\nprovider:\n  name: aws\n  Runtime: nodejs20.x\n', 'ignored-setting'],
    ['unparseable YAML', 'service: x\nprovider: [unclosed\n', 'yaml-parse'],
    ['a list at the top', '- a\n- b\n', 'not-a-service'],
    ['no service name', 'provider:\n  name: aws\n', 'missing-service'],
    ['resources that are not a mapping', 'service: x\nprovider: aws\nresources: 3\n', 'invalid-resources'],
    ['environment that is a list', 'service: x\nprovider:\n  name: aws\n  environment: [A]\nfunctions:\n  f:\n    handler: h.f\n', 'invalid-property'],
    ['IAM statements that are not a list', 'service: x\nprovider:\n  name: aws\n  iamRoleStatements: {Effect: Allow}\nfunctions:\n  f:\n    handler: h.f\n', 'invalid-iam'],
    ['a statement without Effect', 'service: x\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Action: s3:*\nfunctions:\n  f:\n    handler: h.f\n', 'invalid-iam'],
    ['a memory size that is not a number', 'service: x\nprovider:\n  name: aws\n  memorySize: lots\nfunctions:\n  f:\n    handler: h.f\n', 'invalid-property'],
    ['a handler outside the root', 'service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: ../../../etc/h.f\n', 'path-escape'],
    ['an unknown role name', 'service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    role: NotDeclared\n', 'unknown-role'],
    ['an undeclared httpApi authorizer', 'service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - httpApi:\n          method: GET\n          path: /\n          authorizer: missing\n', 'unknown-authorizer'],
  ])('%s', async (_label, text, code) => {
    const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
    expect(codes(app)).toContain(code);
  });

  it('never runs a JavaScript include', async () => {
    const text = 'service: x\nprovider:\n  name: aws\ncustom:\n  v: ${file(./config/settings.js):value}\n';
    const app = await loadServerlessApp(root, 'includes/serverless.yml', text);
    expect(codes(app)).toEqual(['code-not-executed']);
  });

  it.each(['serverless.ts', 'serverless.js', 'serverless.mjs'])('never runs %s', async (name) => {
    const app = await loadServerlessApp(root, `includes/${name}`, 'module.exports = { service: "x" }');
    expect(app.functions).toEqual([]);
    expect(codes(app)).toEqual(['code-not-executed']);
  });
});

describe('loadServerlessApp: hostile shapes', () => {
  const fixtures = ['v3-rest-api/serverless.yml', 'v4-http-api/serverless.yml', 'bad-input/serverless.yml'];

  it.each(fixtures)('survives every truncation of %s', async (rel) => {
    const text = await readFile(path.join(root, rel), 'utf8');
    for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 60))) {
      const app = await loadServerlessApp(root, rel, text.slice(0, cut), { readFile: async () => undefined });
      expect(app.warnings.filter((w) => w.code === 'load-failed'), `cut at ${cut}`).toEqual([]);
    }
  });

  it.each([null, 0, 'text', [], [1, 'a', null], { nested: { deep: [null] } }, true])('survives %j in place of every section', async (replacement) => {
    for (const section of ['service', 'provider', 'functions', 'resources', 'custom', 'params', 'stages', 'plugins', 'package']) {
      const app = await loadServerlessApp(root, 'inline/serverless.yml', `service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - http: GET /\n${section}: ${JSON.stringify(replacement)}\n`, { readFile: async () => undefined });
      expect(app.warnings.filter((w) => w.code === 'load-failed'), section).toEqual([]);
    }
  });

  it.each([null, 0, 'text', [], [1, 'a', null], { nested: { deep: [null] } }, true])('survives %j in place of every function and provider setting', async (replacement) => {
    const keys = ['handler', 'events', 'environment', 'role', 'vpc', 'layers', 'url', 'destinations', 'onError', 'iamRoleStatements', 'memorySize', 'tracing', 'package', 'image', 'name'];
    for (const key of keys) {
      const value = JSON.stringify(replacement);
      const text = `service: x\nplugins: [serverless-iam-roles-per-function]\nprovider:\n  name: aws\n  ${key}: ${value}\n  iam: ${value}\n  httpApi: ${value}\n  apiGateway: ${value}\n  logs: ${value}\nfunctions:\n  f:\n    handler: h.f\n    ${key}: ${value}\n    events:\n      - http: ${value}\n      - httpApi: ${value}\n      - websocket: ${value}\n      - alb: ${value}\n      - stream: ${value}\n      - s3: ${value}\n`;
      const app = await loadServerlessApp(root, 'inline/serverless.yml', text, { readFile: async () => undefined });
      expect(app.warnings.filter((w) => w.code === 'load-failed' || w.code === 'yaml-parse'), key).toEqual([]);
    }
  });
});

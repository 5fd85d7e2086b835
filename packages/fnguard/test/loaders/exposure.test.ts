/** computeExposure on hand-built apps: each way in, open and closed. */
import { describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/model/exposure.js';
import type { App, Trigger } from '../../src/model/types.js';
import { buildApi, buildApp, buildFunction, buildResource, buildTrigger } from '../helpers/app-builder.js';

function judge(trigger: Trigger, extra: Partial<App> = {}): Trigger {
  const app = buildApp({ functions: [buildFunction('Fn', { triggers: [trigger] })], ...extra });
  computeExposure(app);
  return app.functions[0]!.triggers[0]!;
}

function openPolicy(type: string, key: string, target: unknown, action: string, condition?: Record<string, unknown>) {
  return buildResource(`${type.split('::')[1]}Policy`, type, {
    [key]: target,
    PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: [action], Resource: '*', ...(condition ? { Condition: condition } : {}) }] },
  });
}

describe('HTTP triggers', () => {
  it('is public without auth, and says an API key does not change that', () => {
    const result = judge(buildTrigger('http-rest', { apiId: 'Api', auth: { type: 'none', apiKeyRequired: true } }), { apis: [buildApi('Api')] });
    expect(result.public).toBe(true);
    expect(result.publicReason).toContain('API key');
  });

  it('is not public with an authorizer', () => {
    const result = judge(buildTrigger('http-api', { auth: { type: 'jwt', authorizer: 'jwt' } }));
    expect(result).toMatchObject({ public: false });
    expect(result.publicReason).toContain('jwt authorization (jwt)');
  });

  it('is not public behind a PRIVATE endpoint, whatever the auth', () => {
    const result = judge(buildTrigger('http-rest', { apiId: 'Api' }), { apis: [buildApi('Api', { endpointType: 'private' })] });
    expect(result.public).toBe(false);
  });

  it('respects a REST resource policy that keeps anonymous callers out', () => {
    const statement = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', ...extra });
    const withPolicy = (Statement: unknown[]) => judge(buildTrigger('http-rest', { apiId: 'Api' }), { apis: [buildApi('Api', { properties: { Policy: { Statement } } })] });
    const ipDeny = { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } };
    expect(withPolicy([statement({}), ipDeny])).toMatchObject({ public: false, publicReason: expect.stringContaining('denies callers') });
    expect(withPolicy([statement({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })]).public).toBe(false);
    expect(withPolicy([statement({ Principal: { AWS: ['arn:aws:iam::123456789012:root'] } })]).public).toBe(false);
    // Open to everyone, or about other actions only: still public.
    expect(withPolicy([statement({})]).public).toBe(true);
    expect(withPolicy([{ Effect: 'Deny', Principal: '*', Action: 'execute-api:InvalidateCache', Resource: '*', Condition: { Bool: { x: 'y' } } }]).public).toBe(true);
    const sam = buildApi('Api', { properties: { Auth: { ResourcePolicy: { IpRangeWhitelist: ['10.0.0.0/8'] } } } });
    expect(judge(buildTrigger('http-rest', { apiId: 'Api' }), { apis: [sam] }).public).toBe(false);
    // a Deny for one account leaves everyone else in
    expect(withPolicy([statement({}), { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'execute-api:Invoke', Resource: '*' }]).public).toBe(true);
  });

  it('reads SAM Auth.ResourcePolicy.CustomStatements, which SAM adds to the policy', () => {
    const custom = (extra: Record<string, unknown>) => buildApi('Api', { properties: { Auth: { ResourcePolicy: { CustomStatements: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', ...extra }] } } } });
    const trigger = buildTrigger('http-rest', { apiId: 'Api' });
    expect(judge(trigger, { apis: [custom({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })] })).toMatchObject({ public: false, publicReason: expect.stringContaining('networks or organisations') });
    expect(judge(trigger, { apis: [custom({})] }).public).toBe(true);
  });

  it('a condition on something other than the caller (time, TLS, headers the caller writes) keeps the API public', () => {
    const trigger = buildTrigger('http-rest', { apiId: 'Api' });
    const withCondition = (Condition: Record<string, unknown>, Effect = 'Allow') => buildApi('Api', { properties: { Policy: { Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', ...(Effect === 'Allow' ? { Condition } : {}) },
      ...(Effect === 'Deny' ? [{ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition }] : []),
    ] } } });
    expect(judge(trigger, { apis: [withCondition({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } })] }).public).toBe(true);
    expect(judge(trigger, { apis: [withCondition({ StringLike: { 'aws:UserAgent': 'my-app/*' } })] }).public).toBe(true);
    expect(judge(trigger, { apis: [withCondition({ Bool: { 'aws:SecureTransport': 'false' } }, 'Deny')] }).public).toBe(true);
    expect(judge(trigger, { apis: [withCondition({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, 'Deny')] }).public).toBe(false);
    expect(judge(trigger, { apis: [withCondition({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } })] }).public).toBe(false);
  });

  it('uses the $connect authorization for other WebSocket routes', () => {
    const api = buildApi('Ws', { kind: 'websocket', routes: [{ path: '$connect', method: 'ANY', auth: { type: 'lambda' }, location: { file: 't', line: 1, column: 1 } }] });
    expect(judge(buildTrigger('websocket', { apiId: 'Ws', path: 'sendMessage' }), { apis: [api] }).public).toBe(false);
    expect(judge(buildTrigger('websocket', { apiId: 'Ws', path: 'sendMessage' }), { apis: [buildApi('Ws', { kind: 'websocket' })] }).public).toBe(true);
  });
});

describe('load balancer and function URL triggers', () => {
  it.each([
    [{ scheme: 'internet-facing' }, 'none', true],
    [{ scheme: 'internet-facing' }, 'cognito', false],
    [{ scheme: 'internal' }, 'none', false],
    [{}, 'none', false],
  ] as const)('alb %j with %s auth -> public %s', (config, auth, expected) => {
    expect(judge(buildTrigger('alb', { config: { ...config }, auth: { type: auth } })).public).toBe(expected);
  });

  it('function URL: NONE is public, AWS_IAM is not', () => {
    expect(judge(buildTrigger('function-url', { auth: { type: 'none' } })).public).toBe(true);
    expect(judge(buildTrigger('function-url', { auth: { type: 'iam' } })).public).toBe(false);
  });
});

describe('event sources open to anyone', () => {
  it('S3: a PublicReadWrite bucket or a bucket policy letting anyone put objects', () => {
    const trigger = () => buildTrigger('s3', { sourceId: 'Bucket' });
    expect(judge(trigger(), { resources: [buildResource('Bucket', 'AWS::S3::Bucket', { AccessControl: 'PublicReadWrite' })] }).public).toBe(true);
    expect(judge(trigger(), { resources: [buildResource('Bucket', 'AWS::S3::Bucket', { AccessControl: 'PublicRead' })] }).public).toBe(false);
    expect(judge(trigger(), { resources: [openPolicy('AWS::S3::BucketPolicy', 'Bucket', { Ref: 'Bucket' }, 's3:*')] }).public).toBe(true);
    expect(judge(trigger(), { resources: [openPolicy('AWS::S3::BucketPolicy', 'Bucket', '${Bucket}', 's3:GetObject')] }).public).toBe(false);
    expect(judge(trigger(), { resources: [openPolicy('AWS::S3::BucketPolicy', 'Bucket', 'OtherBucket', 's3:PutObject')] }).public).toBe(false);
  });

  it('SQS and SNS: a resource policy open to * without condition', () => {
    const queue = buildTrigger('sqs', { sourceId: 'Queue' });
    expect(judge(queue, { resources: [openPolicy('AWS::SQS::QueuePolicy', 'Queues', [{ Ref: 'Queue' }], 'sqs:SendMessage')] }).public).toBe(true);
    const conditioned = openPolicy('AWS::SQS::QueuePolicy', 'Queues', [{ Ref: 'Queue' }], 'sqs:*', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:x' } });
    expect(judge(buildTrigger('sqs', { sourceId: 'Queue' }), { resources: [conditioned] }).public).toBe(false);
    const topic = buildTrigger('sns', { sourceId: 'Topic' });
    expect(judge(topic, { resources: [openPolicy('AWS::SNS::TopicPolicy', 'Topics', [{ Ref: 'Topic' }], '*')] }).public).toBe(true);
    expect(judge(buildTrigger('sns', { sourceId: 'Topic' })).public).toBe(false);
  });

  it('a Lambda permission for * without SourceArn/SourceAccount', () => {
    const open = buildTrigger('other', { name: 'Perm', config: { permission: 'Perm', Principal: '*' }, auth: { type: 'iam' } });
    expect(judge(open).public).toBe(true);
    const scoped = buildTrigger('other', { name: 'Perm', config: { permission: 'Perm', Principal: '*', SourceArn: 'arn:aws:s3:::b' } });
    expect(judge(scoped).public).toBe(false);
  });

  it('leaves internal event sources internal, and always explains', () => {
    for (const kind of ['schedule', 'eventbridge', 'kinesis', 'dynamodb-stream', 'cognito', 'iot'] as const) {
      const result = judge(buildTrigger(kind, { public: true }));
      expect(result.public).toBe(false);
      expect(result.publicReason).toBeTruthy();
    }
  });
});

describe('AppSync triggers', () => {
  const keyOnly = (properties: Record<string, unknown> = { AuthenticationType: 'API_KEY' }) =>
    judge(buildTrigger('appsync', { name: 'OrdersDs', sourceId: 'Graph', auth: { type: 'none', apiKeyRequired: true } }), {
      resources: [buildResource('Graph', 'AWS::AppSync::GraphQLApi', properties)],
    });

  it('is public when an API key is the only authentication, and says so', () => {
    const result = keyOnly();
    expect(result.public).toBe(true);
    expect(result.publicReason).toContain('API key only');
    expect(result.publicReason).toContain('AppSync GraphQL API Graph');
  });

  it('is not public for a PRIVATE API or one with additional providers', () => {
    expect(keyOnly({ AuthenticationType: 'API_KEY', Visibility: 'PRIVATE' })).toMatchObject({ public: false, publicReason: expect.stringContaining('PRIVATE') });
    const additional = keyOnly({ AuthenticationType: 'API_KEY', AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }] });
    expect(additional).toMatchObject({ public: false, publicReason: expect.stringContaining('additional authentication providers') });
  });

  it('is not public with real authentication or an unknown mode', () => {
    for (const auth of [{ type: 'iam' as const }, { type: 'cognito' as const }, { type: 'lambda' as const }, { type: 'unknown' as const }]) {
      const result = judge(buildTrigger('appsync', { name: 'OrdersDs', sourceId: 'Graph', auth, public: true }));
      expect(result.public).toBe(false);
      expect(result.publicReason).toBeTruthy();
    }
  });
});

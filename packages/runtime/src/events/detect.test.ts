import { describe, expect, it } from 'vitest';
import { detectEventSource, isHttpSource } from './detect.js';
import * as f from './__tests__/fixtures.js';

describe('detectEventSource', () => {
  it.each([
    ['apigw-rest', f.apigwRest()],
    ['apigw-http', f.apigwHttp()],
    ['apigw-websocket', f.websocket()],
    ['function-url', f.functionUrl()],
    ['alb', f.alb()],
    ['s3', f.s3()],
    ['sqs', f.sqs()],
    ['sns', f.sns()],
    ['dynamodb', f.dynamodb()],
    ['kinesis', f.kinesis()],
    ['eventbridge', f.eventbridge()],
    ['schedule', f.schedule()],
  ] as const)('recognises %s', (expected, event) => {
    expect(detectEventSource(event)).toBe(expected);
  });

  it('recognises the other async integrations', () => {
    expect(detectEventSource({ eventSource: 'aws:kafka', eventSourceArn: 'arn:aws:kafka:eu-west-1:1:cluster/c/1', records: { 'topic-0': [] } })).toBe('kafka');
    expect(detectEventSource({ invocationId: 'i', deliveryStreamArn: 'arn:aws:firehose:eu-west-1:1:deliverystream/s', region: 'eu-west-1', records: [] })).toBe('firehose');
    expect(detectEventSource({ awslogs: { data: 'H4sIAAAAAAAAAA==' } })).toBe('cloudwatch-logs');
    expect(detectEventSource({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'eu-west-1', userPoolId: 'eu-west-1_abc', request: {}, response: {} })).toBe('cognito');
    expect(detectEventSource({ RequestType: 'Create', ResponseURL: 'https://cloudformation-custom-resource-response.s3.amazonaws.com/x', StackId: 'arn:aws:cloudformation:...' })).toBe('cloudformation');
  });

  it('does not confuse an EventBridge event that mimics the schedule detail-type from another source', () => {
    expect(detectEventSource({ ...f.schedule(), source: 'com.attacker' })).toBe('eventbridge');
  });

  it('treats HTTP API payload format 1.0 as the REST (v1) shape', () => {
    expect(detectEventSource(f.apigwRest({ version: '1.0' }))).toBe('apigw-rest');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"Records":[]}'],
    ['a number', 42],
    ['an array', [f.sqs()]],
    ['an empty object', {}],
    ['empty Records', { Records: [] }],
    ['Records of non-objects', { Records: ['x', 1] }],
    ['records from an unknown service', { Records: [{ eventSource: 'aws:made-up' }] }],
    ['requestContext without markers', { requestContext: { foo: 1 } }],
    ['requestContext that is an array', { requestContext: [], httpMethod: 1 }],
    ['detail-type that is not a string', { 'detail-type': 7, detail: {} }],
  ])('returns unknown for %s', (_name, event) => {
    expect(detectEventSource(event)).toBe('unknown');
  });

  it('does not throw on hostile objects (getters, null prototypes)', () => {
    const bare = Object.create(null);
    bare.httpMethod = 'GET';
    bare.path = '/';
    expect(detectEventSource(bare)).toBe('apigw-rest');
    const trap = new Proxy({}, { get: () => undefined, has: () => false });
    expect(detectEventSource(trap)).toBe('unknown');
  });
});

describe('isHttpSource', () => {
  it('is true only for sources that expect an HTTP response', () => {
    for (const s of ['apigw-rest', 'apigw-http', 'apigw-websocket', 'function-url', 'alb'] as const) expect(isHttpSource(s)).toBe(true);
    for (const s of ['s3', 'sqs', 'sns', 'dynamodb', 'kinesis', 'kafka', 'firehose', 'cloudwatch-logs', 'eventbridge', 'schedule', 'cognito', 'cloudformation', 'unknown'] as const) {
      expect(isHttpSource(s)).toBe(false);
    }
  });
});

/**
 * Checks that an event really has the envelope its source promises before anything reads it.
 * Real AWS services always send these fields; a missing or mistyped one means a direct
 * invocation, a test harness, or someone forging events, and the handler must not run on it.
 * Only structure is checked here; payload content is the user's schema's job.
 */
import type { EventSource } from '../events/detect.js';
import { type FieldIssue, MAX_ISSUES } from './issues.js';

type Obj = Record<string, unknown>;
type Kind = 'string' | 'object' | 'boolean' | 'number' | 'array' | 'string?' | 'object?' | 'boolean?' | 'objectOrNull' | 'stringOrNull';

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string': return typeof value === 'string';
    case 'object': return isObject(value);
    case 'boolean': return typeof value === 'boolean';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'array': return Array.isArray(value);
    case 'string?': return value === undefined || typeof value === 'string';
    case 'object?': return value === undefined || isObject(value);
    case 'boolean?': return value === undefined || typeof value === 'boolean';
    case 'objectOrNull': return value === undefined || value === null || isObject(value);
    case 'stringOrNull': return value === undefined || value === null || typeof value === 'string';
  }
}

type Shape = ReadonlyArray<readonly [path: string, kind: Kind]>;

const SPLIT_CACHE = new Map<string, string[]>();

function get(root: unknown, path: string): unknown {
  let keys = SPLIT_CACHE.get(path);
  if (!keys) {
    keys = path.split('.');
    SPLIT_CACHE.set(path, keys);
  }
  let current = root;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function check(root: unknown, shape: Shape, prefix: string, issues: FieldIssue[]): void {
  for (const [path, kind] of shape) {
    if (issues.length >= MAX_ISSUES) return;
    if (!matches(get(root, path), kind)) issues.push({ field: prefix ? `${prefix}.${path}` : path, rule: 'envelope' });
  }
}

const SHAPES: Partial<Record<EventSource, { top: Shape; record?: Shape; recordSource?: string }>> = {
  'apigw-rest': {
    top: [['httpMethod', 'string'], ['path', 'string'], ['requestContext', 'object'], ['headers', 'objectOrNull'], ['multiValueHeaders', 'objectOrNull'],
      ['queryStringParameters', 'objectOrNull'], ['pathParameters', 'objectOrNull'], ['body', 'stringOrNull'], ['isBase64Encoded', 'boolean?']],
  },
  'apigw-http': {
    top: [['version', 'string'], ['rawPath', 'string'], ['requestContext', 'object'], ['requestContext.http', 'object'], ['requestContext.http.method', 'string'],
      ['headers', 'object?'], ['queryStringParameters', 'object?'], ['pathParameters', 'object?'], ['body', 'string?'], ['isBase64Encoded', 'boolean?']],
  },
  'function-url': {
    top: [['version', 'string'], ['rawPath', 'string'], ['requestContext', 'object'], ['requestContext.http', 'object'], ['requestContext.http.method', 'string'],
      ['headers', 'object?'], ['queryStringParameters', 'object?'], ['body', 'string?'], ['isBase64Encoded', 'boolean?']],
  },
  'apigw-websocket': {
    top: [['requestContext', 'object'], ['requestContext.connectionId', 'string'], ['requestContext.routeKey', 'string'], ['requestContext.eventType', 'string'],
      ['body', 'stringOrNull'], ['isBase64Encoded', 'boolean?']],
  },
  alb: {
    top: [['httpMethod', 'string'], ['path', 'string'], ['requestContext.elb.targetGroupArn', 'string'], ['headers', 'object?'], ['multiValueHeaders', 'object?'],
      ['queryStringParameters', 'object?'], ['body', 'stringOrNull'], ['isBase64Encoded', 'boolean']],
  },
  sqs: {
    top: [['Records', 'array']],
    recordSource: 'aws:sqs',
    record: [['messageId', 'string'], ['receiptHandle', 'string'], ['body', 'string'], ['attributes', 'object'], ['messageAttributes', 'object'],
      ['md5OfBody', 'string'], ['eventSource', 'string'], ['eventSourceARN', 'string'], ['awsRegion', 'string']],
  },
  sns: {
    top: [['Records', 'array']],
    recordSource: 'aws:sns',
    record: [['EventSource', 'string'], ['EventSubscriptionArn', 'string'], ['Sns', 'object'], ['Sns.MessageId', 'string'], ['Sns.TopicArn', 'string'],
      ['Sns.Message', 'string'], ['Sns.Type', 'string'], ['Sns.Timestamp', 'string'], ['Sns.MessageAttributes', 'object?']],
  },
  s3: {
    top: [['Records', 'array']],
    recordSource: 'aws:s3',
    record: [['eventSource', 'string'], ['eventName', 'string'], ['eventTime', 'string'], ['awsRegion', 'string'], ['s3', 'object'], ['s3.bucket.name', 'string'],
      ['s3.bucket.arn', 'string'], ['s3.object.key', 'string']],
  },
  dynamodb: {
    top: [['Records', 'array']],
    recordSource: 'aws:dynamodb',
    record: [['eventID', 'string'], ['eventName', 'string'], ['eventSource', 'string'], ['eventSourceARN', 'string'], ['dynamodb', 'object'], ['dynamodb.Keys', 'object?'],
      ['dynamodb.NewImage', 'object?'], ['dynamodb.OldImage', 'object?'], ['dynamodb.SequenceNumber', 'string?']],
  },
  kinesis: {
    top: [['Records', 'array']],
    recordSource: 'aws:kinesis',
    record: [['eventID', 'string'], ['eventSource', 'string'], ['eventSourceARN', 'string'], ['kinesis', 'object'], ['kinesis.data', 'string'],
      ['kinesis.partitionKey', 'string'], ['kinesis.sequenceNumber', 'string']],
  },
  eventbridge: {
    top: [['id', 'string'], ['source', 'string'], ['detail-type', 'string'], ['detail', 'object'], ['account', 'string'], ['time', 'string'], ['region', 'string'], ['resources', 'array']],
  },
  schedule: {
    top: [['id', 'string'], ['source', 'string'], ['detail-type', 'string'], ['account', 'string'], ['time', 'string'], ['region', 'string'], ['resources', 'array']],
  },
  kafka: { top: [['eventSource', 'string'], ['eventSourceArn', 'string?'], ['records', 'object']] },
  firehose: { top: [['invocationId', 'string'], ['deliveryStreamArn', 'string'], ['region', 'string'], ['records', 'array']] },
  'cloudwatch-logs': { top: [['awslogs', 'object'], ['awslogs.data', 'string']] },
  cognito: { top: [['version', 'string'], ['triggerSource', 'string'], ['region', 'string'], ['userPoolId', 'string'], ['request', 'object'], ['response', 'object']] },
  cloudformation: {
    top: [['RequestType', 'string'], ['ResponseURL', 'string'], ['StackId', 'string'], ['RequestId', 'string'], ['LogicalResourceId', 'string'], ['ResourceType', 'string'],
      ['ResourceProperties', 'object?']],
  },
};

/**
 * A custom resource handler PUTs its result to ResponseURL; a forged event pointing it at an
 * internal or attacker host turns the function into an SSRF / exfiltration proxy. CloudFormation
 * always sends an HTTPS pre-signed S3 URL.
 */
function responseUrlIssue(url: unknown): FieldIssue | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase();
    const s3 = host.endsWith('.amazonaws.com') || host.endsWith('.amazonaws.com.cn');
    if (parsed.protocol === 'https:' && s3 && parsed.username === '' && parsed.password === '' && (parsed.port === '' || parsed.port === '443')) return undefined;
  } catch {
    // fall through: an unparsable URL is refused like a foreign one
  }
  return { field: 'ResponseURL', rule: 'format' };
}

const DYNAMODB_EVENTS = new Set(['INSERT', 'MODIFY', 'REMOVE']);

/** Empty result = envelope fine. Unknown sources have no envelope to check. */
export function checkEnvelope(source: EventSource, event: unknown): FieldIssue[] {
  const shape = SHAPES[source];
  if (!shape) return [];
  const issues: FieldIssue[] = [];
  check(event, shape.top, '', issues);
  if (shape.record && isObject(event) && Array.isArray(event.Records)) {
    const records = event.Records;
    if (records.length === 0) issues.push({ field: 'Records', rule: 'minItems' });
    for (let i = 0; i < records.length && issues.length < MAX_ISSUES; i++) {
      const record = records[i];
      const before = issues.length;
      check(record, shape.record, `Records.${i}`, issues);
      if (issues.length !== before) continue;
      // a batch never mixes services; a foreign record is a forged or corrupted event
      const declared = (record as Obj).eventSource ?? (record as Obj).EventSource;
      if (declared !== shape.recordSource) issues.push({ field: `Records.${i}.eventSource`, rule: 'const' });
      if (source === 'dynamodb' && !DYNAMODB_EVENTS.has((record as Obj).eventName as string)) issues.push({ field: `Records.${i}.eventName`, rule: 'enum' });
    }
  }
  if (source === 'cloudformation' && isObject(event)) {
    const issue = responseUrlIssue(event.ResponseURL);
    if (issue) issues.push(issue);
  }
  if (source === 'apigw-http' || source === 'function-url') {
    if (isObject(event) && event.version !== '2.0') issues.push({ field: 'version', rule: 'const' });
  }
  return issues.slice(0, MAX_ISSUES);
}

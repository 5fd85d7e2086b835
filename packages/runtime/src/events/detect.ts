/**
 * Recognises which AWS service invoked the function from the event's envelope alone, so that
 * every protection can answer "is this HTTP (respond with a status) or async (log and drop)?".
 * Checks go from the most specific marker to the least, because several envelopes share fields.
 * Detection is a routing hint, not proof: anyone who can invoke the function can forge any shape,
 * which is why `validate` checks the whole envelope before trusting it.
 */

export type EventSource =
  | 'apigw-rest'
  | 'apigw-http'
  | 'apigw-websocket'
  | 'function-url'
  | 'alb'
  | 's3'
  | 'sqs'
  | 'sns'
  | 'dynamodb'
  | 'kinesis'
  | 'kafka'
  | 'firehose'
  | 'cloudwatch-logs'
  | 'eventbridge'
  | 'schedule'
  | 'cognito'
  | 'cloudformation'
  | 'unknown';

const HTTP_SOURCES: ReadonlySet<EventSource> = new Set(['apigw-rest', 'apigw-http', 'apigw-websocket', 'function-url', 'alb']);

export function isHttpSource(source: EventSource): boolean {
  return HTTP_SOURCES.has(source);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstRecordSource(records: unknown[]): EventSource {
  const first = records[0];
  if (!isObject(first)) return 'unknown';
  const source = first.eventSource ?? first.EventSource;
  switch (source) {
    case 'aws:s3': return 's3';
    case 'aws:sqs': return 'sqs';
    case 'aws:sns': return 'sns';
    case 'aws:dynamodb': return 'dynamodb';
    case 'aws:kinesis': return 'kinesis';
    default: return 'unknown';
  }
}

function httpSource(event: Record<string, unknown>, requestContext: Record<string, unknown>): EventSource {
  if (isObject(requestContext.elb)) return 'alb';
  if (typeof requestContext.connectionId === 'string' && typeof requestContext.routeKey === 'string' && 'eventType' in requestContext) return 'apigw-websocket';
  if (event.version === '2.0') {
    const domain = typeof requestContext.domainName === 'string' ? requestContext.domainName : '';
    return domain.includes('.lambda-url.') ? 'function-url' : 'apigw-http';
  }
  if (typeof event.httpMethod === 'string' || typeof requestContext.resourcePath === 'string') return 'apigw-rest';
  return 'unknown';
}

export function detectEventSource(event: unknown): EventSource {
  if (!isObject(event)) return 'unknown';
  if (Array.isArray(event.Records)) return event.Records.length > 0 ? firstRecordSource(event.Records) : 'unknown';
  const requestContext = event.requestContext;
  if (isObject(requestContext)) {
    const http = httpSource(event, requestContext);
    if (http !== 'unknown') return http;
  }
  if (typeof event.httpMethod === 'string' && 'path' in event) return 'apigw-rest';
  if (typeof event['detail-type'] === 'string' && 'detail' in event) {
    return event['detail-type'] === 'Scheduled Event' && event.source === 'aws.events' ? 'schedule' : 'eventbridge';
  }
  // MSK and self-managed Kafka batch records by topic-partition under `records`
  if ((event.eventSource === 'aws:kafka' || event.eventSource === 'SelfManagedKafka') && isObject(event.records)) return 'kafka';
  if (typeof event.deliveryStreamArn === 'string' && Array.isArray(event.records)) return 'firehose';
  if (isObject(event.awslogs) && typeof event.awslogs.data === 'string') return 'cloudwatch-logs';
  if (typeof event.triggerSource === 'string' && typeof event.userPoolId === 'string') return 'cognito';
  if (typeof event.RequestType === 'string' && typeof event.ResponseURL === 'string' && typeof event.StackId === 'string') return 'cloudformation';
  return 'unknown';
}

/**
 * Sample events shaped like the ones AWS documents for each integration (ids and ARNs invented).
 * Each call returns a fresh copy so tests may mutate freely.
 */

export const TRACE_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

export function apigwRest(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    resource: '/orders/{id}',
    path: '/orders/42',
    httpMethod: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      'User-Agent': 'curl/8.4.0',
      'X-Forwarded-For': '203.0.113.9',
    },
    multiValueHeaders: {
      Accept: ['application/json'],
      'Content-Type': ['application/json'],
      Host: ['abc123.execute-api.eu-west-1.amazonaws.com'],
      'User-Agent': ['curl/8.4.0'],
      'X-Forwarded-For': ['203.0.113.9'],
    },
    queryStringParameters: { verbose: 'true' },
    multiValueQueryStringParameters: { verbose: ['true'] },
    pathParameters: { id: '42' },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      resourceId: 'x1y2z3',
      resourcePath: '/orders/{id}',
      httpMethod: 'POST',
      path: '/prod/orders/42',
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1_700_000_000_000,
      protocol: 'HTTP/1.1',
      identity: { sourceIp: '203.0.113.9', userAgent: 'curl/8.4.0' },
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    },
    body: JSON.stringify({ item: 'book', quantity: 2 }),
    isBase64Encoded: false,
    ...overrides,
  };
}

export function apigwHttp(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    version: '2.0',
    routeKey: 'POST /orders/{id}',
    rawPath: '/orders/42',
    rawQueryString: 'verbose=true',
    cookies: ['session=opaque'],
    headers: { 'content-type': 'application/json', host: 'xyz789.execute-api.eu-west-1.amazonaws.com', 'user-agent': 'curl/8.4.0' },
    queryStringParameters: { verbose: 'true' },
    pathParameters: { id: '42' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'xyz789',
      domainName: 'xyz789.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'xyz789',
      http: { method: 'POST', path: '/orders/42', protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'curl/8.4.0' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: 'POST /orders/{id}',
      stage: '$default',
      time: '12/Mar/2024:19:03:58 +0000',
      timeEpoch: 1_710_270_238_000,
    },
    body: JSON.stringify({ item: 'book', quantity: 2 }),
    isBase64Encoded: false,
    ...overrides,
  };
}

export function functionUrl(overrides: Record<string, unknown> = {}): Record<string, any> {
  const event = apigwHttp(overrides);
  event.routeKey = '$default';
  event.requestContext.domainName = 'a1b2c3d4e5f6g7h8.lambda-url.eu-west-1.on.aws';
  event.requestContext.domainPrefix = 'a1b2c3d4e5f6g7h8';
  event.requestContext.routeKey = '$default';
  event.requestContext.authorizer = { iam: null };
  delete event.pathParameters;
  return event;
}

export function websocket(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    requestContext: {
      routeKey: 'sendmessage',
      messageId: 'abc=',
      eventType: 'MESSAGE',
      extendedRequestId: 'ext=',
      requestTime: '12/Mar/2024:19:03:58 +0000',
      messageDirection: 'IN',
      stage: 'prod',
      connectedAt: 1_710_270_000_000,
      requestTimeEpoch: 1_710_270_238_000,
      identity: { sourceIp: '192.0.2.44' },
      requestId: 'req=',
      domainName: 'ws123.execute-api.eu-west-1.amazonaws.com',
      connectionId: 'conn-AbC123=',
      apiId: 'ws123',
    },
    body: JSON.stringify({ action: 'sendmessage', text: 'hi' }),
    isBase64Encoded: false,
    ...overrides,
  };
}

export function alb(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lambda-tg/6d0ecf831eec9f09' } },
    httpMethod: 'GET',
    path: '/health',
    queryStringParameters: {},
    headers: { accept: 'application/json', host: 'lambda-alb-123.eu-west-1.elb.amazonaws.com', 'x-forwarded-for': '192.0.2.10', 'x-forwarded-proto': 'https' },
    body: '',
    isBase64Encoded: false,
    ...overrides,
  };
}

export function sqs(bodies: unknown[] = [{ orderId: 'o-1' }]): Record<string, any> {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `059f36b4-87a3-44ab-83d2-66197572400${i}`,
      receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183', SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: '1545082649185' },
      messageAttributes: {},
      md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:orders',
      awsRegion: 'eu-west-1',
    })),
  };
}

export function sns(message: unknown = { alert: 'disk' }): Record<string, any> {
  return {
    Records: [{
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55',
      EventSource: 'aws:sns',
      Sns: {
        SignatureVersion: '1',
        Timestamp: '2024-03-12T19:03:58.000Z',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
        MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
        Message: typeof message === 'string' ? message : JSON.stringify(message),
        MessageAttributes: {},
        Type: 'Notification',
        UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts',
        Subject: 'TestInvoke',
      },
    }],
  };
}

export function s3(): Record<string, any> {
  return {
    Records: [{
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2024-03-12T19:03:58.000Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'EXAMPLE' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'EXAMPLE123456789', 'x-amz-id-2': 'EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'testConfigRule',
        bucket: { name: 'uploads-bucket', ownerIdentity: { principalId: 'EXAMPLE' }, arn: 'arn:aws:s3:::uploads-bucket' },
        object: { key: 'incoming/report.csv', size: 1024, eTag: '0123456789abcdef0123456789abcdef', sequencer: '0A1B2C3D4E5F678901' },
      },
    }],
  };
}

export function dynamodb(): Record<string, any> {
  return {
    Records: [{
      eventID: 'c4ca4238a0b923820dcc509a6f75849b',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        Keys: { Id: { N: '101' } },
        NewImage: { Message: { S: 'New item!' }, Id: { N: '101' } },
        ApproximateCreationDateTime: 1_428_537_600,
        SequenceNumber: '4421584500000000017450439091',
        SizeBytes: 26,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2024-03-12T00:00:00.000',
    }],
  };
}

export function kinesis(payload: unknown = { reading: 21.5 }): Record<string, any> {
  return {
    Records: [{
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'sensor-1',
        sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
        data: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)).toString('base64'),
        approximateArrivalTimestamp: 1_545_084_650.987,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/lambda-role',
      awsRegion: 'eu-west-1',
      eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/telemetry',
    }],
  };
}

export function eventbridge(detail: unknown = { orderId: 'o-1', state: 'PAID' }): Record<string, any> {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'OrderPaid',
    source: 'com.example.orders',
    account: '123456789012',
    time: '2024-03-12T19:03:58Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

export function schedule(): Record<string, any> {
  return {
    version: '0',
    id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: '2024-03-12T19:00:00Z',
    region: 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:123456789012:rule/nightly'],
    detail: {},
  };
}

export function lambdaContext(overrides: Record<string, unknown> = {}, remainingMs = 3000): Record<string, any> {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
    functionName: 'orders-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/orders-api',
    logStreamName: '2024/03/12/[$LATEST]abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    ...overrides,
  };
}

/** Collects lines written by a logger so tests can parse them. */
export function memoryDestination(): { lines: string[]; write(line: string): void; records(): Array<Record<string, any>> } {
  const lines: string[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(line);
    },
    records() {
      return lines.map((line) => JSON.parse(line));
    },
  };
}

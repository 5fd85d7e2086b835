/**
 * The API Gateway events the runtime benchmarks send: a typical ~2 KB REST (v1) order request,
 * the same request from another customer (every body value and the query new), its context and
 * the order schema validation checks it against.
 */
// a typical ~2 KB API Gateway REST (v1) event
const body = JSON.stringify({
  customerId: 'c-3f2a9b',
  currency: 'EUR',
  note: 'Please leave the parcel with the neighbour at number 12 if nobody is home.',
  items: Array.from({ length: 6 }, (_, i) => ({ sku: `SKU-${1000 + i}`, name: `Item number ${i}`, quantity: i + 1, price: 9.99 + i })),
  shipping: { street: '1 Example Road', city: 'Dublin', postcode: 'D01 X2Y3', country: 'IE' },
});
export function makeEvent(body_ = body, query = { verbose: 'true' }) {
  return {
    resource: '/orders',
    path: '/orders',
    httpMethod: 'POST',
    headers: {
      accept: 'application/json', 'accept-encoding': 'gzip, deflate, br', 'content-type': 'application/json',
      host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
      'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793', 'x-forwarded-for': '203.0.113.9', 'x-forwarded-port': '443', 'x-forwarded-proto': 'https',
    },
    multiValueHeaders: null,
    queryStringParameters: query,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', resourceId: 'x1y2z3', resourcePath: '/orders', httpMethod: 'POST', path: '/prod/orders',
      stage: 'prod', requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', requestTimeEpoch: 1_700_000_000_000, protocol: 'HTTP/1.1',
      identity: { sourceIp: '203.0.113.9', userAgent: 'Mozilla/5.0' }, domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    },
    body: body_,
    isBase64Encoded: false,
  };
}

/** The same request from another customer: every body value and the query are new (`variant` > 0). */
export function makeFreshEvent(variant) {
  const freshBody = JSON.stringify({
    customerId: `c-${variant}`,
    currency: 'EUR',
    note: `Please leave the parcel with the neighbour at number ${variant % 97} if nobody is home.`,
    items: Array.from({ length: 6 }, (_, i) => ({ sku: `SKU-${1000 + i + variant}`, name: `Item number ${i} of order ${variant}`, quantity: i + 1, price: 9.99 + i })),
    shipping: { street: `${variant} Example Road`, city: 'Dublin', postcode: 'D01 X2Y3', country: 'IE' },
  });
  return makeEvent(freshBody, { verbose: 'true', ref: `cart-${variant}` });
}
export const context = {
  awsRequestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd', functionName: 'orders-api', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api', memoryLimitInMB: '512',
  getRemainingTimeInMillis: () => 30_000,
};

export const orderSchema = {
  type: 'object',
  required: ['customerId', 'currency', 'items'],
  properties: {
    customerId: { type: 'string', maxLength: 64 },
    currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
    note: { type: 'string', maxLength: 500 },
    items: { type: 'array', maxItems: 50, items: { type: 'object', required: ['sku', 'quantity'], properties: { sku: { type: 'string' }, name: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, price: { type: 'number' } } } },
    shipping: { type: 'object' },
  },
};

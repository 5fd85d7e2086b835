import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import * as f from '../events/__tests__/fixtures.js';
import { JsonSecurityLogger } from '../log/logger.js';
import { ValidationError } from './issues.js';
import { compileSchema } from './schema.js';
import { validate, type ValidateOptions } from './validate.js';

const orderSchema = {
  type: 'object',
  properties: { item: { type: 'string', maxLength: 20 }, quantity: { type: 'integer', minimum: 1 } },
  required: ['item', 'quantity'],
  additionalProperties: false,
} as const;

function setup(options: ValidateOptions) {
  const out = f.memoryDestination();
  const logger = new JsonSecurityLogger({ destination: out });
  const middleware = validate({ logger, ...options });
  const run = async (event: unknown) => {
    const request = { event, context: f.lambdaContext() as any, response: undefined, error: undefined, internal: {} };
    const response = await middleware.before!(request);
    return { response: response as any, request };
  };
  return { run, out };
}

describe('validate: HTTP', () => {
  it('passes a valid body and exposes parsed input on context.validated', async () => {
    const { run } = setup({ body: orderSchema, pathParameters: { type: 'object', required: ['id'] } });
    const { response, request } = await run(f.apigwRest());
    expect(response).toBeUndefined();
    expect(request.context.validated).toEqual({ body: { item: 'book', quantity: 2 }, pathParameters: { id: '42' } });
  });

  it('answers 400 naming failing fields and rules, never the values', async () => {
    const { run, out } = setup({ body: orderSchema });
    const { response } = await run(f.apigwRest({ body: JSON.stringify({ item: '<script>alert(1)</script> much too long', quantity: 'lots' }) }));
    expect(response.statusCode).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(response.body);
    expect(body.requestId).toBe('8476a536-e9f4-11e8-9739-2dfe598c3fcd');
    expect(body.errors[0]).toEqual({ field: expect.stringMatching(/^body\.(item|quantity)$/), rule: expect.any(String) });
    expect(response.body).not.toMatch(/script|lots/);
    const record = out.records().find((r) => r.event === 'validation.failed');
    expect(record).toMatchObject({ status: 400, level: 40 });
    expect(out.lines.join('')).not.toContain('script');
  });

  it('reports a missing required field by its schema name', async () => {
    const { run } = setup({ body: orderSchema });
    const { response } = await run(f.apigwRest({ body: JSON.stringify({ item: 'x' }) }));
    expect(JSON.parse(response.body).errors).toEqual([{ field: 'body.quantity', rule: 'required' }]);
  });

  it('does not echo attacker-chosen key names from additionalProperties or deep paths', async () => {
    const { run } = setup({ body: { type: 'object', additionalProperties: { type: 'string' } } });
    const { response } = await run(f.apigwRest({ body: JSON.stringify({ '<img src=x onerror=alert(1)>': 5 }) }));
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('img');
    expect(JSON.parse(response.body).errors).toEqual([{ field: 'body.*', rule: 'type' }]);
  });

  it.each([
    ['invalid JSON', { body: '{"item": "book",' }, 400, 'json'],
    ['a JSON body sent as text/plain', { headers: { 'Content-Type': 'text/plain' } }, 415, 'contentType'],
    ['a body without content type', { headers: {}, multiValueHeaders: {} }, 415, 'contentType'],
    ['a non-UTF-8 charset', { headers: { 'content-type': 'application/json; charset=latin1' }, multiValueHeaders: {} }, 415, 'contentType'],
    ['a body over maxBytes', { body: JSON.stringify({ item: 'x'.repeat(2000), quantity: 1 }) }, 413, 'maxBytes'],
    ['invalid base64', { body: '%%%not-base64%%%', isBase64Encoded: true }, 400, 'base64'],
  ])('refuses %s', async (_name, overrides, status, rule) => {
    const { run } = setup({ body: orderSchema, maxBytes: 1024 });
    const event = f.apigwRest(overrides);
    const { response } = await run(event);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body)).toMatchObject({ message: { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type' }[status] });
    expect(JSON.parse(response.body).errors[0].rule).toBe(rule);
  });

  it('counts bytes, not characters, against maxBytes', async () => {
    const { run } = setup({ body: { type: 'object' }, maxBytes: 100 });
    const { response } = await run(f.apigwRest({ body: JSON.stringify({ s: '€'.repeat(40) }) }));
    expect(response.statusCode).toBe(413);
  });

  it('refuses an oversized base64 body from its encoded length, without decoding it', async () => {
    const { run } = setup({ body: { type: 'object' }, maxBytes: 1000 });
    const from = vi.spyOn(Buffer, 'from');
    const { response } = await run(f.apigwRest({ body: 'A'.repeat(1_000_000), isBase64Encoded: true }));
    expect(response.statusCode).toBe(413);
    expect(from).not.toHaveBeenCalled();
    from.mockRestore();
  });

  it('refuses oversized bodies even when no body schema is configured', async () => {
    const { run } = setup({ queryStringParameters: { type: 'object' }, maxBytes: 10 });
    const { response } = await run(f.apigwRest());
    expect(response.statusCode).toBe(413);
  });

  it('decodes base64 bodies and accepts +json media types', async () => {
    const { run } = setup({ body: orderSchema });
    const body = Buffer.from(JSON.stringify({ item: 'pen', quantity: 1 })).toString('base64');
    const { response, request } = await run(f.apigwHttp({ body, isBase64Encoded: true, headers: { 'content-type': 'application/vnd.api+json; charset=utf-8' } }));
    expect(response).toBeUndefined();
    expect(request.context.validated.body).toEqual({ item: 'pen', quantity: 1 });
  });

  it('validates query, path and headers (lowercased), treating null parameter maps as empty', async () => {
    const { run } = setup({
      queryStringParameters: { type: 'object', required: ['page'], properties: { page: { type: 'string', pattern: '^[0-9]{1,4}$' } } },
      headers: { type: 'object', required: ['x-tenant'] },
    });
    const missing = await run(f.apigwRest({ queryStringParameters: null }));
    expect(JSON.parse(missing.response.body).errors).toEqual([
      { field: 'queryStringParameters.page', rule: 'required' },
      { field: 'headers.x-tenant', rule: 'required' },
    ]);
    const ok = await run(f.apigwRest({ queryStringParameters: { page: '3' }, headers: { 'X-Tenant': 'acme', 'Content-Type': 'application/json' } }));
    expect(ok.response).toBeUndefined();
  });

  it('accepts zod-like schemas and hands the parsed (transformed) data to the handler', async () => {
    const schema = z.object({ item: z.string().transform((s) => s.toUpperCase()), quantity: z.number().int().positive() });
    const { run } = setup({ body: schema });
    const ok = await run(f.apigwRest());
    expect(ok.request.context.validated.body).toEqual({ item: 'BOOK', quantity: 2 });
    const bad = await run(f.apigwRest({ body: JSON.stringify({ item: 'x', quantity: -1, extra: 'SECRET-VALUE' }) }));
    expect(bad.response.statusCode).toBe(400);
    expect(JSON.parse(bad.response.body).errors).toEqual([{ field: 'body.quantity', rule: 'too_small' }]);
    expect(bad.response.body).not.toContain('SECRET-VALUE');
  });

  it('parses WebSocket message bodies as JSON without a content type', async () => {
    const { run } = setup({ body: z.object({ action: z.literal('sendmessage'), text: z.string() }) });
    expect((await run(f.websocket())).request.context.validated.body).toEqual({ action: 'sendmessage', text: 'hi' });
    const bad = await run(f.websocket({ body: 'not json' }));
    expect(JSON.parse(bad.response.body).errors).toEqual([{ field: 'body', rule: 'json' }]);
  });

  it('refuses an HTTP event whose envelope is malformed', async () => {
    const { run } = setup({ body: orderSchema });
    const { response } = await run(f.apigwRest({ headers: 'not-an-object', body: 42 }));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual(expect.arrayContaining([{ field: 'headers', rule: 'envelope' }, { field: 'body', rule: 'envelope' }]));
  });

  it('refuses events from sources not on the allow-list', async () => {
    const { run } = setup({ sources: ['apigw-http'] });
    const { response } = await run(f.apigwRest());
    expect(JSON.parse(response.body).errors).toEqual([{ field: 'event', rule: 'source' }]);
  });
});

describe('validate: async sources', () => {
  const payload = z.object({ orderId: z.string() });

  it.each([
    ['sqs', f.sqs([{ orderId: 'a' }, { orderId: 'b' }]), [{ orderId: 'a' }, { orderId: 'b' }]],
    ['sns', f.sns({ orderId: 'c' }), [{ orderId: 'c' }]],
    ['kinesis', f.kinesis({ orderId: 'd' }), [{ orderId: 'd' }]],
  ])('parses and validates each %s record payload', async (_name, event, expected) => {
    const { run } = setup({ body: payload });
    const { response, request } = await run(event);
    expect(response).toBeUndefined();
    expect(request.context.validated.records).toEqual(expected);
  });

  it('validates the EventBridge detail', async () => {
    const { run } = setup({ body: z.object({ orderId: z.string(), state: z.enum(['PAID']) }) });
    const { request } = await run(f.eventbridge());
    expect(request.context.validated.body).toEqual({ orderId: 'o-1', state: 'PAID' });
    await expect(run(f.eventbridge({ orderId: 1 }))).rejects.toBeInstanceOf(ValidationError);
  });

  it('throws a ValidationError (so the batch is retried / dead-lettered) and logs the rejection', async () => {
    const { run, out } = setup({ body: payload });
    const error = await run(f.sqs([{ orderId: 'ok' }, { nope: 'password=hunter2' }, 'not json'])).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { field: 'Records.1.payload.orderId', rule: 'invalid_type' },
      { field: 'Records.2.body', rule: 'json' },
    ]);
    expect(out.records()[0]).toMatchObject({ event: 'validation.failed', source: 'sqs' });
    expect(out.lines.join('')).not.toContain('hunter2');
  });

  it.each([
    ['an SQS record missing its body', () => { const e = f.sqs(); delete e.Records[0].body; return e; }, 'Records.0.body'],
    ['an SQS record with a numeric body', () => { const e = f.sqs(); e.Records[0].body = 5; return e; }, 'Records.0.body'],
    ['a batch mixing an SNS record into SQS', () => { const e = f.sqs([{ orderId: 'a' }, { orderId: 'b' }]); e.Records[1].eventSource = 'aws:sns'; return e; }, 'Records.1.eventSource'],
    ['an SNS record without Message', () => { const e = f.sns(); delete e.Records[0].Sns.Message; return e; }, 'Records.0.Sns.Message'],
    ['an S3 record without the object key', () => { const e = f.s3(); delete e.Records[0].s3.object.key; return e; }, 'Records.0.s3.object.key'],
    ['a DynamoDB record with an unknown eventName', () => { const e = f.dynamodb(); e.Records[0].eventName = 'DROP'; return e; }, 'Records.0.eventName'],
    ['a Kinesis record with non-string data', () => { const e = f.kinesis(); e.Records[0].kinesis.data = {}; return e; }, 'Records.0.kinesis.data'],
    ['an EventBridge event with detail as a string', () => ({ ...f.eventbridge(), detail: 'x' }), 'detail'],
  ])('rejects the envelope of %s', async (_name, make, field) => {
    const { run } = setup({});
    const error = await run(make()).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: any) => i.field)).toContain(field);
  });

  it('accepts every well-formed sample envelope', async () => {
    const { run } = setup({});
    for (const event of [f.apigwRest(), f.apigwHttp(), f.functionUrl(), f.websocket(), f.alb(), f.s3(), f.sqs(), f.sns(), f.dynamodb(), f.kinesis(), f.eventbridge(), f.schedule()]) {
      const { response } = await run(event);
      expect(response).toBeUndefined();
    }
  });

  it('checks the envelopes of the other integrations', async () => {
    const { run } = setup({});
    const cfn = {
      RequestType: 'Create', RequestId: 'r-1', StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1', LogicalResourceId: 'Custom', ResourceType: 'Custom::Thing',
      ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/arn%3Aaws?X-Amz-Signature=abc',
      ResourceProperties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:f' },
    };
    expect((await run(cfn)).response).toBeUndefined();
    expect((await run({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'eu-west-1', userPoolId: 'eu-west-1_abc', request: {}, response: {} })).response).toBeUndefined();
    await expect(run({ invocationId: 'i', deliveryStreamArn: 'arn:aws:firehose:eu-west-1:1:deliverystream/s', records: [] })).rejects.toBeInstanceOf(ValidationError);
    for (const ResponseURL of ['http://169.254.169.254/latest/meta-data/', 'https://attacker.example/collect', 'https://user:pw@bucket.s3.amazonaws.com/x', 'https://evil.amazonaws.com.attacker.net/x', 'not a url']) {
      const error = await run({ ...cfn, ResponseURL }).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues).toEqual([{ field: 'ResponseURL', rule: 'format' }]);
    }
  });

  it('validates direct invocations with an event schema and refuses non-object events', async () => {
    const { run } = setup({ event: z.object({ jobId: z.string() }) });
    expect((await run({ jobId: 'j1' })).request.context.validated.event).toEqual({ jobId: 'j1' });
    await expect(run({ jobId: 1 })).rejects.toBeInstanceOf(ValidationError);
    const plain = setup({});
    await expect(plain.run('a string event')).rejects.toBeInstanceOf(ValidationError);
    await expect(plain.run(null)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('schema compilation', () => {
  it('compiles a JSON Schema once per schema object', async () => {
    const schema = { type: 'string' };
    const first = await compileSchema(schema);
    expect(await compileSchema(schema)).toBe(first);
    expect(await compileSchema({ type: 'string' })).not.toBe(first);
  });

  it('fails loudly on a schema ajv cannot compile (unknown format in strict mode)', async () => {
    await expect(compileSchema({ type: 'string', format: 'no-such-format' })).rejects.toThrow(/does not compile/);
  });

  it('rejects options that make no sense', () => {
    expect(() => validate({ maxBytes: -1 })).toThrow(/maxBytes/);
  });
});

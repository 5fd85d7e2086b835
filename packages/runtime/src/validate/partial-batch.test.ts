import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { guard } from '../core/guard.js';
import * as f from '../events/__tests__/fixtures.js';
import { JsonSecurityLogger } from '../log/logger.js';
import { ValidationError } from './issues.js';
import { validate } from './validate.js';

const payload = z.object({ orderId: z.string() });

function harness(partialBatch: boolean) {
  const out = f.memoryDestination();
  const log = new JsonSecurityLogger({ destination: out });
  const seen: Array<{ records: unknown; recordIds: unknown }> = [];
  const handler = guard(async (_event: unknown, context) => {
    seen.push({ records: context.validated?.records, recordIds: context.validated?.recordIds });
    return undefined;
  }, { log, validate: { body: payload, partialBatch } });
  return { handler, seen, out };
}

describe('validate: partial batch responses', () => {
  it('runs the handler on the valid SQS records and reports the others as batch item failures', async () => {
    const { handler, seen, out } = harness(true);
    const event = f.sqs([{ orderId: 'a' }, { nope: 'password=hunter2' }, 'not json', { orderId: 'd' }]);
    const response = await handler(event, f.lambdaContext() as any);
    expect(seen).toEqual([{ records: [{ orderId: 'a' }, { orderId: 'd' }], recordIds: [event.Records[0].messageId, event.Records[3].messageId] }]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1].messageId }, { itemIdentifier: event.Records[2].messageId }] });
    const logged = out.records().find((r) => r.event === 'validation.failed');
    expect(logged).toMatchObject({ rejectedRecords: 2, totalRecords: 4 });
    expect(out.lines.join('')).not.toContain('hunter2');
  });

  it('merges the handler\'s own failures with the held-back records, each id once', async () => {
    const out = f.memoryDestination();
    const event = f.sqs([{ orderId: 'a' }, { orderId: 1 }, { orderId: 'c' }]);
    const handler = guard(async () => ({ batchItemFailures: [{ itemIdentifier: event.Records[2].messageId }, { itemIdentifier: event.Records[1].messageId }] }), {
      log: new JsonSecurityLogger({ destination: out }),
      validate: { body: payload, partialBatch: true },
    });
    const response = await handler(event, f.lambdaContext() as any);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[2].messageId }, { itemIdentifier: event.Records[1].messageId }] });
  });

  it('answers with every record failed without running the handler when none is valid', async () => {
    const { handler, seen } = harness(true);
    const event = f.sqs([{ orderId: 1 }, 'not json']);
    const response = await handler(event, f.lambdaContext() as any);
    expect(seen).toEqual([]);
    expect(response).toEqual({ batchItemFailures: event.Records.map((r: any) => ({ itemIdentifier: r.messageId })) });
  });

  it('uses stream sequence numbers for Kinesis and DynamoDB records', async () => {
    const { handler } = harness(true);
    const kinesis = f.kinesis({ orderId: 'k' });
    kinesis.Records.push({ ...kinesis.Records[0], kinesis: { ...kinesis.Records[0].kinesis, sequenceNumber: '2', data: Buffer.from('{"orderId":5}').toString('base64') } });
    expect(await handler(kinesis, f.lambdaContext() as any)).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    const dynamo = validate({ body: z.object({ NewImage: z.object({ Id: z.object({ S: z.string() }) }) }), partialBatch: true, logger: new JsonSecurityLogger({ destination: f.memoryDestination() }) });
    await dynamo.ready;
    const request = { event: f.dynamodb(), context: f.lambdaContext() as any, response: undefined, error: undefined, internal: {} };
    expect(await dynamo.before!(request)).toEqual({ batchItemFailures: [{ itemIdentifier: '4421584500000000017450439091' }] });
  });

  it('keeps recordIds aligned with records when a record carries no identifier', async () => {
    const middleware = validate({ body: z.object({ Keys: z.object({}).passthrough() }), logger: new JsonSecurityLogger({ destination: f.memoryDestination() }) });
    await middleware.ready;
    const event = f.dynamodb();
    const second = structuredClone(event.Records[0]);
    second.dynamodb.SequenceNumber = '4421584500000000017450439092';
    delete event.Records[0].dynamodb.SequenceNumber;
    event.Records.push(second);
    const request = { event, context: f.lambdaContext() as any, response: undefined, error: undefined, internal: {} };
    expect(await middleware.before!(request)).toBeUndefined();
    expect(request.context.validated.records).toHaveLength(2);
    expect(request.context.validated.recordIds).toEqual([undefined, '4421584500000000017450439092']);
  });

  it('still refuses the whole batch when off, when the envelope is forged, or for SNS (no partial responses)', async () => {
    const off = harness(false);
    await expect(off.handler(f.sqs([{ orderId: 'a' }, { orderId: 1 }]), f.lambdaContext() as any)).rejects.toBeInstanceOf(ValidationError);
    expect(off.seen).toEqual([]);

    const on = harness(true);
    const forged = f.sqs([{ orderId: 'a' }, { orderId: 'b' }]);
    forged.Records[1].eventSource = 'aws:sns';
    await expect(on.handler(forged, f.lambdaContext() as any)).rejects.toBeInstanceOf(ValidationError);
    await expect(on.handler(f.sns({ orderId: 1 }), f.lambdaContext() as any)).rejects.toBeInstanceOf(ValidationError);
    expect(on.seen).toEqual([]);
  });

  it('does not carry held-back failures into the next invocation through a shared internal object', async () => {
    const middleware = validate({ body: payload, partialBatch: true, logger: new JsonSecurityLogger({ destination: f.memoryDestination() }) });
    await middleware.ready;
    const internal = {};
    const first = { event: f.sqs([{ orderId: 'a' }, { orderId: 1 }]), context: f.lambdaContext() as any, response: undefined as unknown, error: undefined, internal };
    await middleware.before!(first);
    const second = { event: f.sqs([{ orderId: 'b' }]), context: f.lambdaContext() as any, response: undefined as unknown, error: undefined, internal };
    await middleware.before!(second);
    await middleware.after!(second);
    expect(second.response).toBeUndefined();
  });
});

/**
 * The `validate` protection: envelope first (is this really the event its source sends?), then the
 * user's schemas. HTTP callers get a 400/413/415 listing failing fields and rules, never values;
 * async sources get a logged rejection and a thrown ValidationError so the batch is retried and
 * lands in the DLQ. Either way the handler does not run.
 */
import { isHttpRequest, markRejected, type ParsedBody, shareParsedBody, sourceOf } from '../core/request.js';
import { jsonErrorResponse } from '../core/response.js';
import type { GuardRequest, Middleware, ProtectionOptions, ValidatedInput } from '../core/types.js';
import type { EventSource } from '../events/detect.js';
import { normalizedHeaders } from '../events/http.js';
import { defaultSecurityLogger, loggerOption } from '../log/logger.js';
import { type BodyOptions, DEFAULT_MAX_BODY_BYTES, readBody } from './body.js';
import { checkEnvelope } from './envelope.js';
import { type FieldIssue, MAX_ISSUES, ValidationError } from './issues.js';
import { recordPayload } from './payloads.js';
import { type AjvLike, type Checker, type Schema, compileSchema, isReadOnlyChecker } from './schema.js';

export interface ValidateOptions extends ProtectionOptions, BodyOptions {
  /** the payload: HTTP body (JSON-parsed), SQS body, SNS Message, Kinesis data (JSON), EventBridge detail, DynamoDB `dynamodb`, S3 `s3` */
  body?: Schema;
  queryStringParameters?: Schema;
  pathParameters?: Schema;
  /** header names are lowercased before validation (HTTP names are case-insensitive) */
  headers?: Schema;
  /** the whole event, for direct invocations and sources without an envelope */
  event?: Schema;
  /** check the source's envelope shape; default true */
  envelope?: boolean;
  /** refuse events from any other source (e.g. `['apigw-rest']`) */
  sources?: readonly EventSource[];
  /** parse JSON bodies even without a body schema; default false */
  parseJson?: boolean;
  /** your own ajv instance (e.g. with ajv-formats); default: ajv 8, strict, allErrors off */
  ajv?: AjvLike;
  /**
   * SQS, Kinesis and DynamoDB streams: a record whose payload fails is reported in
   * `batchItemFailures` and the handler runs on the others, instead of the whole batch being
   * refused. Turn on only together with `FunctionResponseTypes: [ReportBatchItemFailures]` on the
   * event source mapping: without it Lambda ignores the response and the rejected records count
   * as processed (SQS deletes them).
   */
  partialBatch?: boolean;
}

export interface BatchItemFailure {
  itemIdentifier: string;
}

/** Sources whose event source mapping understands `batchItemFailures`, and the id each record gives. */
const ITEM_IDENTIFIER: Partial<Record<EventSource, (record: Record<string, unknown>) => unknown>> = {
  sqs: (record) => record.messageId,
  kinesis: (record) => (record.kinesis as Record<string, unknown> | undefined)?.sequenceNumber,
  dynamodb: (record) => (record.dynamodb as Record<string, unknown> | undefined)?.SequenceNumber,
};

const INTERNAL_BATCH_FAILURES = 'fnguard.batchItemFailures';

type Compiled = Partial<Record<'body' | 'queryStringParameters' | 'pathParameters' | 'headers' | 'event', Checker>>;
const PARTS = ['body', 'queryStringParameters', 'pathParameters', 'headers', 'event'] as const;

async function compileAll(options: ValidateOptions): Promise<Compiled> {
  const compiled: Compiled = {};
  for (const part of PARTS) {
    const schema = options[part];
    if (schema !== undefined) compiled[part] = await compileSchema(schema, options.ajv);
  }
  return compiled;
}

type Outcome =
  | { ok: true; validated: ValidatedInput; failedItems?: BatchItemFailure[]; recordIssues?: FieldIssue[]; parsedBody?: ParsedBody }
  | { ok: false; status: number; issues: FieldIssue[] };

function run(checker: Checker | undefined, value: unknown, root: string, issues: FieldIssue[]): unknown {
  if (!checker) return value;
  const result = checker(value, root);
  if (result.ok) return result.value;
  issues.push(...result.issues);
  return value;
}

function validateHttp(source: EventSource, event: Record<string, unknown>, compiled: Compiled, options: ValidateOptions): Outcome {
  const issues: FieldIssue[] = [];
  const validated: ValidatedInput = {};
  let parsedBody: ParsedBody | undefined;
  if (compiled.body || options.parseJson) {
    const body = readBody(event, options, source !== 'apigw-websocket');
    if (!body.ok) return { ok: false, status: body.status, issues: body.issues };
    validated.body = run(compiled.body, body.value, 'body', issues);
    // base64 bodies are decoded differently by inspection, so only plain JSON text is handed on
    if (typeof body.value === 'object' && body.value !== null && typeof event.body === 'string' && event.isBase64Encoded !== true && (!compiled.body || isReadOnlyChecker(compiled.body))) {
      parsedBody = { text: event.body, value: body.value };
    }
  } else {
    const raw = event.body;
    const limit = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
    // no schema means no parsing, but an oversized body is still refused before the handler sees it
    if (typeof raw === 'string' && raw.length > limit && (event.isBase64Encoded === true ? Math.floor((raw.length * 3) / 4) - 2 : Buffer.byteLength(raw)) > limit) {
      return { ok: false, status: 413, issues: [{ field: 'body', rule: 'maxBytes' }] };
    }
  }
  if (compiled.queryStringParameters) validated.queryStringParameters = run(compiled.queryStringParameters, event.queryStringParameters ?? {}, 'queryStringParameters', issues);
  if (compiled.pathParameters) validated.pathParameters = run(compiled.pathParameters, event.pathParameters ?? {}, 'pathParameters', issues);
  if (compiled.headers) validated.headers = run(compiled.headers, normalizedHeaders(event), 'headers', issues);
  if (compiled.event) validated.event = run(compiled.event, event, 'event', issues);
  return issues.length === 0 ? { ok: true, validated, ...(parsedBody ? { parsedBody } : {}) } : { ok: false, status: 400, issues: issues.slice(0, MAX_ISSUES) };
}

function validateAsync(source: EventSource, event: Record<string, unknown>, compiled: Compiled, options: ValidateOptions): Outcome {
  const issues: FieldIssue[] = [];
  const validated: ValidatedInput = {};
  if (compiled.event) validated.event = run(compiled.event, event, 'event', issues);
  const identify = ITEM_IDENTIFIER[source];
  if (compiled.body) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (Array.isArray(event.Records)) {
      // envelope-level failures above still refuse the batch: only a record's own payload is judged alone
      const partial = options.partialBatch === true && identify !== undefined && issues.length === 0;
      const records: unknown[] = [];
      const recordIds: Array<string | undefined> = [];
      const failedItems: BatchItemFailure[] = [];
      const recordIssues: FieldIssue[] = [];
      for (let i = 0; i < event.Records.length; i++) {
        const record = event.Records[i] as Record<string, unknown>;
        const sink = partial ? [] as FieldIssue[] : issues;
        if (!partial && issues.length >= MAX_ISSUES) break;
        const payload = recordPayload(source, record, i, maxBytes);
        let value: unknown;
        if (!payload.ok) sink.push(payload.issue);
        else value = run(compiled.body, payload.value, `Records.${i}.payload`, sink);
        const id = identify?.(record);
        if (partial && sink.length > 0) {
          if (typeof id !== 'string' || id === '') return { ok: false, status: 400, issues: [...sink, { field: `Records.${i}`, rule: 'itemIdentifier' }].slice(0, MAX_ISSUES) };
          failedItems.push({ itemIdentifier: id });
          if (recordIssues.length < MAX_ISSUES) recordIssues.push(...sink.slice(0, MAX_ISSUES - recordIssues.length));
          continue;
        }
        if (!payload.ok) continue;
        records.push(value);
        recordIds.push(typeof id === 'string' && id !== '' ? id : undefined);
      }
      validated.records = records;
      if (identify) validated.recordIds = recordIds;
      if (partial && failedItems.length > 0) return { ok: true, validated, failedItems, recordIssues };
    } else if (source === 'eventbridge' || source === 'schedule') {
      validated.body = run(compiled.body, event.detail, 'detail', issues);
    } else {
      validated.body = run(compiled.body, event, 'event', issues);
    }
  }
  return issues.length === 0 ? { ok: true, validated } : { ok: false, status: 400, issues: issues.slice(0, MAX_ISSUES) };
}

/** The handler's own failures first, then the records validation held back, each id once. */
function mergeBatchFailures(response: unknown, held: BatchItemFailure[]): Record<string, unknown> {
  const base = typeof response === 'object' && response !== null && !Array.isArray(response) ? (response as Record<string, unknown>) : {};
  const own = Array.isArray(base.batchItemFailures) ? (base.batchItemFailures as BatchItemFailure[]) : [];
  const seen = new Set(own.map((item) => item?.itemIdentifier));
  return { ...base, batchItemFailures: [...own, ...held.filter((item) => !seen.has(item.itemIdentifier))] };
}

export function validate(options: ValidateOptions = {}): Middleware & { ready: Promise<unknown> } {
  if (options.maxBytes !== undefined && (!Number.isInteger(options.maxBytes) || options.maxBytes <= 0)) throw new TypeError('validate.maxBytes must be a positive integer');
  const logger = loggerOption(options.logger) ?? defaultSecurityLogger();
  const allowed = options.sources ? new Set(options.sources) : undefined;
  let compiled: Compiled | undefined;
  // compile during init (cold start), not on the first request; failures surface on first use
  const ready = compileAll(options).then((result) => {
    compiled = result;
    return result;
  });
  ready.catch(() => {});

  const reject = (request: GuardRequest, status: number, issues: FieldIssue[]) => {
    markRejected(request, 'validate');
    logger.event({ type: 'validation.failed', level: 'warn', message: 'input failed validation', status, issues }, request);
    if (isHttpRequest(request)) {
      const requestId = typeof request.context.awsRequestId === 'string' ? request.context.awsRequestId : undefined;
      return jsonErrorResponse(status, requestId, { errors: issues }, { 'cache-control': 'no-store' });
    }
    throw new ValidationError(status, issues);
  };

  const check = (request: GuardRequest, schemas: Compiled) => {
    const source = sourceOf(request);
    const event = request.event;
    if (allowed && !allowed.has(source)) return reject(request, 400, [{ field: 'event', rule: 'source' }]);
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      if (schemas.event) {
        const result = schemas.event(event, 'event');
        if (!result.ok) return reject(request, 400, result.issues);
        request.context.validated = { event: result.value };
        return undefined;
      }
      return reject(request, 400, [{ field: 'event', rule: 'type' }]);
    }
    if (options.envelope !== false) {
      const issues = checkEnvelope(source, event);
      if (issues.length > 0) return reject(request, 400, issues);
    }
    const outcome = isHttpRequest(request)
      ? validateHttp(source, event as Record<string, unknown>, schemas, options)
      : validateAsync(source, event as Record<string, unknown>, schemas, options);
    if (!outcome.ok) return reject(request, outcome.status, outcome.issues);
    request.context.validated = outcome.validated;
    if (outcome.parsedBody) shareParsedBody(request, outcome.parsedBody.text, outcome.parsedBody.value);
    if (outcome.failedItems) {
      const total = (event as { Records: unknown[] }).Records.length;
      logger.event({
        type: 'validation.failed', level: 'warn', message: 'records failed validation and were reported as batch item failures',
        status: 400, issues: outcome.recordIssues, rejectedRecords: outcome.failedItems.length, totalRecords: total,
      }, request);
      if (outcome.failedItems.length === total) {
        markRejected(request, 'validate');
        return { batchItemFailures: outcome.failedItems };
      }
      // keyed to the event: Middy lets one `internal` object outlive an invocation
      request.internal[INTERNAL_BATCH_FAILURES] = { event, items: outcome.failedItems };
    }
    return undefined;
  };

  return {
    ready,
    before(request) {
      delete request.internal[INTERNAL_BATCH_FAILURES];
      if (compiled) return check(request, compiled);
      return ready.then((schemas) => check(request, schemas));
    },
    after(request) {
      const held = request.internal[INTERNAL_BATCH_FAILURES] as { event: unknown; items: BatchItemFailure[] } | undefined;
      if (!held || held.event !== request.event) return;
      delete request.internal[INTERNAL_BATCH_FAILURES];
      request.response = mergeBatchFailures(request.response, held.items);
    },
  };
}

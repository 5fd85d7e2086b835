/**
 * The shapes shared by the guard and every protection. A protection is a Middy-compatible
 * middleware object: `before` may return a response to end the invocation early (as in Middy),
 * `after` may rewrite `request.response`, `onError` may set `request.response` to handle the error.
 */

export interface LambdaContextLike {
  awsRequestId?: string;
  functionName?: string;
  getRemainingTimeInMillis?: () => number;
  [key: string]: unknown;
}

export interface GuardRequest<TEvent = any, TResult = any, TContext extends LambdaContextLike = LambdaContextLike> {
  event: TEvent;
  context: TContext;
  response: TResult | undefined;
  error: unknown;
  internal: Record<string, unknown>;
}

export interface Middleware<TEvent = any, TResult = any> {
  before?: (request: GuardRequest<TEvent, TResult>) => unknown | Promise<unknown>;
  after?: (request: GuardRequest<TEvent, TResult>) => unknown | Promise<unknown>;
  onError?: (request: GuardRequest<TEvent, TResult>) => unknown | Promise<unknown>;
}

export type SecurityEventType =
  | 'request.accepted'
  | 'request.rejected'
  | 'validation.failed'
  | 'inspection.hit'
  | 'auth.failure'
  | 'auth.success'
  | 'rate_limit.hit'
  | 'rate_limit.store_error'
  | 'egress.blocked'
  | 'egress.alert'
  | 'process.blocked'
  | 'fs.blocked'
  | 'deadline.exceeded'
  | 'error.unhandled'
  | 'secrets.error';

export interface SecurityEvent {
  type: SecurityEventType;
  /** info for accepted traffic, warn for rejections and alerts, error for failures */
  level?: 'debug' | 'info' | 'warn' | 'error';
  message?: string;
  /** anything structured; redacted by the logger before it is written */
  [field: string]: unknown;
}

/** Writes structured security events (one JSON object per line, pino/Powertools-compatible). */
export interface SecurityLogger {
  event(event: SecurityEvent, request?: GuardRequest): void;
  /** plain log lines (debug/info/warn/error) with the same redaction */
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** Options every protection accepts: when run inside `guard`, the guard passes its logger. */
export interface ProtectionOptions {
  logger?: SecurityLogger;
}

/** The context the guarded handler receives: Lambda's context plus what the protections add. */
export interface GuardContext extends LambdaContextLike {
  /** aborts `deadline.marginMs` before the platform timeout (never aborts when no budget is known) */
  signal: AbortSignal;
  /** values loaded by the `secrets` protection */
  secrets?: Record<string, unknown>;
  /** verified JWT claims from the `auth` protection */
  auth?: Record<string, unknown>;
  /** parsed and schema-checked input from the `validate` protection */
  validated?: ValidatedInput;
}

export interface ValidatedInput {
  body?: unknown;
  queryStringParameters?: unknown;
  pathParameters?: unknown;
  headers?: unknown;
  /** async sources: one parsed payload per record, in record order */
  records?: unknown[];
  /**
   * SQS message ids / stream sequence numbers, index-aligned with `records` (for
   * `batchItemFailures`); undefined for a record that carries none
   */
  recordIds?: Array<string | undefined>;
  event?: unknown;
}

export type GuardHandler<TEvent = any, TResult = any> = (event: TEvent, context: GuardContext) => TResult | Promise<TResult>;

/**
 * The security logger: one JSON object per line on stdout, shaped so pino tooling
 * (pino-pretty, transports) and CloudWatch Logs Insights can both read it.
 *
 * `level` is pino's numeric scale by default: pino's parsers and transports reject string
 * levels, while Logs Insights filters numbers just as easily (`filter level >= 40`).
 * `levelFormat: 'label'` switches to Powertools / Lambda-JSON style strings ("WARN").
 */
import type { GuardRequest, LambdaContextLike, SecurityEvent, SecurityLogger } from '../core/types.js';
import { PathMatcher, redactValue } from './redact.js';
import { DEFAULT_LIMITS, type SanitizeLimits, sanitizeFields, sanitizeInto } from './sanitize.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const PINO_LEVELS: Record<LogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50 };
const DEFAULT_EVENT_LEVEL: Partial<Record<SecurityEvent['type'], LogLevel>> = {
  'request.accepted': 'info',
  'auth.success': 'info',
  'error.unhandled': 'error',
  'secrets.error': 'error',
  'rate_limit.store_error': 'error',
};

export interface LogOptions {
  /** lowest level written; default `info`, or `LOG_LEVEL` / `AWS_LAMBDA_LOG_LEVEL` when set */
  level?: LogLevel | 'silent';
  /** extra redaction paths rooted at the log record, e.g. `headers.authorization`, `*.password`, `a.b[*].c` */
  redact?: readonly string[];
  levelFormat?: 'pino' | 'label';
  /** where lines go; default process.stdout (no console prefixes, one write per line) */
  destination?: { write(line: string): unknown };
  /** written on every line, e.g. `{ service: 'orders' }` */
  base?: Record<string, unknown>;
  limits?: Partial<SanitizeLimits>;
  /** also log `request.accepted` for every successful invocation (default true) */
  accepted?: boolean;
}

const RESERVED: ReadonlySet<string> = new Set(['level', 'time', 'msg', 'event', 'requestId', 'functionName', 'xrayTraceId']);
/** SecurityEvent keys that become `event`, the level and `msg` instead of plain fields */
const EVENT_OWN_KEYS: ReadonlySet<string> = new Set(['type', 'level', 'message']);
const NO_KEYS: ReadonlySet<string> = new Set();

function envLevel(): LogLevel | 'silent' | undefined {
  const raw = (process.env.LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL)?.toLowerCase();
  if (raw === 'warning') return 'warn';
  if (raw === 'trace') return 'debug';
  if (raw === 'fatal') return 'error';
  return raw === 'debug' || raw === 'info' || raw === 'warn' || raw === 'error' || raw === 'silent' ? raw : undefined;
}

/** `Root=1-abc-def;Parent=...;Sampled=1` -> `1-abc-def`, the id X-Ray and Powertools show. */
let lastHeader: string | undefined;
let lastRoot: string | undefined;

export function xrayTraceId(header: string | undefined = process.env._X_AMZN_TRACE_ID): string | undefined {
  if (!header) return undefined;
  // the header changes once per invocation but is read on every line
  if (header === lastHeader) return lastRoot;
  const root = /(?:^|;)\s*Root=([^;]+)/.exec(header)?.[1];
  lastHeader = header;
  lastRoot = root;
  return root;
}

export class JsonSecurityLogger implements SecurityLogger {
  readonly options: Readonly<LogOptions>;
  private readonly threshold: number;
  private readonly matcher: PathMatcher;
  private readonly limits: SanitizeLimits;
  private readonly destination: { write(line: string): unknown };
  private readonly base: Record<string, unknown>;
  private invocation: LambdaContextLike | undefined;
  /** read from the environment once per bound invocation instead of on every line */
  private boundTrace: string | undefined;

  constructor(options: LogOptions = {}) {
    this.options = options;
    const level = options.level ?? envLevel() ?? 'info';
    this.threshold = level === 'silent' ? Number.POSITIVE_INFINITY : PINO_LEVELS[level];
    this.matcher = new PathMatcher(options.redact ?? []);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.destination = options.destination ?? process.stdout;
    this.base = options.base ? sanitizeFields(options.base, this.matcher, this.limits) : {};
  }

  isLevelEnabled(level: LogLevel): boolean {
    return PINO_LEVELS[level] >= this.threshold;
  }

  /**
   * Lambda runs one invocation per process at a time, so the guard binds the current context
   * here; protections that log without passing the request still get the request id.
   */
  bindInvocation(context: LambdaContextLike | undefined): void {
    this.invocation = context;
    this.boundTrace = context ? xrayTraceId() : undefined;
  }

  event(event: SecurityEvent, request?: GuardRequest): void {
    const level = event.level ?? DEFAULT_EVENT_LEVEL[event.type] ?? 'warn';
    if (!this.isLevelEnabled(level)) return;
    const context = request?.context ?? this.invocation;
    const source = event.source === undefined ? request?.internal?.['fnguard.source'] : undefined;
    this.write(level, event.message ?? event.type, event.type, event, EVENT_OWN_KEYS, context, source);
  }

  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (!this.isLevelEnabled(level)) return;
    this.write(level, message, undefined, fields ?? {}, NO_KEYS, this.invocation, undefined);
  }

  private write(
    level: LogLevel,
    message: unknown,
    type: unknown,
    fields: object,
    skip: ReadonlySet<string>,
    context: LambdaContextLike | undefined,
    source: unknown,
  ): void {
    let line: string;
    try {
      const text = typeof message === 'string' ? message : String(message);
      const record: Record<string, unknown> = {
        level: this.options.levelFormat === 'label' ? level.toUpperCase() : PINO_LEVELS[level],
        time: Date.now(),
        // messages are built from error texts and input too; they get the same value redaction
        msg: redactValue(text.length > this.limits.maxString ? text.slice(0, this.limits.maxString) : text),
      };
      if (typeof type === 'string') record.event = type;
      if (typeof context?.awsRequestId === 'string') record.requestId = context.awsRequestId;
      if (typeof context?.functionName === 'string') record.functionName = context.functionName;
      const trace = context !== undefined && context === this.invocation ? this.boundTrace : xrayTraceId();
      if (trace) record.xrayTraceId = trace;
      Object.assign(record, this.base);
      if (typeof source === 'string') record.source = source;
      sanitizeInto(record, fields, this.matcher, this.limits, skip, RESERVED);
      line = JSON.stringify(record);
    } catch (error) {
      line = JSON.stringify({ level: PINO_LEVELS.error, time: Date.now(), msg: 'security logger failed to serialise a record', error: String((error as Error)?.message ?? error).slice(0, 200) });
    }
    try {
      this.destination.write(`${line}\n`);
    } catch {
      // a broken destination must not turn a rejected request into a crash
    }
  }
}

export function createSecurityLogger(options: LogOptions = {}): JsonSecurityLogger {
  return new JsonSecurityLogger(options);
}

/** Accepts an existing logger (anything with `event` and `log`) or options to build one. */
export function isSecurityLogger(value: unknown): value is SecurityLogger {
  return typeof value === 'object' && value !== null && typeof (value as SecurityLogger).event === 'function' && typeof (value as SecurityLogger).log === 'function';
}

/**
 * A protection's `logger` option, checked when the protection is built: an object without
 * `event()` and `log()` would otherwise fail at the first security event, in the middle of a request.
 */
export function loggerOption(value: unknown): SecurityLogger | undefined {
  if (value === undefined || value === null) return undefined;
  if (isSecurityLogger(value)) return value;
  throw new TypeError('fnguard: the logger option must have event() and log() methods; createSecurityLogger() builds one');
}

/** A logger that drops everything, for `log: false` while protections still call the interface. */
export const silentLogger: SecurityLogger = { event() {}, log() {} };

let shared: JsonSecurityLogger | undefined;

/**
 * The logger protections fall back to when used on their own (plain Middy) without one: events
 * still reach stdout, redacted, instead of vanishing. Built on first use so importing is free.
 */
export function defaultSecurityLogger(): JsonSecurityLogger {
  shared ??= new JsonSecurityLogger();
  return shared;
}

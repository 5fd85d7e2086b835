/**
 * Walks a Lambda event and inspects every attacker-controlled string in it: for HTTP events
 * (API Gateway REST/HTTP, function URLs, ALB) the path, query (single and multi-value, and the
 * raw query string for bracketed names), path parameters, the headers that carry free text,
 * cookies and the body (base64, JSON, form, multipart, text); for async events the message
 * bodies (SQS, SNS, EventBridge detail, Kinesis data); anything else is walked generically.
 *
 * Work is bounded so that inspection cannot itself be the denial of service:
 * - `maxBytes` (default 256 KiB): total characters inspected per event; later values are skipped
 *   and the report says `truncated`;
 * - `maxValueLength` (default 8 KiB): characters of one value that are inspected;
 * - `maxDepth` (default 16): nesting of JSON bodies and objects; deeper parts are skipped;
 * - `maxNodes` (default 10,000): object keys plus array items visited.
 */
import type { ParsedBody } from '../core/request.js';
import { detectEventSource, isHttpSource } from '../events/detect.js';
import { looksLikeForm, parseForm, parseJson, parseMultipart } from './body.js';
import { isAsciiBlank } from './chars.js';
import { decodeBase64 } from './decode.js';
import { isConstructorPrototype } from './proto.js';
import { ALL_FAMILIES, type Detection, type InspectionFamily, type InspectionLocation } from './types.js';
import { DEFAULT_MAX_VALUE_LENGTH, keyFindings, valueFindings, type ValueFinding } from './value.js';

export interface EventInspectionOptions {
  families?: readonly InspectionFamily[];
  /** dotted paths (`queryStringParameters.q`, `body.html`, `headers.x-signature`) that are not inspected; a trailing `*` matches a prefix */
  allow?: { paths?: readonly string[] };
  maxBytes?: number;
  maxValueLength?: number;
  maxDepth?: number;
  maxNodes?: number;
}

export interface EventInspectionReport {
  detections: Detection[];
  /** characters actually inspected */
  bytesInspected: number;
  /** some input was skipped because a cap was reached */
  truncated: boolean;
}

export const DEFAULT_MAX_BYTES = 256 * 1024;
const DEFAULT_MAX_DEPTH = 16;
const DEFAULT_MAX_NODES = 10_000;

/**
 * Headers that carry no free text an application interprets (negotiation, caching, transport,
 * tracing, AWS-added metadata), and credentials that are opaque tokens and must not be logged.
 */
const SKIPPED_HEADERS = new Set([
  'accept', 'accept-encoding', 'accept-language', 'accept-charset', 'accept-ranges', 'cache-control', 'pragma', 'connection',
  'content-length', 'content-encoding', 'content-md5', 'te', 'upgrade-insecure-requests', 'if-none-match', 'if-match',
  'if-modified-since', 'if-unmodified-since', 'if-range', 'range', 'etag', 'dnt', 'priority', 'keep-alive', 'via', 'host',
  'x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto', 'x-real-ip', 'x-amzn-trace-id', 'x-request-id',
  'authorization', 'proxy-authorization', 'x-api-key', 'x-amz-security-token', 'x-amz-date', 'x-amz-content-sha256',
  'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol',
]);
const SKIPPED_HEADER_PREFIXES = ['sec-fetch-', 'sec-ch-', 'cloudfront-', 'x-amz-', 'x-amzn-'];

const BINARY_TYPES = /^\s*(?:image|audio|video|font)\/|^\s*application\/(?:octet-stream|pdf|zip|gzip|x-tar|x-7z-compressed|vnd\.ms-|vnd\.openxmlformats|wasm)/i;

const FIRST_NAME = { name: true, value: true };
const FIRST_VALUE = { name: false, value: true };
const SEEN = { name: false, value: false };

/** `/^\s*[{[]/` without the regular expression: most strings fail on their first character. */
function startsLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) return true;
    if (!(isAsciiBlank(c) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f)) return false;
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerCaseFree(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 0x80) return false;
  }
  return true;
}

function skippedHeader(lower: string): boolean {
  if (lower === 'content-type' || SKIPPED_HEADERS.has(lower)) return true;
  for (let i = 0; i < SKIPPED_HEADER_PREFIXES.length; i++) if (lower.startsWith(SKIPPED_HEADER_PREFIXES[i]!)) return true;
  return false;
}

/** A header name is skipped, inspected as written (lower case), or has upper case and needs merging. */
const SKIPPED = 0;
const LOWER_CASE = 1;
const MIXED_CASE = 2;
/** The kind of each header name seen (names repeat on every invocation); bounded like the verdict cache. */
const headerKinds = new Map<string, number>();

function headerKind(name: string): number {
  let kind = headerKinds.get(name);
  if (kind === undefined) {
    kind = !lowerCaseFree(name) ? MIXED_CASE : skippedHeader(name) ? SKIPPED : LOWER_CASE;
    if (headerKinds.size >= 1024) headerKinds.clear();
    headerKinds.set(name, kind);
  }
  return kind;
}

const NOT_JSON = { ok: false as const };

/** Appends the strings of `values` that `list` does not hold yet; returns `list`. */
function addDistinct(list: string[], values: unknown[]): string[] {
  for (const v of values) if (typeof v === 'string' && !list.includes(v)) list.push(v);
  return list;
}

class Walker {
  readonly detections: Detection[] = [];
  bytes = 0;
  nodes = 0;
  truncated = false;
  private readonly families: readonly InspectionFamily[];
  private readonly allow: readonly string[];
  private readonly maxBytes: number;
  private readonly maxValueLength: number;
  private readonly maxDepth: number;
  private readonly maxNodes: number;
  private seen: WeakSet<object> | undefined;
  /** query values already inspected per parameter name: the raw, multi-value and single-value forms overlap */
  private seenQuery: Map<string, string[]> | undefined;
  /**
   * Where the tree walk is: a base path and the keys / indexes below it. The dotted path string
   * is only built when a detection needs it or an allow-list is configured.
   */
  private treeBase = '';
  private readonly stack: (string | number)[] = [];

  constructor(options: EventInspectionOptions, private readonly parsedBody?: ParsedBody) {
    this.families = options.families ?? ALL_FAMILIES;
    this.allow = options.allow?.paths ?? [];
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxValueLength = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  }

  private allowed(path: string): boolean {
    return this.allow.length > 0 && this.allow.some((rule) => (rule.endsWith('*') ? path.startsWith(rule.slice(0, -1)) : path === rule));
  }

  /** The dotted path of the tree walk's current position (`body.items[2].note`). */
  private treePath(): string {
    let path = this.treeBase;
    for (const seg of this.stack) path = typeof seg === 'number' ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg;
    return path;
  }

  /** Charges the budget; returns how many characters of the value may be inspected (0: skip). */
  private charge(length: number): number {
    const cost = Math.min(length, this.maxValueLength, this.maxBytes - this.bytes);
    if (cost < length) this.truncated = true;
    if (cost <= 0) return 0;
    this.bytes += cost;
    return cost;
  }

  /**
   * The dotted path `base.name` (`name` undefined: `base`; `base` undefined: the tree walk's
   * position), built only for a detection or an allow-list check.
   */
  private pathOf(base: string | undefined, name: string | undefined): string {
    if (base === undefined) return this.treePath();
    return name === undefined ? base : `${base}.${name}`;
  }

  private record(findings: readonly ValueFinding[], location: InspectionLocation, base: string | undefined, name: string | undefined): void {
    const path = this.pathOf(base, name);
    for (const f of findings) this.detections.push({ family: f.family, rule: f.rule, location, path, evidence: f.evidence });
  }

  /** A value found at `base.name` (see `pathOf`). */
  value(text: string, location: InspectionLocation, base: string | undefined, name?: string, isUrlPath = false): void {
    if (text.length < 2) return;
    if (this.allow.length > 0 && this.allowed(this.pathOf(base, name))) return;
    const maxValueLength = this.charge(text.length);
    if (maxValueLength === 0) return;
    const findings = valueFindings(text, this.families, isUrlPath, maxValueLength);
    if (findings.length > 0) this.record(findings, location, base, name);
  }

  /** An object key or parameter name, found at `base.name` (`base` undefined: the tree walk's position). */
  key(name: string, location: InspectionLocation, base: string | undefined): void {
    if (name.length === 0) return;
    if (this.allow.length > 0 && this.allowed(this.pathOf(base, name))) return;
    if (this.charge(Math.min(name.length, 1024)) === 0) return;
    const findings = keyFindings(name, this.families);
    if (findings.length > 0) this.record(findings, location, base, name);
  }

  /** Walks `node` as found at `path` (see `tree`). */
  walk(node: unknown, location: InspectionLocation, path: string, depth: number, parsed = false): void {
    this.treeBase = path;
    this.stack.length = 0;
    this.tree(node, location, depth, undefined, parsed);
  }

  /**
   * Generic JSON-ish walk: keys as keys, strings as values, JSON-in-a-string parsed once more.
   * `parsed`: the node comes from `JSON.parse` here, so it cannot repeat or form a cycle.
   */
  private tree(node: unknown, location: InspectionLocation, depth: number, parentKey: string | undefined, parsed: boolean): void {
    if (depth > this.maxDepth) {
      this.truncated = true;
      return;
    }
    if (typeof node === 'string') {
      const nested = node.length > 1 && node.length <= this.maxValueLength && startsLikeJson(node) ? parseJson(node) : NOT_JSON;
      if (nested.ok && typeof nested.value === 'object' && nested.value !== null) this.tree(nested.value, location, depth + 1, undefined, true);
      else this.value(node, location, undefined);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (!parsed) {
      const seen = (this.seen ??= new WeakSet<object>());
      if (seen.has(node)) return;
      seen.add(node);
    }
    const stack = this.stack;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (++this.nodes > this.maxNodes) { this.truncated = true; return; }
        stack.push(i);
        this.tree(node[i], location, depth + 1, undefined, parsed);
        stack.pop();
      }
      return;
    }
    const keyLocation = location === 'event' ? 'key' : location;
    for (const key of Object.keys(node)) {
      if (++this.nodes > this.maxNodes) { this.truncated = true; return; }
      stack.push(key);
      this.key(key, keyLocation, undefined);
      if (isConstructorPrototype(parentKey, key)) {
        this.detections.push({ family: 'proto', rule: 'proto.constructor-prototype', location: 'key', path: this.treePath(), evidence: 'constructor.prototype' });
      }
      let value: unknown;
      try {
        value = (node as Record<string, unknown>)[key];
      } catch {
        stack.pop();
        continue; // a throwing getter is not attacker input
      }
      this.tree(value, location, depth + 1, key, parsed);
      stack.pop();
    }
  }

  /**
   * First sighting of a query parameter's value (the same request arrives in up to three forms);
   * the name is inspected with its first value.
   */
  private firstQuery(name: string, text: string): { name: boolean; value: boolean } {
    const seenQuery = (this.seenQuery ??= new Map());
    const values = seenQuery.get(name);
    if (values === undefined) {
      seenQuery.set(name, [text]);
      return FIRST_NAME;
    }
    // the dedupe list is bounded; past it every value is inspected (never skipped)
    if (values.length >= 64) return FIRST_VALUE;
    if (values.includes(text)) return SEEN;
    values.push(text);
    return FIRST_VALUE;
  }

  /** Query parameters: names (bracket operators, pollution paths) and values. */
  params(params: unknown, location: InspectionLocation, base: string): void {
    if (!isObject(params)) return;
    for (const name of Object.keys(params)) {
      if (++this.nodes > this.maxNodes) { this.truncated = true; return; }
      const raw = params[name];
      if (typeof raw === 'string') {
        const first = this.firstQuery(name, raw);
        if (first.name) this.key(name, 'key', base);
        if (first.value) this.value(raw, location, base, name);
        continue;
      }
      const values: unknown[] = Array.isArray(raw) ? raw : [];
      const seenQuery = (this.seenQuery ??= new Map());
      if (values.length === 0 && !seenQuery.has(name)) {
        seenQuery.set(name, []);
        this.key(name, 'key', base);
      }
      for (let i = 0; i < values.length && i < 64; i++) {
        const v = values[i];
        if (typeof v !== 'string') continue;
        const first = this.firstQuery(name, v);
        if (first.name) this.key(name, 'key', base);
        if (first.value) this.value(v, location, base, name);
      }
    }
  }

  rawQuery(query: string, base: string): void {
    const fields = parseForm(query);
    for (const field of fields) {
      const first = this.firstQuery(field.name, field.value);
      if (first.name) this.key(field.name, 'key', base);
      if (first.value) this.value(field.value, 'query', base, field.name);
    }
  }

  headers(headers: unknown, multi: unknown): void {
    if (!isObject(multi)) {
      if (!isObject(headers)) return;
      const names = Object.keys(headers);
      // one map of lower-case names (HTTP API, function URLs): the names are distinct, nothing to merge
      let simple = true;
      for (let i = 0; i < names.length && simple; i++) simple = headerKind(names[i]!) !== MIXED_CASE;
      if (simple) {
        for (const name of names) {
          if (headerKind(name) === SKIPPED) continue;
          const raw: unknown = headers[name];
          if (typeof raw === 'string') this.header(name, raw);
          else if (Array.isArray(raw)) this.headerValues(name, raw as unknown[]);
        }
        return;
      }
    }
    const merged = new Map<string, string[]>();
    const add = (source: unknown): void => {
      if (!isObject(source)) return;
      for (const name of Object.keys(source)) {
        const lower = name.toLowerCase();
        // transport, negotiation and credential headers are dropped before any work on their values
        if (skippedHeader(lower)) continue;
        const raw: unknown = source[name];
        let list = merged.get(lower);
        if (list === undefined) merged.set(lower, (list = []));
        if (typeof raw === 'string') {
          if (!list.includes(raw)) list.push(raw);
        } else if (Array.isArray(raw)) {
          addDistinct(list, raw as unknown[]);
        }
      }
    };
    add(headers);
    add(multi);
    for (const [name, values] of merged) {
      for (let i = 0; i < values.length && i < 16; i++) this.header(name, values[i]!);
    }
  }

  /** The distinct string values of one header, at most 16. */
  private headerValues(name: string, raw: unknown[]): void {
    const list = addDistinct([], raw);
    for (let i = 0; i < list.length && i < 16; i++) this.header(name, list[i]!);
  }

  private header(name: string, value: string): void {
    if (name === 'cookie') this.cookies(value.split(';'));
    else this.value(value, 'header', 'headers', name);
  }

  cookies(pairs: unknown[]): void {
    const n = Math.min(pairs.length, 64);
    for (let i = 0; i < n; i++) {
      const pair = pairs[i];
      if (typeof pair !== 'string') continue;
      const eq = pair.indexOf('=');
      const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
      if (name) this.key(name, 'cookie', 'cookies');
      // the whole pair too: libraries like qs parse `a=__proto__.x=y` out of a cookie value
      this.value(eq < 0 ? pair.trim() : pair.slice(eq + 1).trim(), 'cookie', 'cookies', name);
    }
  }

  body(raw: unknown, isBase64: boolean, contentType: string): void {
    // binary uploads carry no text an interpreter reads; scanning them only costs time and false alarms
    if (contentType !== '' && BINARY_TYPES.test(contentType)) return;
    if (typeof raw !== 'string' || raw.length === 0) {
      if (isObject(raw) || Array.isArray(raw)) this.walk(raw, 'body', 'body', 1);
      return;
    }
    let body = raw;
    if (isBase64) {
      const decoded = decodeBase64(raw);
      if (decoded === undefined) {
        this.value(raw.slice(0, this.maxValueLength), 'body', 'body');
        return;
      }
      body = decoded;
    }
    const type = contentType.toLowerCase();
    if (type.includes('multipart/')) {
      const fields = parseMultipart(body, contentType);
      if (fields) {
        for (const field of fields) {
          this.key(field.name, 'key', 'body');
          this.value(field.value, 'body', 'body', field.name);
        }
        return;
      }
    }
    if (type.includes('json') || (!type.includes('x-www-form-urlencoded') && startsLikeJson(body))) {
      const parsed = body.length > this.maxBytes ? NOT_JSON : !isBase64 && this.parsedBody?.text === body ? { ok: true as const, value: this.parsedBody.value } : parseJson(body);
      if (parsed.ok) {
        this.walk(parsed.value, 'body', 'body', 1, true);
        return;
      }
    }
    if (type.includes('x-www-form-urlencoded') || (type === '' && looksLikeForm(body))) {
      for (const field of parseForm(body.slice(0, this.maxBytes))) {
        this.key(field.name, 'key', 'body');
        this.value(field.value, 'body', 'body', field.name);
      }
      return;
    }
    this.value(body, 'body', 'body');
  }
}

function headerValue(headers: unknown, name: string): string {
  if (!isObject(headers)) return '';
  for (const key of Object.keys(headers)) {
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const value = headers[key];
    return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
  }
  return '';
}

function inspectHttp(walker: Walker, event: Record<string, unknown>): void {
  const rawPath = typeof event.rawPath === 'string' ? event.rawPath : typeof event.path === 'string' ? event.path : undefined;
  if (rawPath !== undefined) walker.value(rawPath, 'path', 'path', undefined, true);
  if (isObject(event.pathParameters)) {
    const params = event.pathParameters;
    for (const name of Object.keys(params)) {
      const value = params[name];
      if (typeof value === 'string') walker.value(value, 'path', 'pathParameters', name);
    }
  }
  // Every form the handler might read: the raw string (v2, function URLs), the multi-value map
  // (REST, ALB) and the single-value map. They normally agree (identical values are inspected
  // once), but a crafted or proxied event can make them differ, and v2 joins repeated names with
  // commas (`a=x&a=y` reads as `x,y`), which forms a value that appears in no single field.
  if (typeof event.rawQueryString === 'string' && event.rawQueryString !== '') walker.rawQuery(event.rawQueryString, 'queryStringParameters');
  walker.params(event.multiValueQueryStringParameters, 'query', 'queryStringParameters');
  walker.params(event.queryStringParameters, 'query', 'queryStringParameters');
  walker.headers(event.headers, event.multiValueHeaders);
  if (Array.isArray(event.cookies)) walker.cookies(event.cookies);
  const contentType = headerValue(event.headers, 'content-type') || headerValue(event.multiValueHeaders, 'content-type');
  walker.body(event.body, event.isBase64Encoded === true, contentType);
}

function inspectRecords(walker: Walker, records: unknown[]): void {
  for (let i = 0; i < Math.min(records.length, 1000); i++) {
    const record = records[i];
    if (!isObject(record)) continue;
    const base = `Records[${i}]`;
    if (typeof record.body === 'string') walker.walk(record.body, 'message', `${base}.body`, 1);
    if (isObject(record.Sns)) {
      if (typeof record.Sns.Message === 'string') walker.walk(record.Sns.Message, 'message', `${base}.Sns.Message`, 1);
      if (typeof record.Sns.Subject === 'string') walker.value(record.Sns.Subject, 'message', `${base}.Sns.Subject`);
    }
    if (isObject(record.kinesis) && typeof record.kinesis.data === 'string') {
      const data = decodeBase64(record.kinesis.data);
      walker.walk(data ?? record.kinesis.data, 'message', `${base}.kinesis.data`, 1);
    }
    if (isObject(record.dynamodb)) walker.walk(record.dynamodb.NewImage, 'message', `${base}.dynamodb.NewImage`, 1);
    if (isObject(record.s3) && isObject(record.s3.object) && typeof record.s3.object.key === 'string') walker.value(record.s3.object.key, 'message', `${base}.s3.object.key`);
  }
}

/** `parsedBody`: the event's JSON body as validation already parsed it (see `sharedParsedBody`). */
export function inspectEventReport(event: unknown, options: EventInspectionOptions = {}, parsedBody?: ParsedBody): EventInspectionReport {
  const walker = new Walker(options, parsedBody);
  try {
    if (isObject(event)) {
      const source = detectEventSource(event);
      if (isHttpSource(source)) inspectHttp(walker, event);
      else if (Array.isArray(event.Records)) inspectRecords(walker, event.Records);
      else if ((source === 'eventbridge' || source === 'schedule') && 'detail' in event) walker.walk(event.detail, 'message', 'detail', 1);
      else walker.walk(event, 'event', '', 0);
    } else if (typeof event === 'string') {
      walker.walk(event, 'event', 'event', 0);
    } else if (Array.isArray(event)) {
      walker.walk(event, 'event', '', 0);
    }
  } catch {
    // Inspection must never break the handler; what was found so far is still reported.
    walker.truncated = true;
  }
  return { detections: walker.detections, bytesInspected: walker.bytes, truncated: walker.truncated };
}

export function inspectEvent(event: unknown, options: EventInspectionOptions = {}): Detection[] {
  return inspectEventReport(event, options).detections;
}

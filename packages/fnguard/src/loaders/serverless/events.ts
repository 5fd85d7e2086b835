/**
 * A function's `events:` into triggers. Each event is a one-key mapping (`- sqs: {...}`) or its
 * string shorthand (`- schedule: rate(5 minutes)`). HTTP-facing events also produce routes on
 * the service's APIs; polled sources are remembered for the permissions the Framework grants.
 */
import type { ApiAuthorizer, InvocationType, Trigger, TriggerKind } from '../../model/types.js';
import { asBoolean, asString, isRecord } from '../../model/values.js';
import type { PathSegment } from '../yaml/parse.js';
import type { ServiceContext } from './context.js';
import type { HttpRoute } from './http-events.js';
import { readAlbEvent, readHttpApiEvent, readRestEvent, readWebsocketEvent } from './http-events.js';
import { HTTP_API_ID, REST_API_ID, WEBSOCKET_API_ID } from './naming.js';

export type ApiKey = 'rest' | 'http' | 'websocket';

export interface RouteUse {
  api: ApiKey;
  route: HttpRoute;
  functionId: string;
  config: Record<string, unknown>;
  path: PathSegment[];
}

/** Sources the implicit role must be allowed to poll. */
export interface PolledSource {
  kind: 'sqs' | 'dynamodb-stream' | 'kinesis';
  arn: unknown;
}

export interface EventResult {
  triggers: Trigger[];
  routes: RouteUse[];
  polled: PolledSource[];
}

interface Simple {
  kind: TriggerKind;
  invocation: InvocationType;
}

const SIMPLE: Record<string, Simple> = {
  s3: { kind: 's3', invocation: 'async' },
  sns: { kind: 'sns', invocation: 'async' },
  sqs: { kind: 'sqs', invocation: 'poll' },
  schedule: { kind: 'schedule', invocation: 'async' },
  eventBridge: { kind: 'eventbridge', invocation: 'async' },
  cloudwatchEvent: { kind: 'eventbridge', invocation: 'async' },
  cognitoUserPool: { kind: 'cognito', invocation: 'sync' },
  iot: { kind: 'iot', invocation: 'async' },
  iotFleetProvisioning: { kind: 'iot', invocation: 'sync' },
  alexaSkill: { kind: 'other', invocation: 'sync' },
  alexaSmartHome: { kind: 'other', invocation: 'sync' },
  cloudwatchLog: { kind: 'other', invocation: 'async' },
  cloudFront: { kind: 'other', invocation: 'sync' },
  msk: { kind: 'other', invocation: 'poll' },
  kafka: { kind: 'other', invocation: 'poll' },
  activemq: { kind: 'other', invocation: 'poll' },
  rabbitmq: { kind: 'other', invocation: 'poll' },
};

/** Events that mean nothing without a source or a schedule (v3 ignores a bare `alexaSkill`). */
const NEEDS_SETTINGS = new Set(['alexaSkill', 's3', 'sns', 'sqs', 'schedule', 'eventBridge', 'cloudwatchEvent', 'cognitoUserPool', 'iot', 'cloudwatchLog', 'msk', 'kafka', 'activemq', 'rabbitmq']);

const HTTP_TYPES: Record<string, { kind: TriggerKind; api?: ApiKey; apiId?: string }> = {
  http: { kind: 'http-rest', api: 'rest', apiId: REST_API_ID },
  httpApi: { kind: 'http-api', api: 'http', apiId: HTTP_API_ID },
  websocket: { kind: 'websocket', api: 'websocket', apiId: WEBSOCKET_API_ID },
  alb: { kind: 'alb' },
};

/** The resource an event points at: ARN, `{Ref}`/`{Fn::GetAtt}`, or a name the Framework creates. */
function sourceOf(ctx: ServiceContext, type: string, value: unknown): string | undefined {
  const config = isRecord(value) ? value : undefined;
  const raw = config === undefined ? value
    : config.arn ?? config.bucket ?? config.topicName ?? config.queue ?? config.stream ?? config.userPool ?? config.eventBus ?? config.logGroup ?? config.name;
  if (raw === undefined || raw === null) return undefined;
  if (type === 'schedule' || type === 'iot' || type === 'alexaSkill') return undefined;
  const target = ctx.template.refTarget(raw);
  return target ? target.id : ctx.render(raw);
}

function streamKind(ctx: ServiceContext, value: unknown): 'dynamodb-stream' | 'kinesis' {
  const config = isRecord(value) ? value : undefined;
  const declared = asString(config?.type);
  if (declared === 'kinesis') return 'kinesis';
  if (declared === 'dynamodb') return 'dynamodb-stream';
  const arn = ctx.render(config ? config.arn : value) ?? '';
  const target = ctx.template.refTarget(config ? config.arn : value);
  const resourceType = target ? ctx.template.resources.get(target.id)?.type : undefined;
  if (resourceType === 'AWS::Kinesis::Stream' || /:kinesis:/.test(arn)) return 'kinesis';
  return 'dynamodb-stream';
}

function enabled(value: unknown): boolean {
  return !(isRecord(value) && asBoolean(value.enabled) === false);
}

/** `httpAuthorizers` is provider.httpApi.authorizers, read once per service. */
export function readEvents(ctx: ServiceContext, functionId: string, events: unknown, at: PathSegment[], httpAuthorizers: Map<string, ApiAuthorizer>): EventResult {
  const result: EventResult = { triggers: [], routes: [], polled: [] };
  if (events === undefined || events === null) return result;
  if (!Array.isArray(events)) {
    ctx.warn('invalid-events', 'events must be a list', at);
    return result;
  }
  events.forEach((written: unknown, index) => {
    let event = written;
    const path = [...at, index];
    // v1 style: a bare event type without settings (`- alexaSkill`).
    if (typeof event === 'string' && (event in SIMPLE || event === 'stream')) event = { [event]: null };
    if (!isRecord(event) || Object.keys(event).length !== 1) {
      ctx.warn('invalid-event', `events[${index}] must be a mapping with exactly one event type`, path);
      return;
    }
    const [type, value] = Object.entries(event)[0]!;
    const valuePath = [...path, type];
    const base = (kind: TriggerKind, invocation: InvocationType): Trigger => ({
      kind,
      name: `events[${index}].${type}`,
      invocation,
      public: false,
      auth: { type: 'none' },
      config: isRecord(value) ? { ...value } : value === undefined || value === null ? {} : { value },
      location: ctx.locate(valuePath),
    });
    const http = HTTP_TYPES[type];
    if (http) {
      const route = type === 'http' ? readRestEvent(ctx, value, valuePath)
        : type === 'httpApi' ? readHttpApiEvent(ctx, value, valuePath, httpAuthorizers)
        : type === 'websocket' ? readWebsocketEvent(ctx, value, valuePath)
        : readAlbEvent(ctx, value, valuePath);
      if (!route) return;
      const trigger = base(http.kind, 'sync');
      trigger.auth = route.auth;
      trigger.path = route.path;
      trigger.method = route.method;
      if (http.apiId) trigger.apiId = http.apiId;
      result.triggers.push(trigger);
      if (http.api) result.routes.push({ api: http.api, route, functionId, config: trigger.config, path: valuePath });
      return;
    }
    if (type === 'stream') {
      if (value === null || value === undefined || value === '') {
        ctx.warn('invalid-event', 'stream event needs the stream ARN', valuePath);
        return;
      }
      const kind = streamKind(ctx, value);
      const trigger = base(kind, 'poll');
      const source = sourceOf(ctx, type, value);
      if (source !== undefined) trigger.sourceId = source;
      result.triggers.push(trigger);
      if (enabled(value)) result.polled.push({ kind, arn: isRecord(value) ? value.arn : value });
      return;
    }
    const simple = SIMPLE[type];
    if (simple && NEEDS_SETTINGS.has(type) && (value === null || value === undefined || value === '')) {
      ctx.warn('invalid-event', `${type} event needs its source (ARN, name or settings)`, valuePath);
      return;
    }
    if (!simple) {
      ctx.warn('unknown-event', `event type ${type} is not one the Framework knows (a plugin's?); recorded as an unclassified trigger`, valuePath);
      const trigger = base('other', 'async');
      trigger.config = { ...trigger.config, source: type };
      result.triggers.push(trigger);
      return;
    }
    const trigger = base(simple.kind, simple.invocation);
    if (simple.kind === 'other') trigger.config = { ...trigger.config, source: type };
    const source = sourceOf(ctx, type, value);
    if (source !== undefined) trigger.sourceId = source;
    if (type === 's3' && isRecord(value) && asBoolean(value.existing) === true) trigger.config.existing = true;
    result.triggers.push(trigger);
    if (type === 'sqs' && enabled(value)) result.polled.push({ kind: 'sqs', arn: isRecord(value) ? value.arn : value });
  });
  return result;
}

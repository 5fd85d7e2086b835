/**
 * Services that invoke functions from events declared on their own resources: poll-based event
 * source mappings, bucket notifications, topic subscriptions, EventBridge / Scheduler targets,
 * Cognito user-pool triggers, IoT topic rules, CloudWatch Logs subscription filters and AppSync
 * data sources.
 */
import type { AuthType, TriggerKind } from '../../../model/types.js';
import { asString, isRecord } from '../../../model/values.js';
import type { ExtractContext } from './context.js';
import { makeTrigger, omit, pick } from './trigger.js';

/** The source's logical id when it is in the template, else its rendered ARN. */
function sourceOf(ctx: ExtractContext, value: unknown): string | undefined {
  return ctx.targetOf(value) ?? ctx.template.render(value);
}

const SOURCE_KIND_BY_TYPE: Record<string, TriggerKind> = {
  'AWS::SQS::Queue': 'sqs',
  'AWS::Kinesis::Stream': 'kinesis',
  'AWS::DynamoDB::Table': 'dynamodb-stream',
  'AWS::DynamoDB::GlobalTable': 'dynamodb-stream',
};

function mappingKind(ctx: ExtractContext, props: Record<string, unknown>, rawArn: unknown): { kind: TriggerKind; source?: string } {
  const target = ctx.template.refTarget(rawArn);
  const typed = target ? SOURCE_KIND_BY_TYPE[ctx.template.resources.get(target.id)?.type ?? ''] : undefined;
  if (typed) return { kind: typed, source: target!.id };
  const arn = ctx.template.render(rawArn) ?? '';
  if (/^arn:[^:]*:sqs:/.test(arn)) return { kind: 'sqs', source: arn };
  if (/^arn:[^:]*:kinesis:/.test(arn)) return { kind: 'kinesis', source: arn };
  if (/^arn:[^:]*:dynamodb:.*\/stream\//.test(arn)) return { kind: 'dynamodb-stream', source: arn };
  // Kafka (MSK or self-managed), Amazon MQ, DocumentDB: no dedicated kind in the model.
  const source = arn !== '' ? arn : props.SelfManagedEventSource !== undefined ? 'self-managed-kafka' : undefined;
  return source === undefined ? { kind: 'other' } : { kind: 'other', source };
}

function extractMappings(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Lambda::EventSourceMapping')) {
    const props = ctx.props(resource);
    const fn = ctx.functionOf(resource.properties.FunctionName);
    if (!fn) continue;
    const { kind, source } = mappingKind(ctx, props, resource.properties.EventSourceArn);
    ctx.attachTrigger(fn, makeTrigger({
      kind,
      name: resource.id,
      invocation: 'poll',
      location: resource.location,
      auth: { type: 'iam' },
      config: omit(props, ['FunctionName']),
      ...(source !== undefined ? { sourceId: source } : {}),
    }));
  }
}

function extractBucketNotifications(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::S3::Bucket')) {
    const props = ctx.props(resource);
    const notifications = props.NotificationConfiguration;
    if (!isRecord(notifications) || notifications.LambdaConfigurations === undefined) continue;
    const configs = notifications.LambdaConfigurations;
    if (!Array.isArray(configs)) {
      ctx.warn('invalid-property', `bucket ${resource.id}: LambdaConfigurations is not a list`, resource, 'NotificationConfiguration', 'LambdaConfigurations');
      continue;
    }
    configs.forEach((config, index) => {
      if (!isRecord(config)) return;
      const fn = ctx.functionOf(config.Function);
      if (!fn) return;
      ctx.attachTrigger(fn, makeTrigger({
        kind: 's3',
        name: index === 0 ? resource.id : `${resource.id}.${index}`,
        invocation: 'async',
        location: ctx.locate(resource, 'NotificationConfiguration', 'LambdaConfigurations', index),
        auth: { type: 'iam' },
        sourceId: resource.id,
        config: pick(config, ['Event', 'Filter']),
      }));
    });
  }
}

function extractSubscriptions(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::SNS::Subscription')) {
    const props = ctx.props(resource);
    if (asString(props.Protocol)?.toLowerCase() !== 'lambda') continue;
    const fn = ctx.functionOf(resource.properties.Endpoint);
    if (!fn) continue;
    const source = sourceOf(ctx, resource.properties.TopicArn);
    ctx.attachTrigger(fn, makeTrigger({
      kind: 'sns', name: resource.id, invocation: 'async', location: resource.location, auth: { type: 'iam' },
      config: omit(props, ['Endpoint', 'Protocol', 'TopicArn']),
      ...(source !== undefined ? { sourceId: source } : {}),
    }));
  }
  for (const resource of ctx.ofType('AWS::SNS::Topic')) {
    const subscriptions = resource.properties.Subscription;
    if (!Array.isArray(subscriptions)) continue;
    subscriptions.forEach((subscription, index) => {
      if (!isRecord(subscription) || asString(ctx.template.resolve(subscription.Protocol))?.toLowerCase() !== 'lambda') return;
      const fn = ctx.functionOf(subscription.Endpoint);
      if (!fn) return;
      ctx.attachTrigger(fn, makeTrigger({
        kind: 'sns', name: `${resource.id}.${index}`, invocation: 'async', location: ctx.locate(resource, 'Subscription', index),
        auth: { type: 'iam' }, sourceId: resource.id,
      }));
    });
  }
}

function extractRules(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Events::Rule')) {
    const props = ctx.props(resource);
    const targets = resource.properties.Targets;
    if (!Array.isArray(targets)) continue;
    const schedule = props.ScheduleExpression !== undefined;
    targets.forEach((target, index) => {
      if (!isRecord(target)) return;
      const fn = ctx.functionOf(target.Arn);
      if (!fn) return;
      const resolvedTarget = ctx.template.resolve(target);
      ctx.attachTrigger(fn, makeTrigger({
        kind: schedule ? 'schedule' : 'eventbridge',
        name: resource.id,
        invocation: 'async',
        location: ctx.locate(resource, 'Targets', index),
        auth: { type: 'iam' },
        sourceId: resource.id,
        config: {
          ...pick(props, ['ScheduleExpression', 'EventPattern', 'EventBusName', 'State']),
          ...(isRecord(resolvedTarget) ? pick(resolvedTarget, ['DeadLetterConfig', 'RetryPolicy', 'Input', 'InputPath', 'InputTransformer']) : {}),
        },
      }));
    });
  }
  for (const resource of ctx.ofType('AWS::Scheduler::Schedule')) {
    const props = ctx.props(resource);
    const target = isRecord(resource.properties.Target) ? resource.properties.Target : undefined;
    const fn = target ? ctx.functionOf(target.Arn) : undefined;
    if (!fn) continue;
    const resolvedTarget = isRecord(props.Target) ? props.Target : {};
    ctx.attachTrigger(fn, makeTrigger({
      kind: 'schedule', name: resource.id, invocation: 'async', location: resource.location, auth: { type: 'iam' }, sourceId: resource.id,
      config: { ...pick(props, ['ScheduleExpression', 'State', 'FlexibleTimeWindow']), ...pick(resolvedTarget, ['DeadLetterConfig', 'RetryPolicy']) },
    }));
  }
}

function extractUserPools(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Cognito::UserPool')) {
    const lambdaConfig = resource.properties.LambdaConfig;
    if (!isRecord(lambdaConfig)) continue;
    for (const [event, value] of Object.entries(lambdaConfig)) {
      // Custom sender triggers are mappings holding LambdaArn; the rest are ARNs.
      const raw = isRecord(value) && 'LambdaArn' in value ? value.LambdaArn : value;
      const fn = ctx.functionOf(raw);
      if (!fn) continue;
      ctx.attachTrigger(fn, makeTrigger({
        kind: 'cognito', name: `${resource.id}.${event}`, invocation: 'sync', location: ctx.locate(resource, 'LambdaConfig', event),
        auth: { type: 'iam' }, sourceId: resource.id, config: { trigger: event },
      }));
    }
  }
}

function extractTopicRules(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::IoT::TopicRule')) {
    const payload = resource.properties.TopicRulePayload;
    if (!isRecord(payload) || !Array.isArray(payload.Actions)) continue;
    payload.Actions.forEach((action, index) => {
      const lambda = isRecord(action) ? action.Lambda : undefined;
      const fn = isRecord(lambda) ? ctx.functionOf(lambda.FunctionArn) : undefined;
      if (!fn) return;
      ctx.attachTrigger(fn, makeTrigger({
        kind: 'iot', name: resource.id, invocation: 'async', location: ctx.locate(resource, 'TopicRulePayload', 'Actions', index),
        auth: { type: 'iam' }, sourceId: resource.id, config: { Sql: ctx.template.render(payload.Sql) },
      }));
    });
  }
}

/**
 * CloudWatch Logs subscription filters whose destination is a function: CloudWatch Logs invokes
 * it asynchronously with each batch of matching log events (as SAM's `CloudWatchLogs` event).
 */
function extractSubscriptionFilters(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Logs::SubscriptionFilter')) {
    const fn = ctx.functionOf(resource.properties.DestinationArn);
    if (!fn) continue;
    const props = ctx.props(resource);
    const source = sourceOf(ctx, resource.properties.LogGroupName);
    ctx.attachTrigger(fn, makeTrigger({
      kind: 'other', name: resource.id, invocation: 'async', location: resource.location, auth: { type: 'iam' },
      config: { source: 'CloudWatchLogs', ...pick(props, ['LogGroupName', 'FilterPattern', 'FilterName', 'Distribution']) },
      ...(source !== undefined ? { sourceId: source } : {}),
    }));
  }
}

const APPSYNC_AUTH: Record<string, AuthType> = {
  API_KEY: 'none', AWS_IAM: 'iam', AMAZON_COGNITO_USER_POOLS: 'cognito', OPENID_CONNECT: 'jwt', AWS_LAMBDA: 'lambda',
};

function extractAppSync(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::AppSync::DataSource')) {
    const props = ctx.props(resource);
    if (asString(props.Type) !== 'AWS_LAMBDA') continue;
    const lambdaConfig = resource.properties.LambdaConfig;
    const fn = isRecord(lambdaConfig) ? ctx.functionOf(lambdaConfig.LambdaFunctionArn) : undefined;
    if (!fn) continue;
    const apiId = ctx.targetOf(resource.properties.ApiId, 'AWS::AppSync::GraphQLApi');
    const api = apiId ? ctx.template.resources.get(apiId) : undefined;
    const authentication = api ? asString(ctx.template.resolve(api.properties.AuthenticationType)) : undefined;
    ctx.attachTrigger(fn, makeTrigger({
      kind: 'appsync', name: resource.id, invocation: 'sync', location: resource.location,
      auth: authentication === 'API_KEY' ? { type: 'none', apiKeyRequired: true } : { type: APPSYNC_AUTH[authentication ?? ''] ?? 'unknown' },
      sourceId: apiId ?? ctx.template.render(resource.properties.ApiId) ?? resource.id,
      config: { dataSource: resource.id, ...(authentication ? { authenticationType: authentication } : {}) },
    }));
  }
}

export function extractEventSources(ctx: ExtractContext): void {
  extractMappings(ctx);
  extractBucketNotifications(ctx);
  extractSubscriptions(ctx);
  extractRules(ctx);
  extractUserPools(ctx);
  extractTopicRules(ctx);
  extractSubscriptionFilters(ctx);
  extractAppSync(ctx);
}

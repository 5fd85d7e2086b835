/**
 * How a function can be reached directly: function URLs, resource-based permissions, and the
 * asynchronous-invocation settings (EventInvokeConfig) that decide where failed events go.
 */
import type { CorsConfig, FunctionUrlConfig } from '../../../model/types.js';
import { asBoolean, asNumber, asString, isRecord } from '../../../model/values.js';
import type { ExtractContext } from './context.js';
import { makeTrigger, omit } from './trigger.js';

function cors(ctx: ExtractContext, value: unknown): CorsConfig | undefined {
  if (!isRecord(value)) return undefined;
  const config: CorsConfig = {
    allowOrigins: ctx.template.renderList(value.AllowOrigins),
    allowCredentials: asBoolean(value.AllowCredentials) ?? false,
  };
  if (value.AllowMethods !== undefined) config.allowMethods = ctx.template.renderList(value.AllowMethods);
  if (value.AllowHeaders !== undefined) config.allowHeaders = ctx.template.renderList(value.AllowHeaders);
  return config;
}

function extractUrls(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Lambda::Url')) {
    const props = ctx.props(resource);
    const fn = ctx.functionOf(resource.properties.TargetFunctionArn);
    if (!fn) {
      ctx.warn('unlinked-resource', `function URL ${resource.id}: its target function is not in this template`, resource, 'TargetFunctionArn');
      continue;
    }
    const authType = asString(props.AuthType) ?? 'unknown';
    const url: FunctionUrlConfig = { authType, location: resource.location };
    const invokeMode = asString(props.InvokeMode);
    if (invokeMode !== undefined) url.invokeMode = invokeMode;
    const corsConfig = cors(ctx, props.Cors);
    if (corsConfig) url.cors = { ...corsConfig, location: ctx.locate(resource, 'Cors') };
    fn.url = url;
    ctx.attachTrigger(fn, makeTrigger({
      kind: 'function-url',
      name: resource.id,
      invocation: 'sync',
      location: resource.location,
      auth: { type: authType === 'NONE' ? 'none' : authType === 'AWS_IAM' ? 'iam' : 'unknown' },
      config: omit(props, ['TargetFunctionArn']),
    }));
  }
}

/**
 * Resource-based permissions. Service principals are recorded by the trigger of the service
 * itself (bucket notification, rule target...); a permission open to every principal is a way in
 * of its own, so it becomes a trigger that exposure can judge.
 */
function extractPermissions(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Lambda::Permission')) {
    const props = ctx.props(resource);
    const fn = ctx.functionOf(resource.properties.FunctionName);
    if (!fn) continue;
    const principal = ctx.template.render(props.Principal);
    if (principal !== '*') continue;
    ctx.attachTrigger(fn, makeTrigger({
      kind: 'other',
      name: resource.id,
      invocation: 'sync',
      location: resource.location,
      auth: { type: asString(props.FunctionUrlAuthType) === 'NONE' ? 'none' : 'iam' },
      config: { permission: resource.id, ...omit(props, ['FunctionName']) },
    }));
  }
}

function destination(ctx: ExtractContext, config: unknown, key: string): string | undefined {
  if (!isRecord(config)) return undefined;
  const entry = config[key];
  return isRecord(entry) ? ctx.template.render(entry.Destination) : undefined;
}

function extractInvokeConfigs(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Lambda::EventInvokeConfig')) {
    const props = ctx.props(resource);
    const fn = ctx.functionOf(resource.properties.FunctionName);
    if (!fn) continue;
    const destinations: NonNullable<typeof fn.destinations> = { ...fn.destinations };
    const onSuccess = destination(ctx, props.DestinationConfig, 'OnSuccess');
    if (onSuccess !== undefined) destinations.onSuccess = onSuccess;
    const onFailure = destination(ctx, props.DestinationConfig, 'OnFailure');
    if (onFailure !== undefined) destinations.onFailure = onFailure;
    const retries = asNumber(props.MaximumRetryAttempts);
    if (retries !== undefined) destinations.maximumRetryAttempts = retries;
    const age = asNumber(props.MaximumEventAgeInSeconds);
    if (age !== undefined) destinations.maximumEventAgeInSeconds = age;
    fn.destinations = destinations;
  }
}

export function extractLambdaAccess(ctx: ExtractContext): void {
  extractUrls(ctx);
  extractPermissions(ctx);
  extractInvokeConfigs(ctx);
}

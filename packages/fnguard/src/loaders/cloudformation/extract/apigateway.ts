/**
 * API Gateway REST APIs (v1): the API with its inline OpenAPI body, and the resources that
 * describe it piece by piece (Resource / Method / Authorizer / Stage / Deployment / UsagePlan /
 * RequestValidator).
 */
import type { Api, ApiAuthorizer, ApiRoute, ApiStage, TriggerAuth } from '../../../model/types.js';
import { asBoolean, asString, isRecord } from '../../../model/values.js';
import type { TemplateResource } from '../template.js';
import type { ExtractContext } from './context.js';
import { describeIntegration } from './integration.js';
import { validates } from '../../sam/openapi-routes.js';
import { addRoute, authorizerKind, integratedFunction, newApi, readAccessLogging, readBody, throttling } from './api-common.js';

const REST_API = 'AWS::ApiGateway::RestApi';

function restApiOf(ctx: ExtractContext, value: unknown): Api | undefined {
  const target = ctx.template.refTarget(value);
  if (target) return ctx.apis.get(target.id);
  const rendered = ctx.template.render(value);
  return rendered === undefined ? undefined : ctx.apis.get(rendered.replace(/^\$\{([A-Za-z0-9]+)\}$/, '$1'));
}

function createApis(ctx: ExtractContext): void {
  for (const resource of ctx.ofType(REST_API)) {
    if (ctx.apis.has(resource.id)) continue;
    const api = newApi(ctx, resource, 'rest');
    const props = api.properties;
    const endpoint = isRecord(props.EndpointConfiguration) ? ctx.template.renderList(props.EndpointConfiguration.Types) : [];
    if (endpoint[0] !== undefined) api.endpointType = endpoint[0].toUpperCase();
    const disabled = asBoolean(props.DisableExecuteApiEndpoint);
    if (disabled !== undefined) api.disableExecuteApiEndpoint = disabled;
    ctx.apis.set(api.id, api);
    ctx.app.apis.push(api);
    readBody(ctx, resource, api);
  }
}

function authorizerSource(ctx: ExtractContext, props: Record<string, unknown>): string | undefined {
  const fn = integratedFunction(ctx, props.AuthorizerUri);
  if (fn) return fn.id;
  const providers = ctx.template.renderList(props.ProviderARNs);
  return providers.length > 0 ? providers.join(',') : ctx.template.render(props.AuthorizerUri);
}

function extractAuthorizers(ctx: ExtractContext): Map<string, ApiAuthorizer> {
  const byId = new Map<string, ApiAuthorizer>();
  for (const resource of ctx.ofType('AWS::ApiGateway::Authorizer')) {
    const props = ctx.props(resource);
    const authorizer: ApiAuthorizer = {
      name: ctx.template.render(props.Name) ?? resource.id,
      type: authorizerKind(asString(props.Type)),
      location: resource.location,
    };
    const source = authorizerSource(ctx, props);
    if (source !== undefined) authorizer.source = source;
    const identity = ctx.template.render(props.IdentitySource);
    if (identity !== undefined) authorizer.identitySource = identity;
    byId.set(resource.id, authorizer);
    const api = restApiOf(ctx, resource.properties.RestApiId);
    if (api && !api.authorizers.includes(authorizer)) api.authorizers.push(authorizer);
  }
  return byId;
}

/** Full paths of AWS::ApiGateway::Resource, following ParentId up to the API root. */
function resourcePaths(ctx: ExtractContext): Map<string, string> {
  const parts = new Map<string, { parent: unknown; part: string }>();
  for (const resource of ctx.ofType('AWS::ApiGateway::Resource')) {
    parts.set(resource.id, { parent: resource.properties.ParentId, part: ctx.template.render(resource.properties.PathPart) ?? '?' });
  }
  const paths = new Map<string, string>();
  const pathOf = (id: string, seen: Set<string>): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const entry = parts.get(id);
    if (!entry || seen.has(id)) return '';
    seen.add(id);
    const parent = ctx.template.refTarget(entry.parent);
    const prefix = parent && parent.attribute !== 'RootResourceId' && parts.has(parent.id) ? pathOf(parent.id, seen) : '';
    const full = `${prefix}/${entry.part}`;
    paths.set(id, full);
    return full;
  };
  for (const id of parts.keys()) pathOf(id, new Set());
  return paths;
}

function methodAuth(ctx: ExtractContext, props: Record<string, unknown>, authorizers: Map<string, ApiAuthorizer>): TriggerAuth {
  const declared = (asString(props.AuthorizationType) ?? 'NONE').toUpperCase();
  const authorizerId = ctx.targetOf(props.AuthorizerId);
  const authorizer = authorizerId ? authorizers.get(authorizerId) : undefined;
  const auth: TriggerAuth = { type: declared === 'NONE' ? 'none' : authorizer?.type ?? authorizerKind(declared) };
  if (authorizer) auth.authorizer = authorizer.name;
  if (asBoolean(props.ApiKeyRequired) === true) auth.apiKeyRequired = true;
  const scopes = ctx.template.renderList(props.AuthorizationScopes);
  if (scopes.length > 0) auth.scopes = scopes;
  return auth;
}

function extractMethods(ctx: ExtractContext, authorizers: Map<string, ApiAuthorizer>): void {
  const paths = resourcePaths(ctx);
  const validators = new Map(ctx.ofType('AWS::ApiGateway::RequestValidator').map((r) => [r.id, ctx.props(r)]));
  for (const resource of ctx.ofType('AWS::ApiGateway::Method')) {
    const props = ctx.props(resource);
    const api = restApiOf(ctx, resource.properties.RestApiId);
    if (!api) continue;
    const target = ctx.template.refTarget(resource.properties.ResourceId);
    const path = target?.attribute === 'RootResourceId' ? '/' : target ? paths.get(target.id) ?? `\${${target.id}}` : ctx.template.render(props.ResourceId) ?? '/';
    const route: ApiRoute = {
      path,
      method: (asString(props.HttpMethod) ?? 'ANY').toUpperCase(),
      auth: methodAuth(ctx, props, authorizers),
      location: resource.location,
    };
    const validatorId = ctx.targetOf(props.RequestValidatorId);
    if (validatorId !== undefined) route.requestValidation = validates(validators.get(validatorId));
    const integration = isRecord(props.Integration) ? props.Integration : undefined;
    const fn = integration ? integratedFunction(ctx, integration.Uri) : undefined;
    if (fn) route.functionId = fn.id;
    else if (integration) {
      const backend = describeIntegration(asString(integration.Type), ctx.template.render(integration.Uri), undefined, asString(integration.ConnectionType));
      if (backend) route.integration = backend;
    }
    addRoute(ctx, api, route);
  }
}

/** Stage-wide settings live in the MethodSettings entry for `/*` + `*`; others override routes. */
function applyMethodSettings(stage: ApiStage, value: unknown): void {
  if (!Array.isArray(value)) return;
  for (const setting of value) {
    if (!isRecord(setting)) continue;
    const stageWide = (setting.ResourcePath === undefined || setting.ResourcePath === '/*') && (setting.HttpMethod === undefined || setting.HttpMethod === '*');
    const limits = throttling(setting);
    if (limits && stageWide) stage.throttling = limits;
    else if (limits) stage.routeThrottling = true;
    if (asBoolean(setting.CacheDataEncrypted) === true) stage.cacheEncrypted = true;
    else if (stageWide && asBoolean(setting.CachingEnabled) === true && stage.cacheEncrypted === undefined) stage.cacheEncrypted = false;
  }
}

function buildStage(ctx: ExtractContext, name: string, settings: Record<string, unknown>, resource: TemplateResource): ApiStage {
  const stage: ApiStage = { name, location: resource.location };
  applyMethodSettings(stage, settings.MethodSettings);
  // A Deployment's StageDescription also accepts the stage-wide limits directly.
  const direct = throttling(settings);
  if (direct && !stage.throttling) stage.throttling = direct;
  const logging = readAccessLogging(ctx.template, settings.AccessLogSetting);
  if (logging) stage.accessLogging = logging;
  const tracing = asBoolean(settings.TracingEnabled);
  if (tracing !== undefined) stage.tracing = tracing;
  if (asBoolean(settings.CacheDataEncrypted) === true) stage.cacheEncrypted = true;
  return stage;
}

function addStage(api: Api, stage: ApiStage): void {
  const index = api.stages.findIndex((existing) => existing.name === stage.name);
  if (index >= 0) api.stages[index] = { ...api.stages[index], ...stage };
  else api.stages.push(stage);
}

function extractStages(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::ApiGateway::Deployment')) {
    const props = ctx.props(resource);
    const api = restApiOf(ctx, resource.properties.RestApiId);
    const name = ctx.template.render(props.StageName);
    if (!api || name === undefined) continue;
    addStage(api, buildStage(ctx, name, isRecord(props.StageDescription) ? props.StageDescription : {}, resource));
  }
  for (const resource of ctx.ofType('AWS::ApiGateway::Stage')) {
    const props = ctx.props(resource);
    const api = restApiOf(ctx, resource.properties.RestApiId);
    if (!api) continue;
    if (props.AccessLogSetting !== undefined && !isRecord(props.AccessLogSetting)) {
      ctx.warn('invalid-property', `stage ${resource.id}: AccessLogSetting is not a mapping`, resource, 'AccessLogSetting');
    }
    addStage(api, buildStage(ctx, ctx.template.render(props.StageName) ?? resource.id, props, resource));
  }
}

function extractUsagePlans(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::ApiGateway::UsagePlan')) {
    const stages = ctx.props(resource).ApiStages;
    if (!Array.isArray(stages)) continue;
    for (const stage of stages) {
      const api = isRecord(stage) ? restApiOf(ctx, stage.ApiId) : undefined;
      if (api) api.usagePlan = true;
    }
  }
}

export function extractRestApis(ctx: ExtractContext): void {
  createApis(ctx);
  const authorizers = extractAuthorizers(ctx);
  extractMethods(ctx, authorizers);
  extractStages(ctx);
  extractUsagePlans(ctx);
}

/**
 * API Gateway v2: HTTP and WebSocket APIs with their routes, integrations, authorizers and
 * stages. A route reaches a function through `Target: integrations/<IntegrationId>`.
 */
import type { Api, ApiAuthorizer, ApiRoute, ApiStage, CorsConfig, RouteIntegration, ServerlessFunction, TriggerAuth } from '../../../model/types.js';
import { asBoolean, asString, isRecord, referencedIds } from '../../../model/values.js';
import type { ExtractContext } from './context.js';
import { describeIntegration } from './integration.js';
import { addRoute, authorizerKind, integratedFunction, newApi, readAccessLogging, readBody, throttling } from './api-common.js';

function apiOf(ctx: ExtractContext, value: unknown): Api | undefined {
  const target = ctx.template.refTarget(value);
  if (target) return ctx.apis.get(target.id);
  const rendered = ctx.template.render(value);
  return rendered === undefined ? undefined : ctx.apis.get(rendered.replace(/^\$\{([A-Za-z0-9]+)\}$/, '$1'));
}

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

function createApis(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::ApiGatewayV2::Api')) {
    if (ctx.apis.has(resource.id)) continue;
    const props = ctx.props(resource);
    const protocol = asString(props.ProtocolType)?.toUpperCase();
    const api = newApi(ctx, resource, protocol === 'WEBSOCKET' ? 'websocket' : 'http');
    const corsConfig = cors(ctx, props.CorsConfiguration);
    if (corsConfig) api.cors = { ...corsConfig, location: ctx.locate(resource, 'CorsConfiguration') };
    const disabled = asBoolean(props.DisableExecuteApiEndpoint);
    if (disabled !== undefined) api.disableExecuteApiEndpoint = disabled;
    ctx.apis.set(api.id, api);
    ctx.app.apis.push(api);
    readBody(ctx, resource, api);
    // Quick create: `Target` makes a $default route to the function with no authorization.
    const quick = props.Target !== undefined ? integratedFunction(ctx, resource.properties.Target) : undefined;
    if (quick) {
      addRoute(ctx, api, { path: '$default', method: 'ANY', functionId: quick.id, auth: { type: 'none' }, location: ctx.locate(resource, 'Target') });
    }
  }
}

function integrations(ctx: ExtractContext): Map<string, ServerlessFunction | RouteIntegration> {
  const byId = new Map<string, ServerlessFunction | RouteIntegration>();
  for (const resource of ctx.ofType('AWS::ApiGatewayV2::Integration')) {
    const fn = integratedFunction(ctx, resource.properties.IntegrationUri);
    if (fn) {
      byId.set(resource.id, fn);
      continue;
    }
    const props = ctx.props(resource);
    const backend = describeIntegration(asString(props.IntegrationType), ctx.template.render(props.IntegrationUri), asString(props.IntegrationSubtype), asString(props.ConnectionType));
    if (backend) byId.set(resource.id, backend);
  }
  return byId;
}

function authorizers(ctx: ExtractContext): Map<string, ApiAuthorizer> {
  const byId = new Map<string, ApiAuthorizer>();
  for (const resource of ctx.ofType('AWS::ApiGatewayV2::Authorizer')) {
    const props = ctx.props(resource);
    const authorizer: ApiAuthorizer = {
      name: ctx.template.render(props.Name) ?? resource.id,
      type: authorizerKind(asString(props.AuthorizerType)),
      location: resource.location,
    };
    const jwt = isRecord(props.JwtConfiguration) ? props.JwtConfiguration : undefined;
    const source = jwt ? ctx.template.render(jwt.Issuer) : integratedFunction(ctx, resource.properties.AuthorizerUri)?.id ?? ctx.template.render(props.AuthorizerUri);
    if (source !== undefined) authorizer.source = source;
    const identity = ctx.template.renderList(props.IdentitySource);
    if (identity.length > 0) authorizer.identitySource = identity.join(',');
    byId.set(resource.id, authorizer);
    const api = apiOf(ctx, resource.properties.ApiId);
    if (api && !api.authorizers.includes(authorizer)) api.authorizers.push(authorizer);
  }
  return byId;
}

/** `GET /items/{id}` -> method + path; WebSocket keys (`$connect`, `sendMessage`) are paths. */
function splitRouteKey(key: string): { method: string; path: string } {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(key.trim());
  if (match) return { method: match[1]!.toUpperCase(), path: match[2]! };
  return { method: 'ANY', path: key.trim() };
}

function routeAuth(ctx: ExtractContext, props: Record<string, unknown>, byId: Map<string, ApiAuthorizer>): TriggerAuth {
  const declared = (asString(props.AuthorizationType) ?? 'NONE').toUpperCase();
  const authorizerId = ctx.targetOf(props.AuthorizerId);
  const authorizer = authorizerId ? byId.get(authorizerId) : undefined;
  const auth: TriggerAuth = { type: declared === 'NONE' ? 'none' : authorizer?.type ?? authorizerKind(declared) };
  if (authorizer) auth.authorizer = authorizer.name;
  if (asBoolean(props.ApiKeyRequired) === true) auth.apiKeyRequired = true;
  const scopes = ctx.template.renderList(props.AuthorizationScopes);
  if (scopes.length > 0) auth.scopes = scopes;
  return auth;
}

function extractRoutes(ctx: ExtractContext): void {
  const targets = integrations(ctx);
  const byId = authorizers(ctx);
  for (const resource of ctx.ofType('AWS::ApiGatewayV2::Route')) {
    const props = ctx.props(resource);
    const api = apiOf(ctx, resource.properties.ApiId);
    const key = asString(props.RouteKey);
    if (!api || key === undefined) continue;
    const { method, path } = splitRouteKey(key);
    const route: ApiRoute = { path, method, auth: routeAuth(ctx, props, byId), location: resource.location };
    const target = ctx.template.render(props.Target);
    const backend = target === undefined ? undefined : referencedIds(target).map((id) => targets.get(id)).find((f) => f !== undefined);
    if (backend && 'id' in backend) route.functionId = backend.id;
    else if (backend) route.integration = backend;
    addRoute(ctx, api, route);
  }
}

function extractStages(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::ApiGatewayV2::Stage')) {
    const props = ctx.props(resource);
    const api = apiOf(ctx, resource.properties.ApiId);
    if (!api) continue;
    const stage: ApiStage = { name: ctx.template.render(props.StageName) ?? resource.id, location: resource.location };
    const defaults = isRecord(props.DefaultRouteSettings) ? props.DefaultRouteSettings : {};
    const limits = throttling(defaults);
    if (limits) stage.throttling = limits;
    if (isRecord(props.RouteSettings) && Object.values(props.RouteSettings).some((s) => isRecord(s) && throttling(s))) stage.routeThrottling = true;
    const logging = readAccessLogging(ctx.template, props.AccessLogSettings);
    if (logging) stage.accessLogging = logging;
    const existing = api.stages.findIndex((s) => s.name === stage.name);
    if (existing >= 0) api.stages[existing] = { ...api.stages[existing], ...stage };
    else api.stages.push(stage);
  }
}

export function extractHttpApis(ctx: ExtractContext): void {
  createApis(ctx);
  extractRoutes(ctx);
  extractStages(ctx);
}

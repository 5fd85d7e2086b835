/**
 * The APIs the Framework creates implicitly when functions have `http`, `httpApi` or
 * `websocket` events, with the provider-level settings that secure or expose them.
 */
import type { Api, ApiAuthorizer, ApiRoute, ApiStage, CorsConfig } from '../../model/types.js';
import { asBoolean, asNumber, asString, isRecord } from '../../model/values.js';
import type { ServiceContext } from './context.js';
import { readCors } from './cors.js';
import type { ApiKey, RouteUse } from './events.js';
import { HTTP_API_ID, REST_API_ID, WEBSOCKET_API_ID } from './naming.js';

function accessLogging(ctx: ServiceContext, key: 'restApi' | 'httpApi' | 'websocket', group: string): ApiStage['accessLogging'] | undefined {
  const raw = ctx.providerValue('logs', key);
  if (raw === undefined || raw === null || raw === false) return undefined;
  const settings = isRecord(raw) ? raw : {};
  if (isRecord(raw) && asBoolean(raw.accessLogging) === false) return undefined;
  const out: NonNullable<ApiStage['accessLogging']> = { destination: group };
  const format = asString(settings.format);
  if (format !== undefined) out.format = format;
  return out;
}

/** `usagePlan` is one plan, or a list of `{<planName>: plan}` for several. */
function usagePlanThrottles(plan: unknown): Record<string, unknown>[] {
  const plans = Array.isArray(plan) ? plan.flatMap((item) => (isRecord(item) ? Object.values(item) : [])) : [plan];
  return plans.flatMap((p) => (isRecord(p) && isRecord(p.throttle) ? [p.throttle] : []));
}

function restStage(ctx: ServiceContext): ApiStage {
  const stage: ApiStage = { name: ctx.stage, location: ctx.locate(['provider']) };
  const logging = accessLogging(ctx, 'restApi', `/aws/api-gateway/${ctx.service}-${ctx.stage}`);
  if (logging) stage.accessLogging = logging;
  const tracing = asBoolean(ctx.providerValue('tracing', 'apiGateway'));
  if (tracing !== undefined) stage.tracing = tracing;
  const throttle = usagePlanThrottles(ctx.providerValue('apiGateway', 'usagePlan') ?? ctx.provider.usagePlan)[0];
  if (throttle) {
    const throttling: NonNullable<ApiStage['throttling']> = {};
    const burst = asNumber(throttle.burstLimit);
    const rate = asNumber(throttle.rateLimit);
    if (burst !== undefined) throttling.burstLimit = burst;
    if (rate !== undefined) throttling.rateLimit = rate;
    stage.throttling = throttling;
  }
  return stage;
}

function routesOf(ctx: ServiceContext, uses: RouteUse[]): ApiRoute[] {
  return uses.map((use) => {
    const route: ApiRoute = { path: use.route.path, method: use.route.method, functionId: use.functionId, auth: use.route.auth, location: ctx.locate(use.path) };
    const request = use.config.request;
    if (isRecord(request) && request.schemas !== undefined) route.requestValidation = true;
    return route;
  });
}

function uniqueAuthorizers(uses: RouteUse[], declared: ApiAuthorizer[] = []): ApiAuthorizer[] {
  const out = new Map<string, ApiAuthorizer>(declared.map((a) => [a.name, a]));
  for (const use of uses) if (use.route.authorizer && !out.has(use.route.authorizer.name)) out.set(use.route.authorizer.name, use.route.authorizer);
  return [...out.values()];
}

function mergeCors(configs: CorsConfig[]): CorsConfig | undefined {
  if (configs.length === 0) return undefined;
  const origins = new Set(configs.flatMap((c) => c.allowOrigins));
  const merged: CorsConfig = { allowOrigins: [...origins], allowCredentials: configs.some((c) => c.allowCredentials) };
  if (configs[0]?.location) merged.location = configs[0].location;
  return merged;
}

function restApi(ctx: ServiceContext, uses: RouteUse[]): Api {
  const settings = isRecord(ctx.provider.apiGateway) ? ctx.provider.apiGateway : {};
  const keys = settings.apiKeys ?? ctx.provider.apiKeys;
  const plan = settings.usagePlan ?? ctx.provider.usagePlan;
  const policy = settings.resourcePolicy ?? ctx.provider.resourcePolicy;
  const external = settings.restApiId !== undefined;
  const api: Api = {
    id: REST_API_ID,
    name: asString(settings.restApiName) ?? `${ctx.stage}-${ctx.service}`,
    kind: 'rest',
    implicit: !external,
    endpointType: (asString(ctx.provider.endpointType) ?? 'EDGE').toUpperCase(),
    stages: [restStage(ctx)],
    authorizers: uniqueAuthorizers(uses),
    usagePlan: plan !== undefined || (Array.isArray(keys) && keys.length > 0),
    routes: routesOf(ctx, uses),
    properties: { ...settings, ...(policy !== undefined ? { resourcePolicy: policy } : {}), ...(external ? { external: true } : {}) },
    location: uses[0] ? ctx.locate(uses[0].path) : ctx.locate(['provider']),
  };
  const cors = mergeCors(uses.flatMap((use) => {
    const c = readCors(use.config.cors, ctx.locate([...use.path, 'cors']));
    return c ? [c] : [];
  }));
  if (cors) api.cors = cors;
  if (asBoolean(settings.disableDefaultEndpoint) === true) api.disableExecuteApiEndpoint = true;
  if (uses.length > 0 && uses.every((use) => use.route.auth.apiKeyRequired === true)) api.apiKeyRequired = true;
  return api;
}

function httpApi(ctx: ServiceContext, uses: RouteUse[], authorizers: Map<string, ApiAuthorizer>): Api {
  const settings = isRecord(ctx.provider.httpApi) ? ctx.provider.httpApi : {};
  const stage: ApiStage = { name: '$default', location: ctx.locate(['provider']) };
  const logging = accessLogging(ctx, 'httpApi', `/aws/http-api/${ctx.service}-${ctx.stage}`);
  if (logging) stage.accessLogging = logging;
  const api: Api = {
    id: HTTP_API_ID,
    name: asString(settings.name) ?? `${ctx.stage}-${ctx.service}`,
    kind: 'http',
    implicit: settings.id === undefined,
    endpointType: 'REGIONAL',
    stages: [stage],
    authorizers: uniqueAuthorizers(uses, [...authorizers.values()]),
    routes: routesOf(ctx, uses),
    properties: { ...settings },
    location: uses[0] ? ctx.locate(uses[0].path) : ctx.locate(['provider', 'httpApi']),
  };
  const cors = readCors(settings.cors, ctx.locate(['provider', 'httpApi', 'cors']));
  if (cors) api.cors = cors;
  if (asBoolean(settings.disableDefaultEndpoint) === true) api.disableExecuteApiEndpoint = true;
  return api;
}

function websocketApi(ctx: ServiceContext, uses: RouteUse[]): Api {
  const stage: ApiStage = { name: ctx.stage, location: ctx.locate(['provider']) };
  const logging = accessLogging(ctx, 'websocket', `/aws/websocket/${ctx.service}-${ctx.stage}`);
  if (logging) stage.accessLogging = logging;
  return {
    id: WEBSOCKET_API_ID,
    name: asString(ctx.provider.websocketsApiName) ?? `${ctx.stage}-${ctx.service}-websockets`,
    kind: 'websocket',
    // An existing API is referenced by id; otherwise the Framework creates one.
    implicit: ctx.providerValue('apiGateway', 'websocketApiId') === undefined,
    stages: [stage],
    authorizers: uniqueAuthorizers(uses),
    routes: routesOf(ctx, uses),
    properties: { routeSelectionExpression: asString(ctx.provider.websocketsApiRouteSelectionExpression) ?? '$request.body.action' },
    location: uses[0] ? ctx.locate(uses[0].path) : ctx.locate(['provider']),
  };
}

export function buildApis(ctx: ServiceContext, uses: RouteUse[], authorizers: Map<string, ApiAuthorizer>): Api[] {
  const by = (kind: ApiKey) => uses.filter((use) => use.api === kind);
  const apis: Api[] = [];
  const rest = by('rest');
  if (rest.length > 0) apis.push(restApi(ctx, rest));
  const http = by('http');
  if (http.length > 0) apis.push(httpApi(ctx, http, authorizers));
  const ws = by('websocket');
  if (ws.length > 0) apis.push(websocketApi(ctx, ws));
  return apis;
}

/**
 * AWS::Serverless::WebSocketApi -> Api (kind websocket) and a `websocket` trigger on each
 * function a route invokes. WebSocket auth is checked once, on `$connect`; every other route
 * is reached over a connection that passed it, so it carries the same auth.
 */
import type { TemplateContext, TemplateResource } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import type { Api, ServerlessFunction, TriggerAuth } from '../../model/types.js';
import { asBoolean, isRecord } from '../../model/values.js';

type Warn = (code: string, message: string, at: PathSegment[]) => void;

const AUTH_TYPES: Record<string, TriggerAuth['type']> = { NONE: 'none', AWS_IAM: 'iam', CUSTOM: 'lambda' };

function connectionAuth(template: TemplateContext, resource: TemplateResource, auth: unknown, warn: Warn): TriggerAuth {
  if (auth === undefined) return { type: 'none' };
  const at = [...resource.path, 'Properties', 'Auth'];
  if (!isRecord(auth)) {
    warn('sam-invalid-api', `${resource.id}: Auth must be a map`, at);
    return { type: 'unknown' };
  }
  const declared = template.render(auth.AuthType);
  const type = declared === undefined ? undefined : AUTH_TYPES[declared];
  if (!type) {
    warn('sam-invalid-api', `${resource.id}: AuthType must be one of AWS_IAM, CUSTOM or NONE`, at);
    return { type: 'unknown' };
  }
  const result: TriggerAuth = { type };
  const name = template.render(auth.Name);
  if (type === 'lambda' && name !== undefined) result.authorizer = name;
  return result;
}

const SPECIAL_ROUTES = new Set(['$connect', '$disconnect', '$default']);

/** Settings the WebSocket API needs to deploy at all; they do not change the model. */
function validateWebSocketSettings(template: TemplateContext, resource: TemplateResource, properties: Record<string, unknown>, warn: Warn): void {
  const at = (key: string): PathSegment[] => [...resource.path, 'Properties', key];
  if (properties.RouteSelectionExpression === undefined) warn('sam-invalid-api', `${resource.id}: RouteSelectionExpression is required`, at('RouteSelectionExpression'));
  if (template.render(properties.StageName) === '$default') warn('sam-invalid-api', `${resource.id}: a WebSocket stage cannot be named $default`, at('StageName'));
  if (isRecord(properties.Routes)) {
    for (const key of Object.keys(properties.Routes)) {
      if (key.startsWith('$') && !SPECIAL_ROUTES.has(key)) warn('sam-invalid-api', `${resource.id}: ${key} is not a WebSocket route; the special routes are $connect, $disconnect and $default`, [...at('Routes'), key]);
    }
  }
}

export function expandWebSocketApi(
  template: TemplateContext,
  resource: TemplateResource,
  properties: Record<string, unknown>,
  functions: Map<string, ServerlessFunction>,
  warn: Warn,
): Api {
  const api: Api = {
    id: resource.id,
    name: template.render(properties.Name) ?? resource.id,
    kind: 'websocket',
    implicit: false,
    stages: [{ name: template.render(properties.StageName) ?? 'default', location: resource.location }],
    authorizers: [],
    routes: [],
    properties,
    location: resource.location,
  };
  validateWebSocketSettings(template, resource, properties, warn);
  const auth = connectionAuth(template, resource, properties.Auth, warn);
  if (auth.type === 'lambda') {
    const authorizer = { name: auth.authorizer ?? `${resource.id}Authorizer`, type: 'lambda' as const, location: resource.location };
    const source = isRecord(properties.Auth) ? template.refTarget(properties.Auth.AuthArn)?.id ?? template.render(properties.Auth.AuthArn) : undefined;
    api.authorizers.push(source === undefined ? authorizer : { ...authorizer, source });
  }
  const routesPath = [...resource.path, 'Properties', 'Routes'];
  const routes = properties.Routes;
  if (!isRecord(routes) || Object.keys(routes).length === 0) {
    warn('sam-invalid-api', `${resource.id}: a WebSocket API needs at least one route in Routes`, routesPath);
    return api;
  }
  if (properties.Auth !== undefined && !('$connect' in routes)) {
    warn('sam-invalid-api', `${resource.id}: Auth only applies to a $connect route, which Routes lacks`, routesPath);
  }
  for (const [routeKey, route] of Object.entries(routes)) {
    const at = [...routesPath, routeKey];
    if (!isRecord(route) || route.FunctionArn === undefined) {
      warn('sam-invalid-api', `${resource.id}: route ${routeKey} needs a FunctionArn`, at);
      continue;
    }
    const functionId = template.refTarget(route.FunctionArn)?.id;
    const routeAuth: TriggerAuth = { ...auth };
    if (asBoolean(template.resolve(route.ApiKeyRequired))) routeAuth.apiKeyRequired = true;
    const location = template.locate(at);
    api.routes.push(functionId ? { path: routeKey, method: 'ANY', functionId, auth: routeAuth, location } : { path: routeKey, method: 'ANY', auth: routeAuth, location });
    const fn = functionId ? functions.get(functionId) : undefined;
    fn?.triggers.push({
      kind: 'websocket', name: `${resource.id} ${routeKey}`, invocation: 'sync', public: false, auth: routeAuth,
      apiId: resource.id, path: routeKey, method: 'ANY', config: route, location,
    });
  }
  return api;
}

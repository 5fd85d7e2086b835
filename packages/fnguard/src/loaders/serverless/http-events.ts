/**
 * Reads HTTP-facing events (REST `http`, `httpApi`, `websocket`, `alb`): route, method and who
 * may call it. Authorizers are told apart by how they are written, as the Framework does:
 * `aws_iam`, an ARN (Lambda or Cognito), the name of a function of the service, or an object.
 */
import type { ApiAuthorizer, TriggerAuth } from '../../model/types.js';
import { asBoolean, asString, asStringList, isRecord } from '../../model/values.js';
import type { PathSegment } from '../yaml/parse.js';
import type { ServiceContext } from './context.js';

export interface HttpRoute {
  path: string;
  method: string;
  auth: TriggerAuth;
  /** the authorizer as the API declares it, when one is used */
  authorizer?: ApiAuthorizer;
}

function normalizePath(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed === '/') return '/';
  return `/${trimmed.replace(/^\/+/, '').replace(/\/+$/, '')}`;
}

function upperMethod(raw: string | undefined): string {
  const method = (raw ?? 'ANY').trim().toUpperCase();
  return method === '*' ? 'ANY' : method;
}

/** `GET /path` shorthand or `{method, path}`. */
function routeOf(value: unknown): { method: string; path: string } | undefined {
  if (typeof value === 'string') {
    const [method, ...rest] = value.trim().split(/\s+/);
    if (!method || rest.length === 0) return undefined;
    return { method: upperMethod(method), path: normalizePath(rest.join(' ')) };
  }
  if (!isRecord(value)) return undefined;
  const path = asString(value.path);
  const method = asString(value.method);
  if (path === undefined || method === undefined) return undefined;
  return { method: upperMethod(method), path: normalizePath(path) };
}

function authorizerNameFromArn(arn: string): string {
  return arn.split(':').pop()?.split('/').pop() ?? arn;
}

/** What a referenced resource says about the authorizer: a user pool, or an Authorizer's Type. */
function referencedType(ctx: ServiceContext, value: unknown): 'cognito' | 'lambda' | undefined {
  const target = value === undefined ? undefined : ctx.template.refTarget(value);
  const resource = target ? ctx.template.resources.get(target.id) : undefined;
  if (!resource) return undefined;
  if (resource.type === 'AWS::Cognito::UserPool') return 'cognito';
  if (resource.type === 'AWS::Lambda::Function') return 'lambda';
  if (resource.type === 'AWS::ApiGateway::Authorizer') {
    const declared = asString(ctx.template.resolve(resource.properties.Type))?.toUpperCase();
    if (declared === 'COGNITO_USER_POOLS') return 'cognito';
    if (declared === 'TOKEN' || declared === 'REQUEST') return 'lambda';
  }
  return undefined;
}

/** REST `http.authorizer`. */
function restAuthorizer(ctx: ServiceContext, raw: unknown, at: PathSegment[]): { auth: TriggerAuth; authorizer?: ApiAuthorizer } {
  if (raw === undefined || raw === null) return { auth: { type: 'none' } };
  const location = ctx.locate(at);
  if (typeof raw === 'string') {
    if (raw.toLowerCase() === 'aws_iam') return { auth: { type: 'iam' } };
    if (raw.includes('cognito-idp')) {
      const name = authorizerNameFromArn(raw);
      return { auth: { type: 'cognito', authorizer: name }, authorizer: { name, type: 'cognito', source: raw, location } };
    }
    const name = raw.startsWith('arn:') ? authorizerNameFromArn(raw) : raw;
    return { auth: { type: 'lambda', authorizer: name }, authorizer: { name, type: 'lambda', source: raw, location } };
  }
  if (!isRecord(raw)) {
    ctx.warn('invalid-event', 'http.authorizer must be a name, an ARN or a mapping', at);
    return { auth: { type: 'unknown' } };
  }
  const declaredType = (asString(raw.type) ?? '').toLowerCase();
  if (declaredType === 'aws_iam') return { auth: { type: 'iam' } };
  const arn = ctx.render(raw.arn);
  const idRef = raw.authorizerId !== undefined ? ctx.render(raw.authorizerId) : undefined;
  const name = asString(raw.name) ?? (arn ? authorizerNameFromArn(arn) : idRef);
  let type: TriggerAuth['type'];
  const referenced = referencedType(ctx, raw.arn ?? raw.authorizerId);
  if (declaredType === 'cognito_user_pools' || (arn ?? '').includes('cognito-idp') || referenced === 'cognito') type = 'cognito';
  else if (referenced === 'lambda') type = 'lambda';
  else if (declaredType === 'token' || declaredType === 'request' || arn !== undefined || asString(raw.name) !== undefined) type = 'lambda';
  else type = 'unknown';
  const auth: TriggerAuth = { type };
  if (name !== undefined) auth.authorizer = name;
  const scopes = asStringList(raw.scopes);
  if (scopes.length > 0) auth.scopes = scopes;
  const authorizer: ApiAuthorizer = { name: name ?? 'authorizer', type: type === 'cognito' || type === 'lambda' ? type : 'unknown', location };
  const source = arn ?? idRef;
  if (source !== undefined) authorizer.source = source;
  const identity = asString(raw.identitySource);
  if (identity !== undefined) authorizer.identitySource = identity;
  return { auth, authorizer };
}

export function readRestEvent(ctx: ServiceContext, value: unknown, at: PathSegment[]): HttpRoute | undefined {
  const route = routeOf(value);
  if (!route) {
    ctx.warn('invalid-event', 'http event needs a method and a path (`GET /path` or {method, path})', at);
    return undefined;
  }
  const config = isRecord(value) ? value : {};
  const { auth, authorizer } = restAuthorizer(ctx, config.authorizer, [...at, 'authorizer']);
  if (asBoolean(config.private) === true) auth.apiKeyRequired = true;
  const result: HttpRoute = { ...route, auth };
  if (authorizer) result.authorizer = authorizer;
  return result;
}

/** `provider.httpApi.authorizers.<name>`: `type: request` is a Lambda authorizer, the rest JWT. */
export function httpApiAuthorizers(ctx: ServiceContext): Map<string, ApiAuthorizer> {
  const out = new Map<string, ApiAuthorizer>();
  const declared = ctx.providerValue('httpApi', 'authorizers');
  if (!isRecord(declared)) return out;
  for (const [name, spec] of Object.entries(declared)) {
    const location = ctx.locate(['provider', 'httpApi', 'authorizers', name]);
    if (!isRecord(spec)) {
      ctx.warn('invalid-property', `provider.httpApi.authorizers.${name} must be a mapping`, ['provider', 'httpApi', 'authorizers', name]);
      continue;
    }
    const lambda = asString(spec.type)?.toLowerCase() === 'request';
    const authorizer: ApiAuthorizer = { name, type: lambda ? 'lambda' : 'jwt', location };
    const source = lambda ? ctx.render(spec.functionName ?? spec.functionArn) : ctx.render(spec.issuerUrl);
    if (source !== undefined) authorizer.source = source;
    const identity = asStringList(spec.identitySource).join(',');
    if (identity !== '') authorizer.identitySource = identity;
    out.set(name, authorizer);
  }
  return out;
}

export function readHttpApiEvent(ctx: ServiceContext, value: unknown, at: PathSegment[], authorizers: Map<string, ApiAuthorizer>): HttpRoute | undefined {
  // `*` is the catch-all route, which API Gateway calls $default.
  const catchAll = value === '*' || (isRecord(value) && value.path === '*' && (value.method === '*' || value.method === undefined));
  const route = catchAll ? { path: '$default', method: 'ANY' } : routeOf(value);
  if (!route) {
    ctx.warn('invalid-event', 'httpApi event needs `METHOD /path`, `*` or {method, path}', at);
    return undefined;
  }
  const config = isRecord(value) ? value : {};
  const raw = config.authorizer;
  if (raw === undefined || raw === null) return { ...route, auth: { type: 'none' } };
  const spec = typeof raw === 'string' ? { name: raw } : isRecord(raw) ? raw : undefined;
  if (!spec) {
    ctx.warn('invalid-event', 'httpApi.authorizer must be a name or a mapping', [...at, 'authorizer']);
    return { ...route, auth: { type: 'unknown' } };
  }
  if (asString(spec.type)?.toLowerCase() === 'aws_iam') return { ...route, auth: { type: 'iam' } };
  const name = asString(spec.name);
  const scopes = asStringList(spec.scopes);
  const declared = name !== undefined ? authorizers.get(name) : undefined;
  if (name !== undefined && !declared) {
    ctx.warn('unknown-authorizer', `httpApi authorizer ${name} is not declared in provider.httpApi.authorizers`, [...at, 'authorizer']);
  }
  // An authorizer given by `id` lives outside the service: its kind is not known here.
  const auth: TriggerAuth = { type: declared ? declared.type : 'unknown' };
  if (name !== undefined) auth.authorizer = name;
  if (scopes.length > 0) auth.scopes = scopes;
  const result: HttpRoute = { ...route, auth };
  if (declared) result.authorizer = declared;
  return result;
}

export function readWebsocketEvent(ctx: ServiceContext, value: unknown, at: PathSegment[]): HttpRoute | undefined {
  const config = typeof value === 'string' ? { route: value } : isRecord(value) ? value : undefined;
  const route = asString(config?.route);
  if (!config || route === undefined) {
    ctx.warn('invalid-event', 'websocket event needs a route', at);
    return undefined;
  }
  const raw = config.authorizer;
  if (raw === undefined || raw === null) return { path: route, method: 'ANY', auth: { type: 'none' } };
  const name = typeof raw === 'string' ? (raw.startsWith('arn:') ? authorizerNameFromArn(raw) : raw)
    : isRecord(raw) ? asString(raw.name) ?? (asString(raw.arn) ? authorizerNameFromArn(String(raw.arn)) : undefined) : undefined;
  const auth: TriggerAuth = { type: 'lambda' };
  if (name !== undefined) auth.authorizer = name;
  const authorizer: ApiAuthorizer = { name: name ?? 'authorizer', type: 'lambda', location: ctx.locate([...at, 'authorizer']) };
  if (isRecord(raw) && raw.identitySource !== undefined) authorizer.identitySource = asStringList(raw.identitySource).join(',');
  return { path: route, method: 'ANY', auth, authorizer };
}

export function readAlbEvent(ctx: ServiceContext, value: unknown, at: PathSegment[]): HttpRoute | undefined {
  if (!isRecord(value)) {
    ctx.warn('invalid-event', 'alb event must be a mapping with listenerArn, priority and conditions', at);
    return undefined;
  }
  const conditions = isRecord(value.conditions) ? value.conditions : {};
  const paths = asStringList(conditions.path);
  const methods = asStringList(conditions.method).map((m) => m.toUpperCase());
  const names = asStringList(value.authorizer);
  const declared = ctx.providerValue('alb', 'authorizers');
  let type: TriggerAuth['type'] = 'none';
  if (names.length > 0) {
    const first = isRecord(declared) ? declared[names[0]!] : undefined;
    const kind = isRecord(first) ? asString(first.type) : undefined;
    type = kind === 'cognito' ? 'cognito' : kind === 'oidc' ? 'jwt' : 'unknown';
  }
  const auth: TriggerAuth = { type };
  if (names[0] !== undefined) auth.authorizer = names[0];
  return { path: paths[0] ?? '/', method: methods.length === 1 ? methods[0]! : 'ANY', auth };
}

/** Pieces shared by the REST (v1) and HTTP / WebSocket (v2) API Gateway extractors. */
import type { AccessLogging, Api, ApiKind, ApiRoute, ApiStage, AuthType, ServerlessFunction, TriggerKind } from '../../../model/types.js';
import { asNumber, isRecord, referencedIds } from '../../../model/values.js';
import { readDefinitionRoutes, validates } from '../../sam/openapi-routes.js';
import type { TemplateContext, TemplateResource } from '../template.js';
import type { ExtractContext } from './context.js';
import { makeTrigger } from './trigger.js';

const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

export function newApi(ctx: ExtractContext, resource: TemplateResource, kind: ApiKind): Api {
  const props = ctx.props(resource);
  return {
    id: resource.id,
    name: ctx.template.render(props.Name) ?? resource.id,
    kind,
    implicit: false,
    stages: [],
    authorizers: [],
    routes: [],
    properties: props,
    location: resource.location,
  };
}

/** The function an integration URI invokes (`arn:...:lambda:path/.../functions/${Fn.Arn}/invocations`). */
export function integratedFunction(ctx: ExtractContext, uri: unknown): ServerlessFunction | undefined {
  const direct = ctx.functionOf(uri);
  if (direct) return direct;
  const rendered = ctx.template.render(uri);
  if (rendered === undefined) return undefined;
  for (const id of referencedIds(rendered)) {
    const fn = ctx.functions.get(id);
    if (fn) return fn;
    const resource = ctx.template.resources.get(id);
    if (resource && (resource.type === 'AWS::Lambda::Alias' || resource.type === 'AWS::Lambda::Version')) {
      const aliased = ctx.functionOf(resource.properties.FunctionName);
      if (aliased) return aliased;
    }
  }
  const literal = /functions\/(arn:[^/]+)\/invocations/.exec(rendered);
  return literal ? ctx.functionOf(literal[1]) : undefined;
}

const TRIGGER_KIND: Record<ApiKind, TriggerKind> = { rest: 'http-rest', http: 'http-api', websocket: 'websocket' };

/** Adds the route to the API and, when it invokes a function of the app, a trigger on that function. */
export function addRoute(ctx: ExtractContext, api: Api, route: ApiRoute): void {
  const duplicate = api.routes.some((r) => r.path === route.path && r.method === route.method);
  if (!duplicate) api.routes.push(route);
  const fn = route.functionId ? ctx.functions.get(route.functionId) : undefined;
  if (!fn) return;
  const trigger = makeTrigger({
    kind: TRIGGER_KIND[api.kind],
    name: `${api.id} ${route.method} ${route.path}`,
    invocation: 'sync',
    location: route.location,
    auth: route.auth,
    apiId: api.id,
    path: route.path,
    method: route.method,
    config: route.requestValidation ? { requestValidation: true } : {},
  });
  ctx.attachTrigger(fn, trigger);
}

/** Routes and security schemes of an inline OpenAPI / Swagger `Body`. */
export function readBody(ctx: ExtractContext, resource: TemplateResource, api: Api): void {
  const body = resource.properties.Body;
  if (body === undefined || body === null) return;
  const resolvedBody = ctx.template.resolve(body);
  if (!isRecord(resolvedBody)) {
    ctx.warn('invalid-property', `API ${resource.id}: Body is not an inline OpenAPI mapping; its routes were not read`, resource, 'Body');
    return;
  }
  if (resolvedBody.paths !== undefined && !isRecord(resolvedBody.paths)) {
    ctx.warn('invalid-property', `API ${resource.id}: Body.paths is not a mapping`, resource, 'Body', 'paths');
  }
  const definition = readDefinitionRoutes(ctx.template, body, [...resource.path, 'Properties', 'Body']);
  for (const authorizer of definition.authorizers) {
    if (!api.authorizers.some((a) => a.name === authorizer.name)) api.authorizers.push(authorizer);
  }
  const validators = resolvedBody['x-amazon-apigateway-request-validators'];
  const defaultValidator = resolvedBody['x-amazon-apigateway-request-validator'];
  if (typeof defaultValidator === 'string' && isRecord(validators) && validates(validators[defaultValidator])) api.requestValidation = true;
  for (const { route } of definition.routes) {
    if (api.requestValidation && route.requestValidation === undefined) route.requestValidation = true;
    // The SAM reader links integrations only to functions declared in the template by type; ours may be linked by name.
    if (route.functionId === undefined) {
      const fn = functionOfOperation(ctx, resolvedBody, route);
      if (fn) route.functionId = fn.id;
    }
    addRoute(ctx, api, route);
  }
}

function functionOfOperation(ctx: ExtractContext, body: Record<string, unknown>, route: ApiRoute): ServerlessFunction | undefined {
  const paths = isRecord(body.paths) ? body.paths : {};
  const item = paths[route.path];
  if (!isRecord(item)) return undefined;
  const key = Object.keys(item).find((method) => method.toUpperCase() === route.method || (route.method === 'ANY' && method === 'x-amazon-apigateway-any-method'));
  const operation = key ? item[key] : undefined;
  const integration = isRecord(operation) ? operation['x-amazon-apigateway-integration'] : undefined;
  return isRecord(integration) ? integratedFunction(ctx, integration.uri) : undefined;
}

export function authorizerKind(type: string | undefined): Exclude<AuthType, 'none'> {
  switch ((type ?? '').toUpperCase()) {
    case 'TOKEN':
    case 'REQUEST':
    case 'CUSTOM':
      return 'lambda';
    case 'COGNITO_USER_POOLS':
      return 'cognito';
    case 'JWT':
      return 'jwt';
    case 'AWS_IAM':
      return 'iam';
    default:
      return 'unknown';
  }
}

/** Stage throttling: `burst`/`rate` keys differ between v1 MethodSettings and v2 RouteSettings. */
export function throttling(settings: Record<string, unknown>): ApiStage['throttling'] {
  const burstLimit = asNumber(settings.ThrottlingBurstLimit);
  const rateLimit = asNumber(settings.ThrottlingRateLimit);
  if (burstLimit === undefined && rateLimit === undefined) return undefined;
  const out: NonNullable<ApiStage['throttling']> = {};
  if (burstLimit !== undefined) out.burstLimit = burstLimit;
  if (rateLimit !== undefined) out.rateLimit = rateLimit;
  return out;
}

/**
 * An API stage's AccessLogSetting(s), written or resolved. An `Fn::If` the parameters decide
 * takes its branch; an undecided one (which resolve() keeps in long form, `AWS::NoValue` included)
 * yields the branch that logs, with the condition it needs, so that rules can tell "logs under a
 * condition" from "no access logs". Undefined when there is no setting at all.
 */
export function readAccessLogging(template: TemplateContext, value: unknown): AccessLogging | undefined {
  if (!isRecord(value) || value.Ref === 'AWS::NoValue') return undefined;
  const ifArg = value['Fn::If'];
  if (Object.keys(value).length === 1 && Array.isArray(ifArg) && ifArg.length === 3 && typeof ifArg[0] === 'string') {
    const name = ifArg[0];
    const decided = template.conditionValue(name);
    if (decided !== undefined) return readAccessLogging(template, decided ? ifArg[1] : ifArg[2]);
    const whenTrue = readAccessLogging(template, ifArg[1]);
    const whenFalse = readAccessLogging(template, ifArg[2]);
    const logsTrue = whenTrue?.destination !== undefined;
    const logsFalse = whenFalse?.destination !== undefined;
    // Both branches log (perhaps differently): logging does not depend on the condition.
    if (logsTrue && logsFalse) return whenTrue;
    if (logsTrue || logsFalse) {
      const [branch, holds] = logsTrue ? [whenTrue!, true] : [whenFalse!, false];
      return { ...branch, conditions: [{ name, holds }, ...(branch.conditions ?? [])] };
    }
    return whenTrue ?? whenFalse;
  }
  const out: AccessLogging = {};
  const destination = template.render(value.DestinationArn);
  if (destination !== undefined) out.destination = destination;
  const format = template.render(value.Format);
  if (format !== undefined) out.format = format;
  return out;
}

export function isFunctionType(type: string | undefined): boolean {
  return FUNCTION_TYPES.has(type ?? '');
}

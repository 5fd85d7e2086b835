/**
 * AWS::Serverless::Api and AWS::Serverless::HttpApi (declared, or the implicit
 * ServerlessRestApi / ServerlessHttpApi SAM creates for events without an API id) -> Api.
 * Routes from events are added by the caller; routes of an inline DefinitionBody are read here.
 */
import type { TemplateContext } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import type { Api, ApiAuthorizer, ApiStage, CorsConfig, LoadWarning, SourceLocation } from '../../model/types.js';
import { asBoolean, asList, asNumber, isRecord } from '../../model/values.js';
import { readAccessLogging } from '../cloudformation/extract/api-common.js';
import { readDefinitionRoutes, type DefinitionRoute } from './openapi-routes.js';

export interface BuiltApi {
  api: Api;
  /** the OpenAPI document lives outside the template (DefinitionUri): SAM cannot add auth to it */
  externalDefinition: boolean;
  /** REST only: whether DefaultAuthorizer / ApiKeyRequired also cover OPTIONS routes */
  authOnPreflight: boolean;
  /** routes of the inline DefinitionBody, before SAM's default authorizer is applied */
  definitionRoutes: DefinitionRoute[];
}

interface ApiInput {
  id: string;
  kind: 'rest' | 'http';
  implicit: boolean;
  /** properties after Globals */
  properties: Record<string, unknown>;
  /** template path of the resource, for locations */
  path: PathSegment[];
  location: SourceLocation;
}

/** SAM wraps REST CORS values in single quotes (`"'*'"`), as API Gateway header mappings need. */
function unquote(value: string): string {
  return value.replace(/^'(.*)'$/, '$1');
}

function splitList(template: TemplateContext, value: unknown): string[] {
  return template.renderList(value).flatMap((v) => unquote(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function readRestCors(template: TemplateContext, value: unknown, location: SourceLocation): CorsConfig | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    const origin = template.render(value);
    return origin === undefined ? undefined : { allowOrigins: [unquote(origin)], allowCredentials: false, location };
  }
  const cors: CorsConfig = {
    allowOrigins: splitList(template, value.AllowOrigin),
    allowCredentials: asBoolean(template.resolve(value.AllowCredentials)) ?? false,
    location,
  };
  if (value.AllowMethods !== undefined) cors.allowMethods = splitList(template, value.AllowMethods);
  if (value.AllowHeaders !== undefined) cors.allowHeaders = splitList(template, value.AllowHeaders);
  return cors;
}

function readHttpCors(template: TemplateContext, value: unknown, location: SourceLocation): CorsConfig | undefined {
  const resolved = template.resolve(value);
  if (resolved === undefined || resolved === false) return undefined;
  if (resolved === true) return { allowOrigins: ['*'], allowCredentials: false, location };
  if (!isRecord(resolved)) return undefined;
  const cors: CorsConfig = {
    allowOrigins: template.renderList(resolved.AllowOrigins),
    allowCredentials: asBoolean(resolved.AllowCredentials) ?? false,
    location,
  };
  if (resolved.AllowMethods !== undefined) cors.allowMethods = template.renderList(resolved.AllowMethods);
  if (resolved.AllowHeaders !== undefined) cors.allowHeaders = template.renderList(resolved.AllowHeaders);
  return cors;
}

function readAuthorizers(template: TemplateContext, kind: 'rest' | 'http', auth: Record<string, unknown>, at: PathSegment[], warnings: LoadWarning[]): ApiAuthorizer[] {
  const declared = auth.Authorizers;
  if (declared === undefined) return [];
  if (!isRecord(declared)) {
    warnings.push({ code: 'sam-invalid-auth', message: 'Auth.Authorizers must be a map of authorizer name to definition', location: template.locate([...at, 'Authorizers']) });
    return [];
  }
  const authorizers: ApiAuthorizer[] = [];
  for (const [name, spec] of Object.entries(declared)) {
    const location = template.locate([...at, 'Authorizers', name]);
    if (!isRecord(spec)) {
      warnings.push({ code: 'sam-invalid-auth', message: `authorizer ${name} must be a map`, location });
      continue;
    }
    const authorizer: ApiAuthorizer = { name, type: 'unknown', location };
    const identity = isRecord(spec.Identity) ? spec.Identity : {};
    if (spec.UserPoolArn !== undefined) {
      authorizer.type = 'cognito';
      authorizer.source = template.renderList(spec.UserPoolArn).join(',');
      authorizer.identitySource = template.render(identity.Header) ?? 'Authorization';
    } else if (spec.JwtConfiguration !== undefined) {
      authorizer.type = 'jwt';
      const jwt = isRecord(spec.JwtConfiguration) ? spec.JwtConfiguration : {};
      const issuer = template.render(jwt.issuer ?? jwt.Issuer);
      if (issuer !== undefined) authorizer.source = issuer;
      const identitySource = template.render(spec.IdentitySource);
      if (identitySource !== undefined) authorizer.identitySource = identitySource;
    } else if (spec.FunctionArn !== undefined || spec.FunctionPayloadType !== undefined) {
      authorizer.type = 'lambda';
      const source = spec.FunctionArn === undefined ? undefined : template.refTarget(spec.FunctionArn)?.id ?? template.render(spec.FunctionArn);
      if (source !== undefined) authorizer.source = source;
      const header = kind === 'rest' ? template.render(identity.Header) : undefined;
      authorizer.identitySource = header ?? (kind === 'rest' && spec.FunctionPayloadType !== 'REQUEST' ? 'Authorization' : undefined) ?? '';
      if (authorizer.identitySource === '') delete authorizer.identitySource;
    } else {
      warnings.push({ code: 'sam-invalid-auth', message: `authorizer ${name} has none of UserPoolArn, FunctionArn, JwtConfiguration`, location });
    }
    authorizers.push(authorizer);
  }
  if (kind === 'http' && asBoolean(template.resolve(auth.EnableIamAuthorizer))) {
    authorizers.push({ name: 'AWS_IAM', type: 'iam', location: template.locate([...at, 'EnableIamAuthorizer']) });
  }
  return authorizers;
}

function readRestStage(template: TemplateContext, properties: Record<string, unknown>, name: string, location: SourceLocation): ApiStage {
  const stage: ApiStage = { name, location };
  for (const setting of asList(template.resolve(properties.MethodSettings)).filter(isRecord)) {
    const everywhere = (setting.ResourcePath ?? '/*') === '/*' && (setting.HttpMethod ?? '*') === '*';
    const burst = asNumber(setting.ThrottlingBurstLimit);
    const rate = asNumber(setting.ThrottlingRateLimit);
    if (everywhere) {
      if (burst !== undefined || rate !== undefined) {
        stage.throttling = {};
        if (burst !== undefined) stage.throttling.burstLimit = burst;
        if (rate !== undefined) stage.throttling.rateLimit = rate;
      }
      if (asBoolean(setting.CacheDataEncrypted) !== undefined) stage.cacheEncrypted = asBoolean(setting.CacheDataEncrypted)!;
    } else if (burst !== undefined || rate !== undefined) {
      stage.routeThrottling = true;
    }
  }
  const logging = readAccessLogging(template, properties.AccessLogSetting);
  if (logging) stage.accessLogging = logging;
  const tracing = asBoolean(template.resolve(properties.TracingEnabled));
  if (tracing !== undefined) stage.tracing = tracing;
  return stage;
}

function readHttpStage(template: TemplateContext, properties: Record<string, unknown>, name: string, location: SourceLocation): ApiStage {
  const stage: ApiStage = { name, location };
  const defaults = template.resolve(properties.DefaultRouteSettings);
  if (isRecord(defaults)) {
    const burst = asNumber(defaults.ThrottlingBurstLimit);
    const rate = asNumber(defaults.ThrottlingRateLimit);
    if (burst !== undefined || rate !== undefined) {
      stage.throttling = {};
      if (burst !== undefined) stage.throttling.burstLimit = burst;
      if (rate !== undefined) stage.throttling.rateLimit = rate;
    }
  }
  if (isRecord(properties.RouteSettings) && Object.keys(properties.RouteSettings).length > 0) stage.routeThrottling = true;
  const logging = readAccessLogging(template, properties.AccessLogSettings);
  if (logging) stage.accessLogging = logging;
  return stage;
}

export function buildApi(template: TemplateContext, input: ApiInput, warnings: LoadWarning[]): BuiltApi {
  const { id, kind, properties, path, location } = input;
  const api: Api = {
    id,
    name: template.render(properties.Name) ?? id,
    kind,
    implicit: input.implicit,
    stages: [],
    authorizers: [],
    routes: [],
    properties,
    location,
  };
  const defaultStage = input.implicit ? (kind === 'rest' ? 'Prod' : '$default') : kind === 'http' ? '$default' : undefined;
  const stageName = template.render(properties.StageName) ?? defaultStage;
  if (stageName === undefined) {
    warnings.push({ code: 'sam-invalid-api', message: `${id}: StageName is required for AWS::Serverless::Api`, location });
  }
  // An implicit API has no StageName to point at: its first event stands for it.
  const stageLocation = input.implicit ? location : template.locate([...path, 'StageName']);
  api.stages.push(kind === 'rest'
    ? readRestStage(template, properties, stageName ?? 'Prod', stageLocation)
    : readHttpStage(template, properties, stageName ?? '$default', stageLocation));

  const authPath = [...path, 'Auth'];
  const auth = properties.Auth;
  if (auth !== undefined && !isRecord(auth)) {
    warnings.push({ code: 'sam-invalid-auth', message: `${id}: Auth must be a map`, location: template.locate(authPath) });
  }
  if (isRecord(auth)) {
    api.authorizers = readAuthorizers(template, kind, auth, authPath, warnings);
    const defaultAuthorizer = template.render(auth.DefaultAuthorizer);
    if (defaultAuthorizer !== undefined) {
      api.defaultAuthorizer = defaultAuthorizer;
      const known = defaultAuthorizer === 'AWS_IAM' || api.authorizers.some((a) => a.name === defaultAuthorizer);
      if (!known) {
        warnings.push({ code: 'sam-invalid-auth', message: `${id}: DefaultAuthorizer ${defaultAuthorizer} is not one of its Authorizers`, location: template.locate([...authPath, 'DefaultAuthorizer']) });
      }
    }
    const keyRequired = asBoolean(template.resolve(auth.ApiKeyRequired));
    if (keyRequired !== undefined) api.apiKeyRequired = keyRequired;
    const plan = isRecord(auth.UsagePlan) ? template.render(auth.UsagePlan.CreateUsagePlan) : undefined;
    if (plan !== undefined) api.usagePlan = plan !== 'NONE';
  }
  const cors = kind === 'rest'
    ? readRestCors(template, template.resolve(properties.Cors), template.locate([...path, 'Cors']))
    : readHttpCors(template, properties.CorsConfiguration, template.locate([...path, 'CorsConfiguration']));
  if (cors) api.cors = cors;
  const endpoint = template.resolve(properties.EndpointConfiguration);
  const endpointType = isRecord(endpoint) ? template.render(endpoint.Type) : template.render(endpoint);
  if (endpointType !== undefined) api.endpointType = endpointType;
  const disabled = asBoolean(template.resolve(properties.DisableExecuteApiEndpoint));
  if (disabled !== undefined) api.disableExecuteApiEndpoint = disabled;

  let definitionRoutes: DefinitionRoute[] = [];
  if (properties.DefinitionBody !== undefined) {
    const definition = readDefinitionRoutes(template, properties.DefinitionBody, [...path, 'DefinitionBody']);
    definitionRoutes = definition.routes;
    for (const authorizer of definition.authorizers) {
      if (!api.authorizers.some((a) => a.name === authorizer.name)) api.authorizers.push(authorizer);
    }
  }
  const externalDefinition = properties.DefinitionBody === undefined && properties.DefinitionUri !== undefined;
  const preflight = isRecord(auth) ? asBoolean(template.resolve(auth.AddDefaultAuthorizerToCorsPreflight)) : undefined;
  return { api, definitionRoutes, externalDefinition, authOnPreflight: kind === 'rest' && preflight !== false };
}

/**
 * Routes declared in an inline OpenAPI / Swagger `DefinitionBody`: which function each
 * method integrates with (x-amazon-apigateway-integration) and which security guards it.
 */
import type { TemplateContext } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import type { ApiAuthorizer, ApiRoute, AuthType, TriggerAuth } from '../../model/types.js';
import { isRecord, referencedIds } from '../../model/values.js';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'x-amazon-apigateway-any-method']);
const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function', 'AWS::Lambda::Alias']);

export interface DefinitionRoute {
  route: ApiRoute;
  /** the operation declares its own `security`; SAM's DefaultAuthorizer does not override it */
  ownSecurity: boolean;
  /** the operation already has an integration, which SAM events do not replace */
  integrated: boolean;
}

export interface DefinitionRoutes {
  routes: DefinitionRoute[];
  /** security schemes the body declares, as authorizers */
  authorizers: ApiAuthorizer[];
  /** names of the schemes that are API keys rather than authorizers */
  apiKeySchemes: Set<string>;
}

function schemeType(scheme: Record<string, unknown>): AuthType | 'apikey' {
  const authType = String(scheme['x-amazon-apigateway-authtype'] ?? '').toLowerCase();
  const authorizer = isRecord(scheme['x-amazon-apigateway-authorizer']) ? scheme['x-amazon-apigateway-authorizer'] : {};
  const type = String(authorizer.type ?? '').toLowerCase();
  if (authType === 'cognito_user_pools' || type === 'cognito_user_pools') return 'cognito';
  if (authType === 'awssigv4' || authType === 'aws_iam') return 'iam';
  if (type === 'jwt' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return 'jwt';
  if (authType === 'custom' || type === 'token' || type === 'request') return 'lambda';
  if (scheme.type === 'apiKey') return 'apikey';
  return 'unknown';
}

function readSchemes(body: Record<string, unknown>): { authorizers: ApiAuthorizer[]; apiKeySchemes: Set<string> } {
  const components = isRecord(body.components) ? body.components : {};
  const schemes = isRecord(body.securityDefinitions) ? body.securityDefinitions : isRecord(components.securitySchemes) ? components.securitySchemes : {};
  const authorizers: ApiAuthorizer[] = [];
  const apiKeySchemes = new Set<string>();
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isRecord(scheme)) continue;
    const type = schemeType(scheme);
    if (type === 'apikey') apiKeySchemes.add(name);
    else authorizers.push({ name, type: type === 'none' ? 'unknown' : type });
  }
  return { authorizers, apiKeySchemes };
}

/** The function a method integrates with, from its integration URI (`...${Fn.Arn}/invocations`). */
function integratedFunction(template: TemplateContext, operation: Record<string, unknown>): string | undefined {
  const integration = operation['x-amazon-apigateway-integration'];
  if (!isRecord(integration)) return undefined;
  const uri = template.render(integration.uri);
  if (!uri) return undefined;
  return referencedIds(uri).find((id) => FUNCTION_TYPES.has(template.resources.get(id)?.type ?? ''));
}

function securityAuth(
  security: unknown,
  authorizers: ApiAuthorizer[],
  apiKeySchemes: Set<string>,
): TriggerAuth | undefined {
  if (!Array.isArray(security)) return undefined;
  const auth: TriggerAuth = { type: 'none' };
  for (const requirement of security) {
    if (!isRecord(requirement)) continue;
    for (const [name, scopes] of Object.entries(requirement)) {
      if (apiKeySchemes.has(name)) {
        auth.apiKeyRequired = true;
        continue;
      }
      if (name === 'NONE') continue;
      auth.type = authorizers.find((a) => a.name === name)?.type ?? 'unknown';
      auth.authorizer = name;
      if (Array.isArray(scopes) && scopes.length > 0) auth.scopes = scopes.map(String);
    }
  }
  return auth;
}

/** A request validator that checks something (a body or parameters). */
export function validates(validator: unknown): boolean {
  if (!isRecord(validator)) return false;
  return validator.validateRequestBody === true || validator.validateRequestParameters === true
    || validator.ValidateRequestBody === true || validator.ValidateRequestParameters === true
    || validator.validateRequestBody === 'true' || validator.validateRequestParameters === 'true';
}

/**
 * Whether the operation's request validator (its own, else the definition's default) checks
 * the body or the parameters; a validator the definition does not declare counts as one.
 */
function requestValidation(body: Record<string, unknown>, operation: Record<string, unknown>): boolean | undefined {
  const name = operation['x-amazon-apigateway-request-validator'] ?? body['x-amazon-apigateway-request-validator'];
  if (name === undefined) return undefined;
  const validators = body['x-amazon-apigateway-request-validators'];
  if (typeof name !== 'string' || !isRecord(validators) || validators[name] === undefined) return true;
  return validates(validators[name]);
}

/** Reads the routes of an inline definition; `path` locates the DefinitionBody. */
export function readDefinitionRoutes(template: TemplateContext, body: unknown, path: PathSegment[]): DefinitionRoutes {
  const resolved = template.resolve(body);
  if (!isRecord(resolved)) return { routes: [], authorizers: [], apiKeySchemes: new Set() };
  const { authorizers, apiKeySchemes } = readSchemes(resolved);
  const routes: DefinitionRoute[] = [];
  const paths = isRecord(resolved.paths) ? resolved.paths : {};
  for (const [routePath, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method.toLowerCase()) || !isRecord(operation)) continue;
      const route: ApiRoute = {
        path: routePath,
        method: method.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase(),
        auth: securityAuth(operation.security, authorizers, apiKeySchemes) ?? securityAuth(resolved.security, authorizers, apiKeySchemes) ?? { type: 'none' },
        location: template.locate([...path, 'paths', routePath, method]),
      };
      const functionId = integratedFunction(template, operation);
      if (functionId) route.functionId = functionId;
      const validation = requestValidation(resolved, operation);
      if (validation !== undefined) route.requestValidation = validation;
      routes.push({
        route,
        ownSecurity: Array.isArray(operation.security) || Array.isArray(resolved.security),
        integrated: isRecord(operation['x-amazon-apigateway-integration']),
      });
    }
  }
  return { routes, authorizers, apiKeySchemes };
}

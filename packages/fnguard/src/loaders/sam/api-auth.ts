/**
 * Who may call a SAM API route: the event's own `Auth` first, then the API's
 * `DefaultAuthorizer`, as the SAM translator decides it when it writes the OpenAPI security.
 */
import type { TemplateContext } from '../cloudformation/template.js';
import type { Api, ApiAuthorizer, TriggerAuth } from '../../model/types.js';
import { asBoolean, isRecord } from '../../model/values.js';

/** The authorizers SAM knows without a declaration. */
const BUILT_IN: Record<string, TriggerAuth['type']> = { NONE: 'none', AWS_IAM: 'iam' };

export function authorizerType(api: Api | undefined, name: string): TriggerAuth['type'] {
  // A declared authorizer may reuse a built-in name (an HTTP API's JWT authorizer called AWS_IAM).
  const declared = api?.authorizers.find((a: ApiAuthorizer) => a.name === name);
  if (declared) return declared.type;
  return BUILT_IN[name] ?? 'unknown';
}

/**
 * Auth of one route. `rawAuth` is the event's `Auth` block; `api` is undefined when the API
 * is defined outside the template, in which case only what the event says is known.
 */
export function resolveRouteAuth(template: TemplateContext, api: Api | undefined, rawAuth: Record<string, unknown> | undefined): TriggerAuth {
  const declared = rawAuth?.Authorizer === undefined ? undefined : template.render(rawAuth.Authorizer);
  const name = declared ?? api?.defaultAuthorizer;
  const auth: TriggerAuth = { type: 'none' };
  if (name !== undefined) {
    auth.type = authorizerType(api, name);
    if (name !== 'NONE' && name !== 'AWS_IAM') auth.authorizer = name;
  } else if (!api) {
    // An API from outside the template may carry a default authorizer we cannot see.
    auth.type = 'unknown';
  }
  const keyRequired = asBoolean(template.resolve(rawAuth?.ApiKeyRequired)) ?? api?.apiKeyRequired;
  if (keyRequired) auth.apiKeyRequired = true;
  const scopes = rawAuth?.AuthorizationScopes === undefined ? undefined : template.renderList(rawAuth.AuthorizationScopes);
  if (scopes && scopes.length > 0 && auth.type !== 'none') auth.scopes = scopes;
  return auth;
}

/** Validates an event's `Auth.Authorizer` against the API; a name the API lacks is a deploy error. */
export function unknownAuthorizer(template: TemplateContext, api: Api | undefined, rawAuth: unknown): string | undefined {
  if (!api || !isRecord(rawAuth) || rawAuth.Authorizer === undefined) return undefined;
  const name = template.render(rawAuth.Authorizer);
  if (name === undefined) return undefined;
  return authorizerType(api, name) === 'unknown' && !api.authorizers.some((a) => a.name === name) ? name : undefined;
}

/**
 * Questions several rules ask of the model. Template properties are read case-insensitively
 * because SAM/CloudFormation write `MaximumRetryAttempts` where serverless.yml writes
 * `maximumRetryAttempts` for the same setting.
 */
import type { Api, ApiRoute, App, Resource, ServerlessFunction, Trigger, TriggerKind } from '../../model/types.js';
import { resourcePolicyRestriction } from '../../model/exposure.js';
import { asBoolean, asNumber, isRecord } from '../../model/values.js';

export function resourcesOfType(app: App, ...types: string[]): Resource[] {
  return app.resources.filter((resource) => types.includes(resource.type));
}

/** A property by name, ignoring case; undefined when absent or when the holder is not a mapping. */
export function property(holder: unknown, name: string): unknown {
  if (!isRecord(holder)) return undefined;
  if (name in holder) return holder[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(holder)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** A nested property by a path of names, each matched ignoring case. */
export function propertyPath(holder: unknown, ...names: string[]): unknown {
  let current = holder;
  for (const name of names) current = property(current, name);
  return current;
}

export function booleanProperty(holder: unknown, ...names: string[]): boolean | undefined {
  return asBoolean(propertyPath(holder, ...names));
}

export function numberProperty(holder: unknown, ...names: string[]): number | undefined {
  return asNumber(propertyPath(holder, ...names));
}

const HTTP_KIND_LABEL: Partial<Record<TriggerKind, string>> = {
  'http-rest': 'REST API',
  'http-api': 'HTTP API',
  websocket: 'WebSocket API',
  alb: 'load balancer',
};

/** How messages name what carries an HTTP trigger: `REST API route`, `WebSocket API route`, `load balancer` (it has no routes). */
export function httpEntryLabel(kind: TriggerKind): string | undefined {
  const label = HTTP_KIND_LABEL[kind];
  return label === undefined || kind === 'alb' ? label : `${label} route`;
}

export function publicTriggers(fn: ServerlessFunction): Trigger[] {
  return fn.triggers.filter((trigger) => trigger.public);
}

export function isPubliclyTriggered(fn: ServerlessFunction): boolean {
  return fn.triggers.some((trigger) => trigger.public) || fn.url?.authType.toUpperCase() === 'NONE';
}

/** Triggers of any function that arrive through the given API. */
export function triggersOfApi(app: App, api: Api): Array<{ fn: ServerlessFunction; trigger: Trigger }> {
  return app.functions.flatMap((fn) => fn.triggers.filter((trigger) => trigger.apiId === api.id).map((trigger) => ({ fn, trigger })));
}

export function isPublicApi(app: App, api: Api): boolean {
  return triggersOfApi(app, api).some(({ trigger }) => trigger.public) || publicServiceRoutes(api).length > 0;
}

/**
 * Routes that hand anonymous internet requests straight to an AWS service (API Gateway `AWS`
 * integrations: SQS, DynamoDB, Kinesis, EventBridge, Step Functions, ...) or, through a VPC link,
 * to a private HTTP backend. No function of the app runs, so no trigger carries their exposure;
 * the integration's role acts for every caller. CORS preflight (OPTIONS) routes are left out; a
 * WebSocket route is as open as the API's $connect route (or the API when it has none).
 */
export function publicServiceRoutes(api: Api): ApiRoute[] {
  if (api.endpointType?.toUpperCase() === 'PRIVATE' || resourcePolicyRestriction(api) !== undefined) return [];
  const connect = api.kind === 'websocket' ? api.routes.find((route) => route.path === '$connect') : undefined;
  if (connect && connect.auth.type !== 'none') return [];
  return api.routes.filter((route) => route.functionId === undefined
    && (route.integration?.kind === 'aws' || (route.integration?.kind === 'http' && route.integration.vpcLink === true))
    && route.method.toUpperCase() !== 'OPTIONS'
    && route.auth.type === 'none');
}

/** The resource a rendered or raw reference names (`${Queue.Arn}`, `{Ref: Queue}`), if the app declares it. */
export function referencedResource(app: App, reference: unknown): Resource | undefined {
  const id = referencedId(reference);
  return id === undefined ? undefined : app.resources.find((resource) => resource.id === id);
}

export function referencedId(reference: unknown): string | undefined {
  if (typeof reference === 'string') return /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/.exec(reference.trim())?.[1];
  if (isRecord(reference)) {
    if (typeof reference.Ref === 'string') return reference.Ref;
    const getAtt = reference['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return undefined;
}

export function triggerConfig(trigger: Trigger, ...names: string[]): unknown {
  return propertyPath(trigger.config, ...names);
}

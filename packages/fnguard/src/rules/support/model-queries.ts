/**
 * Questions several rules ask of the model. Template properties are read case-insensitively
 * because SAM/CloudFormation write `MaximumRetryAttempts` where serverless.yml writes
 * `maximumRetryAttempts` for the same setting.
 */
import type { Api, App, Resource, ServerlessFunction, Trigger, TriggerKind } from '../../model/types.js';
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
  return triggersOfApi(app, api).some(({ trigger }) => trigger.public);
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

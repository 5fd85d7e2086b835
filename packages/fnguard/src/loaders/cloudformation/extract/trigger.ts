/** Trigger construction shared by the extractors; exposure is decided later, in model/exposure.ts. */
import type { InvocationType, SourceLocation, Trigger, TriggerAuth, TriggerKind } from '../../../model/types.js';

export interface TriggerSeed {
  kind: TriggerKind;
  name: string;
  invocation: InvocationType;
  location: SourceLocation;
  auth?: TriggerAuth;
  config?: Record<string, unknown>;
  sourceId?: string;
  apiId?: string;
  path?: string;
  method?: string;
}

export function makeTrigger(seed: TriggerSeed): Trigger {
  const trigger: Trigger = {
    kind: seed.kind,
    name: seed.name,
    invocation: seed.invocation,
    public: false,
    auth: seed.auth ?? { type: 'none' },
    config: seed.config ?? {},
    location: seed.location,
  };
  if (seed.sourceId !== undefined) trigger.sourceId = seed.sourceId;
  if (seed.apiId !== undefined) trigger.apiId = seed.apiId;
  if (seed.path !== undefined) trigger.path = seed.path;
  if (seed.method !== undefined) trigger.method = seed.method;
  return trigger;
}

/** Copies the listed keys that are present, leaving out the ones that only link resources. */
export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

export function omit(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (!keys.includes(key)) out[key] = value;
  return out;
}

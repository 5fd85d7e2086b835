/**
 * The facts conformance compares, per function: the IAM actions and resources its role is
 * granted, and the triggers that reach it. Both sides (the translator oracle and the fnguard
 * model) write facts through these helpers so that only meaning, never spelling, can differ.
 */
export const CATEGORIES = ['actions', 'resources', 'triggers'] as const;
export type FactCategory = (typeof CATEGORIES)[number];
export type FunctionFacts = Record<FactCategory, Set<string>>;
/** function logical id -> facts */
export type TemplateFacts = Map<string, FunctionFacts>;

export function emptyFacts(): FunctionFacts {
  return { actions: new Set(), resources: new Set(), triggers: new Set() };
}

/** Pseudo parameters that stay symbolic are spelled one way on both sides. */
export function canonical(text: string): string {
  return text.replace(/\$\{AWS::Partition\}/g, 'aws').replace(/\$\{AWS::URLSuffix\}/g, 'amazonaws.com').trim();
}

export function actionFact(action: string, effect: string): string {
  const name = action.trim().toLowerCase();
  return effect === 'Deny' ? `deny ${name}` : name;
}

export function managedPolicyFact(arn: string): string {
  return `managed ${canonical(arn)}`;
}

export type HttpAuth = 'none' | 'iam' | 'cognito' | 'jwt' | 'lambda' | 'unknown';

/** Path parameters are compared as `*`, the way API Gateway source ARNs write them. */
export function httpTriggerFact(kind: string, method: string, path: string, auth: HttpAuth, apiKey: boolean): string {
  const route = path === '/$default' ? '$default' : path.replace(/\{[^}]*\}/g, '*');
  return `${kind} ${method.toUpperCase()} ${route} auth=${auth}${apiKey ? '+apikey' : ''}`;
}

export function sourceTriggerFact(kind: string, source: string | undefined): string {
  return `${kind} ${source === undefined ? '-' : canonical(source)}`;
}

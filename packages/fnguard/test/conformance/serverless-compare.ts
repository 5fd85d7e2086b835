/**
 * Compares the fnguard model of a serverless.yml with the facts the Serverless Framework itself
 * produced for it (recorded by scripts/record-serverless-oracle.mjs). Every fact is one unit of
 * agreement, so the figures weigh a wrong runtime the same as a missing trigger.
 */
import { FRAMEWORK_DEFAULTS } from '../../src/model/types.js';
import type { App, ServerlessFunction } from '../../src/model/types.js';

export interface OracleTrigger {
  kind: string;
  path?: string;
  method?: string;
  auth?: { type: string };
  source?: string;
}

export interface OracleFunction {
  logicalId: string;
  name: string;
  runtime?: string;
  memorySize?: number;
  timeout?: number;
  environment: Record<string, boolean>;
  role: string;
  triggers: OracleTrigger[];
}

export interface OracleFacts {
  file: string;
  status: 'ok' | 'skipped' | 'error';
  reason?: string;
  functions?: OracleFunction[];
  roleStatements?: Array<{ role: string; effect: string; actions: string[]; resources: string[] }>;
}

export interface Comparison {
  agree: number;
  total: number;
  /** disagreement class -> examples */
  disagreements: Map<string, string[]>;
}

export function emptyComparison(): Comparison {
  return { agree: 0, total: 0, disagreements: new Map() };
}

function record(result: Comparison, ok: boolean, cls: string, example: string): void {
  result.total++;
  if (ok) {
    result.agree++;
    return;
  }
  const list = result.disagreements.get(cls) ?? [];
  list.push(example);
  result.disagreements.set(cls, list);
}

export function mergeComparison(into: Comparison, from: Comparison): void {
  into.agree += from.agree;
  into.total += from.total;
  for (const [cls, examples] of from.disagreements) into.disagreements.set(cls, [...(into.disagreements.get(cls) ?? []), ...examples]);
}

/** Both sides in one spelling: the partition is `aws` in the model, actions are case-insensitive. */
function normalizeResource(resource: string): string {
  return resource.replace(/\$\{AWS::Partition\}/g, 'aws');
}

function triggerKey(t: { kind: string; path?: string; method?: string; auth?: { type: string } }): string {
  if (t.kind === 'http-rest' || t.kind === 'http-api') return `${t.kind} ${t.method ?? ''} ${t.path ?? ''} auth=${t.auth?.type ?? 'none'}`;
  if (t.kind === 'websocket') return `${t.kind} ${t.path ?? ''}`;
  if (t.kind === 'function-url') return `${t.kind} auth=${t.auth?.type ?? 'none'}`;
  return t.kind;
}

function literal(value: string | undefined): boolean {
  return value !== undefined && !/\$\{[^}]+\}/.test(value);
}

function compareFunction(result: Comparison, file: string, fn: ServerlessFunction, oracle: OracleFunction): void {
  const where = `${file} ${oracle.logicalId}`;
  const defaults = FRAMEWORK_DEFAULTS.serverless;
  record(result, fn.name === oracle.name, 'name', `${where}: ${fn.name} vs ${oracle.name}`);
  record(result, fn.runtime === oracle.runtime, 'runtime', `${where}: ${fn.runtime} vs ${oracle.runtime}`);
  record(result, (fn.memorySize ?? defaults.memorySize) === oracle.memorySize, 'memorySize', `${where}: ${fn.memorySize} vs ${oracle.memorySize}`);
  record(result, (fn.timeout ?? defaults.timeout) === oracle.timeout, 'timeout', `${where}: ${fn.timeout} vs ${oracle.timeout}`);
  const env = new Map(fn.environment.map((v) => [v.name, v]));
  for (const [name, isLiteral] of Object.entries(oracle.environment)) {
    const ours = env.get(name);
    if (!ours) record(result, false, 'env-missing', `${where}: ${name}`);
    else record(result, literal(ours.value) === isLiteral, 'env-literal', `${where}: ${name}=${ours.value} (oracle literal: ${isLiteral})`);
  }
  for (const name of env.keys()) if (!(name in oracle.environment)) record(result, false, 'env-extra', `${where}: ${name}`);
  const oracleRole = /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(oracle.role)?.[1];
  record(result, (fn.roleId ?? fn.externalRoleArn) === (oracleRole ?? oracle.role), 'role', `${where}: ${fn.roleId ?? fn.externalRoleArn} vs ${oracle.role}`);
  const theirs = oracle.triggers.map(triggerKey);
  const ours = fn.triggers.map(triggerKey);
  for (const key of theirs) {
    const index = ours.indexOf(key);
    if (index >= 0) ours.splice(index, 1);
    record(result, index >= 0, `trigger-missing:${key.split(' ')[0]}`, `${where}: ${key}`);
  }
  for (const key of ours) record(result, false, `trigger-extra:${key.split(' ')[0]}`, `${where}: ${key}`);
}

function statementPairs(statements: Array<{ actions: string[]; resources: string[] }>): Set<string> {
  const pairs = new Set<string>();
  for (const st of statements) for (const action of st.actions) for (const resource of st.resources) pairs.add(`${action.toLowerCase()} ${normalizeResource(resource)}`);
  return pairs;
}

export function compareApp(app: App, facts: OracleFacts): Comparison {
  const result = emptyComparison();
  const byId = new Map(app.functions.map((fn) => [fn.id, fn]));
  for (const oracle of facts.functions ?? []) {
    const fn = byId.get(oracle.logicalId);
    if (!fn) {
      record(result, false, 'function-missing', `${facts.file} ${oracle.logicalId}`);
      continue;
    }
    byId.delete(oracle.logicalId);
    compareFunction(result, facts.file, fn, oracle);
  }
  for (const id of byId.keys()) record(result, false, 'function-extra', `${facts.file} ${id}`);

  const roleIds = new Set((facts.roleStatements ?? []).map((s) => s.role));
  for (const role of app.roles) if (role.implicit) roleIds.add(role.id);
  for (const roleId of roleIds) {
    const theirs = statementPairs((facts.roleStatements ?? []).filter((s) => s.role === roleId && s.effect === 'Allow'));
    const role = app.roles.find((r) => r.id === roleId);
    const ours = statementPairs((role?.statements ?? []).filter((s) => s.Effect === 'Allow').map((s) => ({ actions: s.Action ?? [], resources: s.Resource ?? [] })));
    for (const pair of theirs) record(result, ours.has(pair), 'iam-missing', `${facts.file} ${roleId}: ${pair}`);
    for (const pair of ours) if (!theirs.has(pair)) record(result, false, 'iam-extra', `${facts.file} ${roleId}: ${pair}`);
  }
  return result;
}

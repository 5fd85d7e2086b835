/**
 * `functions:` entries into model functions, with provider-level settings inherited the way the
 * Framework applies them (function value first, then provider, environment merged by name).
 */
import path from 'node:path';
import type { EnvironmentVariable, FunctionUrlConfig, ServerlessFunction } from '../../model/types.js';
import { classifyEnvironmentValue } from '../../model/secrets.js';
import { asBoolean, asNumber, asString, isRecord } from '../../model/values.js';
import type { PathSegment } from '../yaml/parse.js';
import type { ServiceContext } from './context.js';
import { readCors } from './cors.js';
import { defaultFunctionName, functionLogicalId, logGroupLogicalId } from './naming.js';

export interface FunctionEntry {
  key: string;
  config: Record<string, unknown>;
  path: PathSegment[];
}

/** `functions` is a map, or a list of maps (typically `${file()}` includes) merged in order. */
export function readFunctionEntries(config: Record<string, unknown>, warn: (code: string, message: string, at: PathSegment[]) => void): FunctionEntry[] {
  const declared = config.functions;
  if (declared === undefined || declared === null) return [];
  const sources: Array<{ value: unknown; path: PathSegment[] }> = Array.isArray(declared)
    ? declared.map((value, i) => ({ value, path: ['functions', i] }))
    : [{ value: declared, path: ['functions'] }];
  const entries = new Map<string, FunctionEntry>();
  for (const source of sources) {
    if (!isRecord(source.value)) {
      // An include that could not be read has already been reported where it is written.
      if (typeof source.value === 'string' && source.value.includes('${')) continue;
      warn('invalid-functions', `functions${source.path.length > 1 ? `[${String(source.path[1])}]` : ''} must be a map of function name to function; not analysed`, source.path);
      continue;
    }
    for (const [key, config] of Object.entries(source.value)) {
      const at = [...source.path, key];
      if (!isRecord(config)) {
        warn('invalid-function', `function ${key} is not a mapping; not analysed`, at);
        continue;
      }
      entries.set(key, { key, config, path: at });
    }
  }
  return [...entries.values()];
}

/** Where the handler's code lives: `src/handlers/orders.create` -> `src/handlers` (service-relative). */
export function handlerDirectory(serviceDir: string, handler: string): string | undefined {
  const slashed = handler.replace(/\\/g, '/');
  if (path.posix.isAbsolute(slashed)) return undefined;
  const dir = path.posix.dirname(slashed);
  const joined = path.posix.normalize(path.posix.join(serviceDir || '.', dir));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined;
}

/** The runtime the Framework uses when none is set: nodejs20.x from v4, nodejs14.x in v3. */
export function defaultRuntime(frameworkVersion: unknown): string {
  const major = /(\d+)/.exec(String(frameworkVersion ?? ''))?.[1];
  return major !== undefined && Number(major) >= 4 ? 'nodejs20.x' : 'nodejs14.x';
}

function pick(fn: Record<string, unknown>, provider: Record<string, unknown>, key: string): unknown {
  return fn[key] !== undefined && fn[key] !== null ? fn[key] : provider[key];
}

function environment(ctx: ServiceContext, entry: FunctionEntry): EnvironmentVariable[] {
  const merged = new Map<string, { value: unknown; path: PathSegment[] }>();
  const layers: Array<[unknown, PathSegment[]]> = [
    [ctx.provider.environment, ['provider', 'environment']],
    [entry.config.environment, [...entry.path, 'environment']],
  ];
  for (const [value, at] of layers) {
    if (value === undefined || value === null) continue;
    if (!isRecord(value)) {
      ctx.warn('invalid-property', `${at.join('.')} must be a map of variable names to values`, at);
      continue;
    }
    for (const [name, v] of Object.entries(value)) merged.set(name, { value: v, path: [...at, name] });
  }
  return [...merged.entries()].map(([name, { value, path: at }]) => {
    const rendered = value === null ? undefined : ctx.render(value);
    const ref = isRecord(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
    const classification = classifyEnvironmentValue(name, rendered, {
      parameterRef: ref !== undefined && ctx.template.isParameter(ref),
      resourceRef: ctx.template.refTarget(value) !== undefined || (isRecord(value) && ('Fn::GetAtt' in value || 'Ref' in value)),
    });
    const variable: EnvironmentVariable = { name, secretLike: classification.secretLike, location: ctx.locate(at) };
    if (rendered !== undefined) variable.value = rendered;
    const reference = referenceKind(ctx.referenceSources(at)) ?? classification.reference;
    if (reference) variable.reference = reference;
    if (classification.secretReason) variable.secretReason = classification.secretReason;
    return variable;
  });
}

/** A value that came from a deploy-time variable points at a store, it is not the secret itself. */
function referenceKind(sources: string[]): EnvironmentVariable['reference'] | undefined {
  if (sources.includes('ssm')) return 'ssm';
  if (sources.includes('param')) return 'parameter';
  return sources.length > 0 ? 'other' : undefined;
}

function tracing(ctx: ServiceContext, fn: Record<string, unknown>): ServerlessFunction['tracing'] {
  const value = fn.tracing !== undefined ? fn.tracing : ctx.providerValue('tracing', 'lambda');
  if (value === true || value === 'Active' || value === 'true') return 'Active';
  if (value === 'PassThrough') return 'PassThrough';
  return undefined;
}

function functionUrl(ctx: ServiceContext, value: unknown, at: PathSegment[]): FunctionUrlConfig | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const url: FunctionUrlConfig = { authType: 'NONE', location: ctx.locate(at) };
  if (value === true) return url;
  if (!isRecord(value)) {
    ctx.warn('invalid-property', 'url must be true or a mapping', at);
    return undefined;
  }
  if (value.authorizer === 'aws_iam') url.authType = 'AWS_IAM';
  else if (value.authorizer !== undefined) ctx.warn('invalid-property', `url.authorizer ${JSON.stringify(value.authorizer)} is not aws_iam; the URL is treated as public`, [...at, 'authorizer']);
  const invokeMode = asString(value.invokeMode);
  if (invokeMode !== undefined) url.invokeMode = invokeMode;
  const cors = readCors(value.cors, ctx.locate([...at, 'cors']));
  if (cors) url.cors = cors;
  return url;
}

function deadLetter(ctx: ServiceContext, fn: Record<string, unknown>): ServerlessFunction['deadLetter'] {
  const onError = fn.onError;
  if (onError === undefined || onError === null) return undefined;
  const target = ctx.render(onError);
  if (target === undefined) return undefined;
  const resource = ctx.template.resources.get(ctx.template.refTarget(onError)?.id ?? '');
  const type = resource?.type === 'AWS::SQS::Queue' || /^arn:[^:]*:sqs:/.test(target) ? 'sqs'
    : resource?.type === 'AWS::SNS::Topic' || /^arn:[^:]*:sns:/.test(target) ? 'sns' : 'unknown';
  return { type, target };
}

function destinations(ctx: ServiceContext, fn: Record<string, unknown>): ServerlessFunction['destinations'] {
  const raw = fn.destinations;
  const retries = asNumber(fn.maximumRetryAttempts);
  const age = asNumber(fn.maximumEventAge);
  if (!isRecord(raw) && retries === undefined && age === undefined) return undefined;
  const out: NonNullable<ServerlessFunction['destinations']> = {};
  if (isRecord(raw)) {
    // A destination may be written as an ARN, a reference, or `{type, arn}`.
    const target = (value: unknown): string | undefined => ctx.render(isRecord(value) && 'arn' in value ? value.arn : value);
    const success = target(raw.onSuccess);
    const failure = target(raw.onFailure);
    if (success !== undefined) out.onSuccess = success;
    if (failure !== undefined) out.onFailure = failure;
  }
  if (retries !== undefined) out.maximumRetryAttempts = retries;
  if (age !== undefined) out.maximumEventAgeInSeconds = age;
  return out;
}

function codeLocation(ctx: ServiceContext, entry: FunctionEntry, fn: ServerlessFunction): void {
  const config = entry.config;
  const pkg = isRecord(config.package) ? config.package : undefined;
  const artifact = asString(pkg?.artifact) ?? (isRecord(ctx.config.package) ? asString(ctx.config.package.artifact) : undefined);
  if (config.image !== undefined) {
    fn.packageType = 'Image';
    return;
  }
  if (artifact !== undefined) {
    fn.properties.artifact = artifact;
    // A local artifact is a built zip: its contents are not source, so no code path is claimed.
    return;
  }
  if (fn.handler !== undefined) {
    const dir = handlerDirectory(ctx.serviceDir, fn.handler);
    if (dir !== undefined) fn.codeUri = dir;
    else ctx.warn('path-escape', `handler ${fn.handler} of ${entry.key} points outside the scanned root`, [...entry.path, 'handler']);
  }
}

export function buildFunction(ctx: ServiceContext, entry: FunctionEntry): ServerlessFunction {
  const config = entry.config;
  const provider = ctx.provider;
  const at = entry.path;
  const explicitName = asString(config.name);
  const fn: ServerlessFunction = {
    id: functionLogicalId(entry.key),
    name: explicitName ?? defaultFunctionName(ctx.service, ctx.stage, entry.key),
    environment: environment(ctx, entry),
    layers: ctx.renderList(pick(config, provider, 'layers')),
    triggers: [],
    properties: { ...config, functionKey: entry.key },
    location: ctx.locate(at),
  };
  const runtime = asString(pick(config, provider, 'runtime'));
  if (runtime !== undefined) fn.runtime = runtime;
  else if (config.image === undefined) {
    // The Framework deploys its own default; rules about outdated runtimes must see it.
    fn.runtime = defaultRuntime(ctx.config.frameworkVersion);
    fn.properties.runtimeDefaulted = true;
  }
  if (config.handler !== undefined) {
    if (typeof config.handler === 'string') fn.handler = config.handler;
    else ctx.warn('invalid-property', `function ${entry.key}: handler must be a string`, [...at, 'handler']);
  } else if (config.image === undefined) {
    ctx.warn('invalid-function', `function ${entry.key} has neither handler nor image`, at);
  }
  codeLocation(ctx, entry, fn);
  const architecture = asString(pick(config, provider, 'architecture'));
  if (architecture !== undefined) fn.architectures = [architecture];
  for (const [key, field] of [['memorySize', 'memorySize'], ['timeout', 'timeout']] as const) {
    const raw = pick(config, provider, key);
    if (raw === undefined || raw === null) continue;
    const value = asNumber(raw);
    if (value !== undefined) fn[field] = value;
    else ctx.warn('invalid-property', `function ${entry.key}: ${key} ${JSON.stringify(raw)} is not a number`, config[key] !== undefined ? [...at, key] : ['provider', key]);
  }
  const reserved = asNumber(config.reservedConcurrency);
  if (reserved !== undefined) fn.reservedConcurrency = reserved;
  const kms = ctx.render(pick(config, provider, 'kmsKeyArn'));
  if (kms !== undefined && kms !== '') fn.kmsKeyArn = kms;
  const mode = tracing(ctx, config);
  if (mode) fn.tracing = mode;
  const vpc = pick(config, provider, 'vpc');
  if (isRecord(vpc)) {
    fn.vpc = { securityGroupIds: ctx.renderList(vpc.securityGroupIds), subnetIds: ctx.renderList(vpc.subnetIds) };
  } else if (vpc !== undefined && vpc !== null) {
    ctx.warn('invalid-property', `function ${entry.key}: vpc must be a mapping`, config.vpc !== undefined ? [...at, 'vpc'] : ['provider', 'vpc']);
  }
  const dlq = deadLetter(ctx, config);
  if (dlq) fn.deadLetter = dlq;
  const dest = destinations(ctx, config);
  if (dest) fn.destinations = dest;
  const retention = asNumber(config.logRetentionInDays ?? provider.logRetentionInDays);
  const logs = isRecord(config.logs) ? config.logs : isRecord(provider.logs) && isRecord(provider.logs.lambda) ? provider.logs.lambda : undefined;
  fn.logGroup = { resourceId: logGroupLogicalId(entry.key), name: `/aws/lambda/${fn.name}`, location: fn.location };
  if (retention !== undefined) fn.logGroup.retentionInDays = retention;
  const format = asString(logs?.logFormat);
  if (format !== undefined) fn.logGroup.logFormat = format;
  const url = functionUrl(ctx, config.url, [...at, 'url']);
  if (url) fn.url = url;
  const provisioned = asNumber(config.provisionedConcurrency);
  if (provisioned !== undefined) fn.properties.provisionedConcurrency = provisioned;
  if (asBoolean(config.disableLogs) === true) fn.properties.disableLogs = true;
  return fn;
}

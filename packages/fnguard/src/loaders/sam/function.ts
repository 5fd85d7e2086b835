/**
 * AWS::Serverless::Function (properties after Globals) -> ServerlessFunction, without its
 * triggers and role, which expand.ts adds because they involve other resources.
 */
import { posix } from 'node:path';
import type { TemplateContext, TemplateResource } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import { classifyEnvironmentValue } from '../../model/secrets.js';
import type { EnvironmentVariable, FunctionUrlConfig, LogGroupConfig, ServerlessFunction } from '../../model/types.js';
import { asBoolean, asNumber, asString, isRecord } from '../../model/values.js';

type Warn = (code: string, message: string, at: PathSegment[]) => void;

/** The function's code folder relative to the scanned root, or undefined for S3 / image code. */
export function codeLocation(template: TemplateContext, codeUri: unknown, at: PathSegment[], warn: Warn): string | undefined {
  const uri = template.resolve(codeUri);
  if (typeof uri !== 'string' || uri === '' || /^s3:\/\//i.test(uri) || uri.includes('${')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(template.file.replace(/\\/g, '/')), uri.replace(/\\/g, '/')));
  if (posix.isAbsolute(joined) || joined === '..' || joined.startsWith('../')) {
    warn('path-escape', `CodeUri ${uri} points outside the scanned folder; its code is not analysed`, at);
    return undefined;
  }
  return joined.replace(/\/$/, '') || '.';
}

function readEnvironment(template: TemplateContext, value: unknown, at: PathSegment[], warn: Warn): EnvironmentVariable[] {
  if (value === undefined) return [];
  if (!isRecord(value) || (value.Variables !== undefined && !isRecord(value.Variables))) {
    warn('sam-invalid-property', 'Environment must be a map with a Variables map', at);
    return [];
  }
  const variables = isRecord(value.Variables) ? value.Variables : {};
  return Object.entries(variables).map(([name, raw]) => {
    const rendered = template.render(raw);
    const resolved = template.resolve(raw);
    const ref = isRecord(raw) && typeof raw.Ref === 'string' ? raw.Ref : undefined;
    const classification = classifyEnvironmentValue(name, rendered, {
      parameterRef: ref !== undefined && template.isParameter(ref),
      resourceRef: template.refTarget(raw) !== undefined && typeof resolved !== 'string',
    });
    const variable: EnvironmentVariable = {
      name,
      secretLike: classification.secretLike,
      location: template.locate([...at, 'Variables', name]),
    };
    if (rendered !== undefined) variable.value = rendered;
    if (classification.reference) variable.reference = classification.reference;
    if (classification.secretReason) variable.secretReason = classification.secretReason;
    return variable;
  });
}

function readUrl(template: TemplateContext, value: unknown, at: PathSegment[], warn: Warn): FunctionUrlConfig | undefined {
  if (value === undefined) return undefined;
  const config = template.resolve(value);
  if (!isRecord(config)) {
    warn('sam-invalid-property', 'FunctionUrlConfig must be a map with AuthType', at);
    return undefined;
  }
  const url: FunctionUrlConfig = { authType: template.render(config.AuthType) ?? 'unknown', location: template.locate(at) };
  const mode = template.render(config.InvokeMode);
  if (mode !== undefined) url.invokeMode = mode;
  if (isRecord(config.Cors)) {
    url.cors = {
      allowOrigins: template.renderList(config.Cors.AllowOrigins),
      allowCredentials: asBoolean(config.Cors.AllowCredentials) ?? false,
      location: template.locate([...at, 'Cors']),
    };
    if (config.Cors.AllowMethods !== undefined) url.cors.allowMethods = template.renderList(config.Cors.AllowMethods);
    if (config.Cors.AllowHeaders !== undefined) url.cors.allowHeaders = template.renderList(config.Cors.AllowHeaders);
  }
  return url;
}

function readLogging(template: TemplateContext, value: unknown, at: PathSegment[]): LogGroupConfig | undefined {
  const config = template.resolve(value);
  if (!isRecord(config)) return undefined;
  const logGroup: LogGroupConfig = { location: template.locate(at) };
  if (config.LogGroup !== undefined) {
    const target = template.refTarget((value as Record<string, unknown>).LogGroup);
    if (target) logGroup.resourceId = target.id;
    const name = template.render(config.LogGroup);
    if (name !== undefined) logGroup.name = name;
  }
  const format = asString(config.LogFormat);
  if (format !== undefined) logGroup.logFormat = format;
  return logGroup;
}

/** Builds the function; `properties` already carry the inherited Globals. */
export function buildFunction(
  template: TemplateContext,
  resource: TemplateResource,
  properties: Record<string, unknown>,
  warn: Warn,
): ServerlessFunction {
  const at = (key: string): PathSegment[] => [...resource.path, 'Properties', key];
  const fn: ServerlessFunction = {
    id: resource.id,
    name: template.render(properties.FunctionName) ?? resource.id,
    environment: readEnvironment(template, properties.Environment, at('Environment'), warn),
    layers: template.renderList(properties.Layers),
    triggers: [],
    properties,
    location: resource.location,
  };
  const text = (key: string): string | undefined => template.render(properties[key]);
  const runtime = text('Runtime');
  if (runtime !== undefined) fn.runtime = runtime;
  const handler = text('Handler');
  if (handler !== undefined) fn.handler = handler;
  const packageType = text('PackageType');
  if (packageType === 'Image' || packageType === 'Zip') fn.packageType = packageType;
  if (properties.InlineCode !== undefined) fn.inlineCode = true;
  else if (packageType !== 'Image') {
    // `sam build` packages the template's own folder when CodeUri is left out.
    const code = codeLocation(template, properties.CodeUri ?? '.', at('CodeUri'), warn);
    if (code !== undefined) fn.codeUri = code;
  }
  if (properties.Architectures !== undefined) fn.architectures = template.renderList(properties.Architectures);
  const numbers: Array<[string, 'memorySize' | 'timeout' | 'reservedConcurrency']> = [
    ['MemorySize', 'memorySize'], ['Timeout', 'timeout'], ['ReservedConcurrentExecutions', 'reservedConcurrency'],
  ];
  for (const [key, field] of numbers) {
    if (properties[key] === undefined) continue;
    const value = asNumber(template.resolve(properties[key]));
    if (value === undefined) {
      // A parameter without a default is legitimate; only a literal of the wrong type is an error.
      if (typeof template.resolve(properties[key]) !== 'object') warn('sam-invalid-property', `${key} must be a number`, at(key));
    } else {
      fn[field] = value;
    }
  }
  const kms = text('KmsKeyArn');
  if (kms !== undefined) fn.kmsKeyArn = kms;
  const tracing = text('Tracing');
  if (tracing === 'Active' || tracing === 'PassThrough') fn.tracing = tracing;
  const vpc = template.resolve(properties.VpcConfig);
  if (isRecord(vpc)) fn.vpc = { securityGroupIds: template.renderList(vpc.SecurityGroupIds), subnetIds: template.renderList(vpc.SubnetIds) };
  const dlq = template.resolve(properties.DeadLetterQueue);
  if (isRecord(dlq) && dlq.TargetArn !== undefined) {
    const type = asString(dlq.Type);
    fn.deadLetter = { type: type === 'SQS' ? 'sqs' : type === 'SNS' ? 'sns' : 'unknown', target: template.render(dlq.TargetArn) ?? '' };
  }
  const invoke = template.resolve(properties.EventInvokeConfig);
  if (isRecord(invoke)) {
    fn.destinations = {};
    const retries = asNumber(invoke.MaximumRetryAttempts);
    if (retries !== undefined) fn.destinations.maximumRetryAttempts = retries;
    const age = asNumber(invoke.MaximumEventAgeInSeconds);
    if (age !== undefined) fn.destinations.maximumEventAgeInSeconds = age;
  }
  const logGroup = readLogging(template, properties.LoggingConfig, at('LoggingConfig'));
  if (logGroup) fn.logGroup = logGroup;
  const url = readUrl(template, properties.FunctionUrlConfig, at('FunctionUrlConfig'), warn);
  if (url) fn.url = url;
  const signing = text('CodeSigningConfigArn');
  if (signing !== undefined) fn.codeSigningConfig = signing;
  return fn;
}

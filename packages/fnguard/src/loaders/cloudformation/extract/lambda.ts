/** AWS::Lambda::Function resources as model functions. */
import path from 'node:path';
import type { EnvironmentVariable, ServerlessFunction } from '../../../model/types.js';
import { classifyEnvironmentValue } from '../../../model/secrets.js';
import { asNumber, asString, isRecord } from '../../../model/values.js';
import type { TemplateResource } from '../template.js';
import type { ExtractContext } from './context.js';

function isIntrinsic(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/**
 * The variables map as written. When the map itself is chosen by `!If`, the branch the condition
 * selects is used, or the first one when the condition depends on deploy-time input.
 */
function variablesMap(ctx: ExtractContext, raw: unknown, depth = 0): unknown {
  if (!isIntrinsic(raw) || depth > 10) return raw;
  const branches = (raw as Record<string, unknown>)['Fn::If'];
  if (Array.isArray(branches) && branches.length === 3 && typeof branches[0] === 'string') {
    // Branches stay unresolved so that their `!Ref Parameter` values are still recognised as references.
    const decided = ctx.template.conditionValue(branches[0]);
    return variablesMap(ctx, decided === false ? branches[2] : branches[1], depth + 1);
  }
  return ctx.template.resolve(raw);
}

function environment(ctx: ExtractContext, resource: TemplateResource): EnvironmentVariable[] {
  const raw = variablesMap(ctx, resource.properties.Environment);
  if (raw === undefined || raw === null) return [];
  const rawVariables = isRecord(raw) ? variablesMap(ctx, raw.Variables) : undefined;
  if (!isRecord(raw) || (rawVariables !== undefined && rawVariables !== null && !isRecord(rawVariables))) {
    ctx.warn('invalid-property', `function ${resource.id}: Environment.Variables is not a mapping; environment not analysed`, resource, 'Environment');
    return [];
  }
  if (!isRecord(rawVariables)) return [];
  return Object.entries(rawVariables).map(([name, value]) => {
    const rendered = ctx.template.render(value);
    const ref = isRecord(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
    const hints = {
      parameterRef: ref !== undefined && ctx.template.isParameter(ref),
      resourceRef: ctx.template.refTarget(value) !== undefined,
    };
    const classification = classifyEnvironmentValue(name, rendered, hints);
    const variable: EnvironmentVariable = {
      name,
      secretLike: classification.secretLike,
      location: ctx.locate(resource, 'Environment', 'Variables', name),
    };
    if (rendered !== undefined) variable.value = rendered;
    if (classification.reference) variable.reference = classification.reference;
    if (classification.secretReason) variable.secretReason = classification.secretReason;
    return variable;
  });
}

/** Local code paths (as `aws cloudformation package` accepts them) that stay inside the scanned root. */
function localCodePath(templateFile: string, code: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(code) || path.posix.isAbsolute(code) || /^[A-Za-z]:[\\/]/.test(code)) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(templateFile), code.replace(/\\/g, '/')));
  return joined.startsWith('../') || joined === '..' ? undefined : joined;
}

function applyCode(ctx: ExtractContext, resource: TemplateResource, props: Record<string, unknown>, fn: ServerlessFunction): void {
  const code = props.Code;
  if (typeof code === 'string') {
    const local = localCodePath(ctx.template.file, code);
    if (local !== undefined) fn.codeUri = local;
    return;
  }
  if (!isRecord(code)) {
    if (code !== undefined) ctx.warn('invalid-property', `function ${resource.id}: Code is not a mapping`, resource, 'Code');
    return;
  }
  if (code.ZipFile !== undefined) fn.inlineCode = true;
  if (code.ImageUri !== undefined) fn.packageType = 'Image';
}

function deadLetter(ctx: ExtractContext, value: unknown): ServerlessFunction['deadLetter'] {
  if (!isRecord(value) || value.TargetArn === undefined) return undefined;
  const target = ctx.template.render(value.TargetArn);
  if (target === undefined) return undefined;
  const resourceType = ctx.template.resources.get(ctx.targetOf(value.TargetArn) ?? '')?.type;
  const type = resourceType === 'AWS::SQS::Queue' || /^arn:[^:]*:sqs:/.test(target) ? 'sqs'
    : resourceType === 'AWS::SNS::Topic' || /^arn:[^:]*:sns:/.test(target) ? 'sns' : 'unknown';
  return { type, target };
}

function applyRole(ctx: ExtractContext, resource: TemplateResource, fn: ServerlessFunction): void {
  const raw = resource.properties.Role;
  if (raw === undefined) return;
  const target = ctx.template.refTarget(raw);
  const targetType = target ? ctx.template.resources.get(target.id)?.type : undefined;
  if (target && (targetType === 'AWS::IAM::Role' || ctx.roles.has(target.id))) {
    fn.roleId = target.id;
    return;
  }
  const rendered = ctx.template.render(raw);
  if (rendered !== undefined) fn.externalRoleArn = rendered;
}

export function toFunction(ctx: ExtractContext, resource: TemplateResource): ServerlessFunction {
  const props = ctx.props(resource);
  const fn: ServerlessFunction = {
    id: resource.id,
    name: ctx.template.render(props.FunctionName) ?? resource.id,
    environment: environment(ctx, resource),
    layers: ctx.template.renderList(props.Layers),
    triggers: [],
    properties: props,
    location: resource.location,
  };
  const runtime = asString(props.Runtime);
  if (runtime !== undefined) fn.runtime = runtime;
  const handler = asString(props.Handler);
  if (handler !== undefined) fn.handler = handler;
  applyCode(ctx, resource, props, fn);
  const packageType = asString(props.PackageType);
  if (packageType === 'Image' || packageType === 'Zip') fn.packageType = packageType;
  if (props.Architectures !== undefined) fn.architectures = ctx.template.renderList(props.Architectures);
  const memorySize = asNumber(props.MemorySize);
  if (memorySize !== undefined) fn.memorySize = memorySize;
  const timeout = asNumber(props.Timeout);
  if (timeout !== undefined) fn.timeout = timeout;
  const reserved = asNumber(props.ReservedConcurrentExecutions);
  if (reserved !== undefined) fn.reservedConcurrency = reserved;
  const kms = ctx.template.render(props.KmsKeyArn);
  if (kms !== undefined && kms !== '') fn.kmsKeyArn = kms;
  const tracing = isRecord(props.TracingConfig) ? asString(props.TracingConfig.Mode) : undefined;
  if (tracing === 'Active' || tracing === 'PassThrough') fn.tracing = tracing;
  if (isRecord(props.VpcConfig)) {
    fn.vpc = {
      securityGroupIds: ctx.template.renderList(props.VpcConfig.SecurityGroupIds),
      subnetIds: ctx.template.renderList(props.VpcConfig.SubnetIds),
    };
  } else if (props.VpcConfig !== undefined) {
    ctx.warn('invalid-property', `function ${resource.id}: VpcConfig is not a mapping`, resource, 'VpcConfig');
  }
  const dlq = deadLetter(ctx, props.DeadLetterConfig);
  if (dlq) fn.deadLetter = dlq;
  if (isRecord(props.LoggingConfig)) {
    const logGroup: NonNullable<ServerlessFunction['logGroup']> = { location: ctx.locate(resource, 'LoggingConfig') };
    const name = ctx.template.render(props.LoggingConfig.LogGroup);
    if (name !== undefined) logGroup.name = name;
    const format = asString(props.LoggingConfig.LogFormat);
    if (format !== undefined) logGroup.logFormat = format;
    fn.logGroup = logGroup;
  }
  const signing = ctx.template.render(props.CodeSigningConfigArn);
  if (signing !== undefined) fn.codeSigningConfig = signing;
  applyRole(ctx, resource, fn);
  return fn;
}

export function extractFunctions(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Lambda::Function')) {
    if (ctx.functions.has(resource.id)) continue;
    const fn = toFunction(ctx, resource);
    ctx.functions.set(fn.id, fn);
    ctx.app.functions.push(fn);
  }
}

/** Records each function on the role it runs with, once all roles and functions are known. */
export function linkRoles(ctx: ExtractContext): void {
  for (const fn of ctx.app.functions) {
    if (!fn.roleId) continue;
    const role = ctx.roles.get(fn.roleId);
    if (role && !role.usedBy.includes(fn.id)) role.usedBy.push(fn.id);
  }
}

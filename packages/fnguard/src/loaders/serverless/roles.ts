/**
 * Which role each function runs with, and what that role may do.
 *
 * The Framework generates one shared role (IamRoleLambdaExecution) for every function without
 * its own `role`, unless `provider.iam.role` names an existing role. It holds log-writing
 * statements, the provider's statements, and the permissions event sources need (polling SQS
 * and streams). serverless-iam-roles-per-function instead gives a function with its own
 * `iamRoleStatements` a role of its own.
 */
import type { IamStatement, Role, ServerlessFunction } from '../../model/types.js';
import { normalizeStatements } from '../../model/iam.js';
import { asBoolean, asString, isRecord, referencedIds } from '../../model/values.js';
import type { PathSegment } from '../yaml/parse.js';
import type { ServiceContext } from './context.js';
import type { PolledSource } from './events.js';
import type { FunctionEntry } from './functions.js';
import { IMPLICIT_ROLE_ID, perFunctionRoleId } from './naming.js';

const LAMBDA_TRUST = { Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] };
const VPC_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole';

const POLL_ACTIONS: Record<PolledSource['kind'], string[]> = {
  sqs: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
  'dynamodb-stream': ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'],
  kinesis: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListStreams'],
};

export interface FunctionRoleInput {
  entry: FunctionEntry;
  fn: ServerlessFunction;
  polled: PolledSource[];
}

/** `provider.iam.role` (v3) or the legacy `provider.role` / `iamRoleStatements` / `iamManagedPolicies`. */
interface ProviderIam {
  /** a role defined elsewhere: `provider.iam.role: <arn | logical id | Fn::GetAtt>` */
  roleRef?: unknown;
  roleRefPath?: PathSegment[];
  statements: unknown;
  statementsPath: PathSegment[];
  managed: unknown;
  managedPath: PathSegment[];
  name?: string;
  permissionsBoundary?: unknown;
}

function providerIam(ctx: ServiceContext): ProviderIam {
  const iam = isRecord(ctx.provider.iam) ? ctx.provider.iam : {};
  const role = iam.role;
  if (role !== undefined && !isRecord(role)) return { roleRef: role, roleRefPath: ['provider', 'iam', 'role'], statements: undefined, statementsPath: [], managed: undefined, managedPath: [] };
  if (isRecord(role) && ('Fn::GetAtt' in role || 'Ref' in role || 'Fn::ImportValue' in role || 'Fn::Sub' in role)) {
    return { roleRef: role, roleRefPath: ['provider', 'iam', 'role'], statements: undefined, statementsPath: [], managed: undefined, managedPath: [] };
  }
  if (isRecord(role)) {
    const out: ProviderIam = {
      statements: role.statements,
      statementsPath: ['provider', 'iam', 'role', 'statements'],
      managed: role.managedPolicies,
      managedPath: ['provider', 'iam', 'role', 'managedPolicies'],
    };
    const name = asString(role.name);
    if (name !== undefined) out.name = name;
    if (role.permissionsBoundary !== undefined) out.permissionsBoundary = role.permissionsBoundary;
    return out;
  }
  if (ctx.provider.role !== undefined) return { roleRef: ctx.provider.role, roleRefPath: ['provider', 'role'], statements: undefined, statementsPath: [], managed: undefined, managedPath: [] };
  const out: ProviderIam = {
    statements: ctx.provider.iamRoleStatements,
    statementsPath: ['provider', 'iamRoleStatements'],
    managed: ctx.provider.iamManagedPolicies,
    managedPath: ['provider', 'iamManagedPolicies'],
  };
  if (ctx.provider.rolePermissionsBoundary !== undefined) out.permissionsBoundary = ctx.provider.rolePermissionsBoundary;
  return out;
}

function statements(ctx: ServiceContext, raw: unknown, origin: string, at: PathSegment[]): IamStatement[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    ctx.warn('invalid-iam', `${at.join('.')} must be a list of IAM statements`, at);
    return [];
  }
  return normalizeStatements({ Statement: raw }, ctx.template, origin, (index) => ctx.locate([...at, index]), (message) => ctx.warn('invalid-iam', message, at));
}

function generated(ctx: ServiceContext, actions: string[], resources: unknown[], origin: string, at: PathSegment[]): IamStatement[] {
  if (resources.length === 0 || actions.length === 0) return [];
  return normalizeStatements({ Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] }, ctx.template, origin, ctx.locate(at));
}

/** Log permissions on the functions' log groups, as the Framework writes them. */
function logStatements(ctx: ServiceContext, fns: ServerlessFunction[], at: PathSegment[], own = false): IamStatement[] {
  if (fns.length === 0) return [];
  const groups = new Set<string>();
  const defaultPrefix = `${ctx.service}-${ctx.stage}`;
  for (const fn of fns) {
    // The shared role covers every default-named group with one prefix; a role of its own, only its group.
    groups.add(!own && fn.name.startsWith(defaultPrefix) ? `/aws/lambda/${defaultPrefix}*` : `/aws/lambda/${fn.name}`);
  }
  const arn = (group: string, suffix: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${group}${suffix}` });
  return [
    ...generated(ctx, ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'], [...groups].map((g) => arn(g, ':*')), 'serverless:implicit-logs', at),
    ...generated(ctx, ['logs:PutLogEvents'], [...groups].map((g) => arn(g, ':*:*')), 'serverless:implicit-logs', at),
  ];
}

/** Permissions the Framework adds for event sources and function settings. */
function derivedStatements(ctx: ServiceContext, inputs: FunctionRoleInput[], at: PathSegment[]): IamStatement[] {
  const out: IamStatement[] = [];
  for (const kind of ['sqs', 'dynamodb-stream', 'kinesis'] as const) {
    const arns = inputs.flatMap((input) => input.polled.filter((p) => p.kind === kind).map((p) => p.arn));
    out.push(...generated(ctx, POLL_ACTIONS[kind], arns, `serverless:event-source:${kind}`, at));
  }
  // Websocket handlers may post to their connections.
  if (inputs.some((input) => input.fn.triggers.some((t) => t.kind === 'websocket'))) {
    out.push(...generated(ctx, ['execute-api:ManageConnections'], [{ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:*:*:*/@connections/*' }], 'serverless:websocket', at));
  }
  if (inputs.some((input) => input.fn.tracing === 'Active')) {
    out.push(...generated(ctx, ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], ['*'], 'serverless:tracing', at));
  }
  const dlqTopics = inputs.flatMap((input) => (input.fn.deadLetter?.type === 'sns' ? [input.entry.config.onError] : []));
  out.push(...generated(ctx, ['sns:Publish'], dlqTopics, 'serverless:onError', at));
  for (const input of inputs) {
    for (const target of [input.fn.destinations?.onSuccess, input.fn.destinations?.onFailure]) {
      const action = target === undefined ? undefined : destinationAction(ctx, target);
      if (action && target !== undefined) out.push(...generated(ctx, [action], [target], 'serverless:destinations', at));
    }
  }
  return out;
}

/** What the role must be allowed to do to deliver to a destination, from the target's ARN. */
const SERVICE_OF_TYPE: Record<string, string> = {
  'AWS::SQS::Queue': 'sqs', 'AWS::SNS::Topic': 'sns', 'AWS::Events::EventBus': 'events', 'AWS::Lambda::Function': 'lambda',
};

function destinationAction(ctx: ServiceContext, target: string): string | undefined {
  const referenced = referencedIds(target).map((id) => ctx.template.resources.get(id)?.type).find((type) => type !== undefined);
  const service = referenced ? SERVICE_OF_TYPE[referenced] : /^arn:[^:]*:([^:]+):/.exec(target)?.[1];
  if (service === 'sqs') return 'sqs:SendMessage';
  if (service === 'sns') return 'sns:Publish';
  if (service === 'events') return 'events:PutEvents';
  // A function name or ARN: the Framework invokes it.
  if (service === 'lambda' || service === undefined) return 'lambda:InvokeFunction';
  return undefined;
}

function newRole(ctx: ServiceContext, id: string, name: string | undefined, at: PathSegment[]): Role {
  const role: Role = {
    id,
    implicit: true,
    statements: [],
    managedPolicyArns: [],
    trustPolicy: normalizeStatements(LAMBDA_TRUST, ctx.template, 'serverless:trust', ctx.locate(at)),
    usedBy: [],
    location: ctx.locate(at),
  };
  if (name !== undefined) role.name = name;
  return role;
}

/** A function-level or provider-level role reference: a role of the app, or an external ARN. */
function applyRoleRef(ctx: ServiceContext, fn: ServerlessFunction, raw: unknown): void {
  if (typeof raw === 'string' && !raw.startsWith('arn:') && !raw.includes('${')) {
    // A bare name is a logical id in resources.Resources.
    if (ctx.template.resources.has(raw)) fn.roleId = raw;
    else {
      ctx.warn('unknown-role', `role ${raw} of ${fn.name} is not a resource of this service`, fn.properties.role !== undefined ? [...pathOf(fn), 'role'] : ['provider', 'iam', 'role']);
      fn.externalRoleArn = raw;
    }
    return;
  }
  const target = ctx.template.refTarget(raw);
  if (target) {
    fn.roleId = target.id;
    return;
  }
  const rendered = ctx.render(raw);
  if (rendered !== undefined) fn.externalRoleArn = rendered;
}

function pathOf(fn: ServerlessFunction): PathSegment[] {
  return ['functions', String(fn.properties.functionKey)];
}

/** `plugins:` is a list, or `{modules: [...]}`. */
function pluginListed(ctx: ServiceContext, name: string): boolean {
  const plugins = ctx.config.plugins;
  const list = Array.isArray(plugins) ? plugins : isRecord(plugins) && Array.isArray(plugins.modules) ? plugins.modules : [];
  return list.includes(name);
}

function perFunctionInherit(ctx: ServiceContext, entry: FunctionEntry): boolean {
  const own = asBoolean(entry.config.iamRoleStatementsInherit);
  if (own !== undefined) return own;
  return asBoolean(ctx.custom('serverless-iam-roles-per-function')?.defaultInherit) ?? false;
}

/** Builds roles and sets `roleId` / `externalRoleArn` on every function. */
export function buildRoles(ctx: ServiceContext, inputs: FunctionRoleInput[]): Role[] {
  const provider = providerIam(ctx);
  const perFunctionPlugin = pluginListed(ctx, 'serverless-iam-roles-per-function');
  const roles: Role[] = [];
  const shared: FunctionRoleInput[] = [];
  for (const input of inputs) {
    const { entry, fn } = input;
    if (entry.config.role !== undefined && entry.config.role !== null) {
      applyRoleRef(ctx, fn, entry.config.role);
    } else if (entry.config.iamRoleStatements !== undefined && !perFunctionPlugin) {
      // Without the plugin the Framework ignores the setting: the function gets the shared role.
      ctx.warn('ignored-setting', `function ${entry.key}: iamRoleStatements needs the serverless-iam-roles-per-function plugin, which is not listed; the function uses the shared role`, [...entry.path, 'iamRoleStatements']);
      if (provider.roleRef !== undefined) applyRoleRef(ctx, fn, provider.roleRef);
      else shared.push(input);
    } else if (entry.config.iamRoleStatements !== undefined) {
      const id = perFunctionRoleId(entry.key);
      const role = newRole(ctx, id, asString(entry.config.iamRoleStatementsName), [...entry.path, 'iamRoleStatements']);
      role.statements.push(
        ...logStatements(ctx, [fn], entry.path, true),
        ...statements(ctx, entry.config.iamRoleStatements, `serverless:functions.${entry.key}.iamRoleStatements`, [...entry.path, 'iamRoleStatements']),
        ...derivedStatements(ctx, [input], entry.path),
      );
      if (perFunctionInherit(ctx, entry)) role.statements.push(...statements(ctx, provider.statements, 'serverless:provider.iam', provider.statementsPath));
      if (fn.vpc) role.managedPolicyArns.push(VPC_POLICY);
      role.usedBy.push(fn.id);
      fn.roleId = id;
      roles.push(role);
    } else if (provider.roleRef !== undefined) {
      applyRoleRef(ctx, fn, provider.roleRef);
    } else {
      shared.push(input);
    }
  }
  if (shared.length > 0) {
    const at: PathSegment[] = ctx.provider.iam !== undefined ? ['provider', 'iam'] : ['provider'];
    const role = newRole(ctx, IMPLICIT_ROLE_ID, provider.name ?? `${ctx.service}-${ctx.stage}-${ctx.region}-lambdaRole`, at);
    role.statements.push(
      ...logStatements(ctx, shared.map((i) => i.fn), at),
      ...statements(ctx, provider.statements, 'serverless:provider.iam', provider.statementsPath),
      ...derivedStatements(ctx, shared, at),
    );
    const managed = provider.managed;
    if (managed !== undefined && !Array.isArray(managed)) ctx.warn('invalid-iam', `${provider.managedPath.join('.')} must be a list of policy ARNs`, provider.managedPath);
    role.managedPolicyArns.push(...ctx.renderList(Array.isArray(managed) ? managed : []));
    if (shared.some((i) => i.fn.vpc)) role.managedPolicyArns.push(VPC_POLICY);
    if (provider.permissionsBoundary !== undefined) {
      const boundary = ctx.render(provider.permissionsBoundary);
      if (boundary !== undefined) role.permissionsBoundary = boundary;
    }
    for (const input of shared) {
      input.fn.roleId = IMPLICIT_ROLE_ID;
      role.usedBy.push(input.fn.id);
    }
    roles.push(role);
  }
  return roles;
}

/**
 * AWS::IAM::Role / Policy / ManagedPolicy as model roles. Policies and managed policies declared
 * apart from the role are merged into the role's statements, because that is what the function
 * can do at run time.
 */
import type { IamStatement, Role } from '../../../model/types.js';
import { normalizeStatements } from '../../../model/iam.js';
import { referencedIds, isRecord } from '../../../model/values.js';
import type { TemplateResource } from '../template.js';
import type { PathSegment } from '../../yaml/parse.js';
import type { ExtractContext } from './context.js';

function statementsOf(ctx: ExtractContext, resource: TemplateResource, document: unknown, origin: string, documentPath: PathSegment[]): IamStatement[] {
  return normalizeStatements(
    document,
    ctx.template,
    origin,
    (index) => ctx.locate(resource, ...documentPath, 'Statement', index),
    (message) => ctx.warn('invalid-policy', `${resource.id}: ${message}`, resource, ...documentPath),
  );
}

function inlinePolicies(ctx: ExtractContext, resource: TemplateResource): IamStatement[] {
  const policies = ctx.template.resolve(resource.properties.Policies);
  if (policies === undefined || policies === null) return [];
  if (!Array.isArray(policies)) {
    ctx.warn('invalid-property', `role ${resource.id}: Policies is not a list`, resource, 'Policies');
    return [];
  }
  return policies.flatMap((policy, index) => {
    if (!isRecord(policy)) {
      ctx.warn('invalid-property', `role ${resource.id}: Policies[${index}] is not a mapping`, resource, 'Policies', index);
      return [];
    }
    const name = ctx.template.render(policy.PolicyName) ?? String(index);
    return statementsOf(ctx, resource, policy.PolicyDocument, `inline:${name}`, ['Policies', index, 'PolicyDocument']);
  });
}

function toRole(ctx: ExtractContext, resource: TemplateResource): Role {
  const props = ctx.props(resource);
  const role: Role = {
    id: resource.id,
    implicit: false,
    statements: inlinePolicies(ctx, resource),
    managedPolicyArns: ctx.template.renderList(props.ManagedPolicyArns),
    trustPolicy: statementsOf(ctx, resource, resource.properties.AssumeRolePolicyDocument, 'trust', ['AssumeRolePolicyDocument']),
    usedBy: [],
    location: resource.location,
  };
  const name = ctx.template.render(props.RoleName);
  if (name !== undefined) role.name = name;
  const boundary = ctx.template.render(props.PermissionsBoundary);
  if (boundary !== undefined) role.permissionsBoundary = boundary;
  return role;
}

/**
 * The roles a policy's `Roles` list names: by reference to a template role, by a rendered
 * `${Id}` of a role another loader made (SAM's implicit `<Function>Role`), or by RoleName.
 */
function rolesNamed(ctx: ExtractContext, value: unknown): Role[] {
  const resolved = ctx.template.resolve(value);
  const items = Array.isArray(resolved) ? resolved : resolved === undefined ? [] : [resolved];
  const found: Role[] = [];
  for (const item of items) {
    const target = ctx.template.refTarget(item);
    let role = target ? ctx.roles.get(target.id) : undefined;
    const rendered = ctx.template.render(item);
    if (!role && rendered !== undefined) {
      role = referencedIds(rendered).map((id) => ctx.roles.get(id)).find((r) => r !== undefined)
        ?? [...ctx.roles.values()].find((r) => r.name === rendered);
    }
    if (role && !found.includes(role)) found.push(role);
  }
  return found;
}

function attachPolicies(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::IAM::Policy', 'AWS::IAM::RolePolicy')) {
    const props = ctx.props(resource);
    const name = ctx.template.render(props.PolicyName) ?? resource.id;
    const statements = statementsOf(ctx, resource, resource.properties.PolicyDocument, `inline:${name}`, ['PolicyDocument']);
    const roles = resource.type === 'AWS::IAM::RolePolicy' ? rolesNamed(ctx, resource.properties.RoleName) : rolesNamed(ctx, resource.properties.Roles);
    for (const role of roles) role.statements.push(...statements);
  }
  for (const resource of ctx.ofType('AWS::IAM::ManagedPolicy')) {
    const statements = statementsOf(ctx, resource, resource.properties.PolicyDocument, `managed:${resource.id}`, ['PolicyDocument']);
    const attached = new Set(rolesNamed(ctx, resource.properties.Roles));
    // A role may instead list the managed policy by reference in its ManagedPolicyArns.
    for (const role of ctx.roles.values()) {
      const roleResource = ctx.template.resources.get(role.id);
      const arns = roleResource ? ctx.template.resolve(roleResource.properties.ManagedPolicyArns) : undefined;
      if (Array.isArray(arns) && arns.some((arn) => ctx.template.refTarget(arn)?.id === resource.id)) attached.add(role);
      else if (role.managedPolicyArns.includes(`\${${resource.id}}`)) attached.add(role);
    }
    for (const role of attached) role.statements.push(...statements);
  }
}

export function extractRoles(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::IAM::Role')) {
    if (ctx.roles.has(resource.id)) continue;
    const role = toRole(ctx, resource);
    ctx.roles.set(role.id, role);
    ctx.app.roles.push(role);
  }
  attachPolicies(ctx);
}

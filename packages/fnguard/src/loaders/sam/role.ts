/**
 * The execution role SAM generates (`<Id>Role`) when a function or state machine names no
 * `Role`: its trust policy, permissions boundary and everything it is granted.
 */
import type { TemplateContext } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import { normalizeStatements } from '../../model/iam.js';
import type { IamStatement, Role, SourceLocation } from '../../model/types.js';

export interface ImplicitRoleInput {
  ownerId: string;
  /** template path of the owner's Properties */
  propertiesPath: PathSegment[];
  properties: Record<string, unknown>;
  /** service principal allowed to assume the role */
  service: string;
  managedPolicyArns: string[];
  statements: IamStatement[];
  location: SourceLocation;
}

export function implicitRoleId(ownerId: string): string {
  return `${ownerId}Role`;
}

export function buildImplicitRole(template: TemplateContext, input: ImplicitRoleInput): Role {
  const { properties, propertiesPath } = input;
  const trustLocation = template.locate([...propertiesPath, 'AssumeRolePolicyDocument']);
  const trustPolicy = properties.AssumeRolePolicyDocument !== undefined
    ? normalizeStatements(properties.AssumeRolePolicyDocument, template, 'sam:AssumeRolePolicyDocument', trustLocation)
    : normalizeStatements(
      { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: [input.service] } }] },
      template, 'sam:generated-trust', input.location,
    );
  const role: Role = {
    id: implicitRoleId(input.ownerId),
    implicit: true,
    statements: input.statements,
    managedPolicyArns: [...new Set(input.managedPolicyArns)],
    trustPolicy,
    usedBy: [],
    location: input.location,
  };
  const boundary = template.render(properties.PermissionsBoundary);
  if (boundary !== undefined) role.permissionsBoundary = boundary;
  return role;
}

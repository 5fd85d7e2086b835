/**
 * The `Policies` property of a SAM function or state machine: managed policy names and ARNs,
 * inline policy documents and policy templates, turned into what the generated role is granted.
 */
import type { TemplateContext } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import { normalizeStatements } from '../../model/iam.js';
import type { IamStatement, LoadWarning } from '../../model/types.js';
import { isRecord } from '../../model/values.js';
import { managedPolicyArn } from './managed-policies.js';
import { expandPolicyTemplate, isPolicyTemplateName } from './policy-templates.js';

export interface RoleGrants {
  managedPolicyArns: string[];
  statements: IamStatement[];
}

function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** Reads `Policies`; `roleId` names the generated role, whose inline policies SAM calls `<roleId>Policy<N>`. */
export function readPolicies(
  template: TemplateContext,
  value: unknown,
  path: PathSegment[],
  roleId: string,
  warnings: LoadWarning[],
): RoleGrants {
  const grants: RoleGrants = { managedPolicyArns: [], statements: [] };
  if (value === undefined || value === null) return grants;
  const warn = (message: string, at: PathSegment[]): void => {
    warnings.push({ code: 'sam-invalid-policy', message, location: template.locate(at) });
  };
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    const at = Array.isArray(value) ? [...path, index] : path;
    readPolicyItem(template, item, at, `${roleId}Policy${index}`, grants, warn);
  });
  return grants;
}

function readPolicyItem(
  template: TemplateContext,
  item: unknown,
  at: PathSegment[],
  inlineName: string,
  grants: RoleGrants,
  warn: (message: string, at: PathSegment[]) => void,
): void {
  if (typeof item === 'string') {
    // Dynamic references ({{resolve:ssm:...}}) are resolved by CloudFormation, not named policies.
    grants.managedPolicyArns.push(item.startsWith('arn:') || item.startsWith('{{resolve:') ? item : managedPolicyArn(item));
    return;
  }
  if (!isRecord(item)) {
    warn(`a policy must be a managed policy name or ARN, a policy document or a policy template; got ${JSON.stringify(item)}`, at);
    return;
  }
  if ('Statement' in item) {
    const location = (index: number) => template.locate([...at, 'Statement', index]);
    grants.statements.push(...normalizeStatements(item, template, `inline:${inlineName}`, location, (m) => warn(m, at)));
    return;
  }
  if (isIntrinsic(item)) {
    const resolved = template.resolve(item);
    if (resolved === undefined) return;
    if (isRecord(resolved) && Array.isArray(resolved['Fn::If'])) {
      // An undecidable condition: either branch may be deployed, so both count. A branch that is
      // AWS::NoValue can come back as the resolver's internal marker (a symbol): it grants nothing.
      for (const branch of resolved['Fn::If'].slice(1)) {
        if (branch !== undefined && branch !== null && typeof branch !== 'symbol' && !(isRecord(branch) && branch.Ref === 'AWS::NoValue')) readPolicyItem(template, branch, at, inlineName, grants, warn);
      }
      return;
    }
    if (isRecord(resolved) && !isIntrinsic(resolved)) {
      // A decided condition chose a policy document or template.
      readPolicyItem(template, resolved, at, inlineName, grants, warn);
      return;
    }
    const arn = template.render(resolved);
    if (arn !== undefined) grants.managedPolicyArns.push(arn.startsWith('arn:') || arn.startsWith('${') ? arn : managedPolicyArn(arn));
    return;
  }
  const names = Object.keys(item);
  if (names.length !== 1 || !isPolicyTemplateName(names[0]!)) {
    warn(`unknown policy template ${names.map((n) => `'${n}'`).join(', ') || '{}'}; it is ignored`, at);
    return;
  }
  const name = names[0]!;
  const expansion = expandPolicyTemplate(name, item[name]);
  if (!expansion.ok) {
    warn(expansion.reason, [...at, name]);
    return;
  }
  const location = template.locate([...at, name]);
  grants.statements.push(...normalizeStatements(expansion.document, template, `sam:${name}`, location, (m) => warn(m, at)));
}

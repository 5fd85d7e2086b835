/**
 * Building blocks for the pasteable `fix` snippets rules carry. A SAM template and serverless.yml
 * write the same CloudFormation resource and the same IAM statement; only what surrounds them
 * differs (serverless.yml nests resources under `resources.Resources` and the shared role's
 * statements under `provider.iam.role.statements`). Rules write the shared lines once and wrap them.
 */
import type { RuleFix } from '../../findings/types.js';

export function indent(lines: readonly string[], spaces: number): string[] {
  const pad = ' '.repeat(spaces);
  return lines.map((line) => (line === '' ? line : `${pad}${line}`));
}

/** CloudFormation resources as serverless.yml declares them. */
function serverlessResources(resourceLines: readonly string[]): string[] {
  return ['resources:', '  Resources:', ...indent(resourceLines, 4)];
}

/** IAM statements of the provider-level role every function shares in serverless.yml. */
export function serverlessStatements(statementLines: readonly string[], roleLines: readonly string[] = []): string[] {
  return ['provider:', '  iam:', '    role:', ...indent(roleLines, 6), '      statements:', ...indent(statementLines, 8)];
}

/** A SAM function with the given properties (Policies, Role, ...). */
export function samFunction(name: string, propertyLines: readonly string[]): string[] {
  return [`${name}:`, '  Type: AWS::Serverless::Function', '  Properties:', ...indent(propertyLines, 4)];
}

/** Inline statements under a SAM function's Policies. */
export function samStatements(statementLines: readonly string[]): string[] {
  return ['Policies:', '  - Statement:', ...indent(statementLines, 6)];
}

/** The same resource for both formats: as written in a SAM template, and under serverless.yml's resources. */
export function resourceFix(resourceLines: readonly string[]): RuleFix {
  return { sam: resourceLines.join('\n'), serverless: serverlessResources(resourceLines).join('\n') };
}

/** A CloudFormation resource declaration. */
export function resource(id: string, type: string, propertyLines: readonly string[]): string[] {
  return [`${id}:`, `  Type: ${type}`, '  Properties:', ...indent(propertyLines, 4)];
}

/** The four S3 Block Public Access settings, all on. */
export const BLOCK_PUBLIC_ACCESS: readonly string[] = [
  'PublicAccessBlockConfiguration:',
  '  BlockPublicAcls: true',
  '  BlockPublicPolicy: true',
  '  IgnorePublicAcls: true',
  '  RestrictPublicBuckets: true',
];

/**
 * One IAM statement as a YAML list item: a single action inline (`Action: iam:PassRole`),
 * several as a list; `rest` (Condition...) follows Resource.
 */
export function statement(effect: 'Allow' | 'Deny', action: string | readonly string[], resourceValue: string, rest: readonly string[] = []): string[] {
  const actions = typeof action === 'string' ? [`  Action: ${action}`] : ['  Action:', ...action.map((name) => `    - ${name}`)];
  return [`- Effect: ${effect}`, ...actions, `  Resource: ${resourceValue}`, ...indent(rest, 2)];
}

import type { App, IamStatement } from '../model/types.js';
import type { ModelInput } from './model.js';

function statementLine(statement: IamStatement): string {
  const actions = statement.Action ?? statement.NotAction?.map((action) => `not ${action}`) ?? [];
  const resources = statement.Resource ?? statement.NotResource?.map((resource) => `not ${resource}`) ?? [];
  const condition = statement.Condition !== undefined ? ' (conditional)' : '';
  return `      ${statement.Effect} ${actions.join(', ')} on ${resources.join(', ') || '-'}${condition}  [${statement.origin}]`;
}

function appLines(app: App): string[] {
  const lines = [`${app.path} (${app.framework}, ${app.provider}): ${app.name}`];
  for (const fn of app.functions) {
    lines.push(`  function ${fn.id}${fn.name !== fn.id ? ` (${fn.name})` : ''} ${fn.runtime ?? ''}`.trimEnd());
    for (const trigger of fn.triggers) {
      const route = [trigger.method, trigger.path].filter((part) => part !== undefined).join(' ');
      lines.push(`    trigger ${trigger.kind} ${trigger.name}${route !== '' ? ` ${route}` : ''} auth=${trigger.auth.type}${trigger.public ? ' public' : ''}`);
    }
    if (fn.url !== undefined) lines.push(`    url auth=${fn.url.authType}`);
    if (fn.roleId !== undefined) lines.push(`    role ${fn.roleId}`);
    else if (fn.externalRoleArn !== undefined) lines.push(`    role ${fn.externalRoleArn} (external)`);
  }
  for (const role of app.roles) {
    lines.push(`  role ${role.id}${role.implicit ? ' (generated)' : ''} used by ${role.usedBy.join(', ') || 'nothing'}`);
    for (const statement of role.statements) lines.push(statementLine(statement));
    for (const arn of role.managedPolicyArns) lines.push(`      managed ${arn}`);
  }
  for (const api of app.apis) lines.push(`  api ${api.id} (${api.kind}${api.implicit ? ', implicit' : ''}) ${api.routes.length} routes`);
  if (app.resources.length > 0) lines.push(`  resources: ${app.resources.map((resource) => `${resource.id} (${resource.type})`).join(', ')}`);
  for (const warning of app.warnings) lines.push(`  warning ${warning.code}: ${warning.message}`);
  return lines;
}

export function renderModelText(input: ModelInput): string {
  const lines = input.apps.flatMap((app) => [...appLines(app), '']);
  for (const warning of input.warnings) lines.push(`warning ${warning.code}: ${warning.message}`);
  if (input.apps.length === 0) lines.push(`no serverless apps found in ${input.target}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

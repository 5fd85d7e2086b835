/**
 * Links AWS::Logs::LogGroup resources to the functions that write to them: Lambda writes to
 * `/aws/lambda/<function name>` unless LoggingConfig.LogGroup names another group.
 */
import type { ServerlessFunction } from '../../../model/types.js';
import { asNumber, referencedIds } from '../../../model/values.js';
import type { ExtractContext } from './context.js';

/** The names a function's default log group can be written as in a template. */
function defaultGroupNames(ctx: ExtractContext, fn: ServerlessFunction): string[] {
  return [`/aws/lambda/${fn.name}`, `/aws/lambda/\${${fn.id}}`, `/aws/lambda/${ctx.template.render({ Ref: fn.id }) ?? fn.id}`];
}

function matches(ctx: ExtractContext, fn: ServerlessFunction, groupId: string, groupName: string | undefined): boolean {
  const configured = fn.logGroup?.name;
  if (configured !== undefined) {
    // LoggingConfig.LogGroup may be the group's name or a reference to it.
    return configured === groupName || referencedIds(configured).includes(groupId);
  }
  return groupName !== undefined && defaultGroupNames(ctx, fn).includes(groupName);
}

export function linkLogGroups(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::Logs::LogGroup')) {
    const props = ctx.props(resource);
    const groupName = ctx.template.render(props.LogGroupName);
    for (const fn of ctx.app.functions) {
      if (fn.logGroup?.resourceId !== undefined || !matches(ctx, fn, resource.id, groupName)) continue;
      const logGroup = fn.logGroup ?? {};
      logGroup.resourceId = resource.id;
      if (groupName !== undefined && logGroup.name === undefined) logGroup.name = groupName;
      const retention = asNumber(props.RetentionInDays);
      if (retention !== undefined) logGroup.retentionInDays = retention;
      const kms = ctx.template.render(props.KmsKeyId);
      if (kms !== undefined) logGroup.kmsKeyId = kms;
      logGroup.location = resource.location;
      fn.logGroup = logGroup;
    }
  }
}

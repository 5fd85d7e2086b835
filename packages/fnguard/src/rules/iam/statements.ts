import type { IamCatalog } from '../../analyzers/iam/index.js';
import type { App, IamStatement, Role } from '../../model/types.js';
import { actionDisplayName, loadedCatalog } from './display.js';
import { shortList } from '../support/listing.js';

export interface RoleStatement {
  role: Role;
  statement: IamStatement;
}

/** Allow statements of every role in the app: Deny statements only ever narrow access. */
export function allowStatements(app: App): RoleStatement[] {
  return app.roles.flatMap((role) =>
    role.statements.filter((statement) => statement.Effect === 'Allow').map((statement) => ({ role, statement })),
  );
}

/** Compact one-line JSON of the statement, keys in IAM order, actions as AWS spells them, for finding evidence. */
export function statementEvidence(statement: IamStatement, catalog: IamCatalog | undefined = loadedCatalog()): string {
  const spell = (actions: readonly string[]) => actions.map((action) => actionDisplayName(action, catalog));
  const shown: Record<string, unknown> = {};
  if (statement.Sid !== undefined) shown.Sid = statement.Sid;
  shown.Effect = statement.Effect;
  if (statement.Action !== undefined) shown.Action = spell(statement.Action);
  if (statement.NotAction !== undefined) shown.NotAction = spell(statement.NotAction);
  if (statement.Resource !== undefined) shown.Resource = statement.Resource;
  if (statement.NotResource !== undefined) shown.NotResource = statement.NotResource;
  if (statement.Condition !== undefined) shown.Condition = statement.Condition;
  return `${JSON.stringify(shown)} (${statement.origin})`;
}

const LISTED_USERS = 5;

/** Function ids as written in the template (deployed names can be long and half-resolved); long lists are cut. */
export function roleLabel(role: Role): string {
  const users = role.usedBy.length === 0 ? 'used by no function in this app' : `used by ${shortList(role.usedBy, LISTED_USERS)}`;
  return `Role ${role.id} (${users})`;
}

/** A stable identity for a statement that survives reordering and line moves. */
export function statementKey(statement: IamStatement): string {
  const actions = [...(statement.Action ?? [])].sort().join(',');
  const resources = [...(statement.Resource ?? [])].sort().join(',');
  return `${statement.origin}|${statement.Sid ?? ''}|${actions}|${resources}`;
}

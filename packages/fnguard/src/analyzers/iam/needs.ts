/**
 * Which catalogue services an analysis of some statements will touch, so a caller can
 * `await loadIamCatalog(catalogServicesFor(statements))` once and then stay synchronous.
 */
import type { IamStatement, Role } from '../../model/types.js';
import { parseArn } from './arn.js';
import { classifyManagedPolicy } from './managed.js';
import { parseActionPattern } from './patterns.js';

/** Services for literal prefixes and ARNs; `undefined` (load everything) when a service part is a wildcard. */
export function catalogServicesFor(statements: Iterable<IamStatement>): string[] | undefined {
  const services = new Set<string>();
  for (const statement of statements) {
    for (const pattern of [...(statement.Action ?? []), ...(statement.NotAction ?? [])]) {
      const parsed = parseActionPattern(pattern);
      if (!parsed.ok || parsed.pattern.wildcard === 'admin') continue;
      if (parsed.pattern.serviceWildcard) return undefined;
      services.add(parsed.pattern.service);
    }
    for (const resource of [...(statement.Resource ?? []), ...(statement.NotResource ?? [])]) {
      const arn = parseArn(resource);
      if (arn && /^[a-z0-9-]+$/.test(arn.service)) services.add(arn.service);
    }
  }
  return [...services].sort();
}

/** As catalogServicesFor, including the services behind recognised AWS managed policies. */
export function catalogServicesForRoles(roles: Iterable<Role>): string[] | undefined {
  const list = [...roles];
  const statements = list.flatMap((role) => [
    ...role.statements,
    ...role.managedPolicyArns.flatMap((arn) => classifyManagedPolicy(arn)?.statements ?? []),
  ]);
  return catalogServicesFor(statements);
}

/**
 * The standard way to make a resource refuse plain HTTP: a resource policy statement that denies
 * the service's actions to everyone when `aws:SecureTransport` is false. Shared by the S3, SQS
 * and SNS rules, which differ only in which actions such a Deny must cover.
 */
import { asBoolean, asStringList, isEveryonePrincipal, isRecord } from '../../model/values.js';
import { rawStatements } from './policy-document.js';

/** The statement's `Bool` condition on `aws:SecureTransport` (condition keys are case-insensitive). */
function secureTransportValues(condition: unknown): string[] {
  const bool = isRecord(condition) ? condition.Bool : undefined;
  if (!isRecord(bool)) return [];
  return Object.entries(bool).flatMap(([key, value]) => (key.toLowerCase() === 'aws:securetransport' ? asStringList(value) : []));
}

/**
 * Does `document` deny to everyone, over plain HTTP, an action in `covering` (lower-case, e.g.
 * `['s3:*', '*']`)? `false`, `'false'` and lists holding either count: YAML gives booleans, JSON
 * templates often strings. A Deny for one principal or one narrower action leaves the rest open.
 */
export function deniesInsecureTransport(document: unknown, covering: readonly string[]): boolean {
  return rawStatements(document).some((statement) =>
    statement.effect === 'Deny'
    && isEveryonePrincipal(statement.principal)
    && statement.actions.some((action) => covering.includes(action))
    && secureTransportValues(statement.condition).some((value) => asBoolean(value) === false));
}

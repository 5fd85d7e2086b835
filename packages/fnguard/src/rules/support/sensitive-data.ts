/**
 * Whether a data store (bucket, table) is likely to hold sensitive data, from what a template
 * says about it: a data-classification tag, or words in its logical id, name and key attributes.
 * Rules that only matter for sensitive data (customer-managed keys) ask this instead of guessing
 * on their own, and quote the reason in their message so the reader can judge it.
 */
import type { Resource } from '../../model/types.js';
import { asString, isRecord } from '../../model/values.js';
import { property } from './model-queries.js';
import { identifierWords } from './words.js';

/** Tag keys that carry a data classification, compared without case, dashes or underscores. */
const CLASSIFICATION_KEYS: ReadonlySet<string> = new Set([
  'classification', 'dataclassification', 'dataclass', 'sensitivity', 'datasensitivity', 'confidentiality', 'compliance',
]);

/** Classification values that mean "handle with care". `public` and `internal` do not. */
const SENSITIVE_CLASSES = /\b(confidential|restricted|sensitive|secret|pii|phi|pci|personal|hipaa|gdpr|regulated)\b/i;

/**
 * Words that, in a logical id, a bucket or table name or a key attribute, say what the data is
 * about. Compared to the words of the name (camelCase, snake_case and kebab-case split, plural `s` removed).
 */
const SENSITIVE_WORDS: ReadonlySet<string> = new Set([
  'user', 'customer', 'account', 'profile', 'person', 'people', 'member', 'patient', 'health', 'medical',
  'payment', 'card', 'billing', 'invoice', 'transaction', 'bank', 'salary', 'payroll', 'tax', 'kyc',
  'credential', 'password', 'token', 'secret', 'session', 'ssn', 'passport', 'identity', 'pii', 'phi', 'pci',
  'email', 'phone', 'address', 'birthdate', 'dob',
]);

export function words(name: string): string[] {
  return identifierWords(name).map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

function sensitiveWord(name: string): string | undefined {
  return words(name).find((word) => SENSITIVE_WORDS.has(word));
}

function tags(resource: Resource): Array<{ key: string; value: string }> {
  const raw = property(resource.properties, 'Tags');
  if (Array.isArray(raw)) {
    return raw.flatMap((tag) => {
      const key = asString(property(tag, 'Key'));
      const value = asString(property(tag, 'Value'));
      return key !== undefined && value !== undefined ? [{ key, value }] : [];
    });
  }
  // SAM SimpleTable and serverless-style maps: { Key: Value }
  if (isRecord(raw)) return Object.entries(raw).flatMap(([key, value]) => (typeof value === 'string' ? [{ key, value }] : []));
  return [];
}

/** Key attributes of a table: what its items are indexed by says what they are. */
function keyAttributes(resource: Resource): string[] {
  const schema = property(resource.properties, 'KeySchema');
  const primary = property(resource.properties, 'PrimaryKey');
  return [
    ...(Array.isArray(schema) ? schema.map((entry) => asString(property(entry, 'AttributeName'))) : []),
    asString(property(primary, 'Name')),
  ].filter((name): name is string => name !== undefined);
}

/**
 * Why the resource looks like it holds sensitive data (for the message), or undefined.
 * A classification tag decides either way: `Classification: public` is taken at its word.
 */
export function sensitivityReason(resource: Resource, nameProperties: readonly string[]): string | undefined {
  for (const { key, value } of tags(resource)) {
    if (!CLASSIFICATION_KEYS.has(key.toLowerCase().replace(/[-_ ]/g, ''))) continue;
    return SENSITIVE_CLASSES.test(value) ? `it is tagged ${key}: ${value}` : undefined;
  }
  const idWord = sensitiveWord(resource.id);
  if (idWord) return `its name ${resource.id} suggests ${idWord} data`;
  for (const name of nameProperties) {
    const value = asString(property(resource.properties, name));
    const word = value === undefined ? undefined : sensitiveWord(value);
    if (word) return `its ${name} ${value} suggests ${word} data`;
  }
  for (const attribute of keyAttributes(resource)) {
    const word = sensitiveWord(attribute);
    if (word) return `its items are keyed by ${attribute}`;
  }
  return undefined;
}

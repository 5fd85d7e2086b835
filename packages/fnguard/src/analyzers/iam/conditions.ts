/**
 * Judges whether a statement's Condition block narrows what the statement grants. Clauses are
 * ANDed by IAM, so one genuinely narrowing clause is enough; every clause gets a sentence saying
 * why it does or does not count.
 */
import type { IamStatement } from '../../model/types.js';
import { narrowingKey } from './condition-keys.js';

export interface ConditionClause {
  operator: string;
  key: string;
  values: string[];
  narrows: boolean;
  reason: string;
}

export interface ConditionAssessment {
  /** the statement has a Condition block at all */
  conditional: boolean;
  /** at least one clause restricts the grant */
  narrowed: boolean;
  clauses: ConditionClause[];
  /** sentences for the narrowing clauses, e.g. `narrowed by aws:SourceArn (ArnLike ${Bucket.Arn})` */
  reasons: string[];
}

const KNOWN_OPERATORS = new Set([
  'stringequals', 'stringnotequals', 'stringequalsignorecase', 'stringnotequalsignorecase', 'stringlike', 'stringnotlike',
  'numericequals', 'numericnotequals', 'numericlessthan', 'numericlessthanequals', 'numericgreaterthan', 'numericgreaterthanequals',
  'dateequals', 'datenotequals', 'datelessthan', 'datelessthanequals', 'dategreaterthan', 'dategreaterthanequals',
  'bool', 'binaryequals', 'ipaddress', 'notipaddress', 'arnequals', 'arnlike', 'arnnotequals', 'arnnotlike', 'null',
]);

/** Operators where `*` and `?` are wildcards rather than literal characters. */
const GLOB_OPERATORS = new Set(['stringlike', 'arnequals', 'arnlike']);

interface ParsedOperator {
  base: string;
  set?: 'any' | 'all';
  ifExists: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  let rest = operator.trim().toLowerCase();
  let set: ParsedOperator['set'];
  if (rest.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('foranyvalue:'.length);
  } else if (rest.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('forallvalues:'.length);
  }
  const ifExists = rest.endsWith('ifexists');
  if (ifExists) rest = rest.slice(0, -'ifexists'.length);
  const parsed: ParsedOperator = { base: rest, ifExists };
  if (set) parsed.set = set;
  return parsed;
}

/** Every negated IAM operator spells "not" (StringNotLike, ArnNotEquals, NotIpAddress...). */
function isNegated(base: string): boolean {
  return base.includes('not');
}

/** A value that matches every request: `*`, an ARN made only of wildcards, or an all-addresses CIDR. */
function matchesEverything(value: string, base: string): boolean {
  const trimmed = value.trim();
  if (base === 'ipaddress') return trimmed === '0.0.0.0/0' || trimmed === '::/0';
  if (!GLOB_OPERATORS.has(base)) return false;
  if (/^[*?]*\*[*?]*$/.test(trimmed)) return true;
  const [prefix, partition = '', ...rest] = trimmed.split(':');
  // The partition is ignored (`arn:aws:*:*:*:*` matches everything in it) unless it is all there is (`arn:*`).
  const significant = rest.length > 0 ? rest : [partition];
  return prefix?.toLowerCase() === 'arn' && significant.every((part) => /^[*?/]*$/.test(part)) && trimmed.includes('*');
}

function quote(values: string[]): string {
  return values.length === 1 ? (values[0] ?? '') : `[${values.join(', ')}]`;
}

function judgeClause(operator: string, key: string, values: string[]): ConditionClause {
  const clause = (narrows: boolean, reason: string): ConditionClause => ({ operator, key, values, narrows, reason });
  const parsed = parseOperator(operator);
  if (!KNOWN_OPERATORS.has(parsed.base)) return clause(false, `${operator} is not an IAM condition operator, so it cannot be relied on`);
  if (values.length === 0) return clause(false, `${key} has no values to compare against`);
  if (parsed.base === 'null') return clause(false, `Null on ${key} only checks whether the key is present`);
  const known = narrowingKey(key);
  if (!known) return clause(false, `${key} constrains how the request is made, not what it can reach`);
  if (isNegated(parsed.base)) return clause(false, `${operator} on ${key} only excludes the listed values`);
  if (parsed.ifExists) return clause(false, `${operator} on ${key} passes whenever the request lacks the key`);
  if (parsed.set === 'all') return clause(false, `${operator} on ${key} passes when the request carries no values for the key`);
  if (values.every((value) => matchesEverything(value, parsed.base))) {
    return clause(false, `${key} is compared with ${quote(values)}, which matches everything`);
  }
  if (parsed.base === 'bool' && !values.some((value) => value.trim().toLowerCase() === 'true')) {
    return clause(false, `${key} is only required to be false`);
  }
  return clause(true, `narrowed by ${key} (${operator} ${quote(values)}): limited to ${known.scope}`);
}

type Condition = NonNullable<IamStatement['Condition']>;

/** The statement analysis and several rules ask about the same Condition block. */
const assessed = new WeakMap<Condition, ConditionAssessment>();

/** How a Condition block narrows its statement; the result is shared between callers and must not be modified. */
export function assessConditions(condition: IamStatement['Condition']): ConditionAssessment {
  // Most statements have no Condition, and rules ask about every statement.
  if (condition === undefined) return { conditional: false, narrowed: false, clauses: [], reasons: [] };
  let assessment = assessed.get(condition);
  if (!assessment) {
    assessment = assess(condition);
    assessed.set(condition, assessment);
  }
  return assessment;
}

function assess(condition: Condition): ConditionAssessment {
  const clauses: ConditionClause[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(keys ?? {})) {
      clauses.push(judgeClause(operator, key, Array.isArray(values) ? values.map(String) : [String(values)]));
    }
  }
  const narrowing = clauses.filter((clause) => clause.narrows);
  return {
    conditional: clauses.length > 0,
    narrowed: narrowing.length > 0,
    clauses,
    reasons: narrowing.map((clause) => clause.reason),
  };
}

/**
 * IAM action patterns (`s3:Get*`, `*`, `iam:?ass*`): parsing and glob matching.
 * IAM treats `*` as "any run of characters" and `?` as "one character" over the whole
 * `service:action` string, case-insensitively.
 */
import { remember } from './value-cache.js';

export type WildcardKind = 'admin' | 'service' | 'partial';

export interface ParsedActionPattern {
  /** lower-cased `service:action`, or `*` */
  normalized: string;
  service: string;
  action: string;
  /** undefined when the pattern has no wildcard */
  wildcard?: WildcardKind;
  /** the service part itself holds a wildcard (`s3*:Get*`, `*:Get*`), so it can span services */
  serviceWildcard: boolean;
}

export type PatternProblem = 'empty' | 'no-service' | 'too-many-colons' | 'bad-characters' | 'unresolved';

export type ParseResult = { ok: true; pattern: ParsedActionPattern } | { ok: false; problem: PatternProblem };

const SERVICE_CHARS = /^[a-z0-9*?-]+$/;
const ACTION_CHARS = /^[a-z0-9*?_-]+$/;

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

function onlyWildcards(text: string): boolean {
  return text.length > 0 && /^[*]+$/.test(text);
}

const parsedPatterns = new Map<string, ParseResult>();

/** Parses an action pattern; the result is shared between callers (by value) and must not be modified. */
export function parseActionPattern(raw: string): ParseResult {
  return parsedPatterns.get(raw) ?? remember(parsedPatterns, raw, computeParse(raw));
}

function computeParse(raw: string): ParseResult {
  const text = raw.trim().toLowerCase();
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.includes('${')) return { ok: false, problem: 'unresolved' };
  if (onlyWildcards(text)) {
    return { ok: true, pattern: { normalized: '*', service: '*', action: '*', wildcard: 'admin', serviceWildcard: true } };
  }
  const parts = text.split(':');
  if (parts.length < 2) return { ok: false, problem: 'no-service' };
  if (parts.length > 2) return { ok: false, problem: 'too-many-colons' };
  const [service = '', action = ''] = parts;
  if (!SERVICE_CHARS.test(service) || !ACTION_CHARS.test(action)) return { ok: false, problem: 'bad-characters' };
  if (onlyWildcards(service) && onlyWildcards(action)) {
    return { ok: true, pattern: { normalized: '*', service: '*', action: '*', wildcard: 'admin', serviceWildcard: true } };
  }
  const serviceWildcard = hasWildcard(service);
  let wildcard: WildcardKind | undefined;
  if (!serviceWildcard && onlyWildcards(action)) wildcard = 'service';
  else if (serviceWildcard || hasWildcard(action)) wildcard = 'partial';
  const pattern: ParsedActionPattern = { normalized: `${service}:${action}`, service, action, serviceWildcard };
  if (wildcard) pattern.wildcard = wildcard;
  return { ok: true, pattern };
}

const globCache = new Map<string, RegExp>();

/** Compiles an IAM glob; `*` and `?` are the only metacharacters, everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const key = glob.toLowerCase();
  const cached = globCache.get(key);
  if (cached) return cached;
  let source = '';
  for (const char of key) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&');
  }
  const compiled = new RegExp(`^${source}$`, 's');
  globCache.set(key, compiled);
  return compiled;
}

export function globMatches(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value.toLowerCase());
}

/** Whether an action pattern from a policy covers a concrete `service:action`. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  const parsed = parseActionPattern(pattern);
  if (!parsed.ok) return false;
  if (parsed.pattern.wildcard === 'admin') return true;
  return globMatches(parsed.pattern.normalized, action);
}

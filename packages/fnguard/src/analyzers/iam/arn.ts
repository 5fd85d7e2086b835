/**
 * ARN parsing and matching against the catalogue's ARN templates. Values may hold unresolved
 * Fn::Sub references (`arn:${AWS::Partition}:s3:::${Bucket}/*`); those are masked before
 * splitting because `${AWS::Partition}` contains colons.
 */
import type { IamCatalog, ResourceTypeFormat } from './catalog.js';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** everything after the account field, e.g. `table/${OrdersTable}` */
  resource: string;
}

const REFERENCE = /\$\{[^}]*\}/g;
const MASK = (index: number): string => `\u0000${index}\u0000`;
const MASKED = /\u0000(\d+)\u0000/g;

interface Masked {
  text: string;
  restore(value: string): string;
}

function mask(value: string): Masked {
  const references: string[] = [];
  const text = value.replace(REFERENCE, (reference) => {
    references.push(reference);
    return MASK(references.length - 1);
  });
  return { text, restore: (masked) => masked.replace(MASKED, (_, index: string) => references[Number(index)] ?? '') };
}

export function parseArn(value: string): ParsedArn | undefined {
  const masked = mask(value.trim());
  const parts = masked.text.split(':');
  if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return {
    partition: masked.restore(partition),
    service: masked.restore(service).toLowerCase(),
    region: masked.restore(region),
    account: masked.restore(account),
    resource: masked.restore(parts.slice(5).join(':')),
  };
}

/** `*`, `**`, `*?`...: matches anything, names nothing. */
export function isWildcardOnly(value: string): boolean {
  return value.length > 0 && /^[*?]*\*[*?]*$/.test(value);
}

export function hasWildcardChar(value: string): boolean {
  return value.replace(REFERENCE, '').search(/[*?]/) >= 0;
}

/** Placeholders that locate a resource rather than name it. */
const LOCATION_PLACEHOLDERS = new Set(['Partition', 'Region', 'Account']);

export interface ArnTemplateMatch {
  format: ResourceTypeFormat;
  /** identifying placeholders in template order, with the values the resource binds them to */
  bindings: { placeholder: string; value: string }[];
}

interface CompiledTemplate {
  regex: RegExp;
  placeholders: string[];
  literalLength: number;
}

const templateCache = new Map<string, CompiledTemplate>();

function compileTemplate(template: string): CompiledTemplate {
  const cached = templateCache.get(template);
  if (cached) return cached;
  const placeholders: string[] = [];
  let source = '';
  let literalLength = 0;
  let last = 0;
  const matches = [...template.matchAll(/\$\{([^}]+)\}/g)];
  matches.forEach((match, index) => {
    const literal = template.slice(last, match.index);
    source += escapeRegExp(literal);
    literalLength += literal.length;
    const name = match[1] ?? '';
    placeholders.push(name);
    const isLast = index === matches.length - 1 && match.index + match[0].length === template.length;
    source += LOCATION_PLACEHOLDERS.has(name) ? '([^:]*)' : isLast ? '(.+)' : '(.+?)';
    last = match.index + match[0].length;
  });
  const tail = template.slice(last);
  source += escapeRegExp(tail);
  literalLength += tail.length;
  const compiled = { regex: new RegExp(`^${source}$`, 'is'), placeholders, literalLength };
  templateCache.set(template, compiled);
  return compiled;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * The most specific catalogue template the ARN fits (most literal characters in common), or
 * undefined when the ARN's service is not loaded or no template fits.
 */
export function matchArnTemplate(value: string, catalog: IamCatalog): ArnTemplateMatch | undefined {
  const arn = parseArn(value);
  if (!arn) return undefined;
  const masked = mask(value.trim());
  let best: { match: ArnTemplateMatch; score: number } | undefined;
  for (const format of catalog.resourceFormats(arn.service)) {
    const compiled = compileTemplate(format.arn);
    const found = compiled.regex.exec(masked.text);
    if (!found) continue;
    const bindings = compiled.placeholders
      .map((placeholder, index) => ({ placeholder, value: masked.restore(found[index + 1] ?? '') }))
      .filter((binding) => !LOCATION_PLACEHOLDERS.has(binding.placeholder));
    if (best && best.score >= compiled.literalLength) continue;
    best = { match: { format, bindings }, score: compiled.literalLength };
  }
  return best?.match;
}

export type ResourceBreadth = 'all' | 'all-of-type' | 'specific';

/**
 * How much a Resource entry covers. `all-of-type` means every resource of some type (every
 * bucket, every table in the account...): for least privilege that is as broad as `*`.
 */
export function resourceBreadth(value: string, catalog: IamCatalog): ResourceBreadth {
  const trimmed = value.trim();
  if (isWildcardOnly(trimmed)) return 'all';
  const arn = parseArn(trimmed);
  if (!arn) {
    // `arn:*` and friends: an ARN prefix followed only by wildcards.
    return /^arn:[*:]*$/i.test(trimmed) && trimmed.includes('*') ? 'all' : 'specific';
  }
  if (isWildcardOnly(arn.service) || arn.service === '') {
    return arn.resource.split(/[:/]/).every(isWildcardOnly) ? 'all' : 'specific';
  }
  const match = matchArnTemplate(trimmed, catalog);
  if (match) {
    return match.bindings.length > 0 && match.bindings.every((binding) => isWildcardOnly(binding.value))
      ? 'all-of-type'
      : 'specific';
  }
  // No template (service not loaded or unknown): only a wildcard-only resource part is broad.
  return arn.resource.split(/[:/]/).every(isWildcardOnly) ? 'all-of-type' : 'specific';
}

export function isBroadResource(value: string, catalog: IamCatalog): boolean {
  return resourceBreadth(value, catalog) !== 'specific';
}

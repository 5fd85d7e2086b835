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
/**
 * U+0001 rather than U+0000: V8's case-insensitive regexes run two to three orders of magnitude
 * slower on subjects holding NUL characters (measured: ~240 us instead of ~0.4 us per exec).
 */
const MASK_CHAR = '\u0001';
const MASK = (index: number): string => `${MASK_CHAR}${index}${MASK_CHAR}`;
const MASKED = /\u0001(\d+)\u0001/g;

interface Masked {
  text: string;
  restore(value: string): string;
}

const unchanged = (masked: string): string => masked;

function mask(value: string): Masked {
  // Most values hold no reference: no closure, no regex replace.
  if (!value.includes('${')) return { text: value, restore: unchanged };
  const references: string[] = [];
  const text = value.replace(REFERENCE, (reference) => {
    references.push(reference);
    return MASK(references.length - 1);
  });
  return { text, restore: (masked) => (masked.includes(MASK_CHAR) ? masked.replace(MASKED, (_, index: string) => references[Number(index)] ?? '') : masked) };
}

/** Parsed ARNs by value: the same resource strings recur in every role of every template. */
const parsedArns = new Map<string, ParsedArn | null>();
const MAX_CACHED = 50_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
  return value;
}

/** Parses an ARN; the result is shared between callers and must not be modified. */
export function parseArn(value: string): ParsedArn | undefined {
  const cached = parsedArns.get(value);
  if (cached !== undefined) return cached ?? undefined;
  return remember(parsedArns, value, computeParseArn(value)) ?? undefined;
}

function computeParseArn(value: string): ParsedArn | null {
  const trimmed = value.trim();
  if (!/^arn:/i.test(trimmed)) return null;
  const masked = mask(trimmed);
  const parts = masked.text.split(':');
  if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return null;
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
  placeholders: string[];
  literalLength: number;
  /** literal text between placeholders, as written (lit0, lit1, ... litN) */
  literals: string[];
  /** the non-empty literals lower-cased: each must occur in a value the template matches */
  required: string[];
  /** regex source over lower-cased literals, for lower-cased ASCII values (no `i` flag) */
  lowerSource: string;
  lower?: RegExp;
  /** the same with the `i` flag, for values or templates that are not ASCII */
  insensitiveSource: string;
  insensitive?: RegExp;
  ascii: boolean;
}

const templateCache = new Map<string, CompiledTemplate>();
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Templates are matched without the `i` flag whenever value and template are ASCII (lower-casing
 * both instead): V8 compiles a case-insensitive `[^:]` by closing the whole class under case
 * folding, which cost ~1-4 ms per template on first use, more than all the matching itself.
 */
function compileTemplate(template: string): CompiledTemplate {
  const cached = templateCache.get(template);
  if (cached) return cached;
  const placeholders: string[] = [];
  const literals: string[] = [];
  let lowerSource = '';
  let insensitiveSource = '';
  let last = 0;
  const matches = [...template.matchAll(/\$\{([^}]+)\}/g)];
  const addLiteral = (literal: string) => {
    literals.push(literal);
    lowerSource += escapeRegExp(literal.toLowerCase());
    insensitiveSource += escapeRegExp(literal);
  };
  matches.forEach((match, index) => {
    addLiteral(template.slice(last, match.index));
    const name = match[1] ?? '';
    placeholders.push(name);
    const isLast = index === matches.length - 1 && match.index + match[0].length === template.length;
    // `[^]` is `.` under the `s` flag.
    const group = LOCATION_PLACEHOLDERS.has(name) ? '([^:]*)' : isLast ? '([^]+)' : '([^]+?)';
    lowerSource += group;
    insensitiveSource += group;
    last = match.index + match[0].length;
  });
  addLiteral(template.slice(last));
  const compiled: CompiledTemplate = {
    placeholders,
    literalLength: literals.reduce((sum, literal) => sum + literal.length, 0),
    literals,
    required: literals.filter((literal) => literal !== '').map((literal) => literal.toLowerCase()),
    lowerSource: `^${lowerSource}$`,
    insensitiveSource: `^${insensitiveSource}$`,
    ascii: ASCII.test(template),
  };
  templateCache.set(template, compiled);
  return compiled;
}

/** The masked text of each placeholder when `text` fits the template, else null. */
function execTemplate(compiled: CompiledTemplate, text: string, lowerText: string, asciiText: boolean): string[] | null {
  if (compiled.ascii) {
    for (const literal of compiled.required) if (!lowerText.includes(literal)) return null;
  }
  if (!(asciiText && compiled.ascii)) {
    compiled.insensitive ??= new RegExp(compiled.insensitiveSource, 'i');
    const found = compiled.insensitive.exec(text);
    return found ? compiled.placeholders.map((_, index) => found[index + 1] ?? '') : null;
  }
  compiled.lower ??= new RegExp(compiled.lowerSource);
  const found = compiled.lower.exec(lowerText);
  if (!found) return null;
  // Lower-casing ASCII keeps every position: cut the groups out of the original text.
  const values: string[] = [];
  let position = 0;
  for (let index = 0; index < compiled.placeholders.length; index++) {
    position += compiled.literals[index]!.length;
    const length = found[index + 1]!.length;
    values.push(text.slice(position, position + length));
    position += length;
  }
  return values;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Which template a masked ARN fits, with the masked text of each identifying placeholder. */
interface MaskedMatch {
  format: ResourceTypeFormat;
  placeholders: string[];
  values: string[];
}

/**
 * Template matches by masked ARN text, per list of formats (a list grows when a service loads,
 * so the length it had is part of the entry). Masking makes `arn:${AWS::Partition}:s3:::${Bucket}/*`
 * the same text whatever the names, so one regex pass serves every template that writes it so.
 */
const matchCache = new WeakMap<readonly ResourceTypeFormat[], Map<string, { length: number; match: MaskedMatch | null }>>();

function matchMasked(text: string, formats: readonly ResourceTypeFormat[]): MaskedMatch | null {
  let perList = matchCache.get(formats);
  if (!perList) {
    perList = new Map();
    matchCache.set(formats, perList);
  }
  const cached = perList.get(text);
  if (cached && cached.length === formats.length) return cached.match;
  let best: MaskedMatch | null = null;
  let bestScore = -1;
  const lowerText = text.toLowerCase();
  const asciiText = ASCII.test(text);
  for (const format of formats) {
    const compiled = compileTemplate(format.arn);
    // Only a strictly more specific template can replace the best one found so far.
    if (best && bestScore >= compiled.literalLength) continue;
    const found = execTemplate(compiled, text, lowerText, asciiText);
    if (!found) continue;
    const placeholders: string[] = [];
    const values: string[] = [];
    compiled.placeholders.forEach((placeholder, index) => {
      if (LOCATION_PLACEHOLDERS.has(placeholder)) return;
      placeholders.push(placeholder);
      values.push(found[index]!);
    });
    best = { format, placeholders, values };
    bestScore = compiled.literalLength;
  }
  remember(perList, text, { length: formats.length, match: best });
  return best;
}

/**
 * The most specific catalogue template the ARN fits (most literal characters in common), or
 * undefined when the ARN's service is not loaded or no template fits.
 */
export function matchArnTemplate(value: string, catalog: IamCatalog): ArnTemplateMatch | undefined {
  const arn = parseArn(value);
  if (!arn) return undefined;
  const formats = catalog.resourceFormats(arn.service);
  if (formats.length === 0) return undefined;
  const masked = mask(value.trim());
  const match = matchMasked(masked.text, formats);
  if (!match) return undefined;
  return { format: match.format, bindings: match.placeholders.map((placeholder, index) => ({ placeholder, value: masked.restore(match.values[index]!) })) };
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
  // Wildcards are all that matters here, and references never hold any: the masked text
  // (`${Bucket}` and `${Other}` alike) decides, without restoring the bound values.
  const formats = catalog.resourceFormats(arn.service);
  const match = formats.length > 0 ? matchMasked(mask(trimmed).text, formats) : null;
  if (match) {
    return match.values.length > 0 && match.values.every((bound) => !bound.includes(MASK_CHAR) && isWildcardOnly(bound))
      ? 'all-of-type'
      : 'specific';
  }
  // No template (service not loaded or unknown): only a wildcard-only resource part is broad.
  return arn.resource.split(/[:/]/).every(isWildcardOnly) ? 'all-of-type' : 'specific';
}

export function isBroadResource(value: string, catalog: IamCatalog): boolean {
  return resourceBreadth(value, catalog) !== 'specific';
}

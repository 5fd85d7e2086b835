/**
 * ARN parsing and matching against the catalogue's ARN templates. Values may hold unresolved
 * Fn::Sub references (`arn:${AWS::Partition}:s3:::${Bucket}/*`); those are masked before
 * splitting because `${AWS::Partition}` contains colons.
 */
import type { IamCatalog, ResourceTypeFormat } from './catalog.js';
import { remember } from './value-cache.js';

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

/**
 * A template split at its placeholders. The regexes are built on first use: most templates of a
 * service never get past the literal pre-check, and escaping and compiling them all cost more
 * than the matching.
 */
interface CompiledTemplate {
  placeholders: string[];
  literalLength: number;
  /** literal text between placeholders, as written (lit0, lit1, ... litN) */
  literals: string[];
  /**
   * The non-empty literals lower-cased, longest first: each must occur in a value the template
   * matches, and the long ones (`:table/`, `/index/`) tell templates apart where `arn:` cannot.
   */
  required: string[];
  /** over lower-cased literals, for lower-cased ASCII values (no `i` flag) */
  lower?: RegExp;
  /** the same with the `i` flag, for values or templates that are not ASCII */
  insensitive?: RegExp;
  ascii: boolean;
}

const templateCache = new Map<string, CompiledTemplate>();
const ASCII = /^[\x00-\x7f]*$/;

function compileTemplate(template: string): CompiledTemplate {
  const cached = templateCache.get(template);
  if (cached) return cached;
  const placeholders: string[] = [];
  const literals: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/\$\{([^}]+)\}/g)) {
    literals.push(template.slice(last, match.index));
    placeholders.push(match[1] ?? '');
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  const compiled: CompiledTemplate = {
    placeholders,
    literalLength: literals.reduce((sum, literal) => sum + literal.length, 0),
    literals,
    required: literals.filter((literal) => literal !== '').map((literal) => literal.toLowerCase()).sort((a, b) => b.length - a.length),
    ascii: ASCII.test(template),
  };
  templateCache.set(template, compiled);
  return compiled;
}

/**
 * The template as an anchored regex with one group per placeholder. Templates are matched
 * without the `i` flag whenever value and template are ASCII (lower-casing both instead): V8
 * compiles a case-insensitive `[^:]` by closing the whole class under case folding, which cost
 * ~1-4 ms per template on first use, more than all the matching itself.
 */
function templateRegExp(compiled: CompiledTemplate, lowerCase: boolean): RegExp {
  const { literals, placeholders } = compiled;
  let source = '^';
  literals.forEach((literal, index) => {
    source += escapeRegExp(lowerCase ? literal.toLowerCase() : literal);
    const placeholder = placeholders[index];
    if (placeholder === undefined) return;
    const endsTemplate = index === placeholders.length - 1 && literals[index + 1] === '';
    // `[^]` is `.` under the `s` flag.
    source += LOCATION_PLACEHOLDERS.has(placeholder) ? '([^:]*)' : endsTemplate ? '([^]+)' : '([^]+?)';
  });
  return new RegExp(`${source}$`, lowerCase ? '' : 'i');
}

/** The masked text of each placeholder when `text` fits the template, else null. */
function execTemplate(compiled: CompiledTemplate, text: string, lowerText: string, asciiText: boolean): string[] | null {
  if (compiled.ascii) {
    for (const literal of compiled.required) if (!lowerText.includes(literal)) return null;
  }
  if (!(asciiText && compiled.ascii)) {
    compiled.insensitive ??= templateRegExp(compiled, false);
    const found = compiled.insensitive.exec(text);
    return found ? compiled.placeholders.map((_, index) => found[index + 1] ?? '') : null;
  }
  compiled.lower ??= templateRegExp(compiled, true);
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
  const lowerText = text.toLowerCase();
  const asciiText = ASCII.test(text);
  let best: MaskedMatch | null = null;
  for (const { format, compiled } of mostSpecificFirst(formats)) {
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
    break;
  }
  remember(perList, text, { length: formats.length, match: best });
  return best;
}

interface CompiledFormat {
  format: ResourceTypeFormat;
  compiled: CompiledTemplate;
}

const specificityOrder = new WeakMap<readonly ResourceTypeFormat[], { length: number; ordered: CompiledFormat[] }>();

/**
 * The formats by literal length, longest first, ties in list order (a stable sort): the first
 * template that fits is then the most specific one, the one listed first among equals.
 */
function mostSpecificFirst(formats: readonly ResourceTypeFormat[]): readonly CompiledFormat[] {
  const known = specificityOrder.get(formats);
  if (known && known.length === formats.length) return known.ordered;
  const ordered = formats
    .map((format) => ({ format, compiled: compileTemplate(format.arn) }))
    .sort((a, b) => b.compiled.literalLength - a.compiled.literalLength);
  specificityOrder.set(formats, { length: formats.length, ordered });
  return ordered;
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

/**
 * Runs the detectors over the readings of one string that a back end might end up with:
 * as received, fully percent-decoded, Unicode-folded, `+` read as a space, and (for the
 * families that care) HTML-entity and JavaScript-escape decoded. One detection per family.
 */
import { decodeHtmlEntities, decodeJsEscapes, foldUnicode, hasEscapeStart, hasPercentEscape, hasReferenceStart, percentDecodeDeep } from './decode.js';
import { C_AMP, C_BSL, C_NONASCII, C_NUL, C_PCT, C_PLUS, C_SPACE, charMask } from './chars.js';
import { detectLfi, mayContainPathAttack } from './path.js';
import { detectNosqli, detectNosqlKey, mayContainNosqli } from './nosql.js';
import { detectProto, detectProtoKey, mayContainProto } from './proto.js';
import { detectCmdi, mayContainCmdi } from './shell.js';
import { detectSqli, detectSqliGated, mayContainSql } from './sql.js';
import { detectSsrf, mayContainSsrf } from './ssrf.js';
import { ALL_FAMILIES, type Detection, type Finding, type InspectionFamily, type InspectionLocation, type ValueOptions } from './types.js';
import { detectXss, mayContainXss } from './xss.js';

export const DEFAULT_MAX_VALUE_LENGTH = 8192;
const SQLI_ONLY: readonly InspectionFamily[] = ['sqli'];
const EVIDENCE_LENGTH = 64;

/** A short excerpt with control characters made visible, so a log line stays one line. */
export function evidenceOf(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > EVIDENCE_LENGTH ? `${clean.slice(0, EVIDENCE_LENGTH)}…` : clean;
}

type Detector = (text: string, urlPath: boolean, mask: number) => Finding | undefined;

const URL_PATH = { urlPath: true };
const NOT_URL_PATH = { urlPath: false };

/**
 * Each family's detector (`mask` is the reading's `charMask`) and whether it also reads the
 * markup readings. Each has a cheap necessary condition, `gate` below, tried first.
 */
const DETECTORS: Record<InspectionFamily, { run: Detector; markup: boolean }> = {
  // with gating on, `gate` has already run `mayContainSql`
  sqli: { run: (t) => (gating ? detectSqliGated(t) : detectSqli(t)), markup: false },
  nosqli: { run: (t, _u, m) => detectNosqli(t, m), markup: false },
  cmdi: { run: (t, u, m) => detectCmdi(t, u ? URL_PATH : NOT_URL_PATH, m), markup: true },
  lfi: { run: (t, u) => detectLfi(t, u ? URL_PATH : NOT_URL_PATH), markup: false },
  ssrf: { run: (t, _u, m) => detectSsrf(t, m), markup: false },
  // with gating on, `gate` has already checked the detector's own signal
  xss: { run: (t, _u, m) => detectXss(t, m, gating), markup: true },
  proto: { run: (t) => detectProto(t), markup: true },
};

/** Characters the base decoders (percent, form `+`, NUL, Unicode folding) act on. */
const DECODABLE = C_PCT | C_PLUS | C_NUL | C_NONASCII;
/** Characters the markup decoders (HTML entities, JavaScript escapes) act on. */
const MARKUP_DECODABLE = C_AMP | C_BSL;

/**
 * The readings of one string, in order, each with its `charMask`: `base` (as received, fully
 * percent-decoded, Unicode-folded, `+` as a space) and `markup` (the base readings, then each
 * HTML-entity decoded, UTF-7 decoded, JavaScript-unescaped, and decoded once more).
 * Decoders only run when a character they act on is present; duplicates are dropped.
 */
class Readings {
  readonly base: string[];
  readonly baseMasks: number[];
  markup: string[];
  markupMasks: number[];

  constructor(value: string, mask: number) {
    this.base = [value];
    this.baseMasks = [mask];
    if ((mask & DECODABLE) !== 0) {
      let decoded = value;
      let decodedMask = mask;
      if ((mask & C_PCT) !== 0) {
        decoded = percentDecodeDeep(value);
        if (decoded !== value) {
          decodedMask = charMask(decoded);
          this.add(this.base, this.baseMasks, decoded, decodedMask);
        }
      }
      let folded = decoded;
      let foldedMask = decodedMask;
      if ((decodedMask & (C_NUL | C_NONASCII)) !== 0) {
        folded = foldUnicode(decoded);
        if (folded !== decoded) {
          foldedMask = charMask(folded);
          this.add(this.base, this.baseMasks, folded, foldedMask);
        }
      }
      // form encoding turns `+` into a space; a value that still has `+` and no space may be read that way
      if ((foldedMask & C_PLUS) !== 0) {
        const spaced = folded.replaceAll('+', ' ');
        this.add(this.base, this.baseMasks, spaced, (foldedMask & ~C_PLUS) | C_SPACE);
      }
    }
    this.markup = this.base;
    this.markupMasks = this.baseMasks;
    let any = false;
    for (let i = 0; i < this.base.length; i++) any ||= (this.baseMasks[i]! & (MARKUP_DECODABLE | C_PLUS)) !== 0;
    if (!any) return;
    this.markup = [...this.base];
    this.markupMasks = [...this.baseMasks];
    for (let i = 0; i < this.base.length; i++) {
      const text = this.base[i]!;
      const textMask = this.baseMasks[i]!;
      // UTF-7 (`+ADw-script+AD4-`) still decodes to markup in legacy charset sniffing
      let entities = (textMask & C_AMP) !== 0 ? decodeHtmlEntities(text) : text;
      let entitiesMask = entities === text ? textMask : charMask(entities);
      if ((entitiesMask & C_PLUS) !== 0 && (entities.includes('+AD') || entities.includes('+AC'))) {
        entities = entities.replace(/\+AD[wW]-/g, '<').replace(/\+AD4-/g, '>').replace(/\+ACI-/g, '"');
        entitiesMask = charMask(entities);
      }
      this.add(this.markup, this.markupMasks, entities, entitiesMask);
      if ((entitiesMask & C_BSL) !== 0) {
        const unescaped = decodeJsEscapes(entities);
        this.add(this.markup, this.markupMasks, unescaped, unescaped === entities ? entitiesMask : charMask(unescaped));
      }
      if (entities !== text) {
        const again = foldUnicode(percentDecodeDeep(entities));
        this.add(this.markup, this.markupMasks, again, again === entities ? entitiesMask : charMask(again));
      }
    }
  }

  private add(list: string[], masks: number[], text: string, mask: number): void {
    if (list.includes(text)) return;
    list.push(text);
    masks.push(mask);
  }
}

/**
 * Verdicts for recently seen values. A warm function sees the same header values, JSON keys,
 * enumerations and ids on every invocation; the detectors are pure, so the verdict for a
 * (families, URL-path flag, text) triple can be reused. A value is looked up before it is
 * scanned (the lookup hashes it natively, cheaper than the gates). Bounded in entries and in
 * the length of the values kept; when full it starts over, so hostile churn costs one map
 * update per value.
 */
const CACHE_ENTRIES = 2048;
const CACHE_MAX_LENGTH = 256;
export interface ValueFinding { readonly family: InspectionFamily; readonly rule: string; readonly evidence: string }
/** one map per (family set, URL-path flag), keyed by the text itself (V8 keeps a string's hash) */
const verdictMaps: (Map<string, readonly ValueFinding[]> | undefined)[] = [];
let cachedEntries = 0;
export const NO_FINDINGS: readonly ValueFinding[] = [];

/** Bit per family, in `ALL_FAMILIES` order. */
const FAMILY_BIT: Record<InspectionFamily, number> = { sqli: 1, nosqli: 2, cmdi: 4, lfi: 8, ssrf: 16, xss: 32, proto: 64 };
const familyBits = new WeakMap<readonly InspectionFamily[], number>();

let lastFamilies: readonly InspectionFamily[] | undefined;
let lastBits = 0;

function bitsOf(families: readonly InspectionFamily[]): number {
  if (families === lastFamilies) return lastBits;
  let bits = familyBits.get(families);
  if (bits === undefined) {
    bits = 0;
    for (const f of families) bits |= FAMILY_BIT[f] ?? 0;
    // an order other than ALL_FAMILIES' changes the order of detections: keep those apart
    if (families.some((f, i) => i > 0 && ALL_FAMILIES.indexOf(f) < ALL_FAMILIES.indexOf(families[i - 1]!))) bits |= 128;
    familyBits.set(families, bits);
  }
  lastFamilies = families;
  lastBits = bits;
  return bits;
}

function verdictMap(families: readonly InspectionFamily[], urlPath: boolean): Map<string, readonly ValueFinding[]> | undefined {
  const bits = bitsOf(families);
  // unusual orders are not cached (they never repeat in practice)
  if (bits >= 128) return undefined;
  const slot = bits * 2 + (urlPath ? 1 : 0);
  let map = verdictMaps[slot];
  if (map === undefined) verdictMaps[slot] = map = new Map();
  return map;
}

/** Forgets every cached verdict (tests, or a caller that changes detectors at run time). */
export function clearInspectionCache(): void {
  for (const map of verdictMaps) map?.clear();
  plainKeyVerdicts.clear();
  cachedEntries = 0;
}

/** Test and benchmark hooks: `gates: false` runs every detector on every reading; `cache: false` bypasses the verdict cache. */
let gating = true;
let caching = true;
export function setInspectionMode(mode: { gates?: boolean; cache?: boolean }): void {
  gating = mode.gates ?? true;
  caching = mode.cache ?? true;
  clearInspectionCache();
}

/**
 * The findings for one value (at most one per family, in `families` order), without building
 * `Detection` objects: the event walker adds location and path only when something is found.
 */
export function valueFindings(value: string, families: readonly InspectionFamily[], urlPath: boolean, maxValueLength = DEFAULT_MAX_VALUE_LENGTH): readonly ValueFinding[] {
  if (value.length < 2 || families.length === 0) return NO_FINDINGS;
  const text = value.length > maxValueLength ? value.slice(0, maxValueLength) : value;
  // a repeated value (header, enumeration) is answered before any scan: the lookup hashes the
  // text natively, which costs less than the checks below
  const verdicts = caching && gating && text.length <= CACHE_MAX_LENGTH ? verdictMap(families, urlPath) : undefined;
  if (verdicts !== undefined) {
    const cached = verdicts.get(text);
    if (cached !== undefined) return cached;
  }
  const findings = scanValue(text, families, urlPath);
  // remembered found or not: a repeated value (enumeration, header) is then one lookup
  if (verdicts !== undefined) remember(verdicts, text, findings);
  return findings;
}

/** Does some decoder change `text`? (`mask` is its `charMask`.) Otherwise it is its only reading. */
function mayDecode(text: string, mask: number): boolean {
  return (mask & (C_PLUS | C_NUL | C_NONASCII)) !== 0
    || ((mask & C_PCT) !== 0 && hasPercentEscape(text))
    || ((mask & C_AMP) !== 0 && hasReferenceStart(text))
    || ((mask & C_BSL) !== 0 && hasEscapeStart(text));
}

/** The findings over every reading of a value some decoder may change. */
function readingsFindings(text: string, mask: number, families: readonly InspectionFamily[], urlPath: boolean): readonly ValueFinding[] {
  const readings = new Readings(text, mask);
  // `R&D`, `José`: nothing decoded after all, one reading
  if (gating && readings.markup.length === 1) return singleReadingFindings(text, mask, families, urlPath);
  return findingsOf(text, mask, families, urlPath, ALL_GATES, readings);
}

/** `valueFindings` for a text already cut to length, without the verdict cache. */
function scanValue(text: string, families: readonly InspectionFamily[], urlPath: boolean): readonly ValueFinding[] {
  const mask = charMask(text);
  return gating && !mayDecode(text, mask) ? singleReadingFindings(text, mask, families, urlPath) : readingsFindings(text, mask, families, urlPath);
}

/** The findings for a value that is its only reading. */
function singleReadingFindings(text: string, mask: number, families: readonly InspectionFamily[], urlPath: boolean): readonly ValueFinding[] {
  const gates = passedGates(text, mask, families);
  return gates === 0 ? NO_FINDINGS : findingsOf(text, mask, families, urlPath, gates, undefined);
}

function remember(verdicts: Map<string, readonly ValueFinding[]>, text: string, findings: readonly ValueFinding[]): void {
  // a generation-style bound: when full, start over (cheaper than LRU bookkeeping on every hit)
  if (cachedEntries >= CACHE_ENTRIES) clearInspectionCache();
  verdicts.set(text, findings);
  cachedEntries++;
}

export function inspectValue(value: string, options: ValueOptions = {}): Detection[] {
  if (typeof value !== 'string' || value.length < 2) return [];
  const findings = valueFindings(value, options.families ?? ALL_FAMILIES, options.isUrlPath === true, options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH);
  return findings.length === 0 ? [] : toDetections(findings, options.location ?? 'query', options.path ?? '');
}

/** `gates` value meaning "not decided yet: ask each gate". */
const ALL_GATES = -1;

/** The family's cheap necessary condition (`mask` is `charMask(text)`), one direct (inlinable) call per family. */
function gate(family: InspectionFamily, text: string, mask: number): boolean {
  switch (family) {
    case 'sqli': return mayContainSql(text, mask);
    case 'nosqli': return mayContainNosqli(text, mask);
    case 'cmdi': return mayContainCmdi(text, mask);
    case 'lfi': return mayContainPathAttack(text, mask);
    case 'ssrf': return mayContainSsrf(text, mask);
    case 'xss': return mayContainXss(text, mask);
    case 'proto': return mayContainProto(text);
    default: return true;
  }
}

/** Bit i: the necessary condition of `families[i]` holds for `text`. */
function passedGates(text: string, mask: number, families: readonly InspectionFamily[]): number {
  if (families === ALL_FAMILIES) return allGates(text, mask);
  let gates = 0;
  for (let i = 0; i < families.length; i++) if (gate(families[i]!, text, mask)) gates |= 1 << i;
  return gates;
}

/**
 * `passedGates` for the default families, in `ALL_FAMILIES` order: one direct call per gate (no
 * dispatch on the family name), which keeps the path every value of every event takes short.
 */
function allGates(text: string, mask: number): number {
  let gates = 0;
  if (mayContainSql(text, mask)) gates |= 1;
  if (mayContainNosqli(text, mask)) gates |= 2;
  if (mayContainCmdi(text, mask)) gates |= 4;
  if (mayContainPathAttack(text, mask)) gates |= 8;
  if (mayContainSsrf(text, mask)) gates |= 16;
  if (mayContainXss(text, mask)) gates |= 32;
  if (mayContainProto(text)) gates |= 64;
  return gates;
}

export function toDetections(findings: readonly ValueFinding[], location: InspectionLocation, path: string): Detection[] {
  const detections: Detection[] = [];
  for (const f of findings) detections.push({ family: f.family, rule: f.rule, location, path, evidence: f.evidence });
  return detections;
}

/** `readings` undefined: the value is its only reading and `firstGates` are its `passedGates`. */
function findingsOf(text: string, mask: number, families: readonly InspectionFamily[], urlPath: boolean, firstGates: number, readings: Readings | undefined): readonly ValueFinding[] {
  let detections: ValueFinding[] | undefined;
  for (let f = 0; f < families.length; f++) {
    const family = families[f]!;
    const detector = DETECTORS[family];
    if (readings === undefined) {
      if ((firstGates & (1 << f)) === 0) continue;
      const finding = detector.run(text, urlPath, mask);
      if (finding) (detections ??= []).push({ family, rule: finding.rule, evidence: evidenceOf(text) });
      continue;
    }
    const list = detector.markup ? readings.markup : readings.base;
    const masks = detector.markup ? readings.markupMasks : readings.baseMasks;
    for (let i = 0; i < list.length; i++) {
      const reading = list[i]!;
      const readingMask = masks[i]!;
      if (gating && !gate(family, reading, readingMask)) continue;
      const finding = detector.run(reading, urlPath, readingMask);
      if (finding) {
        (detections ??= []).push({ family, rule: finding.rule, evidence: evidenceOf(reading) });
        break;
      }
    }
  }
  return detections ?? NO_FINDINGS;
}

/** `/^[A-Za-z0-9_-]{1,64}$/`: a key no decoder changes and no key rule can match except the literal `__proto__`. */
function plainKey(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 64) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** Verdicts for plain keys (at most 64 characters), found or not; bounded like the value cache. */
const plainKeyVerdicts = new Map<string, readonly ValueFinding[]>();

const PROTO_KEY_FINDING: readonly ValueFinding[] = [{ family: 'proto', rule: 'proto.proto-key', evidence: '__proto__' }];
const familySubsets = new Map<number, readonly InspectionFamily[]>();

/** `families` without the ones in `drop` (bits), as a canonical array (the verdict cache is per array). */
function withoutFamilies(families: readonly InspectionFamily[], drop: number): readonly InspectionFamily[] {
  if (drop === 0) return families;
  const key = bitsOf(families) * 256 + drop;
  let subset = familySubsets.get(key);
  if (subset === undefined) {
    subset = families.filter((f) => (FAMILY_BIT[f] & drop) === 0);
    if (familySubsets.size < 1024) familySubsets.set(key, subset);
  }
  return subset;
}

/**
 * The findings for an object key or parameter name: operator and prototype keys are judged as
 * keys, and the name is also inspected as a value because parameter names are attacker-chosen
 * text too. At most one finding per family.
 */
export function keyFindings(key: string, families: readonly InspectionFamily[], urlPath = false, maxValueLength = DEFAULT_MAX_VALUE_LENGTH): readonly ValueFinding[] {
  if (key.length === 0) return NO_FINDINGS;
  const sqli = (bitsOf(families) & FAMILY_BIT.sqli) !== 0;
  // keys repeat on every invocation (and `JSON.parse` interns them): a known plain key is one lookup
  const known = sqli && caching ? plainKeyVerdicts.get(key) : undefined;
  if (known !== undefined) return known;
  if (plainKey(key)) {
    if (key === '__proto__') return families.includes('proto') ? PROTO_KEY_FINDING : NO_FINDINGS;
    // a plain word: only SQL's catalog names can matter (see inspectValue)
    if (key.length < 2 || !sqli) return NO_FINDINGS;
    // (not through `valueFindings`: the verdict is kept here, not in the value cache as well)
    const verdict = scanValue(key, SQLI_ONLY, false);
    if (plainKeyVerdicts.size >= CACHE_ENTRIES) plainKeyVerdicts.clear();
    if (caching) plainKeyVerdicts.set(key, verdict);
    return verdict;
  }
  const text = key.length > 1024 ? key.slice(0, 1024) : key;
  const decoded = decodeJsEscapes(foldUnicode(percentDecodeDeep(text)));
  let findings: ValueFinding[] | undefined;
  let drop = 0;
  if (families.includes('proto')) {
    const hit = detectProtoKey(decoded);
    if (hit) {
      (findings ??= []).push({ family: 'proto', rule: hit.rule, evidence: evidenceOf(decoded) });
      drop |= FAMILY_BIT.proto;
    }
  }
  if (families.includes('nosqli')) {
    const hit = detectNosqlKey(decoded);
    if (hit) {
      (findings ??= []).push({ family: 'nosqli', rule: hit.rule, evidence: evidenceOf(decoded) });
      drop |= FAMILY_BIT.nosqli;
    }
  }
  const rest = valueFindings(text, withoutFamilies(families, drop), urlPath, maxValueLength);
  if (findings === undefined) return rest;
  for (const f of rest) findings.push(f);
  return findings;
}

export function inspectKey(key: string, options: ValueOptions = {}): Detection[] {
  if (typeof key !== 'string' || key.length === 0) return [];
  const findings = keyFindings(key, options.families ?? ALL_FAMILIES, options.isUrlPath === true, options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH);
  return findings.length === 0 ? [] : toDetections(findings, options.location ?? 'key', options.path ?? '');
}

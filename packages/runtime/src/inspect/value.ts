/**
 * Runs the detectors over the readings of one string that a back end might end up with:
 * as received, fully percent-decoded, Unicode-folded, `+` read as a space, and (for the
 * families that care) HTML-entity and JavaScript-escape decoded. One detection per family.
 */
import { decodeHtmlEntities, decodeJsEscapes, foldUnicode, percentDecodeDeep } from './decode.js';
import { detectLfi } from './path.js';
import { detectNosqli, detectNosqlKey } from './nosql.js';
import { detectProto, detectProtoKey } from './proto.js';
import { detectCmdi } from './shell.js';
import { detectSqli } from './sql.js';
import { detectSsrf } from './ssrf.js';
import { ALL_FAMILIES, type Detection, type Finding, type InspectionFamily, type ValueOptions } from './types.js';
import { detectXss } from './xss.js';

export const DEFAULT_MAX_VALUE_LENGTH = 8192;
const PLAIN_WORD = /^[A-Za-z0-9_]{1,64}$/;
const SQLI_ONLY: readonly InspectionFamily[] = ['sqli'];
const EVIDENCE_LENGTH = 64;

/** A short excerpt with control characters made visible, so a log line stays one line. */
export function evidenceOf(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > EVIDENCE_LENGTH ? `${clean.slice(0, EVIDENCE_LENGTH)}…` : clean;
}

interface Readings {
  base: string[];
  markup: string[];
}

/** Characters the base decoders (percent, form `+`, NUL, Unicode folding) act on. */
const DECODABLE = /[%+\u0000\u0080-\uffff]/;
/** Characters the markup decoders (HTML entities, JavaScript escapes) act on. */
const MARKUP_DECODABLE = /[&\\]/;

function readings(value: string): Readings {
  const decodable = DECODABLE.test(value);
  if (!decodable && !MARKUP_DECODABLE.test(value)) {
    const only = [value];
    return { base: only, markup: only };
  }
  const base = new Set<string>([value]);
  if (decodable) {
    const decoded = percentDecodeDeep(value);
    base.add(decoded);
    const folded = foldUnicode(decoded);
    base.add(folded);
    // form encoding turns `+` into a space; a value that still has `+` and no space may be read that way
    if (folded.includes('+')) base.add(folded.replace(/\+/g, ' '));
  }
  const markup = new Set<string>(base);
  for (const text of base) {
    // UTF-7 (`+ADw-script+AD4-`) still decodes to markup in legacy charset sniffing
    let entities = decodeHtmlEntities(text);
    if (entities.includes('+AD') || entities.includes('+AC')) entities = entities.replace(/\+AD[wW]-/g, '<').replace(/\+AD4-/g, '>').replace(/\+ACI-/g, '"');
    markup.add(entities);
    markup.add(decodeJsEscapes(entities));
    if (entities !== text) markup.add(foldUnicode(percentDecodeDeep(entities)));
  }
  return { base: [...base], markup: [...markup] };
}

type Detector = (text: string, options: ValueOptions) => Finding | undefined;

const DETECTORS: Record<InspectionFamily, { run: Detector; markup: boolean }> = {
  sqli: { run: (t) => detectSqli(t), markup: false },
  nosqli: { run: (t) => detectNosqli(t), markup: false },
  cmdi: { run: (t, o) => detectCmdi(t, { urlPath: o.isUrlPath === true }), markup: true },
  lfi: { run: (t, o) => detectLfi(t, { urlPath: o.isUrlPath === true }), markup: false },
  ssrf: { run: (t) => detectSsrf(t), markup: false },
  xss: { run: (t) => detectXss(t), markup: true },
  proto: { run: (t) => detectProto(t), markup: true },
};

/**
 * Letters, digits, spaces and the punctuation of ordinary prose, names, emails and ids
 * (`,` `.` `-` `_` `@` `?` `!`): no decoder acts on such a value; SQL (keywords, statement
 * words, catalog names), the shell (a command as first word, cmd.exe syntax) and host names
 * can still mean something, file names (`.htaccess`), DOM properties (`document.cookie`) only
 * with a dot, prototype paths only with `proto`, and NoSQL operators never (they need `$;&|`).
 */
const PROSE = /^[A-Za-z0-9 _,.@?!-]*$/;

function proseFamilies(text: string, families: readonly InspectionFamily[]): InspectionFamily[] {
  const dot = text.includes('.');
  const proto = text.includes('proto');
  return families.filter((f) => f === 'sqli' || f === 'cmdi' || f === 'ssrf' || ((f === 'lfi' || f === 'xss') && dot) || (f === 'proto' && proto));
}

/**
 * Verdicts for recently seen values. A warm function sees the same header values, JSON keys,
 * enumerations and ids on every invocation; the detectors are pure, so the verdict for a
 * (families, URL-path flag, text) triple can be reused. Bounded in entries and in the length
 * of the values kept, evicted oldest-first, so hostile churn costs one map update per value.
 */
const CACHE_ENTRIES = 2048;
const CACHE_MAX_LENGTH = 256;
interface CachedFinding { family: InspectionFamily; rule: string; evidence: string }
/** one map per (families, URL-path flag) combination, keyed by the text itself (V8 keeps a string's hash) */
const verdictMaps = new Map<string, Map<string, readonly CachedFinding[]>>();
const familyMaps = new WeakMap<readonly InspectionFamily[], [Map<string, readonly CachedFinding[]>, Map<string, readonly CachedFinding[]>]>();
let cachedEntries = 0;
const NO_FINDINGS: readonly CachedFinding[] = [];

function verdictMap(families: readonly InspectionFamily[], urlPath: boolean): Map<string, readonly CachedFinding[]> {
  let pair = familyMaps.get(families);
  if (pair === undefined) {
    const key = families.join(',');
    const get = (flag: string): Map<string, readonly CachedFinding[]> => {
      let map = verdictMaps.get(flag + key);
      if (map === undefined) verdictMaps.set(flag + key, (map = new Map()));
      return map;
    };
    pair = [get('v'), get('u')];
    familyMaps.set(families, pair);
  }
  return pair[urlPath ? 1 : 0];
}

/** Forgets every cached verdict (tests, or a caller that changes detectors at run time). */
export function clearInspectionCache(): void {
  for (const map of verdictMaps.values()) map.clear();
  cachedEntries = 0;
}

export function inspectValue(value: string, options: ValueOptions = {}): Detection[] {
  if (typeof value !== 'string' || value.length < 2) return [];
  const max = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH;
  const text = value.length > max ? value.slice(0, max) : value;
  const families = options.families ?? ALL_FAMILIES;
  if (families.length === 0) return [];
  if (text.length > CACHE_MAX_LENGTH) return toDetections(findingsOf(text, families, options), options);
  const verdicts = verdictMap(families, options.isUrlPath === true);
  let findings = verdicts.get(text);
  if (findings === undefined) {
    findings = findingsOf(text, families, options);
    // a generation-style bound: when full, start over (cheaper than LRU bookkeeping on every hit)
    if (cachedEntries >= CACHE_ENTRIES) clearInspectionCache();
    verdicts.set(text, findings);
    cachedEntries++;
  }
  return toDetections(findings, options);
}

function toDetections(findings: readonly CachedFinding[], options: ValueOptions): Detection[] {
  const detections: Detection[] = [];
  for (const f of findings) detections.push({ family: f.family, rule: f.rule, location: options.location ?? 'query', path: options.path ?? '', evidence: f.evidence });
  return detections;
}

function findingsOf(text: string, requested: readonly InspectionFamily[], options: ValueOptions): readonly CachedFinding[] {
  let families = requested;
  // A bare word carries no syntax: only SQL's catalog names (`information_schema`) can matter.
  if (PLAIN_WORD.test(text)) families = families.includes('sqli') ? ['sqli'] : [];
  else if (PROSE.test(text)) families = proseFamilies(text, families);
  if (families.length === 0) return NO_FINDINGS;
  let detections: CachedFinding[] | undefined;
  const { base, markup } = readings(text);
  for (const family of families) {
    const detector = DETECTORS[family];
    const list = detector.markup ? markup : base;
    for (let i = 0; i < list.length; i++) {
      const reading = list[i]!;
      const finding = detector.run(reading, options);
      if (finding) {
        (detections ??= []).push({ family, rule: finding.rule, evidence: evidenceOf(reading) });
        break;
      }
    }
  }
  return detections ?? NO_FINDINGS;
}

/** A key no decoder changes and no key rule can match except the literal `__proto__`. */
const PLAIN_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Object keys and parameter names: operator and prototype keys are judged as keys, and the
 * name is also inspected as a value because parameter names are attacker-chosen text too.
 */
export function inspectKey(key: string, options: ValueOptions = {}): Detection[] {
  if (typeof key !== 'string' || key.length === 0) return [];
  const families = options.families ?? ALL_FAMILIES;
  if (PLAIN_KEY.test(key)) {
    if (key === '__proto__') {
      return families.includes('proto') ? [{ family: 'proto', rule: 'proto.proto-key', location: options.location ?? 'key', path: options.path ?? '', evidence: key }] : [];
    }
    // a plain word: only SQL's catalog names can matter (see inspectValue)
    return key.length < 2 || !families.includes('sqli') ? [] : inspectValue(key, { families: SQLI_ONLY, location: options.location ?? 'key', path: options.path ?? '' });
  }
  const text = key.length > 1024 ? key.slice(0, 1024) : key;
  const decoded = decodeJsEscapes(foldUnicode(percentDecodeDeep(text)));
  const detections: Detection[] = [];
  const location = options.location ?? ('key' as const);
  const path = options.path ?? '';
  if (families.includes('proto')) {
    const hit = detectProtoKey(decoded);
    if (hit) detections.push({ family: 'proto', rule: hit.rule, location, path, evidence: evidenceOf(decoded) });
  }
  if (families.includes('nosqli')) {
    const hit = detectNosqlKey(decoded);
    if (hit) detections.push({ family: 'nosqli', rule: hit.rule, location, path, evidence: evidenceOf(decoded) });
  }
  const seen = new Set(detections.map((d) => d.family));
  for (const detection of inspectValue(text, { ...options, families: families.filter((f) => !seen.has(f)), location })) {
    detections.push(detection);
  }
  return detections;
}

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

/** Characters some decoder acts on; without them every reading is the value itself. */
const DECODABLE = /[%+&\\\u0000\u0080-\uffff]/;

function readings(value: string): Readings {
  if (!DECODABLE.test(value)) return { base: [value], markup: [value] };
  const base = new Set<string>([value]);
  const decoded = percentDecodeDeep(value);
  base.add(decoded);
  const folded = foldUnicode(decoded);
  base.add(folded);
  // form encoding turns `+` into a space; a value that still has `+` and no space may be read that way
  if (folded.includes('+')) base.add(folded.replace(/\+/g, ' '));
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

export function inspectValue(value: string, options: ValueOptions = {}): Detection[] {
  if (typeof value !== 'string' || value.length < 2) return [];
  const text = value.length > (options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH) ? value.slice(0, options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH) : value;
  let families = options.families ?? ALL_FAMILIES;
  // A bare word carries no syntax: only SQL's catalog names (`information_schema`) can matter.
  if (PLAIN_WORD.test(text)) families = families.includes('sqli') ? ['sqli'] : [];
  const { base, markup } = readings(text);
  const detections: Detection[] = [];
  for (const family of families) {
    const detector = DETECTORS[family];
    for (const reading of detector.markup ? markup : base) {
      const finding = detector.run(reading, options);
      if (finding) {
        detections.push({ family, rule: finding.rule, location: options.location ?? 'query', path: options.path ?? '', evidence: evidenceOf(reading) });
        break;
      }
    }
  }
  return detections;
}

/**
 * Object keys and parameter names: operator and prototype keys are judged as keys, and the
 * name is also inspected as a value because parameter names are attacker-chosen text too.
 */
export function inspectKey(key: string, options: ValueOptions = {}): Detection[] {
  if (typeof key !== 'string' || key.length === 0) return [];
  const families = options.families ?? ALL_FAMILIES;
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

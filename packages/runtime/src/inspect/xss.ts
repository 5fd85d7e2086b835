/**
 * Cross-site scripting. The value is tokenised as HTML the way a lenient browser parser reads
 * it (`<svg/onload=..>`, unclosed tags, `/` between attributes, namespaced tags) and judged on
 * what a browser would *do*: run a script element, an event handler, a `javascript:` URL, a
 * nested document (`srcdoc`, `data:text/html`), or a CSS expression. Outside markup, JavaScript
 * that calls a known sink (`alert(`, `eval(`, template-tag calls) is flagged when the value is
 * code-shaped, for injections into an existing script context.
 */
import { C_BRACK, C_BT, C_COLON, C_DOLLAR, C_DOT, C_EQ, C_LT, C_NONASCII, C_NUL, C_PAREN, C_SLASH, C_STAR, charMask, codeAt, isAsciiBlank, isAsciiLetter, lowerCode } from './chars.js';
import type { Finding } from './types.js';

/** Elements that execute, load or embed active content by themselves. */
const ACTIVE_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'style', 'import',
  'isindex', 'layer', 'ilayer', 'bgsound', 'vmlframe', 'xss', 'portal', 'xml', 'svg:script', 'math:script',
  // document structure: a value that opens or closes the page itself is rewriting it
  'html', 'body', 'head', 'title', 'noscript',
  // form controls: injected forms harvest credentials and are never part of user-authored rich text
  'form', 'input', 'button', 'textarea', 'select', 'keygen',
]);

/** Attributes whose value is fetched or navigated to. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'background', 'lowsrc', 'dynsrc', 'data', 'code', 'codebase', 'value',
  'poster', 'xlink:href', 'from', 'to', 'values', 'by', 'srcset', 'content', 'url', 'archive', 'cite', 'longdesc', 'profile', 'usemap', 'icon', 'manifest',
]);

const SCRIPT_SCHEME = /^(?:(?:java|vb|live|ecma)script|mocha):|^data:\s*(?:text\/html|image\/svg|application\/(?:xhtml|x-javascript|javascript)|text\/(?:javascript|xml))|^data:[^,]*;base64,PH/i;

/** Browsers ignore control characters and whitespace inside a scheme: `jav\tascript:`. */
function compactScheme(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u00a0]+/g, '').replace(/^['"`]+/, '');
}

interface Attribute {
  name: string;
  value: string;
}

interface Tag {
  name: string;
  attributes: Attribute[];
}

/** Reads tags from `<`, tolerating everything browsers tolerate; bounded by `maxTags`. */
export function scanTags(input: string, maxTags = 32): Tag[] {
  const tags: Tag[] = [];
  const re = /<\s*\/?\s*:?([a-z][\w:.-]*)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null && tags.length < maxTags) {
    const name = m[1]!.toLowerCase();
    let i = m.index + m[0].length;
    const attributes: Attribute[] = [];
    while (i < input.length && attributes.length < 32) {
      while (i < input.length && /[\s/\u0000-\u001f"'`]/.test(input[i]!)) i++;
      if (i >= input.length || input[i] === '>') break;
      let nameEnd = i;
      while (nameEnd < input.length && !/[\s/>=<\u0000-\u001f]/.test(input[nameEnd]!)) nameEnd++;
      const attrName = input.slice(i, nameEnd).toLowerCase();
      i = nameEnd;
      while (i < input.length && /\s/.test(input[i]!)) i++;
      let value = '';
      if (input[i] === '=') {
        i++;
        while (i < input.length && /\s/.test(input[i]!)) i++;
        const q = input[i];
        if (q === '"' || q === "'" || q === '`') {
          const end = input.indexOf(q, i + 1);
          value = input.slice(i + 1, end < 0 ? input.length : end);
          i = end < 0 ? input.length : end + 1;
        } else {
          let end = i;
          while (end < input.length && !/[\s>]/.test(input[end]!)) end++;
          value = input.slice(i, end);
          i = end;
        }
      }
      if (attrName !== '') attributes.push({ name: attrName, value });
      if (nameEnd === i && value === '' && attrName === '') i++;
    }
    tags.push({ name, attributes });
    // tags nested in a broken tag (`<x </onxxx=1`, `<a <script>`) are read again on their own
  }
  return tags;
}

function isEventHandler(name: string): boolean {
  return /^on[a-z]{3,}$/.test(name.replace(/^[\w-]+:/, ''));
}

/** CSS escapes (`\\0075rl(`) as the style engine resolves them. */
function decodeCss(value: string): string {
  return value.replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => {
    const code = parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** XML that makes the parser fetch another document (XInclude, external schema). */
function externalXml(tag: Tag): boolean {
  if (/(?:^|:)include$/.test(tag.name) && tag.attributes.some((a) => a.name === 'href')) return true;
  return tag.attributes.some((a) => /^xsi:(?:no)?(?:namespace)?schemalocation$/.test(a.name) && /(?:https?|ftp|file):/i.test(a.value));
}

function judgeTag(tag: Tag): string | undefined {
  const local = tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name;
  if (ACTIVE_ELEMENTS.has(tag.name) || ACTIVE_ELEMENTS.has(local)) return `xss.element-${local}`;
  if (externalXml(tag)) return 'xss.xml-external';
  for (const raw of tag.attributes) {
    const attr = raw.name === 'style' ? { name: raw.name, value: decodeCss(raw.value) } : raw;
    if (isEventHandler(attr.name)) return 'xss.event-handler';
    if (attr.name === 'srcdoc') return 'xss.srcdoc';
    if (attr.name === 'dataformatas' && /html/i.test(attr.value)) return 'xss.data-binding';
    const compact = compactScheme(attr.value);
    if ((URL_ATTRIBUTES.has(attr.name) || attr.name.startsWith('xlink:') || attr.name === 'style') && SCRIPT_SCHEME.test(compact)) return 'xss.script-url';
    if (/(?:^|[\s;:(])url\s*\(\s*['"]?\s*(?:java|vb)script:/i.test(attr.value) || SCRIPT_SCHEME.test(compact.replace(/^url\(/i, ''))) return 'xss.script-url';
    if (attr.name === 'style' && /expression\s*\(|behaviou?r\s*:|-moz-binding|@import/i.test(attr.value.replace(/\/\*.*?\*\//g, ''))) return 'xss.css-expression';
    if (attr.name === 'http-equiv' && /refresh|set-cookie/i.test(attr.value)) return 'xss.meta-refresh';
  }
  return undefined;
}

const SINK_WORD = /alert|prompt|confirm|eval|settimeout|setinterval|execscript|function|print|fromcharcode|atob|document|window|self|top|parent|innerhtml|call|apply|bind|constructor/i;

/** JavaScript that reaches a dangerous sink, written as code (not prose mentioning it). */
function scriptSink(input: string): string | undefined {
  if (!SINK_WORD.test(input)) return undefined;
  const code = input.includes('/*') ? input.replace(/\/\*.*?\*\//g, '') : input;
  if (/(?:^|[^\w$.])(?:alert|prompt|confirm|eval|setTimeout|setInterval|execScript|Function)\s*(?:\(\s*[^\s)]|`)/.test(code) && /[(`][^)]*[)`]|[;'"]/.test(code)) return 'xss.script-sink';
  if (/\$\{\s*(?:alert|prompt|confirm|eval)\s*\}/.test(code)) return 'xss.template-sink';
  // a tagged-template call through call/apply: `Reflect.apply.call\`${f}${x}\``
  if (/\.\s*(?:call|apply|bind)\s*`[^`]*\$\{/.test(code)) return 'xss.template-sink';
  if (/\[\s*(['"`])(?:alert|prompt|confirm|eval|constructor)\1\s*\]\s*\(/.test(code)) return 'xss.bracket-call';
  if (/^\s*(?:alert|prompt|confirm|print)\s*\(\s*\)\s*;?\s*$|\bnew\s+Function\s*\(/.test(code)) return 'xss.script-sink';
  if (/(?:^|[\s(;=+])(?:document|window|self|top|parent)\s*\.\s*(?:cookie|domain|location|write|writeln|body|createElement|querySelector|getElementById)\b/.test(code)) return 'xss.dom-sink';
  if (/\(\s*(?:document|window)\s*\)\s*\[/.test(code)) return 'xss.dom-sink';
  if (/String\.fromCharCode\s*\(|\batob\s*\(|document\s*\.\s*(?:write|writeln)\s*\(|\.innerHTML\s*=|(?:document|window)\s*\.\s*(?:cookie|domain|location)\s*[=;+)]/.test(code)) return 'xss.dom-sink';
  return undefined;
}

/** Markup, a scheme, a call, an assignment or a template: without these nothing here can match. */
const XSS_SIGNAL = /[<:(=`[]|\/\*|\.\s*(?:cookie|domain|location|write|body|create|query|get|inner)/;

/** Characters a browser drops inside a scheme, or `\s` before its colon: controls, spaces, NBSP, Unicode spaces. */
function schemeIgnorable(c: number): boolean {
  return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Does the text before the colon at `colon`, ignorable characters skipped, end with `word` (lower-case ASCII)? */
function wordBeforeColon(text: string, colon: number, word: string): boolean {
  let j = colon - 1;
  for (let k = word.length - 1; k >= 0; k--) {
    while (j >= 0 && schemeIgnorable(text.charCodeAt(j))) j--;
    if (j < 0 || lowerCode(text.charCodeAt(j)) !== word.charCodeAt(k)) return false;
    j--;
  }
  return true;
}

/** A colon after one of `words` (lower-case ASCII), ignorable characters skipped. */
function colonAfterAny(text: string, words: readonly string[]): boolean {
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    for (const word of words) if (wordBeforeColon(text, colon, word)) return true;
  }
  return false;
}

const SCRIPT_SCHEME_ENDINGS = ['script', 'mocha', 'data'];
const CSS_BINDING_NAMES = ['binding', 'behavior', 'behaviour'];

/** A colon after `script`, `mocha` or `data` (ignoring what browsers ignore): a possible script URL. */
function schemeColon(text: string): boolean {
  return colonAfterAny(text, SCRIPT_SCHEME_ENDINGS);
}

/** A script URL in the value, possibly behind quotes, `url(` or ignorable characters. */
function scriptUrl(input: string): boolean {
  const compact = compactScheme(input.slice(0, 256));
  // eslint-disable-next-line no-control-regex
  return SCRIPT_SCHEME.test(compact) || /(?:^|[\s"'`=(;,])\s*(?:java|vb)script\s*:/i.test(input.replace(/[\u0000-\u001f]/g, ''));
}

/** The cheap necessary conditions inside `detectXss` with what they stand in for (exported for their test only). */
export const xssPrefilters = {
  /** false ⇒ `scriptUrl` is false */
  schemeColon,
  scriptUrl,
  /** exactly `XSS_SIGNAL.test(value)` */
  xssSignal: (value: string): boolean => xssSignal(value, charMask(value)),
  XSS_SIGNAL,
};

/** `XSS_SIGNAL`, skipping the regular expression when no character it needs is present. */
function xssSignal(value: string, mask: number): boolean {
  // (character scans run on ASCII text only: see `charMask`)
  if ((mask & (C_LT | C_COLON | C_PAREN | C_EQ | C_BT | C_BRACK | C_NONASCII)) !== 0) return XSS_SIGNAL.test(value);
  if ((mask & C_SLASH) !== 0 && value.includes('/*')) return true;
  if ((mask & C_DOT) === 0) return false;
  // `.cookie`, `. write`...: only a dot followed (after whitespace) by one of those words' first letters
  for (let dot = value.indexOf('.'); dot >= 0; dot = value.indexOf('.', dot + 1)) {
    let j = dot + 1;
    while (j < value.length && schemeIgnorable(value.charCodeAt(j)) && value.charCodeAt(j) > 8) j++;
    const c = codeAt(value, j);
    if (c === 99 || c === 100 || c === 108 || c === 119 || c === 98 || c === 113 || c === 103 || c === 105 || c >= 0x80) return XSS_SIGNAL.test(value);
  }
  return false;
}

/** A colon after `binding` or `behavior`/`behaviour` (what the CSS check needs), ignorable characters skipped. */
function cssColon(text: string): boolean {
  return colonAfterAny(text, CSS_BINDING_NAMES);
}

/** An `=` after a word of five or more letters that starts with `on` (blanks between), as an event handler attribute is written (ASCII text). */
function handlerEquals(text: string): boolean {
  for (let eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
    let j = eq - 1;
    while (j >= 0 && isAsciiBlank(text.charCodeAt(j))) j--;
    let start = j;
    while (start >= 0 && isAsciiLetter(text.charCodeAt(start))) start--;
    start++;
    if (j - start >= 4 && lowerCode(text.charCodeAt(start)) === 111 && lowerCode(text.charCodeAt(start + 1)) === 110) return true;
  }
  return false;
}

/**
 * The sink names `scriptSink`'s rules spell, as they spell them (case matters to JavaScript):
 * `SINK_WORD` with its case, so `Windows` in a user agent is not `window`.
 */
const SINK_NAME = /alert|prompt|confirm|eval|setTimeout|setInterval|execScript|Function|print|fromCharCode|atob|document|window|self|top|parent|innerHTML|call|apply|bind|constructor/;

/** Characters a script-context sink needs (see `scriptSink`). */
const SINK_MASK = C_PAREN | C_BT | C_DOLLAR | C_BRACK | C_DOT;
/** The objects whose properties `scriptSink` reads without a call (`document.cookie`). */
const DOM_OBJECTS = ['document', 'window', 'self', 'top', 'parent'];

/**
 * With a `.` as its only sink character (no `=`, and no `*` for a comment to hide letters in),
 * `scriptSink` needs one of `DOM_OBJECTS` (as written) before a `.`, blanks between:
 * `document.cookie`, `window . location` (ASCII text).
 */
function domObjectDot(text: string): boolean {
  for (let dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    let end = dot;
    while (end > 0 && isAsciiBlank(text.charCodeAt(end - 1))) end--;
    for (const name of DOM_OBJECTS) if (end >= name.length && text.startsWith(name, end - name.length)) return true;
  }
  return false;
}

/**
 * Can `detectXss` find anything? Its signal, and then what one of its checks needs: markup (`<`),
 * a colon after a script scheme or a CSS binding, an `=` after an `on...` name, or a sink name
 * with the characters of a call (with only a `.`, a DOM object before it). Non-ASCII text and
 * NUL (which the detector drops, joining what it separated) always count. `mask` is `charMask(value)`.
 */
export function mayContainXss(value: string, mask: number): boolean {
  if (value.length < 3 || !xssSignal(value, mask)) return false;
  if ((mask & (C_LT | C_NUL | C_NONASCII)) !== 0) return true;
  if ((mask & C_COLON) !== 0 && (schemeColon(value) || cssColon(value))) return true;
  if ((mask & C_EQ) !== 0 && handlerEquals(value)) return true;
  if ((mask & SINK_MASK) === 0) return false;
  // only a `.`: a DOM object's property; the other sinks need a call, a template, an index or an assignment
  return (mask & (C_PAREN | C_BT | C_DOLLAR | C_BRACK | C_EQ | C_STAR)) !== 0 ? SINK_NAME.test(value) : domObjectDot(value);
}

/** `signalChecked`: the caller already knows the value has the XSS signal (`mayContainXss` holds). */
export function detectXss(value: string, mask = charMask(value), signalChecked = false): Finding | undefined {
  if (!signalChecked && (value.length < 3 || !xssSignal(value, mask))) return undefined;
  // each check below runs only where the characters it needs are present; they are tried in order
  // eslint-disable-next-line no-control-regex
  let input = (mask & C_NUL) !== 0 ? value.replace(/[\u0000]/g, '') : value;
  if ((mask & C_LT) !== 0) {
    // `<f o r m`: letter-spaced tag names that legacy parsers and filters collapse
    input = input.replace(/<\s*((?:[a-z]\s+){2,}[a-z])(?![a-z])/gi, (whole, spaced: string) => {
      const name = spaced.replace(/\s+/g, '').toLowerCase();
      return ACTIVE_ELEMENTS.has(name) ? `<${name}` : whole;
    });
    for (const tag of scanTags(input)) {
      const rule = judgeTag(tag);
      if (rule) return { rule, at: 0 };
    }
    if (/<!--\s*#\s*(?:exec|include|echo|set|config)\b/i.test(input)) return { rule: 'xss.ssi', at: 0 };
    if (/<!(?:ENTITY|DOCTYPE[^>]*\[)/i.test(input)) return { rule: 'xss.xml-entity', at: 0 };
    // IE-era behaviours: `<?import implementation=...>`, `<?xml:namespace ...>`, conditional comments
    if (/<\?\s*(?:import\b|xml:namespace\b)/i.test(input)) return { rule: 'xss.element-import', at: 0 };
    if (/<!--\s*\[if\b/i.test(input)) return { rule: 'xss.conditional-comment', at: 0 };
  }
  if ((mask & C_COLON) !== 0) {
    // a script URL where a link is expected, possibly behind quotes or `url(`
    if (((mask & C_NONASCII) !== 0 || schemeColon(input)) && scriptUrl(input)) return { rule: 'xss.script-url', at: 0 };
    if (/-moz-binding\s*:|behaviou?r\s*:\s*url\s*\(/i.test(input)) return { rule: 'xss.css-expression', at: 0 };
  }
  if ((mask & C_EQ) !== 0) {
    // a bare handler attribute with its value cut off (`" onload=`): DOM handler names are at most ~42 letters
    if (/(?:^|[\s"'`])on[a-z]{3,42}=(?:\s|$)/i.test(input)) return { rule: 'xss.event-handler', at: 0 };
    // attribute injection without a new tag: `" onmouseover=alert(1)`
    if (/(?:^|[\s"'`;/])on[a-z]{3,}\s*=\s*['"`]?\s*[\w$.[\]]+\s*(?:\(|`)/i.test(input)) return { rule: 'xss.event-handler', at: 0 };
  }
  if ((mask & SINK_MASK) === 0) return undefined;
  const sink = scriptSink(input);
  return sink ? { rule: sink, at: 0 } : undefined;
}

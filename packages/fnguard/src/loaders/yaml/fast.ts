/**
 * A fast reader for the subset of YAML that CloudFormation / SAM templates are written in: block
 * maps and sequences, plain / quoted / block scalars, flow collections, comments and the
 * CloudFormation short-form tags. It builds the plain data and a compact tree of source offsets in
 * one pass, several times faster than the general `yaml` library (which built a full Document,
 * CST and all, for every template: most of a scan's time).
 *
 * It is a fast path, not a second YAML implementation: whenever the text uses anything outside
 * that subset (anchors, aliases, merge keys, complex keys, directives, several documents, tabs in
 * indentation, CRLF, explicit indentation indicators, keep chomping, duplicate keys, unknown tags),
 * or anything it is unsure about, it gives up and the caller parses the text with `yaml` as before,
 * so results and warnings never depend on which path ran. Tests compare both paths over the corpus.
 */
import { setOwn } from '../../model/values.js';

/** Source offsets of a parsed node: a scalar is its offset; collections keep their children's. */
export type LocNode = number | LocMap | LocSeq;
export interface LocMap {
  /** offset of the first key (block) or of `{` (flow) */
  o: number;
  /** String() of each key's scalar value, in source order */
  k: string[];
  /** offset of each key */
  ko: number[];
  v: LocNode[];
}
export interface LocSeq {
  /** offset of the first `-` (block) or of `[` (flow) */
  o: number;
  i: LocNode[];
}

export function isLocMap(node: LocNode): node is LocMap {
  return typeof node === 'object' && 'k' in node;
}

export function locOffset(node: LocNode): number {
  return typeof node === 'number' ? node : node.o;
}

export interface FastParseResult {
  data: unknown;
  loc: LocNode;
  /** the text `loc` offsets refer to: the input, with CRLF line breaks turned into LF */
  text: string;
  /** offsets of repeated keys, in document order (the last value is kept, as yaml's lenient mode does) */
  duplicates: number[];
}

/** The CloudFormation short-form tags: `!Ref`, `!Condition` and those whose long form is `Fn::<Name>`. */
export const CFN_SHORT_TAGS: ReadonlySet<string> = new Set([
  'Ref', 'Condition',
  'Sub', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs',
  'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString', 'ForEach', 'GetAtt',
]);

/** Turns a short-form tag (one of CFN_SHORT_TAGS) and its value into the long form. */
export function applyCfnTag(name: string, value: unknown): unknown {
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

/** Thrown (without a stack trace) when the text needs the full parser. */
const BAIL: unique symbol = Symbol('bail');

/** The property name a map key becomes when YAML typed it (`1:`, `true:`, `~:`), as yaml's toJS names it. */
function keyText(value: unknown): string {
  return typeof value === 'string' ? value : value === null ? '' : String(value);
}

const NL = 10; // \n
const TAB = 9;
const SPACE = 32;
const HASH = 35; // #
const COLON = 58; // :
const DASH = 45; // -
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const DQUOTE = 34;
const SQUOTE = 39;
const BANG = 33;
const PIPE = 124;
const GT = 62;
const DOT = 46;

/** Characters that cannot start a plain scalar (besides `-`, `?` and `:` followed by a space). */
function isIndicator(c: number): boolean {
  switch (c) {
    case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case COMMA: case HASH:
    case 38 /* & */: case 42 /* * */: case BANG: case PIPE: case GT: case SQUOTE: case DQUOTE:
    case 37 /* % */: case 64 /* @ */: case 96 /* ` */: case 63 /* ? */:
      return true;
    default:
      return false;
  }
}

const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the YAML 1.2 core schema, as `yaml` resolves it (in the same order). */
export function resolvePlain(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  // Most scalars are names and ARNs: anything not starting like a null, bool or number is a string.
  const numeric = (c >= 48 && c <= 57) || c === DASH || c === 43 /* + */ || c === DOT;
  if (!numeric) {
    switch (s) {
      case '~': case 'null': case 'Null': case 'NULL': return null;
      case 'true': case 'True': case 'TRUE': return true;
      case 'false': case 'False': case 'FALSE': return false;
      default: return s;
    }
  }
  if (OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_SPECIAL.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s.charCodeAt(0) === DASH ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

class FastParser {
  private nodes = 0;
  /** loc of the node the last parse call produced */
  private loc: LocNode = 0;
  /** position after the last parse call (line start for block nodes, next character for flow nodes) */
  private pos = 0;
  /** nesting of the flow collection being read */
  private flowLevel = 0;
  /** offsets of keys repeated in their map */
  readonly duplicates: number[] = [];
  /** the last value read was empty (`key:` or a bare tag) */
  private sawEmpty = false;

  constructor(
    private readonly text: string,
    private readonly maxNodes: number,
    private readonly maxDepth: number,
  ) {}

  private bail(): never {
    throw BAIL;
  }

  /** The name of the tag whose `!` is at `p`; anything but a CloudFormation short-form tag bails. */
  private tagName(p: number): string {
    const text = this.text;
    let i = p + 1;
    for (let c = text.charCodeAt(i); (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57); c = text.charCodeAt(++i));
    const name = text.slice(p + 1, i);
    if (!CFN_SHORT_TAGS.has(name)) this.bail();
    return name;
  }

  private count(n: number): void {
    this.nodes += n;
    if (this.nodes > this.maxNodes) this.bail();
  }

  // ---- lines -------------------------------------------------------------------------------

  private lineEnd(p: number): number {
    const i = this.text.indexOf('\n', p);
    return i < 0 ? this.text.length : i;
  }

  private nextLine(p: number): number {
    const i = this.text.indexOf('\n', p);
    return i < 0 ? this.text.length : i + 1;
  }

  private lineStartOf(p: number): number {
    return this.text.lastIndexOf('\n', p - 1) + 1;
  }

  /**
   * From a line start, skips blank and comment-only lines; returns the start of the next line
   * with content (or the text length). Content lines must be indented with spaces only.
   */
  private nextContentLine(p: number): number {
    const text = this.text;
    const len = text.length;
    while (p < len) {
      let i = p;
      let c = text.charCodeAt(i);
      while (c === SPACE) c = text.charCodeAt(++i);
      if (c === TAB) {
        // Whitespace-only lines may hold tabs; content may not be indented with them.
        while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
        if (i < len && c !== NL && c !== HASH) this.bail();
      }
      if (i >= len) return len;
      if (c === NL) {
        p = i + 1;
        continue;
      }
      if (c === HASH) {
        p = this.nextLine(i);
        continue;
      }
      return p;
    }
    return len;
  }

  private indentAt(lineStart: number): number {
    const text = this.text;
    let i = lineStart;
    while (text.charCodeAt(i) === SPACE) i++;
    return i - lineStart;
  }

  private skipSpaces(p: number): number {
    const text = this.text;
    while (text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  private isBlankOrEnd(p: number): boolean {
    if (p >= this.text.length) return true;
    const c = this.text.charCodeAt(p);
    return c === SPACE || c === NL;
  }

  /** After a node on this line: only spaces and a comment may follow. Moves to the next line. */
  private endLine(p: number): number {
    const text = this.text;
    p = this.skipSpaces(p);
    if (p >= text.length) return p;
    const c = text.charCodeAt(p);
    if (c === NL) return p + 1;
    if (c === HASH && text.charCodeAt(p - 1) === SPACE) return this.nextLine(p);
    return this.bail();
  }

  // ---- documents -----------------------------------------------------------------------------

  parse(): FastParseResult {
    const text = this.text;
    let p = this.nextContentLine(0);
    if (p >= text.length) this.bail();
    if (text.charCodeAt(p) === 37 /* % */) this.bail();
    if (text.startsWith('---', p) && this.isBlankOrEnd(p + 3)) {
      p = this.nextContentLine(this.endLine(p + 3));
      if (p >= text.length) this.bail();
    }
    const indent = this.indentAt(p);
    this.count(1);
    const data = this.node(p + indent, indent, -1, 0, true);
    const loc = this.loc;
    // One document only, and nothing after it.
    if (this.nextContentLine(this.pos) < text.length) this.bail();
    return { data, loc, text, duplicates: this.duplicates };
  }

  /** Offset of a document marker (`---` / `...`) at a line start, which ends the document. */
  private isDocumentMarker(lineStart: number): boolean {
    const text = this.text;
    return (text.startsWith('---', lineStart) || text.startsWith('...', lineStart)) && this.isBlankOrEnd(lineStart + 3);
  }

  // ---- block nodes ---------------------------------------------------------------------------

  /**
   * A node starting at `p` (column `col`) inside a block collection indented at `parent`.
   * `block`: whether a block map or sequence may start here (not after `key: ` on the same line).
   * Leaves `pos` at the start of the line after the node.
   */
  private node(p: number, col: number, parent: number, depth: number, block: boolean): unknown {
    if (depth > this.maxDepth) this.bail();
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === BANG) return this.taggedNode(p, parent, depth, block);
    if (c === DASH && this.isBlankOrEnd(p + 1)) {
      if (!block) this.bail();
      return this.blockSeq(p, col, depth);
    }
    if (c === LBRACKET || c === LBRACE) {
      const value = c === LBRACKET ? this.flowSeq(p, parent, depth) : this.flowMap(p, parent, depth);
      const after = this.skipSpaces(this.pos);
      if (text.charCodeAt(after) === COLON) this.bail();
      this.pos = this.endLine(after);
      return value;
    }
    if (c === PIPE || c === GT) return this.blockScalar(p, parent);
    if (c === DQUOTE || c === SQUOTE) {
      if (block && this.quotedKeyFollows(p)) return this.blockMap(p, col, depth);
      const value = this.quoted(p, parent);
      const loc = p;
      this.pos = this.endLine(this.pos);
      this.loc = loc;
      return value;
    }
    if (isIndicator(c)) this.bail();
    if (block && this.plainKeyEnd(p) >= 0) return this.blockMap(p, col, depth);
    return this.plainBlock(p, parent, true);
  }

  /** `!Tag node`: the node is on this line or, for a collection, on the following ones. */
  private taggedNode(p: number, parent: number, depth: number, block: boolean): unknown {
    const text = this.text;
    const name = this.tagName(p);
    const i = p + 1 + name.length;
    if (!this.isBlankOrEnd(i)) this.bail();
    const q = this.skipSpaces(i);
    const c = text.charCodeAt(q);
    let value: unknown;
    if (q >= text.length || c === NL || c === HASH) {
      // The tagged node is a collection on the following lines.
      if (c === HASH && text.charCodeAt(q - 1) !== SPACE) this.bail();
      const ls = this.nextContentLine(this.nextLine(q));
      const indent = ls < text.length ? this.indentAt(ls) : -1;
      const start = ls + indent;
      const first = text.charCodeAt(start);
      if (ls < text.length && indent > parent) {
        this.checkAfterComments(this.nextLine(q), ls, start);
        value = this.node(start, indent, parent, depth, true);
      } else if (ls < text.length && indent === parent && !block && first === DASH && this.isBlankOrEnd(start + 1)) {
        // `key: !Tag` may be followed by a sequence at the key's own indentation, like any map value.
        value = this.blockSeq(start, indent, depth);
      } else if (i >= text.length || text.charCodeAt(i) === NL) {
        // `!GetAZs` alone: an empty string, located right after the tag
        value = '';
        this.sawEmpty = true;
        this.loc = i;
        this.pos = this.nextLine(i);
      } else {
        this.bail();
      }
    } else if (c === PIPE || c === GT) {
      value = this.blockScalar(q, parent);
    } else if (c === DQUOTE || c === SQUOTE) {
      value = this.quoted(q, parent);
      this.loc = q;
      this.pos = this.endLine(this.pos);
    } else if (c === LBRACKET || c === LBRACE) {
      value = this.node(q, q - this.lineStartOf(q), parent, depth, false);
    } else {
      if (isIndicator(c) || (c === DASH && this.isBlankOrEnd(q + 1))) this.bail();
      value = this.plainBlock(q, parent, false);
    }
    return applyCfnTag(name, value);
  }

  /**
   * A plain scalar on its own line after comment lines (`key:`, a comment, then the value) is
   * read differently by yaml's lexer (it can swallow the following lines): left to yaml.
   */
  private checkAfterComments(from: number, lineStart: number, start: number): void {
    const hash = this.text.indexOf('#', from);
    if (hash < 0 || hash >= lineStart) return;
    const c = this.text.charCodeAt(start);
    if (c === DASH || c === LBRACKET || c === LBRACE || c === DQUOTE || c === SQUOTE || c === PIPE || c === GT) return;
    if (c !== BANG && this.plainKeyEnd(start) >= 0) return;
    this.bail();
  }

  /**
   * A key seen before in this map: yaml reports it (uniqueKeys) and the last value wins. yaml
   * compares keys by value, so `1` and `'1'` differ for it but not in the data: left to yaml.
   * After an empty value yaml reports the repeated key at the end of the previous line: also left to it.
   */
  private checkDuplicate(out: Record<string, unknown>, key: string, keyPos: number, nonStringKeys: boolean, prevEmpty: boolean): void {
    if (!Object.prototype.hasOwnProperty.call(out, key)) return;
    if (nonStringKeys || prevEmpty) this.bail();
    this.duplicates.push(keyPos);
  }

  /** Where the `:` of an implicit plain key on this line is, or -1 when the line holds no key. */
  private plainKeyEnd(p: number): number {
    const text = this.text;
    const len = text.length;
    for (let i = p; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === NL) return -1;
      if (c === COLON) {
        const next = i + 1 < len ? text.charCodeAt(i + 1) : NL;
        if (next === SPACE || next === NL) return i;
        if (next === TAB) this.bail();
      } else if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
        return -1;
      }
    }
    return -1;
  }

  /** Is the quoted scalar at `p` a key (`"a": ...`) on one line? */
  private quotedKeyFollows(p: number): boolean {
    const text = this.text;
    const quote = text.charCodeAt(p);
    let i = p + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= text.length || c === NL) return false;
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          i += 2;
          continue;
        }
        break;
      }
      if (c === 92 /* \ */ && quote === DQUOTE) i++;
      i++;
    }
    const j = this.skipSpaces(i + 1);
    return text.charCodeAt(j) === COLON && this.isBlankOrEnd(j + 1);
  }

  private blockMap(p: number, col: number, depth: number): Record<string, unknown> {
    const text = this.text;
    const len = text.length;
    if (depth + 1 > this.maxDepth) this.bail();
    const out: Record<string, unknown> = {};
    const loc: LocMap = { o: p, k: [], ko: [], v: [] };
    let keyPos = p;
    let nonStringKeys = false;
    let prevEmpty = false;
    for (;;) {
      // key
      let key: string;
      let locKey: string;
      let afterColon: number;
      const c = text.charCodeAt(keyPos);
      if (c === DQUOTE || c === SQUOTE) {
        if (!this.quotedKeyFollows(keyPos)) this.bail();
        key = this.quoted(keyPos, col) as string;
        // A single-quoted `<<` is still a merge key for the converter.
        if (key === '<<' && c === SQUOTE) this.bail();
        locKey = key;
        afterColon = this.skipSpaces(this.pos) + 1;
      } else {
        if (isIndicator(c) || ((c === DASH || c === COLON) && this.isBlankOrEnd(keyPos + 1))) this.bail();
        const colon = this.plainKeyEnd(keyPos);
        if (colon < 0) this.bail();
        let end = colon;
        while (end > keyPos && text.charCodeAt(end - 1) === SPACE) end--;
        const raw = text.slice(keyPos, end);
        if (raw.length > 1000 || raw.includes('\t') || raw === '<<') this.bail();
        const value = resolvePlain(raw);
        key = keyText(value);
        locKey = String(value);
        if (typeof value !== 'string') nonStringKeys = true;
        afterColon = colon + 1;
      }
      this.count(2);
      this.checkDuplicate(out, key, keyPos, nonStringKeys, prevEmpty);
      this.sawEmpty = false;
      // value
      const q = this.skipSpaces(afterColon);
      const vc = q < len ? text.charCodeAt(q) : NL;
      let value: unknown;
      if (vc === NL || vc === HASH) {
        if (vc === HASH && text.charCodeAt(q - 1) !== SPACE) this.bail();
        const ls = this.nextContentLine(this.nextLine(q));
        const indent = ls < len ? this.indentAt(ls) : -1;
        const start = ls + indent;
        if (ls < len && indent > col) {
          this.checkAfterComments(this.nextLine(q), ls, start);
          value = this.node(start, indent, col, depth + 1, true);
        } else if (ls < len && indent === col && text.charCodeAt(start) === DASH && this.isBlankOrEnd(start + 1)) {
          if (depth + 1 > this.maxDepth) this.bail();
          value = this.blockSeq(start, indent, depth + 1);
        } else {
          value = null;
          this.sawEmpty = true;
          this.loc = q;
          this.pos = ls;
        }
      } else if (vc === TAB) {
        return this.bail();
      } else {
        // same line as the key
        value = this.node(q, col + (q - keyPos), col, depth + 1, false);
      }
      setOwn(out, key, value);
      prevEmpty = this.sawEmpty;
      loc.k.push(locKey);
      loc.ko.push(keyPos);
      loc.v.push(this.loc);
      const next = this.nextEntryAt(col);
      if (next < 0) break;
      keyPos = next;
      const kc = text.charCodeAt(keyPos);
      // A sequence at the map's own indentation only follows a key with an empty value.
      if (kc === DASH && this.isBlankOrEnd(keyPos + 1)) this.bail();
    }
    this.loc = loc;
    return out;
  }

  /**
   * Where the next entry of a block collection at indentation `col` starts, after the node just
   * read; -1 when the collection ends (end of text or a line indented less).
   */
  private nextEntryAt(col: number): number {
    const ls = this.nextContentLine(this.pos);
    if (ls >= this.text.length) return -1;
    const indent = this.indentAt(ls);
    if (indent < col) return -1;
    if (indent > col || this.isDocumentMarker(ls)) this.bail();
    return ls + indent;
  }

  private blockSeq(p: number, col: number, depth: number): unknown[] {
    const text = this.text;
    const len = text.length;
    const out: unknown[] = [];
    const loc: LocSeq = { o: p, i: [] };
    let dash = p;
    for (;;) {
      this.count(1);
      if (depth + 1 > this.maxDepth) this.bail();
      const q = this.skipSpaces(dash + 1);
      const c = q < len ? text.charCodeAt(q) : NL;
      let value: unknown;
      if (c === NL || c === HASH) {
        if (c === HASH && text.charCodeAt(q - 1) !== SPACE) this.bail();
        const ls = this.nextContentLine(this.nextLine(q));
        if (ls >= len) this.bail();
        const indent = this.indentAt(ls);
        // An empty item: rare in templates, left to the full parser.
        if (indent <= col) this.bail();
        this.checkAfterComments(this.nextLine(q), ls, ls + indent);
        value = this.node(ls + indent, indent, col, depth + 1, true);
      } else if (c === TAB) {
        return this.bail();
      } else {
        value = this.node(q, col + (q - dash), col, depth + 1, true);
      }
      out.push(value);
      loc.i.push(this.loc);
      const next = this.nextEntryAt(col);
      if (next < 0) break;
      dash = next;
      // Anything else at this indentation belongs to the enclosing map (checked there).
      if (!(text.charCodeAt(dash) === DASH && this.isBlankOrEnd(dash + 1))) break;
    }
    this.loc = loc;
    return out;
  }

  // ---- scalars in block context ----------------------------------------------------------------

  /**
   * A plain scalar, possibly continued on more-indented lines (folded with spaces, empty lines
   * kept as newlines). `resolve`: apply the core schema (untagged) or keep the string (tagged).
   */
  private plainBlock(p: number, parent: number, resolve: boolean): unknown {
    const text = this.text;
    const len = text.length;
    let end = this.plainLineEnd(p);
    let value = text.slice(p, this.trimRight(p, end));
    let next: number;
    if (end < len && text.charCodeAt(end) === HASH) {
      next = this.nextLine(end);
    } else {
      next = end < len ? end + 1 : len;
      // continuation lines
      for (;;) {
        let blanks = 0;
        let ls = next;
        let indent = 0;
        while (ls < len) {
          indent = this.indentAt(ls);
          const c = text.charCodeAt(ls + indent);
          if (ls + indent >= len) {
            ls = len;
            break;
          }
          if (c !== NL) break;
          blanks++;
          ls = ls + indent + 1;
        }
        if (ls >= len || indent <= parent) break;
        const start = ls + indent;
        const c = text.charCodeAt(start);
        if (c === HASH || c === TAB) break; // a comment ends the scalar; what follows is checked by the caller
        if (isIndicator(c) || c === DASH || c === COLON) this.bail();
        if (parent < 0 && this.isDocumentMarker(ls)) this.bail();
        end = this.plainLineEnd(start);
        value += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + text.slice(start, this.trimRight(start, end));
        if (end < len && text.charCodeAt(end) === HASH) {
          next = this.nextLine(end);
          break;
        }
        next = end < len ? end + 1 : len;
      }
    }
    this.loc = p;
    this.pos = next;
    return resolve ? resolvePlain(value) : value;
  }

  /** End of a plain scalar's text on this line: the newline, or the `#` of a comment. */
  private plainLineEnd(p: number): number {
    const text = this.text;
    const len = text.length;
    for (let i = p; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === NL) return i;
      if (c === COLON) {
        const next = i + 1 < len ? text.charCodeAt(i + 1) : NL;
        if (next === SPACE || next === NL || next === TAB) this.bail();
      } else if (c === HASH) {
        const prev = text.charCodeAt(i - 1);
        if (prev === SPACE) return i;
        if (prev === TAB) this.bail();
      } else if (c === TAB) {
        this.bail();
      }
    }
    return len;
  }

  private trimRight(start: number, end: number): number {
    const text = this.text;
    while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  /**
   * A single- or double-quoted scalar at `p`, possibly over several lines (folded). Leaves `pos`
   * right after the closing quote. Continuation lines must be indented beyond `parent`.
   */
  private quoted(p: number, parent: number): string {
    const text = this.text;
    const len = text.length;
    const quote = text.charCodeAt(p);
    const double = quote === DQUOTE;
    let out = '';
    let seg = p + 1;
    let i = seg;
    for (;;) {
      if (i >= len) this.bail();
      const c = text.charCodeAt(i);
      if (c === quote) {
        if (!double && text.charCodeAt(i + 1) === SQUOTE) {
          out += text.slice(seg, i + 1);
          i += 2;
          seg = i;
          continue;
        }
        out += text.slice(seg, i);
        this.pos = i + 1;
        return out;
      }
      if (double && c === 92 /* \ */) {
        out += text.slice(seg, i);
        const e = text[i + 1];
        if (e === undefined) this.bail();
        if (e === '\n') {
          // escaped line break: joined without a space, the next line's indentation dropped
          i = this.continuation(i + 2, parent);
          seg = i;
          continue;
        }
        if (e === 'x' || e === 'u' || e === 'U') {
          const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + digits);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) this.bail();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) this.bail();
          out += String.fromCodePoint(code);
          i += 2 + digits;
        } else {
          const replaced = ESCAPES[e];
          if (replaced === undefined) this.bail();
          out += replaced;
          i += 2;
        }
        seg = i;
        continue;
      }
      if (c === NL) {
        // folding: trailing white space dropped, one line break -> space, n empty lines -> n newlines
        let end = i;
        while (end > seg && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--;
        out += text.slice(seg, end);
        let blanks = 0;
        let j = i + 1;
        for (;;) {
          let k = j;
          while (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB) k++;
          if (k < len && text.charCodeAt(k) === NL) {
            blanks++;
            j = k + 1;
            continue;
          }
          break;
        }
        out += blanks === 0 ? ' ' : '\n'.repeat(blanks);
        i = this.continuation(j, parent);
        seg = i;
        continue;
      }
      i++;
    }
  }

  /** A quoted scalar's continuation line starting at `ls`: returns its first non-blank character. */
  private continuation(ls: number, parent: number): number {
    const text = this.text;
    if (this.isDocumentMarker(ls)) this.bail();
    let k = ls;
    while (text.charCodeAt(k) === SPACE) k++;
    if (k - ls <= parent) this.bail();
    while (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB) k++;
    return k;
  }

  /** `|` / `>` block scalar with optional `-` chomping (keep chomping and explicit indentation are left to yaml). */
  private blockScalar(p: number, parent: number): string {
    const text = this.text;
    const len = text.length;
    const folded = text.charCodeAt(p) === GT;
    let i = p + 1;
    let strip = false;
    const h = text.charCodeAt(i);
    if (h === DASH) {
      strip = true;
      i++;
    } else if (h === 43 /* + */ || (h >= 48 && h <= 57)) {
      this.bail();
    }
    if (!this.isBlankOrEnd(i)) this.bail();
    const first = this.endLine(i);
    // content lines
    const lines: string[] = [];
    let indent = -1;
    let maxEmpty = 0;
    let ls = first;
    let trailingEmpty = 0;
    while (ls < len) {
      let k = ls;
      while (text.charCodeAt(k) === SPACE) k++;
      const n = k - ls;
      const c = k < len ? text.charCodeAt(k) : NL;
      if (c === NL) {
        // an empty line (only spaces)
        if (indent < 0) {
          if (n > maxEmpty) maxEmpty = n;
          lines.push('');
        } else if (n > indent) {
          // spaces beyond the indentation are content
          if (folded) this.bail();
          lines.push(text.slice(ls + indent, k));
          trailingEmpty = 0;
        } else {
          lines.push('');
          trailingEmpty++;
        }
        ls = k < len ? k + 1 : len;
        continue;
      }
      if (indent < 0) {
        if (n <= parent) break;
        if (maxEmpty > n) this.bail();
        indent = n;
      } else if (n < indent) {
        break;
      }
      const end = this.lineEnd(k);
      lines.push(text.slice(ls + indent, end));
      trailingEmpty = 0;
      ls = end < len ? end + 1 : len;
    }
    if (indent < 0) this.bail();
    if (parent < 0 && this.isDocumentMarker(ls)) this.bail();
    // drop trailing empty lines: chomping decides about them
    lines.length -= trailingEmpty;
    let value: string;
    if (!folded) {
      value = lines.join('\n');
    } else {
      value = '';
      let pendingBlanks = 0;
      let prevMoreIndented = false;
      let started = false;
      for (const line of lines) {
        if (line === '') {
          pendingBlanks++;
          continue;
        }
        const more = line.charCodeAt(0) === SPACE || line.charCodeAt(0) === TAB;
        if (!started) {
          value += '\n'.repeat(pendingBlanks);
          started = true;
        } else if (more || prevMoreIndented) {
          value += '\n' + '\n'.repeat(pendingBlanks);
        } else {
          value += pendingBlanks === 0 ? ' ' : '\n'.repeat(pendingBlanks);
        }
        value += line;
        pendingBlanks = 0;
        prevMoreIndented = more;
      }
      if (!started) this.bail();
    }
    if (!strip) value += '\n';
    this.loc = p;
    this.pos = ls;
    return value;
  }

  // ---- flow collections ------------------------------------------------------------------------

  /** Skips white space, line breaks and comments inside a flow collection. */
  private flowSpace(p: number, parent: number): number {
    const text = this.text;
    const len = text.length;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === SPACE || c === TAB) {
        p++;
      } else if (c === NL) {
        const ls = p + 1;
        if (this.isDocumentMarker(ls)) this.bail();
        let k = ls;
        while (text.charCodeAt(k) === SPACE) k++;
        const kc = text.charCodeAt(k);
        // continuation lines of a flow collection must be indented beyond its block parent
        // (the outermost collection's closing bracket may stand at the parent's indentation)
        if (k < len && kc !== NL && kc !== HASH && kc !== TAB && k - ls <= parent && !(k - ls === parent && this.flowLevel === 1 && (kc === RBRACKET || kc === RBRACE))) this.bail();
        p = k;
      } else if (c === HASH) {
        const prev = text.charCodeAt(p - 1);
        if (!(prev === SPACE || prev === TAB || prev === NL)) this.bail();
        p = this.lineEnd(p);
      } else {
        return p;
      }
      if (p >= len) this.bail();
    }
  }

  private flowSeq(p: number, parent: number, depth: number): unknown[] {
    const text = this.text;
    const out: unknown[] = [];
    const loc: LocSeq = { o: p, i: [] };
    this.flowLevel++;
    let i = this.flowSpace(p + 1, parent);
    if (text.charCodeAt(i) === RBRACKET) i = this.flowNext(i, parent, RBRACKET); // `[]`
    while (i >= 0) {
      this.count(1);
      const start = i;
      const c0 = text.charCodeAt(i);
      const item = this.flowNode(i, parent, depth + 1);
      i = this.flowSpace(this.pos, parent);
      if (text.charCodeAt(i) === COLON) {
        // `[key: value]`: a single-pair map (as in `!Sub [text, {Name: value}]` written without braces)
        if (c0 === LBRACKET || c0 === LBRACE || c0 === BANG || (item !== null && typeof item === 'object')) this.bail();
        if (depth + 2 > this.maxDepth) this.bail();
        this.count(2);
        const key = keyText(item);
        if (key === '<<' && c0 !== DQUOTE) this.bail();
        i = this.flowSpace(i + 1, parent);
        const vc = text.charCodeAt(i);
        if (vc === COMMA || vc === RBRACKET) this.bail();
        const value = this.flowNode(i, parent, depth + 2);
        const pair: Record<string, unknown> = {};
        setOwn(pair, key, value);
        out.push(pair);
        loc.i.push({ o: start, k: [String(item)], ko: [start], v: [this.loc] });
        i = this.flowSpace(this.pos, parent);
      } else {
        out.push(item);
        loc.i.push(this.loc);
      }
      i = this.flowNext(i, parent, RBRACKET);
    }
    this.loc = loc;
    return out;
  }

  private flowMap(p: number, parent: number, depth: number): Record<string, unknown> {
    const text = this.text;
    if (depth + 1 > this.maxDepth) this.bail();
    const out: Record<string, unknown> = {};
    const loc: LocMap = { o: p, k: [], ko: [], v: [] };
    let nonStringKeys = false;
    let prevEmpty = false;
    this.flowLevel++;
    let i = this.flowSpace(p + 1, parent);
    if (text.charCodeAt(i) === RBRACE) i = this.flowNext(i, parent, RBRACE); // `{}`
    while (i >= 0) {
      // key
      const keyPos = i;
      const c = text.charCodeAt(i);
      let key: string;
      let locKey: string;
      if (c === DQUOTE || c === SQUOTE) {
        key = this.quoted(i, parent);
        if (key.includes('\n') || (key === '<<' && c === SQUOTE)) this.bail();
        locKey = key;
        i = this.pos;
        while (text.charCodeAt(i) === SPACE) i++;
        if (text.charCodeAt(i) !== COLON) this.bail();
      } else {
        if (isIndicator(c) || ((c === DASH || c === COLON) && this.flowBreak(i + 1))) this.bail();
        const end = this.flowPlainEnd(i);
        if (text.charCodeAt(end) !== COLON) this.bail();
        const raw = text.slice(i, this.trimRight(i, end));
        if (raw === '<<' || raw.length > 1000) this.bail();
        const value = resolvePlain(raw);
        key = keyText(value);
        locKey = String(value);
        if (typeof value !== 'string') nonStringKeys = true;
        i = end;
      }
      this.count(2);
      this.checkDuplicate(out, key, keyPos, nonStringKeys, prevEmpty);
      this.sawEmpty = false;
      // `:` then the value
      i = this.flowSpace(i + 1, parent);
      const vc = text.charCodeAt(i);
      if (vc === COMMA || vc === RBRACE) this.bail();
      const value = this.flowNode(i, parent, depth + 1);
      setOwn(out, key, value);
      prevEmpty = this.sawEmpty;
      loc.k.push(locKey);
      loc.ko.push(keyPos);
      loc.v.push(this.loc);
      i = this.flowNext(this.flowSpace(this.pos, parent), parent, RBRACE);
    }
    this.loc = loc;
    return out;
  }

  /**
   * After an item of a flow collection, at `i`: a `,` (perhaps followed by the closing bracket)
   * or the closing bracket `close`. Returns where the next item starts, or -1 when the collection
   * is closed (then `pos` is past the bracket).
   */
  private flowNext(i: number, parent: number, close: number): number {
    let c = this.text.charCodeAt(i);
    if (c === COMMA) {
      i = this.flowSpace(i + 1, parent);
      c = this.text.charCodeAt(i);
      if (c !== close) return i;
    }
    if (c !== close) this.bail();
    this.flowLevel--;
    this.pos = i + 1;
    return -1;
  }

  /** True when the character at `p` ends a plain scalar in flow context. */
  private flowBreak(p: number): boolean {
    if (p >= this.text.length) return true;
    const c = this.text.charCodeAt(p);
    return c === SPACE || c === NL || c === TAB || c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
  }

  /** End of a plain scalar in flow context (single line): a flow indicator, `: `, ` #` or the line end. */
  private flowPlainEnd(p: number): number {
    const text = this.text;
    const len = text.length;
    let i = p;
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c === NL || c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE) break;
      if (c === COLON && this.flowBreak(i + 1)) break;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (c === TAB) this.bail();
    }
    return i;
  }

  private flowNode(p: number, parent: number, depth: number): unknown {
    if (depth > this.maxDepth) this.bail();
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === LBRACKET) return this.flowSeq(p, parent, depth);
    if (c === LBRACE) return this.flowMap(p, parent, depth);
    if (c === DQUOTE || c === SQUOTE) {
      const value = this.quoted(p, parent);
      this.loc = p;
      return value;
    }
    if (c === BANG) {
      const name = this.tagName(p);
      const i = p + 1 + name.length;
      const k = text.charCodeAt(i);
      if (!(k === SPACE || k === NL)) this.bail();
      const q = this.flowSpace(i, parent);
      const qc = text.charCodeAt(q);
      if (qc === COMMA || qc === RBRACKET || qc === RBRACE) {
        // `[0, !GetAZs ]`: an empty string, located at the next token as yaml does
        this.sawEmpty = true;
        this.loc = q;
        this.pos = q;
        return applyCfnTag(name, '');
      }
      if (qc === BANG) this.bail();
      if (qc === LBRACKET || qc === LBRACE || qc === DQUOTE || qc === SQUOTE) return applyCfnTag(name, this.flowNode(q, parent, depth));
      return applyCfnTag(name, this.flowPlain(q, false));
    }
    if (isIndicator(c) || ((c === DASH || c === COLON) && this.flowBreak(p + 1))) this.bail();
    return this.flowPlain(p, true);
  }

  private flowPlain(p: number, resolve: boolean): unknown {
    const text = this.text;
    if (isIndicator(text.charCodeAt(p))) this.bail();
    const end = this.flowPlainEnd(p);
    const raw = text.slice(p, this.trimRight(p, end));
    if (raw.length === 0) this.bail();
    // A plain scalar continued on the next line is folded by YAML: left to the full parser.
    if (text.charCodeAt(end) === NL) {
      const next = this.flowSpace(end, -1);
      const nc = text.charCodeAt(next);
      if (!(nc === COMMA || nc === RBRACKET || nc === RBRACE || nc === COLON)) this.bail();
    }
    this.loc = p;
    this.pos = end;
    return resolve ? resolvePlain(raw) : raw;
  }
}

export interface FastParseOptions {
  maxNodes: number;
  maxDepth: number;
}

/** Parses `text` on the fast path; undefined when it needs the full YAML parser. */
export function fastParse(text: string, options: FastParseOptions): FastParseResult | undefined {
  if (text.length === 0 || text.charCodeAt(0) === 0xfeff) return undefined;
  if (text.includes('\r')) {
    // CRLF files: line and column numbers are the same without the CRs; a lone CR is left to yaml.
    if (/\r(?!\n)/.test(text)) return undefined;
    text = text.replace(/\r\n/g, '\n');
  }
  try {
    return new FastParser(text, options.maxNodes, options.maxDepth).parse();
  } catch (error) {
    if (error === BAIL) return undefined;
    // A RangeError from pathological nesting, or a bug: the full parser decides.
    return undefined;
  }
}

/** Line starts of `text`, for turning offsets into line / column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `offset`, as yaml's LineCounter reports them. */
export function linePos(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

/**
 * Offset of the deepest node along `path`, walking a LocNode tree exactly as the yaml-Document
 * locator walks the syntax tree: map keys by their scalar value, sequence items by index, and
 * long-form intrinsic keys (`Ref`, `Fn::*`) standing for a tagged node in the source.
 */
export function locateOffset(root: LocNode, path: readonly (string | number)[]): number {
  let node: LocNode | undefined = root;
  let offset = locOffset(root);
  for (const segment of path) {
    const intrinsic = typeof segment === 'string' && (segment === 'Ref' || segment.startsWith('Fn::'));
    if (typeof node === 'object' && 'k' in node) {
      const index: number = node.k.indexOf(String(segment));
      if (index < 0) {
        if (intrinsic) continue;
        break;
      }
      offset = node.ko[index]!;
      node = node.v[index]!;
    } else if (typeof node === 'object' && typeof segment === 'number') {
      const item: LocNode | undefined = node.i[segment];
      if (item === undefined) break;
      node = item;
      offset = locOffset(item);
    } else if (intrinsic) {
      continue;
    } else {
      break;
    }
  }
  return offset;
}

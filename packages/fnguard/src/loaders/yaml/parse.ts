/**
 * Parses CloudFormation / SAM / serverless.yml text (YAML or JSON) into plain data, converting
 * CloudFormation short-form tags to their long form, and answers "where is this path?" lazily
 * from the YAML syntax tree so that models of large templates don't pay for locations nobody asks for.
 *
 * The conversion walks the syntax tree itself instead of using yaml's `toJS()` because it must
 * (1) turn `!GetAtt A.B` into `{ "Fn::GetAtt": ["A", "B"] }`, (2) bound the work done by aliases
 * (YAML bombs expand exponentially), and (3) never throw on hostile input.
 *
 * Most texts never reach `yaml`: fast.ts reads the YAML subset templates are written in, with
 * source offsets, and gives up on anything else; only then is the library loaded and used.
 */
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import type { Document, LineCounter, Node as YamlNode, Pair, Tags } from 'yaml';
import type { LoadWarning, SourceLocation } from '../../model/types.js';
import { applyCfnTag, CFN_SHORT_TAGS, fastParse, linePos, lineStarts, locateOffset } from './fast.js';
import type { FastParseOptions, LocNode } from './fast.js';

let yamlModule: typeof YamlModule | undefined;

/**
 * The CLI bundle (scripts/bundle.mjs) defines this as the path of the one-file copy of `yaml` it
 * writes beside itself; everywhere else it is undeclared and the package is required by name.
 */
declare const FNGUARD_BUNDLED_YAML: string | undefined;

/**
 * The `yaml` library, loaded on first use: the fast path reads almost every template without it.
 * Loading its ~70 CommonJS modules took 60-95 ms; the bundled one-file copy takes about 12 ms.
 */
function Y(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)(typeof FNGUARD_BUNDLED_YAML === 'string' ? FNGUARD_BUNDLED_YAML : 'yaml') as typeof YamlModule;
  return yamlModule;
}

export type PathSegment = string | number;

export interface ParsedFile {
  /** path relative to the scanned root */
  file: string;
  /** plain data with CloudFormation tags in long form; undefined when the text could not be parsed */
  data: unknown;
  warnings: LoadWarning[];
  /** location of the deepest node along `path` that exists (the key's position for map entries) */
  locate(path: readonly PathSegment[]): SourceLocation;
}

export interface ParseOptions {
  /** upper bound on data nodes produced, aliases included (YAML bomb guard) */
  maxNodes?: number;
  /** upper bound on nesting depth */
  maxDepth?: number;
}

const DEFAULT_MAX_NODES = 500_000;
const DEFAULT_MAX_DEPTH = 200;

function limitsOf(options: ParseOptions): FastParseOptions {
  return { maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH };
}

/**
 * Registered so that yaml keeps the nodes as they are instead of building a warning (with a
 * stack trace) for every `!Ref`: that alone was a fifth of the parse time on the corpus.
 * The conversion to long form stays in the Converter, which sees the tag on each node.
 */
const CFN_TAGS: Tags = [...CFN_SHORT_TAGS].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const },
  { tag: `!${name}`, collection: 'map' as const },
]);

class BudgetExceeded extends Error {}

/** Converts one document's syntax tree to plain data. */
class Converter {
  private nodes = 0;
  readonly unknownTags = new Set<string>();
  /** yaml's Alias.resolve scans the whole document; a bomb calls it millions of times */
  private readonly aliasTargets = new Map<unknown, unknown>();

  constructor(
    private readonly doc: Document,
    private readonly maxNodes: number,
    private readonly maxDepth: number,
  ) {}

  convert(node: unknown, depth: number, active: Set<unknown>): unknown {
    if (++this.nodes > this.maxNodes || depth > this.maxDepth) throw new BudgetExceeded();
    if (node === null || node === undefined) return null;
    if (Y().isAlias(node)) {
      let target = this.aliasTargets.get(node);
      if (target === undefined) {
        target = node.resolve(this.doc) ?? null;
        this.aliasTargets.set(node, target);
      }
      // An alias that points at one of its own ancestors would expand forever.
      if (!target || active.has(target)) return null;
      return this.convert(target, depth + 1, active);
    }
    let value: unknown;
    active.add(node);
    try {
      if (Y().isScalar(node)) value = node.value;
      else if (Y().isMap(node)) value = this.convertMap(node.items, depth, active);
      else if (Y().isSeq(node)) value = node.items.map((item) => this.convert(item, depth + 1, active));
      else value = null;
    } finally {
      active.delete(node);
    }
    const tag = (node as { tag?: string }).tag;
    return tag && tag.startsWith('!') ? this.applyTag(tag.slice(1), value) : value;
  }

  private convertMap(pairs: readonly unknown[], depth: number, active: Set<unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const merged: Record<string, unknown>[] = [];
    for (const pair of pairs) {
      if (!Y().isPair(pair)) continue;
      const key = this.keyOf(pair, depth, active);
      if (key === '<<' && !(Y().isScalar(pair.key) && pair.key.type === 'QUOTE_DOUBLE')) {
        // YAML 1.1 merge key, used in serverless.yml files to share settings.
        const source = this.convert(pair.value, depth + 1, active);
        for (const item of Array.isArray(source) ? source : [source]) {
          if (item && typeof item === 'object' && !Array.isArray(item)) merged.push(item as Record<string, unknown>);
        }
        continue;
      }
      // Object.defineProperty keeps `__proto__` an ordinary key instead of changing the prototype.
      Object.defineProperty(out, key, {
        value: this.convert(pair.value, depth + 1, active), enumerable: true, writable: true, configurable: true,
      });
    }
    for (const source of merged) {
      for (const [key, value] of Object.entries(source)) {
        if (!Object.prototype.hasOwnProperty.call(out, key)) {
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        }
      }
    }
    return out;
  }

  private keyOf(pair: Pair, depth: number, active: Set<unknown>): string {
    const key = this.convert(pair.key, depth + 1, active);
    if (typeof key === 'string') return key;
    if (key === null) return '';
    return typeof key === 'object' ? JSON.stringify(key) : String(key);
  }

  private applyTag(name: string, value: unknown): unknown {
    if (CFN_SHORT_TAGS.has(name)) return applyCfnTag(name, value);
    this.unknownTags.add(name);
    return value;
  }
}

/** Iterative, so that measuring a hostile document cannot itself overflow the stack. */
function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function isJsonText(text: string, file: string): boolean {
  return file.toLowerCase().endsWith('.json') || /^\s*[{[]/.test(text);
}

/** Key nodes compare by their scalar value; complex keys never match a path segment. */
function findPairByKey(items: readonly unknown[], key: PathSegment): Pair | undefined {
  for (const item of items) {
    if (Y().isPair(item) && Y().isScalar(item.key) && String(item.key.value) === String(key)) return item;
  }
  return undefined;
}

function makeLocator(file: string, text: string, cached: { doc?: Document; lines?: LineCounter }): (path: readonly PathSegment[]) => SourceLocation {
  return (path) => {
    if (!cached.doc) {
      const lines = new (Y().LineCounter)();
      try {
        cached.doc = Y().parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, customTags: CFN_TAGS })[0] as Document | undefined;
      } catch {
        cached.doc = undefined;
      }
      cached.lines = lines;
    }
    const doc = cached.doc;
    const lines = cached.lines;
    if (!doc || !lines) return { file, line: 1, column: 1 };
    let node: unknown = doc.contents;
    let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
    for (const segment of path) {
      while (Y().isAlias(node)) node = node.resolve(doc);
      if (Y().isMap(node)) {
        const pair = findPairByKey(node.items, segment);
        if (!pair) {
          // Long-form intrinsic keys (`Fn::GetAtt`) stand for a tagged node in the source: stay on it.
          if (typeof segment === 'string' && (segment === 'Ref' || segment.startsWith('Fn::'))) continue;
          break;
        }
        offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (Y().isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) break;
        node = item;
        offset = (item as YamlNode | null)?.range?.[0] ?? offset;
      } else if (typeof segment === 'string' && (segment === 'Ref' || segment.startsWith('Fn::'))) {
        continue;
      } else {
        break;
      }
    }
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
}

/** Locations from the fast path's offset tree; line starts are computed on first use. */
function makeTreeLocator(file: string, text: string, tree: LocNode): (path: readonly PathSegment[]) => SourceLocation {
  let starts: number[] | undefined;
  return (path) => {
    starts ??= lineStarts(text);
    const pos = linePos(starts, locateOffset(tree, path));
    return { file, line: pos.line, column: pos.col };
  };
}

/** JSON data comes from JSON.parse; locations from the fast path when it can read the text, else from yaml. */
function makeJsonLocator(file: string, text: string, limits: FastParseOptions): (path: readonly PathSegment[]) => SourceLocation {
  let locate: ((path: readonly PathSegment[]) => SourceLocation) | undefined;
  return (path) => {
    if (!locate) {
      const fast = fastParse(text, limits);
      locate = fast ? makeTreeLocator(file, fast.text, fast.loc) : makeLocator(file, text, {});
    }
    return locate(path);
  };
}

function yamlErrorLocation(file: string, error: { linePos?: [{ line: number; col: number }, ...unknown[]] }): SourceLocation {
  const pos = error.linePos?.[0];
  return { file, line: pos?.line ?? 1, column: pos?.col ?? 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Parses YAML or JSON template text. Never throws: problems become warnings. */
export function parseTemplateText(text: string, file: string, options: ParseOptions = {}): ParsedFile {
  const warnings: LoadWarning[] = [];
  const limits = limitsOf(options);

  if (isJsonText(text, file)) {
    const locate = makeJsonLocator(file, text, limits);
    const result = (data: unknown): ParsedFile => ({ file, data, warnings, locate });
    let data: unknown;
    let parsedAsJson = false;
    try {
      data = JSON.parse(text);
      parsedAsJson = true;
    } catch {
      // Not strict JSON (comments, YAML flow style): fall through to the YAML parser, which accepts JSON.
    }
    if (parsedAsJson) {
      if (!exceedsDepth(data, limits.maxDepth)) return result(data);
      warnings.push({ code: 'yaml-too-complex', message: `${file} nests deeper than ${limits.maxDepth} levels; not analysed`, location: { file, line: 1, column: 1 } });
      return result(undefined);
    }
  }
  // The common case: plain template YAML, read in one pass with its source offsets.
  const fast = fastParse(text, limits);
  if (fast) {
    if (fast.duplicates.length > 0) {
      const starts = lineStarts(fast.text);
      for (const offset of fast.duplicates.slice(0, 20)) {
        const pos = linePos(starts, offset);
        warnings.push({ code: 'duplicate-key', message: `duplicate key in ${file} (the last value is used): Map keys must be unique at line ${pos.line}, column ${pos.col}:`, location: { file, line: pos.line, column: pos.col } });
      }
    }
    return { file, data: fast.data, warnings, locate: makeTreeLocator(file, fast.text, fast.loc) };
  }
  return parseWithYaml(text, file, warnings, limits);
}

/** Parses with the `yaml` library only, never the fast path: for tests that compare the two. */
export function parseTemplateTextWithYaml(text: string, file: string, options: ParseOptions = {}): ParsedFile {
  return parseWithYaml(text, file, [], limitsOf(options));
}

/** The general path: the `yaml` library's Document, converted by walking its syntax tree. */
function parseWithYaml(text: string, file: string, warnings: LoadWarning[], limits: FastParseOptions): ParsedFile {
  const cache: { doc?: Document; lines?: LineCounter } = {};
  const locate = makeLocator(file, text, cache);
  const result = (data: unknown): ParsedFile => ({ file, data, warnings, locate });

  const lines = new (Y().LineCounter)();
  let docs: Document[];
  try {
    docs = Y().parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, customTags: CFN_TAGS }) as unknown as Document[];
  } catch (error) {
    warnings.push({ code: 'yaml-parse', message: `cannot parse ${file}: ${firstLine(String((error as Error).message))}`, location: { file, line: 1, column: 1 } });
    return result(undefined);
  }
  if (!Array.isArray(docs) || docs.length === 0) {
    warnings.push({ code: 'empty-file', message: `${file} is empty`, location: { file, line: 1, column: 1 } });
    return result(undefined);
  }
  if (docs.length > 1) {
    warnings.push({ code: 'multiple-documents', message: `${file} holds ${docs.length} YAML documents; only the first is read`, location: { file, line: 1, column: 1 } });
  }
  let doc = docs[0]!;
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
  const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  if (fatal.length > 0) {
    const first = fatal[0]!;
    warnings.push({ code: 'yaml-parse', message: `cannot parse ${file}: ${firstLine(first.message)}`, location: yamlErrorLocation(file, first as never) });
    return result(undefined);
  }
  if (duplicates.length > 0) {
    for (const dup of duplicates.slice(0, 20)) {
      warnings.push({ code: 'duplicate-key', message: `duplicate key in ${file} (the last value is used): ${firstLine(dup.message)}`, location: yamlErrorLocation(file, dup as never) });
    }
    // Re-parse leniently so the rest of the file is still analysed, as CloudFormation's own parser would not.
    const lenient = Y().parseAllDocuments(text, { lineCounter: new (Y().LineCounter)(), uniqueKeys: false, customTags: CFN_TAGS }) as unknown as Document[];
    doc = lenient[0] ?? doc;
  }
  cache.doc = doc;
  cache.lines = lines;

  const converter = new Converter(doc, limits.maxNodes, limits.maxDepth);
  try {
    const data = converter.convert(doc.contents, 0, new Set());
    if (converter.unknownTags.size > 0) {
      warnings.push({ code: 'unknown-tag', message: `unknown YAML tags in ${file}: ${[...converter.unknownTags].map((t) => `!${t}`).join(', ')}`, location: { file, line: 1, column: 1 } });
    }
    return result(data);
  } catch (error) {
    if (error instanceof BudgetExceeded) {
      warnings.push({ code: 'yaml-too-complex', message: `${file} expands beyond the node or depth limit (alias bomb or pathological nesting); not analysed`, location: { file, line: 1, column: 1 } });
      return result(undefined);
    }
    warnings.push({ code: 'yaml-parse', message: `cannot read ${file}: ${firstLine(String((error as Error)?.message ?? error))}`, location: { file, line: 1, column: 1 } });
    return result(undefined);
  }
}

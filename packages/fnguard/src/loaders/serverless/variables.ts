/**
 * Resolves Serverless Framework variables (`${self:...}`, `${opt:...}`, `${file(...)}`...) in a
 * parsed serverless.yml, statically and deterministically.
 *
 * Sources that need the cloud or a deployment (`ssm`, `cf`, `s3`, `aws:accountId`,
 * `sls:instanceId`, unresolved `param`) are kept symbolic: the value becomes the variable text
 * itself (`${ssm:/app/key}`), with nested parts resolved, and is recorded as a reference so
 * later stages can tell a secret reference from a plaintext value.
 *
 * `${env:X}` reads only the env map the caller passes, never process.env: a scan must give the
 * same result on a laptop and in CI, and the scanner's own secrets (CI tokens...) must never end
 * up in findings or reports.
 *
 * Resolution is lazy and memoised in place: `${self:a.b}` resolves only what it walks through,
 * so each node is resolved once, cycles are found by an in-progress set, and work is bounded.
 */
import type { LoadWarning, SourceLocation } from '../../model/types.js';
import { isRecord } from '../../model/values.js';
import { includedData, includeTarget } from './file-source.js';
import { hasVariables, parseExpression, scanVariables } from './variable-syntax.js';
import type { FallbackPart } from './variable-syntax.js';

export type PathSegment = string | number;

export interface VariableLimits {
  /** nesting of expressions and chains of references */
  maxDepth: number;
  /** references evaluated in one configuration */
  maxEvaluations: number;
  /** length of a string built by interpolation */
  maxStringLength: number;
  /** distinct files read through `${file()}` */
  maxIncludes: number;
}

export const DEFAULT_VARIABLE_LIMITS: VariableLimits = {
  maxDepth: 32,
  maxEvaluations: 20_000,
  maxStringLength: 256 * 1024,
  maxIncludes: 50,
};

export interface VariableOptions {
  /** the serverless.yml, relative to the scanned root */
  file: string;
  /** its directory relative to the root ('' for the root itself); `${file()}` paths start here */
  serviceDir: string;
  /** `--stage`; when absent `${sls:stage}` falls back to provider.stage, then `dev` */
  stage?: string;
  /** `--region`; when absent `${aws:region}` falls back to provider.region, then `us-east-1` */
  region?: string;
  /** other CLI options for `${opt:...}` */
  cliOptions?: Record<string, string | boolean | undefined>;
  /** `--param` values (they win over `stages.<stage>.params` and `params.<stage>`) */
  params?: Record<string, string>;
  /** the environment for `${env:...}`; empty unless the caller opts in */
  env?: Record<string, string | undefined>;
  /** reads a root-relative file safely; undefined when it is missing or refused */
  readFile?: (rel: string) => Promise<string | undefined>;
  locate?: (path: readonly PathSegment[]) => SourceLocation;
  limits?: Partial<VariableLimits>;
}

/** A variable whose value only exists at deploy time, kept as written. */
export interface VariableReference {
  /** `ssm`, `cf`, `s3`, `aws`, `sls`, `param`... */
  source: string;
  address: string;
  /** the variable text with its nested parts resolved, e.g. `${ssm:/app/dev/key}` */
  rendered: string;
  /** where in the configuration it appears */
  path: PathSegment[];
}

export interface ResolvedConfig {
  config: unknown;
  warnings: LoadWarning[];
  references: VariableReference[];
  /** files read through `${file()}`, root-relative */
  sourceFiles: string[];
  stage: string;
  region: string;
}

/** A deploy-time value, rendered as its own variable text. */
class Symbolic {
  constructor(readonly rendered: string) {}
}

type Outcome =
  | { kind: 'value'; value: unknown }
  /** no value here; the notes explain why if no fallback provides one */
  | { kind: 'missing'; notes: string[] }
  /** a cycle or a limit: the whole expression fails, fallbacks included */
  | { kind: 'abort' };

const MISSING = Symbol('missing');
/** a walk stopped by a cycle or a limit, already reported */
const ABORTED = Symbol('aborted');
const SYMBOLIC_SOURCES = new Set(['ssm', 'cf', 's3']);
const SECRET_STORE_SOURCES = new Set(['secrets', 'vault', 'doppler', 'terraform']);

function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path.map(String));
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function child(node: unknown, segment: PathSegment): unknown {
  if (Array.isArray(node)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
    return index >= 0 && index < node.length ? node[index] : MISSING;
  }
  if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, String(segment))) return node[String(segment)];
  return MISSING;
}

function addressSegments(address: string): string[] {
  return address.split('.').filter((s) => s !== '');
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : 'an object';
}

class Resolver {
  readonly warnings: LoadWarning[] = [];
  readonly references: VariableReference[] = [];
  readonly sourceFiles: string[] = [];
  private readonly limits: VariableLimits;
  private readonly holder: Record<string, unknown>;
  private readonly inProgress = new Set<string>();
  private readonly done = new Set<string>();
  private readonly failed = new Set<string>();
  private readonly includes = new Map<string, unknown>();
  private readonly includeStack: string[] = [];
  private readonly warned = new Set<string>();
  private evaluations = 0;
  private limitReported = false;
  private stageCache?: string;
  private regionCache?: string;
  private computingSetting = false;

  constructor(config: unknown, private readonly options: VariableOptions) {
    this.limits = { ...DEFAULT_VARIABLE_LIMITS, ...options.limits };
    this.holder = { root: config };
  }

  get config(): unknown {
    return this.holder.root;
  }

  warn(code: string, message: string, path: readonly PathSegment[]): void {
    const key = `${code}\u0000${message}\u0000${pathKey(path)}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const location = this.options.locate?.(path) ?? { file: this.options.file, line: 1, column: 1 };
    this.warnings.push({ code, message, location });
  }

  private node(path: readonly PathSegment[]): unknown {
    let current: unknown = this.holder.root;
    for (const segment of path) {
      current = child(current, segment);
      if (current === MISSING) return MISSING;
    }
    return current;
  }

  private write(path: readonly PathSegment[], value: unknown): void {
    if (path.length === 0) {
      this.holder.root = value;
      return;
    }
    const parent = this.node(path.slice(0, -1));
    const last = path[path.length - 1]!;
    if (Array.isArray(parent)) parent[Number(last)] = value;
    else if (isRecord(parent)) setOwn(parent, String(last), value);
  }

  /** Resolves every variable under `path`, in place. False when a cycle or limit stopped it. */
  async resolveTree(path: PathSegment[], depth: number): Promise<boolean> {
    const value = this.node(path);
    if (typeof value === 'string') return (await this.resolveAt(path, depth)).ok;
    if (this.done.has(pathKey(path))) return true;
    let ok = true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) ok = (await this.resolveTree([...path, i], depth)) && ok;
    } else if (isRecord(value)) {
      for (const key of Object.keys(value)) ok = (await this.resolveTree([...path, key], depth)) && ok;
    }
    return ok;
  }

  /** Resolves the string at `path` and writes the result back. */
  private async resolveAt(path: PathSegment[], depth: number): Promise<{ ok: boolean; value?: unknown }> {
    const value = this.node(path);
    if (typeof value !== 'string' || !hasVariables(value)) return { ok: true, value };
    const key = pathKey(path);
    if (this.failed.has(key)) return { ok: false };
    if (this.done.has(key)) return { ok: true, value };
    if (this.inProgress.has(key)) {
      this.warn('variable-cycle', `variable cycle through ${path.join('.')}: ${value}`, path);
      return { ok: false };
    }
    this.inProgress.add(key);
    let result: { ok: boolean; value?: unknown };
    try {
      result = await this.resolveString(value, path, depth + 1);
    } finally {
      this.inProgress.delete(key);
    }
    if (!result.ok) {
      this.failed.add(key);
      return result;
    }
    this.write(path, result.value);
    this.markDone(path, result.value);
    return result;
  }

  /** A value written in one piece (an include, a copy of another node) is already resolved throughout. */
  private markDone(path: PathSegment[], value: unknown): void {
    this.done.add(pathKey(path));
    if (Array.isArray(value)) value.forEach((item, i) => this.markDone([...path, i], item));
    else if (isRecord(value)) for (const [key, item] of Object.entries(value)) this.markDone([...path, key], item);
  }

  /** Walks `path` from the root, resolving strings it passes through; MISSING when absent. */
  private async walk(path: PathSegment[], depth: number): Promise<unknown> {
    for (let i = 0; i <= path.length; i++) {
      const prefix = path.slice(0, i);
      const value = this.node(prefix);
      if (value === MISSING) return MISSING;
      if (typeof value === 'string' && hasVariables(value)) {
        const result = await this.resolveAt(prefix, depth);
        if (!result.ok) return ABORTED;
      }
    }
    return this.node(path);
  }

  /** Resolves one string: a whole-value variable keeps its type, interpolation gives a string. */
  async resolveString(text: string, path: PathSegment[], depth: number): Promise<{ ok: boolean; value?: unknown }> {
    const scan = scanVariables(text);
    if (scan.unterminated) this.warn('variable-syntax', `unterminated variable in '${text.slice(0, 120)}'`, path);
    const segments = scan.segments;
    if (!segments.some((s) => s.kind === 'variable')) return { ok: true, value: text };
    if (depth > this.limits.maxDepth) {
      this.warn('variable-depth', `variables nest deeper than ${this.limits.maxDepth} levels; left unresolved`, path);
      return { ok: false };
    }
    const only = segments[0];
    if (segments.length === 1 && only?.kind === 'variable') {
      const before = this.warnings.length;
      const outcome = await this.evaluate(only.token.body, only.raw, path, depth);
      if (outcome.kind === 'abort') return { ok: false };
      if (outcome.kind === 'missing') {
        if (this.warnings.length === before) this.reportMissing(only.raw, outcome.notes, path);
        return { ok: true, value: text };
      }
      return { ok: true, value: outcome.value instanceof Symbolic ? outcome.value.rendered : outcome.value };
    }
    let out = '';
    for (const segment of segments) {
      if (segment.kind === 'text') {
        out += segment.text;
        continue;
      }
      const before = this.warnings.length;
      const outcome = await this.evaluate(segment.token.body, segment.raw, path, depth);
      if (outcome.kind === 'abort') return { ok: false };
      if (outcome.kind === 'missing') {
        // A refusal (path escape, code include...) already said why; one warning is enough.
        if (this.warnings.length === before) this.reportMissing(segment.raw, outcome.notes, path);
        out += segment.raw;
      } else if (outcome.value instanceof Symbolic) {
        out += outcome.value.rendered;
      } else if (typeof outcome.value === 'string' || typeof outcome.value === 'number' || typeof outcome.value === 'boolean') {
        out += String(outcome.value);
      } else {
        const what = outcome.value === null ? 'null' : describe(outcome.value);
        this.warn('variable-type', `${segment.raw} resolves to ${what}, which cannot be part of a string; left unresolved`, path);
        out += segment.raw;
      }
      if (out.length > this.limits.maxStringLength) {
        this.warn('variable-limit', `a value built from variables exceeds ${this.limits.maxStringLength} characters; left unresolved`, path);
        return { ok: true, value: text };
      }
    }
    return { ok: true, value: out };
  }

  private reportMissing(raw: string, notes: string[], path: PathSegment[]): void {
    const why = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    this.warn('unresolved-variable', `cannot resolve ${raw}${why}; kept as written`, path);
  }

  /** Evaluates one `${...}` body through its fallback chain. */
  private async evaluate(body: string, raw: string, path: PathSegment[], depth: number): Promise<Outcome> {
    if (depth > this.limits.maxDepth) {
      this.warn('variable-depth', `variables nest deeper than ${this.limits.maxDepth} levels; left unresolved`, path);
      return { kind: 'abort' };
    }
    const parts = parseExpression(body);
    const first = parts[0];
    // A lone non-variable (`${AWS::Region}`, `${Bucket.Arn}`) belongs to CloudFormation's Fn::Sub.
    if (parts.length === 1 && first?.kind === 'bare') return { kind: 'value', value: raw };
    const notes: string[] = [];
    for (const part of parts) {
      // An explicit `null` fallback asks for no value at all, which is not a failure.
      if (part.kind === 'literal' && part.value === null) return { kind: 'value', value: null };
      const outcome = await this.evaluatePart(part, path, depth);
      if (outcome.kind === 'abort') return outcome;
      if (outcome.kind === 'value' && outcome.value !== null && outcome.value !== undefined) return outcome;
      if (outcome.kind === 'missing') notes.push(...outcome.notes);
    }
    // The CLI always has a stage and a region; a bare `${opt:stage}` means the default one.
    if (first?.kind === 'reference' && first.source === 'opt' && (first.address === 'stage' || first.address === 'region')) {
      return { kind: 'value', value: first.address === 'stage' ? await this.stage() : await this.region() };
    }
    return { kind: 'missing', notes };
  }

  private async evaluatePart(part: FallbackPart, path: PathSegment[], depth: number): Promise<Outcome> {
    switch (part.kind) {
      case 'literal':
        return { kind: 'value', value: part.value };
      case 'quoted': {
        const result = await this.resolveString(part.text, path, depth + 1);
        return result.ok ? { kind: 'value', value: result.value } : { kind: 'abort' };
      }
      case 'nested': {
        const inner = scanVariables(part.text).segments[0];
        if (inner?.kind !== 'variable') return { kind: 'missing', notes: [] };
        return this.evaluate(inner.token.body, inner.raw, path, depth + 1);
      }
      case 'bare':
        this.warn('variable-syntax', `'${part.raw}' is not a variable or a quoted literal; used as text`, path);
        return { kind: 'value', value: part.raw };
      case 'reference':
        return this.evaluateReference(part, path, depth);
    }
  }

  /** Resolves the params or address of a reference, which may contain variables themselves. */
  private async interpolate(text: string | undefined, path: PathSegment[], depth: number): Promise<string | undefined | typeof MISSING> {
    if (text === undefined || !hasVariables(text)) return text;
    const result = await this.resolveString(text, path, depth + 1);
    if (!result.ok) return MISSING;
    const value = result.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return MISSING;
  }

  private overLimit(path: PathSegment[]): boolean {
    if (++this.evaluations <= this.limits.maxEvaluations) return false;
    if (!this.limitReported) {
      this.limitReported = true;
      this.warn('variable-limit', `more than ${this.limits.maxEvaluations} variables to resolve; the rest are left as written`, path);
    }
    return true;
  }

  private async evaluateReference(part: Extract<FallbackPart, { kind: 'reference' }>, path: PathSegment[], depth: number): Promise<Outcome> {
    if (this.overLimit(path)) return { kind: 'abort' };
    const params = await this.interpolate(part.params, path, depth);
    const address = await this.interpolate(part.address, path, depth);
    if (params === MISSING || address === MISSING) return { kind: 'missing', notes: [`its inner variable in '${part.raw}' is unresolved`] };
    const source = part.source;
    const base = source.split('.')[0]!;
    switch (base) {
      case 'self':
        return this.selfSource(address ?? '', path, depth);
      case 'opt': {
        const value = this.optionValue(address ?? '');
        return value === undefined ? { kind: 'missing', notes: [`option --${address} is not set`] } : { kind: 'value', value };
      }
      case 'env': {
        const value = this.options.env?.[address ?? ''];
        return value === undefined ? { kind: 'missing', notes: [`environment variable ${address} is not provided to the scan`] } : { kind: 'value', value };
      }
      case 'sls':
        if (address === 'stage') return { kind: 'value', value: await this.stage() };
        if (address === 'instanceId') return this.symbolic(source, params, address, path);
        return { kind: 'missing', notes: [`sls:${address} is not a known sls variable`] };
      case 'aws':
        if (address === 'region') return { kind: 'value', value: await this.region() };
        if (address === 'accountId') return this.symbolic(source, params, address, path);
        return { kind: 'missing', notes: [`aws:${address} is not a known aws variable`] };
      case 'param':
        return this.paramSource(address ?? '', params, path, depth);
      case 'file':
        return this.fileSource(params ?? '', address, path, depth);
      case 'strToBool':
        return this.strToBool(params ?? address ?? '', path);
      default:
        if (SYMBOLIC_SOURCES.has(base) || SECRET_STORE_SOURCES.has(base)) return this.symbolic(source, params, address, path);
        this.warn('unknown-variable-source', `variable source '${source}' is not one the Framework provides (a plugin's?); '\${${part.raw}}' kept as written`, path);
        return { kind: 'value', value: `\${${part.raw}}` };
    }
  }

  private symbolic(source: string, params: string | undefined, address: string | undefined, path: PathSegment[]): Outcome {
    const rendered = `\${${source}${params !== undefined ? `(${params})` : ''}${address !== undefined ? `:${address}` : ''}}`;
    this.references.push({ source, address: address ?? '', rendered, path: [...path] });
    return { kind: 'value', value: new Symbolic(rendered) };
  }

  private async selfSource(address: string, path: PathSegment[], depth: number): Promise<Outcome> {
    const target = addressSegments(address);
    const found = await this.walk(target, depth + 1);
    if (found === ABORTED) return { kind: 'abort' };
    if (found === MISSING) return { kind: 'missing', notes: [`self:${address} does not exist`] };
    if (typeof found === 'object' && found !== null) {
      const ok = await this.resolveTree(target, depth + 1);
      if (!ok) return { kind: 'abort' };
      return { kind: 'value', value: this.node(target) };
    }
    if (typeof found === 'string' && this.failed.has(pathKey(target))) return { kind: 'abort' };
    return { kind: 'value', value: found };
  }

  private optionValue(name: string): string | boolean | undefined {
    if (name === 'stage' && this.options.stage !== undefined) return this.options.stage;
    if (name === 'region' && this.options.region !== undefined) return this.options.region;
    return this.options.cliOptions?.[name];
  }

  /** The stage as the CLI computes it: --stage, then provider.stage, then `dev`. */
  async stage(): Promise<string> {
    if (this.options.stage !== undefined) return this.options.stage;
    if (this.stageCache === undefined) this.stageCache = (await this.providerSetting('stage')) ?? 'dev';
    return this.stageCache;
  }

  async region(): Promise<string> {
    if (this.options.region !== undefined) return this.options.region;
    if (this.regionCache === undefined) this.regionCache = (await this.providerSetting('region')) ?? 'us-east-1';
    return this.regionCache;
  }

  private async providerSetting(name: 'stage' | 'region'): Promise<string | undefined> {
    // provider.stage written as `${sls:stage}` would otherwise ask for itself.
    if (this.computingSetting) return undefined;
    // Asked while provider.<name> itself is being resolved (`stage: ${opt:stage}`): not known yet.
    if (this.inProgress.has(pathKey(['provider', name]))) return undefined;
    this.computingSetting = true;
    try {
      const value = await this.walk(['provider', name], 0);
      if (value === ABORTED) return undefined;
      return typeof value === 'string' && value !== '' && !hasVariables(value) ? value : undefined;
    } finally {
      this.computingSetting = false;
    }
  }

  /** v4 `stages.<stage>.params`, v3 `params.<stage>`, each before its `default`; else symbolic. */
  private async paramSource(name: string, params: string | undefined, path: PathSegment[], depth: number): Promise<Outcome> {
    const given = this.options.params?.[name];
    if (given !== undefined) return { kind: 'value', value: given };
    const stage = await this.stage();
    const candidates: PathSegment[][] = [
      ['stages', stage, 'params', name],
      ['stages', 'default', 'params', name],
      ['params', stage, name],
      ['params', 'default', name],
    ];
    for (const candidate of candidates) {
      const found = await this.walk(candidate, depth + 1);
      if (found === ABORTED) return { kind: 'abort' };
      if (found === MISSING || found === null) continue;
      if (typeof found === 'string' && this.failed.has(pathKey(candidate))) return { kind: 'abort' };
      if (typeof found === 'object' && !(await this.resolveTree(candidate, depth + 1))) return { kind: 'abort' };
      return { kind: 'value', value: this.node(candidate) };
    }
    // Dashboard parameters live outside the project: a deploy-time value like an SSM one.
    return this.symbolic('param', params, name, path);
  }

  private async fileSource(rawPath: string, address: string | undefined, path: PathSegment[], depth: number): Promise<Outcome> {
    const target = includeTarget(this.options.serviceDir, rawPath);
    if (!target.ok) {
      this.warn(target.code, target.message, path);
      return { kind: 'missing', notes: [] };
    }
    const file = target.file;
    if (this.includeStack.includes(file)) {
      this.warn('variable-cycle', `${file} includes itself through file() variables`, path);
      return { kind: 'abort' };
    }
    const data = await this.readInclude(file, path);
    if (data === MISSING) return { kind: 'missing', notes: [`${file} could not be read`] };
    let picked: unknown = data;
    for (const segment of addressSegments(address ?? '')) {
      picked = child(picked, segment);
      if (picked === MISSING) return { kind: 'missing', notes: [`${file} has no '${address}'`] };
    }
    this.includeStack.push(file);
    try {
      const resolved = await this.resolveDetached(picked, path, depth + 1);
      return resolved.ok ? { kind: 'value', value: resolved.value } : { kind: 'abort' };
    } finally {
      this.includeStack.pop();
    }
  }

  private async readInclude(file: string, path: PathSegment[]): Promise<unknown> {
    if (this.includes.has(file)) return this.includes.get(file);
    if (!this.options.readFile) {
      this.warn('file-not-read', `file(${file}) cannot be read: no file access was given to the loader`, path);
      return MISSING;
    }
    if (this.includes.size >= this.limits.maxIncludes) {
      this.warn('variable-limit', `more than ${this.limits.maxIncludes} files included through file(); ${file} not read`, path);
      return MISSING;
    }
    const text = await this.options.readFile(file);
    if (text === undefined) {
      this.warn('file-not-found', `file(${file}) does not exist or cannot be read`, path);
      this.includes.set(file, MISSING);
      return MISSING;
    }
    const { data, warnings } = includedData(file, text);
    this.warnings.push(...warnings);
    const value = data === undefined ? MISSING : data;
    this.includes.set(file, value);
    if (!this.sourceFiles.includes(file)) this.sourceFiles.push(file);
    return value;
  }

  /** Resolves variables inside data that is not (yet) part of the configuration tree. */
  private async resolveDetached(value: unknown, path: PathSegment[], depth: number): Promise<{ ok: boolean; value?: unknown }> {
    if (typeof value === 'string') return this.resolveString(value, path, depth);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = await this.resolveDetached(value[i], [...path, i], depth);
        if (!item.ok) return item;
        out.push(item.value);
      }
      return { ok: true, value: out };
    }
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const resolved = await this.resolveDetached(item, [...path, key], depth);
        if (!resolved.ok) return resolved;
        setOwn(out, key, resolved.value);
      }
      return { ok: true, value: out };
    }
    return { ok: true, value };
  }

  private strToBool(text: string, path: PathSegment[]): Outcome {
    const normalized = text.trim().replace(/^(['"])(.*)\1$/, '$2').toLowerCase();
    if (normalized === 'true' || normalized === '1') return { kind: 'value', value: true };
    if (normalized === 'false' || normalized === '0') return { kind: 'value', value: false };
    this.warn('variable-type', `strToBool(${text}) needs 'true', 'false', '1' or '0'`, path);
    return { kind: 'missing', notes: [] };
  }
}

/** Resolves every variable in `config` (which is not modified). Never throws. */
export async function resolveVariables(config: unknown, options: VariableOptions): Promise<ResolvedConfig> {
  const resolver = new Resolver(structuredClone(config), options);
  try {
    await resolver.resolveTree([], 0);
  } catch (error) {
    // structuredClone'd plain data and our own code: reaching here is a bug, reported not thrown.
    resolver.warn('variable-internal', `variable resolution stopped: ${String((error as Error)?.message ?? error)}`, []);
  }
  return {
    config: resolver.config,
    warnings: resolver.warnings,
    references: resolver.references,
    sourceFiles: resolver.sourceFiles,
    stage: await resolver.stage(),
    region: await resolver.region(),
  };
}

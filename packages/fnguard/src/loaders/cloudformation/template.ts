/**
 * A CloudFormation template with what can be known statically: parameter values, mappings,
 * decidable conditions and intrinsic functions over known inputs. What depends on deploy time
 * (resource attributes, imports, pseudo parameters such as the account id) stays symbolic, and
 * is rendered in Fn::Sub syntax (`${Bucket.Arn}`) so that rules and messages can name it.
 */
import type { LoadWarning, SourceLocation, TemplateParameter } from '../../model/types.js';
import { asString, isRecord, setOwn } from '../../model/values.js';
import type { ParsedFile, PathSegment } from '../yaml/parse.js';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface TemplateResource {
  id: string;
  type: string;
  properties: Record<string, unknown>;
  condition?: string;
  dependsOn: string[];
  metadata?: Record<string, unknown>;
  path: PathSegment[];
  location: SourceLocation;
}

export interface TemplateOptions {
  /** deploy-time parameter values, overriding Defaults */
  parameterOverrides?: Record<string, string>;
}

/** What loaders need to turn template values into model values; TemplateContext implements it. */
export interface ValueRenderer {
  resolve(value: unknown): unknown;
  render(value: unknown): string | undefined;
  renderList(value: unknown): string[];
}

/** Stands for `!Ref AWS::NoValue`: the enclosing property or list item disappears. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Pseudo parameters with one value in the standard partition; the rest stay symbolic. */
const KNOWN_PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

const MAX_DEPTH = 100;

function intrinsicName(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

function isNoValueRef(value: unknown): boolean {
  return isRecord(value) && value.Ref === 'AWS::NoValue' && Object.keys(value).length === 1;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export class TemplateContext implements ValueRenderer {
  readonly file: string;
  readonly root: Record<string, unknown>;
  readonly resources = new Map<string, TemplateResource>();
  readonly transforms: string[];
  readonly warnings: LoadWarning[] = [];
  readonly parameters: TemplateParameter[] = [];

  private readonly parameterValues = new Map<string, unknown>();
  private readonly mappings: Record<string, unknown>;
  private readonly conditions: Record<string, unknown>;
  private readonly conditionCache = new Map<string, boolean | undefined>();
  private readonly conditionsInProgress = new Set<string>();

  constructor(readonly parsed: ParsedFile, options: TemplateOptions = {}) {
    this.file = parsed.file;
    this.root = isRecord(parsed.data) ? parsed.data : {};
    if (parsed.data !== undefined && !isRecord(parsed.data)) {
      this.warn('not-a-template', `${this.file} is not a mapping at its top level`, []);
    }
    this.transforms = this.readTransforms();
    this.mappings = isRecord(this.root.Mappings) ? this.root.Mappings : {};
    this.conditions = isRecord(this.root.Conditions) ? this.root.Conditions : {};
    this.readParameters(options.parameterOverrides ?? {});
    this.readResources();
  }

  isSam(): boolean {
    return this.transforms.includes(SAM_TRANSFORM);
  }

  locate(path: readonly PathSegment[]): SourceLocation {
    return this.parsed.locate(path);
  }

  warn(code: string, message: string, path: readonly PathSegment[]): void {
    this.warnings.push({ code, message, location: this.locate(path) });
  }

  parameterValue(name: string): unknown {
    return this.parameterValues.get(name);
  }

  isParameter(name: string): boolean {
    return this.parameters.some((p) => p.name === name);
  }

  /** Resolves every intrinsic that can be decided statically; the rest stays in long form. */
  resolve(value: unknown): unknown {
    const resolved = this.resolveAt(value, 0);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** A scalar rendering: resolved text, with unresolved references in Fn::Sub syntax. */
  render(value: unknown): string | undefined {
    return this.renderResolved(this.resolve(value), 0);
  }

  /** A list rendering; an undecidable `Fn::If` contributes both branches (analysis must see either). */
  renderList(value: unknown): string[] {
    return this.renderListResolved(this.resolve(value), 0);
  }

  /** The resource of this template that a value points to (`!Ref X`, `!GetAtt X.Arn`, `!Sub ${X.Arn}`). */
  refTarget(value: unknown): { id: string; attribute?: string } | undefined {
    const resolved = this.resolve(value);
    if (typeof resolved === 'string') {
      const whole = /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(resolved);
      return whole && this.resources.has(whole[1]!) ? this.target(whole[1]!, whole[2]) : undefined;
    }
    if (!isRecord(resolved)) return undefined;
    const name = intrinsicName(resolved);
    const arg = name ? resolved[name] : undefined;
    if (name === 'Ref' && typeof arg === 'string' && this.resources.has(arg)) return { id: arg };
    if (name === 'Fn::GetAtt') {
      const [id, attribute] = Array.isArray(arg) ? arg : [];
      if (typeof id === 'string' && this.resources.has(id)) return this.target(id, asString(attribute));
    }
    if (name === 'Fn::Sub') {
      const text = Array.isArray(arg) ? arg[0] : arg;
      if (typeof text === 'string') return this.refTarget(text);
    }
    return undefined;
  }

  /** The value of a named condition when it is decidable from parameter values, else undefined. */
  conditionValue(name: string): boolean | undefined {
    if (this.conditionCache.has(name)) return this.conditionCache.get(name);
    if (this.conditionsInProgress.has(name)) return undefined;
    this.conditionsInProgress.add(name);
    const value = this.evaluateCondition(this.conditions[name], 0);
    this.conditionsInProgress.delete(name);
    this.conditionCache.set(name, value);
    return value;
  }

  private target(id: string, attribute: string | undefined): { id: string; attribute?: string } {
    return attribute ? { id, attribute } : { id };
  }

  /**
   * Locating needs the YAML syntax tree, which a JSON template does not otherwise build: the
   * location is computed on first read (and then kept as a plain property, so it serialises).
   */
  private withLazyLocation<T extends { location: SourceLocation }>(target: T, path: readonly PathSegment[]): T {
    const locate = () => this.locate(path);
    Object.defineProperty(target, 'location', {
      configurable: true,
      enumerable: true,
      get() {
        const location = locate();
        Object.defineProperty(target, 'location', { value: location, enumerable: true, writable: true, configurable: true });
        return location;
      },
      set(value: SourceLocation) {
        Object.defineProperty(target, 'location', { value, enumerable: true, writable: true, configurable: true });
      },
    });
    return target;
  }

  private readTransforms(): string[] {
    const transform = this.root.Transform;
    const list = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
    return list.map((t) => (isRecord(t) ? asString(t.Name) : asString(t))).filter((t): t is string => t !== undefined);
  }

  private readParameters(overrides: Record<string, string>): void {
    const declared = this.root.Parameters;
    if (declared === undefined || declared === null) return;
    if (!isRecord(declared)) {
      this.warn('invalid-parameters', 'Parameters is not a mapping', ['Parameters']);
      return;
    }
    for (const [name, spec] of Object.entries(declared)) {
      const definition = isRecord(spec) ? spec : {};
      const noEcho = definition.NoEcho === true || String(definition.NoEcho).toLowerCase() === 'true';
      const parameter = this.withLazyLocation({ name, noEcho } as TemplateParameter, ['Parameters', name]);
      const type = asString(definition.Type);
      if (type !== undefined) parameter.type = type;
      if ('Default' in definition) parameter.default = definition.Default;
      this.parameters.push(parameter);
      if (name in overrides) this.parameterValues.set(name, overrides[name]);
      else if ('Default' in definition && isScalar(definition.Default)) {
        const value = definition.Default;
        // CommaDelimitedList parameters are lists when referenced.
        this.parameterValues.set(name, type === 'CommaDelimitedList' && typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value);
      } else if ('Default' in definition && Array.isArray(definition.Default)) {
        this.parameterValues.set(name, definition.Default);
      }
    }
  }

  private readResources(): void {
    const declared = this.root.Resources;
    if (declared === undefined) return;
    if (!isRecord(declared)) {
      this.warn('invalid-resources', 'Resources is not a mapping', ['Resources']);
      return;
    }
    for (const [id, spec] of Object.entries(declared)) {
      const path: PathSegment[] = ['Resources', id];
      if (!isRecord(spec) || typeof spec.Type !== 'string') {
        this.warn('invalid-resource', `resource ${id} has no Type`, path);
        continue;
      }
      if (spec.Properties !== undefined && spec.Properties !== null && !isRecord(spec.Properties)) {
        this.warn('invalid-resource', `resource ${id}: Properties is not a mapping`, [...path, 'Properties']);
      }
      const resource = this.withLazyLocation({
        id,
        type: spec.Type,
        properties: isRecord(spec.Properties) ? spec.Properties : {},
        dependsOn: Array.isArray(spec.DependsOn) ? spec.DependsOn.filter((d): d is string => typeof d === 'string') : typeof spec.DependsOn === 'string' ? [spec.DependsOn] : [],
        path,
      } as TemplateResource, path);
      if (typeof spec.Condition === 'string') resource.condition = spec.Condition;
      if (isRecord(spec.Metadata)) resource.metadata = spec.Metadata;
      this.resources.set(id, resource);
    }
  }

  private resolveAt(value: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) {
      return value.map((item) => this.resolveAt(item, depth + 1)).filter((item) => item !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const name = intrinsicName(value);
    if (!name) {
      const out: Record<string, unknown> = {};
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const resolved = this.resolveAt(value[key], depth + 1);
        if (resolved !== NO_VALUE) setOwn(out, key, resolved);
      }
      return out;
    }
    return this.resolveIntrinsic(name, value[name], depth + 1);
  }

  private resolveIntrinsic(name: string, arg: unknown, depth: number): unknown {
    switch (name) {
      case 'Ref': return this.resolveRef(arg);
      case 'Fn::If': return this.resolveIf(arg, depth);
      case 'Fn::Sub': return this.resolveSub(arg, depth);
      case 'Fn::Join': return this.resolveJoin(arg, depth);
      case 'Fn::Select': return this.resolveSelect(arg, depth);
      case 'Fn::Split': return this.resolveSplit(arg, depth);
      case 'Fn::FindInMap': return this.resolveFindInMap(arg, depth);
      case 'Fn::GetAtt': return { 'Fn::GetAtt': this.normalizeGetAtt(arg) };
      default: return { [name]: this.resolveAt(arg, depth) };
    }
  }

  private resolveRef(arg: unknown): unknown {
    if (typeof arg !== 'string') return { Ref: arg };
    if (arg === 'AWS::NoValue') return NO_VALUE;
    if (arg in KNOWN_PSEUDO) return KNOWN_PSEUDO[arg];
    if (this.parameterValues.has(arg)) return this.parameterValues.get(arg);
    return { Ref: arg };
  }

  private resolveIf(arg: unknown, depth: number): unknown {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return { 'Fn::If': this.resolveAt(arg, depth) };
    const decided = this.conditionValue(arg[0]);
    if (decided === true) return this.resolveAt(arg[1], depth);
    if (decided === false) return this.resolveAt(arg[2], depth);
    // The marker must not leak into data: an undecided branch keeps its written long form instead.
    const branch = (value: unknown): unknown => {
      const resolved = this.resolveAt(value, depth);
      return resolved === NO_VALUE ? { Ref: 'AWS::NoValue' } : resolved;
    };
    return { 'Fn::If': [arg[0], branch(arg[1]), branch(arg[2])] };
  }

  private resolveSub(arg: unknown, depth: number): unknown {
    const [text, rawVariables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
    if (typeof text !== 'string') return { 'Fn::Sub': this.resolveAt(arg, depth) };
    const variables = isRecord(rawVariables) ? (this.resolveAt(rawVariables, depth) as Record<string, unknown>) : {};
    let unresolved = false;
    const substituted = text.replace(/\$\{([^}]*)\}/g, (whole, body: string) => {
      if (body.startsWith('!')) return whole;
      const name = body.trim();
      if (Object.prototype.hasOwnProperty.call(variables, name)) {
        const value = variables[name];
        if (isScalar(value)) return String(value);
        const rendered = this.renderResolved(value, depth);
        unresolved = true;
        return rendered ?? whole;
      }
      if (name in KNOWN_PSEUDO) return KNOWN_PSEUDO[name]!;
      if (!name.includes('.') && this.parameterValues.has(name)) {
        const value = this.parameterValues.get(name);
        if (isScalar(value)) return String(value);
      }
      unresolved = true;
      return whole;
    });
    if (unresolved) return { 'Fn::Sub': substituted };
    // `${!Literal}` is how a template writes a literal `${Literal}`.
    return substituted.replace(/\$\{!/g, '${');
  }

  private resolveJoin(arg: unknown, depth: number): unknown {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return { 'Fn::Join': this.resolveAt(arg, depth) };
    const parts = this.resolveAt(arg[1], depth);
    if (Array.isArray(parts) && parts.every(isScalar)) return parts.map(String).join(arg[0]);
    return { 'Fn::Join': [arg[0], parts] };
  }

  private resolveSelect(arg: unknown, depth: number): unknown {
    const resolved = this.resolveAt(arg, depth);
    if (Array.isArray(resolved) && resolved.length === 2) {
      const index = Number(resolved[0]);
      const list = resolved[1];
      if (Array.isArray(list) && Number.isInteger(index) && index >= 0 && index < list.length) return list[index];
    }
    return { 'Fn::Select': resolved };
  }

  private resolveSplit(arg: unknown, depth: number): unknown {
    const resolved = this.resolveAt(arg, depth);
    if (Array.isArray(resolved) && resolved.length === 2 && typeof resolved[0] === 'string' && resolved[0] !== '' && typeof resolved[1] === 'string') {
      return resolved[1].split(resolved[0]);
    }
    return { 'Fn::Split': resolved };
  }

  private resolveFindInMap(arg: unknown, depth: number): unknown {
    const resolved = this.resolveAt(arg, depth);
    if (Array.isArray(resolved) && resolved.length >= 3) {
      const [mapName, first, second] = resolved;
      if (typeof mapName === 'string' && isScalar(first) && isScalar(second)) {
        const map = this.mappings[mapName];
        const level = isRecord(map) ? map[String(first)] : undefined;
        const value = isRecord(level) ? level[String(second)] : undefined;
        if (value !== undefined) return value;
        // AWS::LanguageExtensions allows a DefaultValue as the fourth argument.
        const fallback = resolved[3];
        if (isRecord(fallback) && 'DefaultValue' in fallback) return fallback.DefaultValue;
      }
    }
    return { 'Fn::FindInMap': resolved };
  }

  private normalizeGetAtt(arg: unknown): unknown {
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      return dot < 0 ? [arg] : [arg.slice(0, dot), arg.slice(dot + 1)];
    }
    return arg;
  }

  private evaluateCondition(expression: unknown, depth: number): boolean | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (typeof expression === 'boolean') return expression;
    if (!isRecord(expression)) return undefined;
    const name = intrinsicName(expression);
    const arg = name ? expression[name] : undefined;
    switch (name) {
      case 'Condition': return typeof arg === 'string' ? this.conditionValue(arg) : undefined;
      case 'Fn::Not': {
        const inner = this.evaluateCondition(Array.isArray(arg) ? arg[0] : arg, depth + 1);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) return undefined;
        const values = arg.map((item) => this.evaluateCondition(item, depth + 1));
        if (name === 'Fn::And') return values.includes(false) ? false : values.every((v) => v === true) ? true : undefined;
        return values.includes(true) ? true : values.every((v) => v === false) ? false : undefined;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const [left, right] = arg.map((item) => this.resolveAt(item, depth + 1));
        if (isScalar(left) && isScalar(right)) return String(left) === String(right);
        return undefined;
      }
      default: return undefined;
    }
  }

  private renderResolved(value: unknown, depth: number): string | undefined {
    if (value === undefined || value === null || value === NO_VALUE || isNoValueRef(value)) return undefined;
    if (isScalar(value)) return String(value);
    if (depth > MAX_DEPTH) return undefined;
    if (Array.isArray(value)) return value.map((v) => this.renderResolved(v, depth + 1) ?? '').join(',');
    if (!isRecord(value)) return undefined;
    const name = intrinsicName(value);
    const arg = name ? value[name] : undefined;
    switch (name) {
      case 'Ref': return `\${${String(arg)}}`;
      case 'Condition': return `\${Condition:${String(arg)}}`;
      case 'Fn::GetAtt': return Array.isArray(arg) ? `\${${arg.map((part) => this.renderResolved(part, depth + 1) ?? '').join('.')}}` : undefined;
      case 'Fn::Sub': return typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
      case 'Fn::Join': {
        if (!Array.isArray(arg) || typeof arg[0] !== 'string') return undefined;
        const parts = Array.isArray(arg[1]) ? arg[1] : [arg[1]];
        return parts.map((p) => this.renderResolved(p, depth + 1) ?? '').join(arg[0]);
      }
      // Analysis prefers the first branch; renderList gives both.
      case 'Fn::If': return Array.isArray(arg) ? this.renderResolved(arg[1], depth + 1) : undefined;
      case 'Fn::ImportValue': return `\${ImportValue:${this.renderResolved(arg, depth + 1) ?? '?'}}`;
      case 'Fn::Base64': return this.renderResolved(arg, depth + 1);
      case undefined: return JSON.stringify(value);
      default: return `\${${name.replace('Fn::', '')}:${JSON.stringify(arg)}}`;
    }
  }

  private renderListResolved(value: unknown, depth: number): string[] {
    if (value === undefined || value === null || value === NO_VALUE || isNoValueRef(value) || depth > MAX_DEPTH) return [];
    if (Array.isArray(value)) return value.flatMap((item) => this.renderListResolved(item, depth + 1));
    if (isRecord(value) && intrinsicName(value) === 'Fn::If') {
      const arg = value['Fn::If'];
      if (Array.isArray(arg)) return [...this.renderListResolved(arg[1], depth + 1), ...this.renderListResolved(arg[2], depth + 1)];
    }
    const single = this.renderResolved(value, depth);
    return single === undefined ? [] : [single];
  }
}

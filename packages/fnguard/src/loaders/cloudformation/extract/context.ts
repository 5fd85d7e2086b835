/**
 * State shared by the per-family extractors: the template, the app being filled, and indexes
 * of what has been extracted so far, so that later families can link to earlier ones by id.
 */
import type { Api, App, Resource, Role, ServerlessFunction, SourceLocation, Trigger } from '../../../model/types.js';
import { isRecord, referencedIds } from '../../../model/values.js';
import type { TemplateContext, TemplateResource } from '../template.js';
import type { PathSegment } from '../../yaml/parse.js';

export class ExtractContext {
  readonly functions = new Map<string, ServerlessFunction>();
  readonly roles = new Map<string, Role>();
  readonly apis = new Map<string, Api>();
  private readonly resolvedProperties = new Map<string, Record<string, unknown>>();

  constructor(readonly template: TemplateContext, readonly app: App) {
    for (const fn of app.functions) this.functions.set(fn.id, fn);
    for (const role of app.roles) this.roles.set(role.id, role);
    for (const api of app.apis) this.apis.set(api.id, api);
  }

  /** Resources of the given CloudFormation types, in template order. */
  ofType(...types: string[]): TemplateResource[] {
    const wanted = new Set(types);
    return [...this.template.resources.values()].filter((resource) => wanted.has(resource.type));
  }

  /** A resource's properties with every statically decidable intrinsic resolved (computed once). */
  props(resource: TemplateResource): Record<string, unknown> {
    let resolved = this.resolvedProperties.get(resource.id);
    if (!resolved) {
      const value = this.template.resolve(resource.properties);
      resolved = isRecord(value) ? value : {};
      this.resolvedProperties.set(resource.id, resolved);
    }
    return resolved;
  }

  locate(resource: TemplateResource, ...path: PathSegment[]): SourceLocation {
    return path.length === 0 ? resource.location : this.template.locate([...resource.path, 'Properties', ...path]);
  }

  warn(code: string, message: string, resource: TemplateResource, ...path: PathSegment[]): void {
    this.app.warnings.push({ code, message, location: this.locate(resource, ...path) });
  }

  /** The id of the template resource a value points to, if it is one of `types`. */
  targetOf(value: unknown, ...types: string[]): string | undefined {
    const target = this.template.refTarget(value);
    if (!target) return undefined;
    if (types.length === 0) return target.id;
    const resource = this.template.resources.get(target.id);
    return resource && types.includes(resource.type) ? target.id : undefined;
  }

  /**
   * The function a value designates: a Ref/GetAtt/Sub to a function of the app, or a literal
   * name / ARN that matches a function's deployed name.
   */
  functionOf(value: unknown): ServerlessFunction | undefined {
    const target = this.template.refTarget(value);
    if (target) {
      const fn = this.functions.get(target.id);
      if (fn) return fn;
      // An alias or version resolves to its function.
      const resource = this.template.resources.get(target.id);
      if (resource && (resource.type === 'AWS::Lambda::Alias' || resource.type === 'AWS::Lambda::Version')) {
        return this.functionOf(resource.properties.FunctionName);
      }
      return undefined;
    }
    const rendered = this.template.render(value);
    if (rendered === undefined) return undefined;
    const name = functionNameFromArn(rendered);
    for (const fn of this.functions.values()) {
      if (fn.name === name || fn.id === name) return fn;
    }
    // `arn:...:function:${Fn}`: a Ref to the function (its name) inside a hand-built ARN.
    const [only] = referencedIds(name);
    return only !== undefined && name === `\${${only}}` ? this.functions.get(only) : undefined;
  }

  attachTrigger(fn: ServerlessFunction, trigger: Trigger): void {
    const duplicate = fn.triggers.some((existing) => existing.kind === trigger.kind && existing.name === trigger.name && existing.path === trigger.path && existing.method === trigger.method);
    if (!duplicate) fn.triggers.push(trigger);
  }

  findResource(id: string): Resource | undefined {
    return this.app.resources.find((resource) => resource.id === id);
  }
}

/** `arn:aws:lambda:region:acct:function:name[:qualifier]` -> name; anything else unchanged. */
export function functionNameFromArn(value: string): string {
  // Region and account are often unresolved pseudo parameters (`${AWS::Region}`), which hold colons.
  const match = /^arn:.*:lambda:.*:function:([^:]+)(?::[A-Za-z0-9$_-]+)?$/.exec(value);
  return match ? match[1]! : value;
}

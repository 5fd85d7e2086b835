/**
 * What every part of the serverless.yml model needs: the resolved configuration, where things
 * are in the file, the renderer for CloudFormation values, and one way to warn.
 */
import type { App, SourceLocation } from '../../model/types.js';
import { isRecord } from '../../model/values.js';
import type { TemplateContext } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import type { VariableReference } from './variables.js';

export class ServiceContext {
  readonly provider: Record<string, unknown>;

  constructor(
    readonly app: App,
    readonly config: Record<string, unknown>,
    readonly service: string,
    readonly stage: string,
    readonly region: string,
    /** directory of serverless.yml relative to the root ('' at the root) */
    readonly serviceDir: string,
    readonly template: TemplateContext,
    private readonly locator: (path: readonly PathSegment[]) => SourceLocation,
    /** deploy-time variables found while resolving, by where they were written */
    private readonly references: VariableReference[] = [],
  ) {
    this.provider = isRecord(config.provider) ? config.provider : {};
  }

  /** Sources of the deploy-time variables written exactly at `path` (`ssm`, `param`...). */
  referenceSources(path: readonly PathSegment[]): string[] {
    const key = path.map(String).join('\u0000');
    return this.references.filter((r) => r.path.map(String).join('\u0000') === key).map((r) => r.source.split('.')[0]!);
  }

  locate(path: readonly PathSegment[]): SourceLocation {
    return this.locator(path);
  }

  warn(code: string, message: string, path: readonly PathSegment[]): void {
    this.app.warnings.push({ code, message, location: this.locate(path) });
  }

  /** A provider setting by path, e.g. `providerValue('iam', 'role')`. */
  providerValue(...path: string[]): unknown {
    let current: unknown = this.provider;
    for (const segment of path) {
      if (!isRecord(current)) return undefined;
      current = current[segment];
    }
    return current;
  }

  render(value: unknown): string | undefined {
    return this.template.render(value);
  }

  renderList(value: unknown): string[] {
    return this.template.renderList(value);
  }

  /** `custom.<name>` as a string-keyed record, for plugin settings. */
  custom(name: string): Record<string, unknown> | undefined {
    const custom = this.config.custom;
    const value = isRecord(custom) ? custom[name] : undefined;
    return isRecord(value) ? value : undefined;
  }
}

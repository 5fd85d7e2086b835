/**
 * `resources:` (hand-written CloudFormation) as a TemplateContext, so that it joins the same App
 * through the CloudFormation extractor, and so that `!Ref` / `!GetAtt` anywhere in serverless.yml
 * render the way CloudFormation values do.
 *
 * Generated resources (functions, roles, APIs) appear in the template as stubs: references to
 * them resolve, and the extractor attaches hand-written permissions, policies and log groups to
 * the model objects this loader built under the same logical ids.
 */
import type { SourceLocation } from '../../model/types.js';
import { isRecord } from '../../model/values.js';
import { TemplateContext } from '../cloudformation/template.js';
import type { ParsedFile, PathSegment } from '../yaml/parse.js';

export interface ResourceSection {
  resources: Record<string, unknown>;
  conditions: Record<string, unknown>;
  /** where each user resource is declared in serverless.yml */
  origins: Map<string, PathSegment[]>;
}

/** `resources` is one CloudFormation fragment, or a list of them (usually `${file()}` includes). */
export function readResourceSection(config: Record<string, unknown>, warn: (code: string, message: string, at: PathSegment[]) => void): ResourceSection {
  const section: ResourceSection = { resources: {}, conditions: {}, origins: new Map() };
  const declared = config.resources;
  if (declared === undefined || declared === null) return section;
  const fragments: Array<{ value: unknown; at: PathSegment[] }> = Array.isArray(declared)
    ? declared.map((value, i) => ({ value, at: ['resources', i] }))
    : [{ value: declared, at: ['resources'] }];
  for (const { value, at } of fragments) {
    if (!isRecord(value)) {
      if (typeof value === 'string' && value.includes('${')) continue;
      warn('invalid-resources', `${at.join('.')} must be a CloudFormation fragment (Resources, Outputs...)`, at);
      continue;
    }
    if (value.Resources !== undefined && value.Resources !== null) {
      if (!isRecord(value.Resources)) warn('invalid-resources', `${at.join('.')}.Resources must be a mapping`, [...at, 'Resources']);
      else {
        for (const [id, resource] of Object.entries(value.Resources)) {
          if (section.origins.has(id)) warn('duplicate-resource', `resource ${id} is declared twice in resources; the last one is used`, [...at, 'Resources', id]);
          Object.defineProperty(section.resources, id, { value: resource, enumerable: true, writable: true, configurable: true });
          section.origins.set(id, [...at, 'Resources', id]);
        }
      }
    }
    if (isRecord(value.Conditions)) Object.assign(section.conditions, value.Conditions);
  }
  return section;
}

export interface Stub {
  id: string;
  type: string;
  at: PathSegment[];
}

/** A TemplateContext over the user's resources plus stubs for generated ones not overridden. */
export function buildTemplate(
  file: string,
  section: ResourceSection,
  stubs: Stub[],
  locate: (path: readonly PathSegment[]) => SourceLocation,
): TemplateContext {
  const resources: Record<string, unknown> = {};
  const stubOrigins = new Map<string, PathSegment[]>();
  for (const stub of stubs) {
    if (section.origins.has(stub.id)) continue;
    resources[stub.id] = { Type: stub.type, Properties: {} };
    stubOrigins.set(stub.id, stub.at);
  }
  for (const [id, resource] of Object.entries(section.resources)) {
    Object.defineProperty(resources, id, { value: resource, enumerable: true, writable: true, configurable: true });
  }
  const parsed: ParsedFile = {
    file,
    data: { Resources: resources, Conditions: section.conditions },
    warnings: [],
    locate: (path) => {
      if (path[0] === 'Resources' && typeof path[1] === 'string') {
        const origin = section.origins.get(path[1]) ?? stubOrigins.get(path[1]);
        if (origin) return locate(section.origins.has(path[1]) ? [...origin, ...path.slice(2)] : origin);
      }
      if (path[0] === 'Conditions') return locate(['resources', ...path]);
      return locate(['resources']);
    },
  };
  return new TemplateContext(parsed);
}

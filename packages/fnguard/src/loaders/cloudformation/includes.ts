/**
 * API definitions written as `Fn::Transform: {Name: AWS::Include, Parameters: {Location: ...}}`.
 * CloudFormation replaces the snippet with the file at Location before the template is
 * processed; `aws cloudformation package` / `sam deploy` upload a local Location (relative to the
 * template's folder) first. A local file inside the scanned root is read here (through the
 * safe-read helpers: never outside the root, size-capped) and put in place of the snippet, so
 * that its routes, authorizers and validators are read as if inline. Locations in the included
 * part point into the included file. An S3 or unresolvable Location leaves the snippet and a
 * warning that the routes could not be read.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { LoadWarning, SourceLocation } from '../../model/types.js';
import { isRecord } from '../../model/values.js';
import { safeReadFileSync } from '../fs/safe-read.js';
import { parseTemplateText, type ParsedFile, type ParseOptions, type PathSegment } from '../yaml/parse.js';

/** Included definitions are API documents, not bundles: a tighter cap than templates. */
export const MAX_INCLUDE_BYTES = 2 * 1024 * 1024;

/** The resource types and the property that holds their OpenAPI definition. */
const DEFINITION_PROPERTY: Record<string, string> = {
  'AWS::Serverless::Api': 'DefinitionBody',
  'AWS::Serverless::HttpApi': 'DefinitionBody',
  'AWS::ApiGateway::RestApi': 'Body',
  'AWS::ApiGatewayV2::Api': 'Body',
};

export interface IncludeResult {
  parsed: ParsedFile;
  /** included files read, relative to the root */
  files: string[];
  warnings: LoadWarning[];
}

/** The Location of an `AWS::Include` transform, or undefined when the value is not one. */
export function includeLocation(value: unknown): { location: unknown } | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1) return undefined;
  const transform = value['Fn::Transform'];
  if (!isRecord(transform) || transform.Name !== 'AWS::Include') return undefined;
  const parameters = isRecord(transform.Parameters) ? transform.Parameters : {};
  return { location: parameters.Location };
}

function realRootOf(root: string): string | undefined {
  try {
    return realpathSync.native(root);
  } catch {
    return undefined;
  }
}

/** Replaces the included API definitions of `parsed` in place; returns a ParsedFile locating into them. */
export function inlineIncludes(root: string, parsed: ParsedFile, options: ParseOptions = {}): IncludeResult {
  const result: IncludeResult = { parsed, files: [], warnings: [] };
  const data = parsed.data;
  if (!isRecord(data) || !isRecord(data.Resources)) return result;
  const included: Array<{ prefix: PathSegment[]; file: ParsedFile }> = [];
  let realRoot: string | undefined | null = null;
  for (const [id, resource] of Object.entries(data.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string' || !isRecord(resource.Properties)) continue;
    const property = DEFINITION_PROPERTY[resource.Type];
    if (property === undefined) continue;
    const include = includeLocation(resource.Properties[property]);
    if (!include) continue;
    const prefix: PathSegment[] = ['Resources', id, 'Properties', property];
    const at = parsed.locate(prefix);
    const unread = (why: string): void => {
      result.warnings.push({ code: 'include-unread', message: `API ${id}: ${property} is included with AWS::Include from ${why}; its routes, authorizers and validators could not be read`, location: at });
    };
    const location = include.location;
    if (typeof location !== 'string' || location.trim() === '') {
      unread('a Location that is not a literal path');
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      unread(`${location}, outside the scanned files`);
      continue;
    }
    const relPath = path.posix.normalize(path.posix.join(path.posix.dirname(parsed.file), location.replace(/\\/g, '/')));
    if (realRoot === null) realRoot = realRootOf(root);
    if (realRoot === undefined) {
      unread(`${location}, which could not be resolved`);
      continue;
    }
    const read = safeReadFileSync(realRoot, relPath, { maxFileBytes: MAX_INCLUDE_BYTES });
    if (!read.ok) {
      unread(`${location}, which could not be read (${read.warning.message})`);
      continue;
    }
    const file = parseTemplateText(read.text, relPath, options);
    result.warnings.push(...file.warnings);
    if (!isRecord(file.data)) {
      unread(`${location}, which is not a YAML or JSON mapping`);
      continue;
    }
    resource.Properties[property] = file.data;
    included.push({ prefix, file });
    if (!result.files.includes(relPath)) result.files.push(relPath);
  }
  if (included.length === 0) return result;
  const locate = (at: readonly PathSegment[]): SourceLocation => {
    for (const { prefix, file } of included) {
      if (at.length > prefix.length && prefix.every((segment, index) => at[index] === segment)) return file.locate(at.slice(prefix.length));
    }
    return parsed.locate(at);
  };
  result.parsed = { ...parsed, locate };
  return result;
}

/**
 * SAM policy templates (`S3ReadPolicy: { BucketName: b }`): the policy document behind a
 * template name, with its parameters substituted. The definitions ship with the package
 * (data/sam-policy-templates.json, from the SAM project) so expansion works offline.
 */
import { isRecord } from '../../model/values.js';
import { readPackageFile } from '../../package-files.js';

interface PolicyTemplate {
  Definition: { Statement: unknown[] };
  Parameters: Record<string, unknown>;
}

let cache: Map<string, PolicyTemplate> | undefined;

function templates(): Map<string, PolicyTemplate> {
  if (!cache) {
    const parsed = JSON.parse(readPackageFile('data/sam-policy-templates.json')) as { Templates: Record<string, PolicyTemplate> };
    cache = new Map(Object.entries(parsed.Templates));
  }
  return cache;
}

export function isPolicyTemplateName(name: string): boolean {
  return templates().has(name);
}

export type PolicyTemplateExpansion =
  | { ok: true; document: { Statement: unknown[] } }
  | { ok: false; reason: string };

/** Replaces every `{ Ref: <Parameter> }` of the definition with the caller's value for it. */
function substitute(node: unknown, values: Record<string, unknown>, declared: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, values, declared));
  if (!isRecord(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof node.Ref === 'string' && declared.has(node.Ref)) {
    return values[node.Ref];
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = substitute(value, values, declared);
  return out;
}

/**
 * Expands one policy template. `parameters` is the value written under the template name;
 * parameters the template does not declare are ignored, as the SAM translator does.
 */
export function expandPolicyTemplate(name: string, parameters: unknown): PolicyTemplateExpansion {
  const template = templates().get(name);
  if (!template) return { ok: false, reason: `'${name}' is not a SAM policy template` };
  if (!isRecord(parameters)) {
    return { ok: false, reason: `parameters of policy template '${name}' must be a map` };
  }
  const declared = new Set(Object.keys(template.Parameters ?? {}));
  const missing = [...declared].filter((p) => parameters[p] === undefined || parameters[p] === null);
  if (missing.length > 0) {
    return { ok: false, reason: `policy template '${name}' is missing parameter(s) ${missing.join(', ')}` };
  }
  const document = substitute(template.Definition, parameters, declared) as { Statement: unknown[] };
  return { ok: true, document };
}

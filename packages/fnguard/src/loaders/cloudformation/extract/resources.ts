/** Every template resource, as written (intrinsics resolved where possible), for resource-level rules. */
import type { Resource } from '../../../model/types.js';
import type { ExtractContext } from './context.js';

export function extractPlainResources(ctx: ExtractContext): void {
  const known = new Set(ctx.app.resources.map((resource) => resource.id));
  for (const resource of ctx.template.resources.values()) {
    if (known.has(resource.id)) continue;
    const entry: Resource = { id: resource.id, type: resource.type, properties: ctx.props(resource), location: resource.location };
    if (resource.condition !== undefined) entry.condition = resource.condition;
    ctx.app.resources.push(entry);
  }
}

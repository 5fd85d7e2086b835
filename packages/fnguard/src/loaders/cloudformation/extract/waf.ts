/** WAF web ACL associations, recorded on the API whose stage (or the API itself) they protect. */
import { referencedIds } from '../../../model/values.js';
import type { ExtractContext } from './context.js';

export function linkWebAcls(ctx: ExtractContext): void {
  for (const resource of ctx.ofType('AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation')) {
    const props = ctx.props(resource);
    const acl = ctx.template.render(props.WebACLArn ?? props.WebACLId);
    const target = ctx.template.render(props.ResourceArn);
    if (acl === undefined || target === undefined) continue;
    for (const id of referencedIds(target)) {
      const stage = ctx.template.resources.get(id);
      // A stage resource points to its API; SAM's implicit stages are named `<Api><Stage>Stage`.
      const apiId = stage?.type === 'AWS::ApiGateway::Stage' || stage?.type === 'AWS::ApiGatewayV2::Stage'
        ? ctx.targetOf(stage.properties.RestApiId ?? stage.properties.ApiId)
        : id;
      const api = (apiId ? ctx.apis.get(apiId) : undefined)
        ?? [...ctx.apis.values()].find((candidate) => candidate.implicit && id.startsWith(candidate.id) && id.endsWith('Stage'));
      if (api) api.wafWebAcl = acl;
    }
  }
}

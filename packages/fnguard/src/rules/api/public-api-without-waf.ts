import type { App, Resource } from '../../model/types.js';
import { isRecord, referencedIds } from '../../model/values.js';
import { rule, type RuleHit } from '../rule.js';
import { isPublicApi, property, propertyPath, resourcesOfType } from '../support/model-queries.js';

/** Logical ids and literal text inside a raw property value (`Ref`, `Fn::GetAtt`, `Fn::Sub`, nested functions). */
function walk(value: unknown, ids: Set<string>, texts: string[]): void {
  if (typeof value === 'string') {
    texts.push(value);
    for (const id of referencedIds(value)) ids.add(id);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, ids, texts);
    return;
  }
  if (!isRecord(value)) return;
  if (typeof value.Ref === 'string') ids.add(value.Ref);
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') ids.add(getAtt[0]);
  else if (typeof getAtt === 'string') ids.add(getAtt.split('.')[0] ?? getAtt);
  for (const [key, nested] of Object.entries(value)) if (key !== 'Ref' && key !== 'Fn::GetAtt') walk(nested, ids, texts);
}

/**
 * What of the app's functions a CloudFront distribution puts on the internet: API Gateway or
 * function URL origins (declared here or written as execute-api / lambda-url domains), load
 * balancers with function targets, and Lambda@Edge associations, which run on every request.
 */
function functionFronts(app: App, distribution: Resource): string[] {
  const config = property(distribution.properties, 'DistributionConfig');
  const fronts: string[] = [];
  const origins = property(config, 'Origins');
  const hasAlbTargets = app.functions.some((fn) => fn.triggers.some((trigger) => trigger.kind === 'alb'));
  for (const origin of Array.isArray(origins) ? origins : []) {
    const ids = new Set<string>();
    const texts: string[] = [];
    walk(property(origin, 'DomainName'), ids, texts);
    const api = app.apis.find((candidate) => ids.has(candidate.id));
    const urlOf = app.functions.find((fn) => fn.url !== undefined && ids.has(`${fn.id}Url`));
    const urlResource = app.resources.find((resource) => ids.has(resource.id) && resource.type === 'AWS::Lambda::Url');
    const balancer = app.resources.find((resource) => ids.has(resource.id) && resource.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    if (api) fronts.push(`API ${api.name}`);
    else if (urlOf) fronts.push(`the function URL of ${urlOf.name}`);
    else if (urlResource) fronts.push(`function URL ${urlResource.id}`);
    else if (balancer && hasAlbTargets) fronts.push(`load balancer ${balancer.id}`);
    else if (texts.some((text) => text.includes('.execute-api.'))) fronts.push('an API Gateway origin');
    else if (texts.some((text) => text.includes('.lambda-url.'))) fronts.push('a function URL origin');
  }
  const cacheBehaviors = property(config, 'CacheBehaviors');
  const behaviors = [property(config, 'DefaultCacheBehavior'), ...(Array.isArray(cacheBehaviors) ? cacheBehaviors : [])];
  const runsEdgeFunctions = (behavior: unknown): boolean => {
    const associations = property(behavior, 'LambdaFunctionAssociations');
    return Array.isArray(associations) && associations.length > 0;
  };
  if (behaviors.some(runsEdgeFunctions)) {
    fronts.push('Lambda@Edge functions');
  }
  return [...new Set(fronts)];
}

function distributionHits(app: App): RuleHit[] {
  return resourcesOfType(app, 'AWS::CloudFront::Distribution').flatMap((distribution) => {
    if (propertyPath(distribution.properties, 'DistributionConfig', 'WebACLId') !== undefined) return [];
    const fronts = functionFronts(app, distribution);
    if (fronts.length === 0) return [];
    return [{
      message: `CloudFront distribution ${distribution.id} puts ${fronts.join(', ')} on the internet with no WAF web ACL (DistributionConfig.WebACLId).`,
      location: distribution.location,
      resource: distribution.id,
      evidence: 'no WebACLId',
      key: 'cloudfront-waf',
    }];
  });
}

/** Distributions with a web ACL whose origin is this API: the ACL does not guard the API's own endpoint. */
function bypassNote(app: App, apiId: string): string {
  const guarded = resourcesOfType(app, 'AWS::CloudFront::Distribution').find((distribution) => {
    if (propertyPath(distribution.properties, 'DistributionConfig', 'WebACLId') === undefined) return false;
    const ids = new Set<string>();
    walk(propertyPath(distribution.properties, 'DistributionConfig', 'Origins'), ids, []);
    return ids.has(apiId);
  });
  return guarded ? ` CloudFront distribution ${guarded.id} in front of it has a web ACL, but callers who use the API's own execute-api endpoint bypass it.` : '';
}

export default rule({
  id: 'FG-API-004',
  title: 'Public REST API or CloudFront distribution in front of functions without a WAF web ACL',
  description:
    'A REST API with routes reachable from the internet has no AWS WAF web ACL associated with its stage, or a CloudFront distribution whose origin is an API, a function URL or a load balancer ' +
    'with function targets (or that runs Lambda@Edge functions) has no WebACLId. Injection probes, credential stuffing and bot floods then reach the functions unfiltered. ' +
    'HTTP APIs cannot take a web ACL directly and are not reported (front them with CloudFront and WAF, or use in-function inspection). ' +
    'A web ACL on a CloudFront distribution does not protect the API behind it from callers who use the API endpoint directly, so the API is still reported (disable the default endpoint or restrict it with a resource policy).',
  severity: 'medium',
  sas: 'SAS-1',
  cwe: 'CWE-693',
  profile: 'recommended',
  peers: { cdkNag: ['AwsSolutions-APIG3', 'AwsSolutions-CFR2'], checkov: ['CKV2_AWS_29', 'CKV_AWS_68'] },
  remediation:
    'Associate a WAFv2 web ACL with the stage (regional scope) or set WebACLId on the distribution (CLOUDFRONT scope, created in us-east-1), starting from the AWS managed rule groups ' +
    '(core rule set, known bad inputs, IP reputation) and a rate-based rule.',
  fix: {
    sam: [
      'ApiWafAssociation:',
      '  Type: AWS::WAFv2::WebACLAssociation',
      '  Properties:',
      '    ResourceArn: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${MyApi}/stages/${MyApi.Stage}',
      '    WebACLArn: !GetAtt ApiWebAcl.Arn',
      '# CloudFront: DistributionConfig.WebACLId: !Ref CloudFrontWebAclArn (a CLOUDFRONT-scope ACL from us-east-1)',
    ].join('\n'),
    serverless: [
      'resources:',
      '  Resources:',
      '    ApiWafAssociation:',
      '      Type: AWS::WAFv2::WebACLAssociation',
      '      DependsOn: ApiGatewayDeployment${sls:instanceId}',
      '      Properties:',
      '        ResourceArn: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${ApiGatewayRestApi}/stages/${sls:stage}',
      '        WebACLArn: !GetAtt ApiWebAcl.Arn',
    ].join('\n'),
  },
  check: (app) => [
    ...app.apis
      .filter((api) => api.kind === 'rest' && api.endpointType?.toUpperCase() !== 'PRIVATE' && api.wafWebAcl === undefined && isPublicApi(app, api))
      .map((api) => ({
        message: `REST API ${api.name} has public routes and no WAF web ACL in front of it.${bypassNote(app, api.id)}`,
        location: api.location,
        resource: api.id,
        key: 'waf',
      })),
    ...distributionHits(app),
  ],
});

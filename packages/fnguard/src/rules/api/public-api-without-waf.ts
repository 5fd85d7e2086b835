import { rule } from '../rule.js';
import { isPublicApi } from '../support/model-queries.js';

export default rule({
  id: 'FG-API-004',
  title: 'Public REST API without a WAF web ACL',
  description:
    'A REST API with routes reachable from the internet has no AWS WAF web ACL associated with its stage. Injection probes, credential stuffing and bot floods then reach the functions unfiltered; ' +
    'HTTP APIs cannot take a web ACL directly and are not reported (front them with CloudFront and WAF, or use in-function inspection).',
  severity: 'medium',
  sas: 'SAS-1',
  cwe: 'CWE-693',
  profile: 'recommended',
  peers: { cdkNag: ['AwsSolutions-APIG3'], checkov: ['CKV2_AWS_29'] },
  remediation: 'Associate a WAFv2 web ACL with the stage, starting from the AWS managed rule groups (core rule set, known bad inputs, IP reputation) and a rate-based rule.',
  fix: {
    sam: [
      'ApiWafAssociation:',
      '  Type: AWS::WAFv2::WebACLAssociation',
      '  Properties:',
      '    ResourceArn: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${MyApi}/stages/${MyApi.Stage}',
      '    WebACLArn: !GetAtt ApiWebAcl.Arn',
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
  check: (app) =>
    app.apis
      .filter((api) => api.kind === 'rest' && api.endpointType?.toUpperCase() !== 'PRIVATE' && api.wafWebAcl === undefined && isPublicApi(app, api))
      .map((api) => ({
        message: `REST API ${api.name} has public routes and no WAF web ACL in front of it.`,
        location: api.location,
        resource: api.id,
        key: 'waf',
      })),
});

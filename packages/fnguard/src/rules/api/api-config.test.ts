import { buildApi, buildApp, buildFunction, buildResource, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import corsAnyOriginCredentials from './cors-any-origin-credentials.js';
import publicApiWithoutWaf from './public-api-without-waf.js';
import restRequestValidation from './rest-request-validation.js';

const post = (isPublic: boolean, config: Record<string, unknown> = {}) =>
  buildFunction('Create', { triggers: [buildTrigger('http-rest', { apiId: 'Api', method: 'POST', path: '/orders', public: isPublic, config, location: loc(25) })] });

testRule(corsAnyOriginCredentials, {
  valid: [
    { name: 'explicit origins with credentials', app: buildApp({ apis: [buildApi('Api', { cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true } })] }) },
    { name: 'any origin without credentials', app: buildApp({ apis: [buildApi('Api', { cors: { allowOrigins: ['*'], allowCredentials: false } })] }) },
    { name: 'no CORS', app: buildApp({ apis: [buildApi('Api')] }) },
  ],
  invalid: [
    { name: 'API with * and credentials', app: buildApp({ apis: [buildApi('Api', { cors: { allowOrigins: ['*'], allowCredentials: true } })] }), hits: [{ resource: 'Api', message: ['any origin'] }] },
    {
      name: 'function URL with * and credentials',
      app: buildApp({ functions: [buildFunction('Fn', { url: { authType: 'AWS_IAM', location: loc(9), cors: { allowOrigins: ['https://a.example', '*'], allowCredentials: true } } })] }),
      hits: [{ function: 'Fn', line: 9 }],
    },
  ],
});

testRule(restRequestValidation, {
  valid: [
    { name: 'API-wide validation', app: buildApp({ apis: [buildApi('Api', { requestValidation: true })], functions: [post(true)] }) },
    { name: 'GET routes only', app: buildApp({ apis: [buildApi('Api')], functions: [buildFunction('Get', { triggers: [buildTrigger('http-rest', { apiId: 'Api', method: 'GET', path: '/x' })] })] }) },
    { name: 'a validated route', app: buildApp({ apis: [buildApi('Api', { routes: [{ path: '/orders', method: 'POST', auth: { type: 'iam' }, requestValidation: true, location: loc(3) }] })] }) },
    {
      name: 'validated OpenAPI routes are not second-guessed by the events that feed them',
      app: buildApp({ apis: [buildApi('Api', { routes: [{ path: '/orders', method: 'POST', auth: { type: 'iam' }, requestValidation: true, location: loc(3) }] })], functions: [post(true)] }),
    },
    { name: 'an event with a request model', app: buildApp({ apis: [buildApi('Api')], functions: [post(true, { RequestModel: { Model: 'Order', ValidateBody: true } })] }) },
    { name: 'HTTP APIs are out of scope', app: buildApp({ apis: [buildApi('Api', { kind: 'http' })], functions: [post(true)] }) },
  ],
  invalid: [
    { name: 'public POST without validation', app: buildApp({ apis: [buildApi('Api')], functions: [post(true)] }), hits: [{ severity: 'medium', function: 'Create', line: 25, message: ['POST /orders'] }] },
    { name: 'internal POST without validation', app: buildApp({ apis: [buildApi('Api')], functions: [post(false)] }), hits: [{ severity: 'low' }] },
    { name: 'declared route without validation', app: buildApp({ apis: [buildApi('Api', { routes: [{ path: '/orders', method: 'put', functionId: 'Create', auth: { type: 'none' }, location: loc(4) }] })] }), hits: [{ message: ['PUT /orders'], line: 4 }] },
  ],
});

const distribution = (origins: unknown[], extra: Record<string, unknown> = {}) =>
  buildResource('Cdn', 'AWS::CloudFront::Distribution', { DistributionConfig: { Enabled: true, Origins: origins, DefaultCacheBehavior: { TargetOriginId: 'o' }, ...extra } }, { location: loc(90) });
const httpApi = buildApi('HttpApi', { kind: 'http', name: 'orders-http' });
const httpOrigin = { Id: 'o', DomainName: { 'Fn::Sub': '${HttpApi}.execute-api.${AWS::Region}.amazonaws.com' } };

testRule(publicApiWithoutWaf, {
  valid: [
    { name: 'public API with a web ACL', app: buildApp({ apis: [buildApi('Api', { wafWebAcl: '${Acl.Arn}' })], functions: [post(true)] }) },
    { name: 'internal API', app: buildApp({ apis: [buildApi('Api')], functions: [post(false)] }) },
    { name: 'private endpoint', app: buildApp({ apis: [buildApi('Api', { endpointType: 'PRIVATE' })], functions: [post(true)] }) },
    { name: 'HTTP API', app: buildApp({ apis: [buildApi('Api', { kind: 'http' })], functions: [post(true)] }) },
    { name: 'CloudFront with a web ACL in front of an API', app: buildApp({ apis: [httpApi], resources: [distribution([httpOrigin], { WebACLId: '${Acl.Arn}' })] }) },
    { name: 'CloudFront in front of a bucket only', app: buildApp({ resources: [distribution([{ Id: 'o', DomainName: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] }, S3OriginConfig: {} }])] }) },
  ],
  invalid: [
    { name: 'public REST API without WAF', app: buildApp({ apis: [buildApi('Api', { name: 'orders' })], functions: [post(true)] }), hits: [{ resource: 'Api', message: ['orders'] }] },
    {
      name: 'a web ACL on CloudFront does not cover the API endpoint itself',
      app: buildApp({ apis: [buildApi('Api', { name: 'orders' })], functions: [post(true)], resources: [distribution([{ Id: 'o', DomainName: { 'Fn::Sub': '${Api}.execute-api.${AWS::Region}.amazonaws.com' } }], { WebACLId: 'arn:aws:wafv2:us-east-1:1:global/webacl/x' })] }),
      hits: [{ resource: 'Api', message: ['CloudFront distribution Cdn in front of it has a web ACL', 'bypass it'] }],
    },
    { name: 'CloudFront in front of an HTTP API without a web ACL', app: buildApp({ apis: [httpApi], resources: [distribution([httpOrigin])] }), hits: [{ resource: 'Cdn', line: 90, message: ['CloudFront distribution Cdn puts API orders-http on the internet', 'no WAF web ACL'], evidence: ['no WebACLId'] }] },
    {
      name: 'CloudFront in front of a SAM function URL',
      app: buildApp({
        functions: [buildFunction('Render', { name: 'render', url: { authType: 'AWS_IAM', location: loc(5) } })],
        resources: [distribution([{ Id: 'o', DomainName: { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['RenderUrl', 'FunctionUrl'] }] }] } }])],
      }),
      hits: [{ message: ['the function URL of render'] }],
    },
    { name: 'a literal execute-api origin', app: buildApp({ resources: [distribution([{ Id: 'o', DomainName: 'abc123.execute-api.eu-west-1.amazonaws.com' }])] }), hits: [{ message: ['an API Gateway origin'] }] },
    {
      name: 'Lambda@Edge functions run on every request',
      app: buildApp({ resources: [distribution([{ Id: 'o', DomainName: 'site.s3.amazonaws.com' }], { DefaultCacheBehavior: { TargetOriginId: 'o', LambdaFunctionAssociations: [{ EventType: 'viewer-request', LambdaFunctionARN: '${EdgeFn.Version}' }] } })] }),
      hits: [{ message: ['Lambda@Edge functions'] }],
    },
  ],
});

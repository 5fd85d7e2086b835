import { buildApi, buildApp, buildFunction, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
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
    { name: 'an event with a request model', app: buildApp({ apis: [buildApi('Api')], functions: [post(true, { RequestModel: { Model: 'Order', ValidateBody: true } })] }) },
    { name: 'HTTP APIs are out of scope', app: buildApp({ apis: [buildApi('Api', { kind: 'http' })], functions: [post(true)] }) },
  ],
  invalid: [
    { name: 'public POST without validation', app: buildApp({ apis: [buildApi('Api')], functions: [post(true)] }), hits: [{ severity: 'medium', function: 'Create', line: 25, message: ['POST /orders'] }] },
    { name: 'internal POST without validation', app: buildApp({ apis: [buildApi('Api')], functions: [post(false)] }), hits: [{ severity: 'low' }] },
    { name: 'declared route without validation', app: buildApp({ apis: [buildApi('Api', { routes: [{ path: '/orders', method: 'put', functionId: 'Create', auth: { type: 'none' }, location: loc(4) }] })] }), hits: [{ message: ['PUT /orders'], line: 4 }] },
  ],
});

testRule(publicApiWithoutWaf, {
  valid: [
    { name: 'public API with a web ACL', app: buildApp({ apis: [buildApi('Api', { wafWebAcl: '${Acl.Arn}' })], functions: [post(true)] }) },
    { name: 'internal API', app: buildApp({ apis: [buildApi('Api')], functions: [post(false)] }) },
    { name: 'private endpoint', app: buildApp({ apis: [buildApi('Api', { endpointType: 'PRIVATE' })], functions: [post(true)] }) },
    { name: 'HTTP API', app: buildApp({ apis: [buildApi('Api', { kind: 'http' })], functions: [post(true)] }) },
  ],
  invalid: [{ name: 'public REST API without WAF', app: buildApp({ apis: [buildApi('Api', { name: 'orders' })], functions: [post(true)] }), hits: [{ resource: 'Api', message: ['orders'] }] }],
});

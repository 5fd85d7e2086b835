import { buildApp, buildFunction, buildResource, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import type { Trigger } from '../../model/types.js';
import httpTriggerNoAuth from './http-trigger-no-auth.js';

const appWith = (...triggers: Trigger[]) => buildApp({ functions: [buildFunction('Orders', { name: 'orders-fn', triggers })] });

testRule(httpTriggerNoAuth, {
  valid: [
    { name: 'REST route with IAM auth', app: appWith(buildTrigger('http-rest', { auth: { type: 'iam' }, public: true })) },
    { name: 'HTTP API route with JWT auth', app: appWith(buildTrigger('http-api', { auth: { type: 'jwt', authorizer: 'jwtAuth' }, public: true })) },
    { name: 'CORS preflight route', app: appWith(buildTrigger('http-rest', { method: 'OPTIONS', path: '/orders', public: true })) },
    { name: 'WebSocket non-$connect route (cannot carry an authorizer)', app: appWith(buildTrigger('websocket', { path: 'sendMessage', public: true })) },
    { name: 'unknown auth is not reported', app: appWith(buildTrigger('http-api', { auth: { type: 'unknown' } })) },
    { name: 'non-HTTP trigger', app: appWith(buildTrigger('sqs')) },
    { name: 'function URL is FG-LAMBDA-001, not this rule', app: appWith(buildTrigger('function-url', { public: true })) },
    { name: 'WebSocket $connect with a Lambda authorizer', app: appWith(buildTrigger('websocket', { path: '$connect', auth: { type: 'lambda', authorizer: 'ConnectAuth' } })) },
    { name: 'ALB listener with Cognito authentication', app: appWith(buildTrigger('alb', { name: 'Lb', auth: { type: 'cognito' } })) },
    { name: 'AppSync API with Cognito user pools', app: appWith(buildTrigger('appsync', { name: 'OrdersDs', sourceId: 'Graph', auth: { type: 'cognito' } })) },
    {
      name: 'AppSync API key with an additional provider guarding fields',
      app: buildApp({
        functions: [buildFunction('Orders', { triggers: [buildTrigger('appsync', { name: 'OrdersDs', sourceId: 'Graph', auth: { type: 'none', apiKeyRequired: true } })] })],
        resources: [buildResource('Graph', 'AWS::AppSync::GraphQLApi', { AuthenticationType: 'API_KEY', AdditionalAuthenticationProviders: [{ AuthenticationType: 'AMAZON_COGNITO_USER_POOLS' }] })],
      }),
    },
  ],
  invalid: [
    {
      name: 'public REST route without auth',
      app: appWith(buildTrigger('http-rest', { method: 'POST', path: '/orders', public: true, publicReason: 'regional endpoint open to the internet', location: loc(42) })),
      hits: [{ severity: 'high', function: 'Orders', line: 42, message: ['REST API route POST /orders', 'orders-fn', 'without authorization. Regional endpoint open to the internet.'] }],
    },
    {
      name: 'private API route without auth is medium',
      app: appWith(buildTrigger('http-rest', { method: 'GET', path: '/internal', public: false })),
      hits: [{ severity: 'medium', message: ['GET /internal invokes function orders-fn without authorization.'] }],
    },
    {
      name: 'API key alone is not authentication, and the message says so up front',
      app: appWith(buildTrigger('http-rest', {
        method: 'GET', path: '/x', public: true, auth: { type: 'none', apiKeyRequired: true },
        publicReason: 'REST API route is reachable from the internet without authorization (an API key is required, but API keys identify callers, they do not authenticate them)',
      })),
      hits: [{
        severity: 'high',
        message: ['REST API route GET /x invokes function orders-fn with an API key as its only protection.', 'reachable from the internet without authorization.', 'An API key is not authentication'],
        evidence: ['apiKeyRequired: true (API key only)'],
      }],
    },
    {
      name: 'API key only on an internal route is medium',
      app: appWith(buildTrigger('http-rest', { method: 'GET', path: '/x', public: false, auth: { type: 'none', apiKeyRequired: true } })),
      hits: [{ severity: 'medium', message: ['with an API key as its only protection'] }],
    },
    {
      name: 'WebSocket $connect and ALB without auth',
      app: appWith(buildTrigger('websocket', { path: '$connect', method: 'ANY', public: true }), buildTrigger('alb', { name: 'Lb', public: true })),
      hits: [{ message: ['WebSocket API route $connect invokes'] }, { message: ['load balancer target group Lb invokes'] }].map((hit) => ({ ...hit, severity: 'high' as const })),
    },
    {
      name: 'WebSocket $connect behind a private API is medium',
      app: appWith(buildTrigger('websocket', { path: '$connect', public: false })),
      hits: [{ severity: 'medium', message: ['WebSocket API route $connect'] }],
    },
    {
      name: 'ALB target of an internal load balancer is medium',
      app: appWith(buildTrigger('alb', { name: 'Lb', public: false, publicReason: 'target of an internal load balancer' })),
      hits: [{ severity: 'medium', message: ['load balancer target group Lb'] }],
    },
    {
      name: 'AppSync API whose only mode is API_KEY, PRIVATE and so not public (medium)',
      app: buildApp({
        functions: [buildFunction('Orders', { name: 'orders-fn', triggers: [buildTrigger('appsync', { name: 'OrdersDs', sourceId: 'Graph', auth: { type: 'none', apiKeyRequired: true }, location: loc(77) })] })],
        resources: [buildResource('Graph', 'AWS::AppSync::GraphQLApi', { AuthenticationType: 'API_KEY', Visibility: 'PRIVATE' })],
      }),
      hits: [{ severity: 'medium', line: 77, message: ['AppSync GraphQL API Graph invokes function orders-fn (data source OrdersDs) with an API key as its only protection'], evidence: ['API_KEY'] }],
    },
    {
      name: 'AppSync API whose only mode is API_KEY, public as the exposure model says (high)',
      app: buildApp({
        functions: [buildFunction('Orders', { name: 'orders-fn', triggers: [buildTrigger('appsync', { name: 'OrdersDs', sourceId: 'Graph', public: true, auth: { type: 'none', apiKeyRequired: true } })] })],
        resources: [buildResource('Graph', 'AWS::AppSync::GraphQLApi', { AuthenticationType: 'API_KEY' })],
      }),
      hits: [{ severity: 'high', message: ['with an API key as its only protection'] }],
    },
  ],
});

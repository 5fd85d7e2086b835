import { buildApp, buildFunction, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
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
      name: 'API key alone is not authentication',
      app: appWith(buildTrigger('http-rest', { method: 'GET', path: '/x', public: true, auth: { type: 'none', apiKeyRequired: true } })),
      hits: [{ severity: 'high', message: ['It is reachable from the internet.', 'API key is not authentication'], evidence: ['apiKeyRequired: true'] }],
    },
    {
      name: 'WebSocket $connect and ALB without auth',
      app: appWith(buildTrigger('websocket', { path: '$connect', public: true }), buildTrigger('alb', { name: 'Lb', public: true })),
      hits: [{ message: ['WebSocket API route $connect'] }, { message: ['load balancer route event Lb'] }].map((hit) => ({ ...hit, severity: 'high' as const })),
    },
  ],
});

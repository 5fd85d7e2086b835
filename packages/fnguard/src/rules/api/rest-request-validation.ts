import { rule } from '../rule.js';
import { isPublicApi, triggersOfApi } from '../support/model-queries.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ANY']);

export default rule({
  id: 'FG-API-003',
  title: 'REST API without request validation',
  description:
    'A REST API passes requests to functions without an API Gateway request validator, so malformed and oversized payloads reach the code and every function must validate its own input. ' +
    'Only routes that take a body (POST, PUT, PATCH, ANY) are reported; severity is low, medium when the API is public.',
  severity: 'low',
  sas: 'SAS-1',
  cwe: 'CWE-20',
  profile: 'strict',
  peers: { cdkNag: ['AwsSolutions-APIG2'] },
  remediation: 'Attach a request validator (body and parameters) with a model for each body-taking method, and validate again in the function (for example with the @fnguard/runtime `validate` option).',
  fix: {
    sam: [
      'Events:',
      '  CreateOrder:',
      '    Type: Api',
      '    Properties:',
      '      Path: /orders',
      '      Method: post',
      '      RequestModel:',
      '        Model: Order',
      '        Required: true',
      '        ValidateBody: true',
      '        ValidateParameters: true',
    ].join('\n'),
    serverless: [
      'functions:',
      '  createOrder:',
      '    events:',
      '      - http:',
      '          path: orders',
      '          method: post',
      '          request:',
      '            schemas:',
      '              application/json: ${file(schemas/order.json)}',
    ].join('\n'),
  },
  check: (app) =>
    app.apis
      .filter((api) => api.kind === 'rest' && api.requestValidation !== true)
      .flatMap((api) => {
        // Routes the model knows (OpenAPI, serverless.yml) decide; triggers stand in only when it knows none.
        const routes = api.routes.filter((route) => BODY_METHODS.has(route.method.toUpperCase()));
        const viaTriggers = triggersOfApi(app, api).filter(({ trigger }) => BODY_METHODS.has((trigger.method ?? '').toUpperCase()));
        const unvalidated = routes.length > 0
          ? routes.filter((route) => route.requestValidation !== true).map((route) => ({ label: `${route.method.toUpperCase()} ${route.path}`, location: route.location, function: route.functionId }))
          : viaTriggers.filter(({ trigger }) => trigger.config.RequestModel === undefined && trigger.config.request === undefined)
            .map(({ fn, trigger }) => ({ label: `${(trigger.method ?? '').toUpperCase()} ${trigger.path ?? ''}`.trim(), location: trigger.location, function: fn.id }));
        const severity = isPublicApi(app, api) ? 'medium' as const : 'low' as const;
        return unvalidated.map((route) => ({
          message: `Route ${route.label} of REST API ${api.name} has no request validation.`,
          location: route.location,
          resource: api.id,
          ...(route.function !== undefined ? { function: route.function } : {}),
          severity,
          key: route.label,
        }));
      }),
});

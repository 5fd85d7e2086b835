import type { Api, App } from '../../model/types.js';
import { rule } from '../rule.js';
import { isPublicApi, property, triggersOfApi } from '../support/model-queries.js';

const USER_AUTH = new Set(['cognito', 'jwt', 'lambda']);

/**
 * Internet-facing, but every route wants a user token: anyone who can sign up, or who holds one
 * leaked token, can still flood it, and with a Lambda authorizer every uncached bogus token runs a function.
 * APIs with a PRIVATE endpoint or a resource policy are left alone: who can reach them is decided elsewhere.
 */
function authenticatedInternetApi(app: App, api: Api): { lambdaAuthorizer: boolean } | undefined {
  if (api.endpointType?.toUpperCase() === 'PRIVATE') return undefined;
  if (api.properties.Policy !== undefined || property(api.properties.Auth, 'ResourcePolicy') !== undefined) return undefined;
  const triggers = triggersOfApi(app, api).map(({ trigger }) => trigger);
  const routes = [...triggers.map((trigger) => trigger.auth), ...api.routes.map((route) => route.auth)];
  if (!routes.some((auth) => USER_AUTH.has(auth.type))) return undefined;
  return { lambdaAuthorizer: routes.some((auth) => auth.type === 'lambda') };
}

export default rule({
  id: 'FG-DOS-002',
  title: 'Public API without throttling',
  description:
    'An API reachable from the internet has no stage throttling (burst and rate limits) and no usage plan, so it accepts up to the account-level limit of 10,000 requests per second, ' +
    'each of which runs and bills a function. Severity follows exposure: medium when routes are open to anyone without credentials, low when every route requires a user token ' +
    '(Cognito, JWT or Lambda authorizer; anyone who can sign up or holds a leaked token can still flood it, and each uncached token runs a Lambda authorizer). ' +
    'APIs with a PRIVATE endpoint, a resource policy, or only IAM-authorized routes are not reported.',
  severity: 'medium',
  sas: 'SAS-8',
  cwe: 'CWE-770',
  profile: 'recommended',
  peers: { cdkNag: ['Serverless-APIGWDefaultThrottling'], serverlessRules: ['ES2003'] },
  remediation: 'Set default route throttling on every stage to what the backend can serve, and tighter limits per route for expensive operations.',
  fix: {
    sam: [
      'Api:',
      '  Type: AWS::Serverless::Api',
      '  Properties:',
      '    MethodSettings:',
      '      - ResourcePath: "/*"',
      '        HttpMethod: "*"',
      '        ThrottlingBurstLimit: 100',
      '        ThrottlingRateLimit: 50',
    ].join('\n'),
    serverless: [
      'provider:',
      '  apiGateway:',
      '    usagePlan:',
      '      throttle:',
      '        burstLimit: 100',
      '        rateLimit: 50',
    ].join('\n'),
  },
  check: (app) =>
    app.apis
      .filter((api) => api.usagePlan !== true)
      .filter((api) => !api.stages.some((stage) => stage.throttling?.burstLimit !== undefined || stage.throttling?.rateLimit !== undefined))
      .flatMap((api) => {
        if (isPublicApi(app, api)) {
          return [{ message: `API ${api.name} has public routes and no throttling or usage plan.`, location: api.location, resource: api.id, key: 'throttling' }];
        }
        const authenticated = authenticatedInternetApi(app, api);
        if (!authenticated) return [];
        return [{
          message: `API ${api.name} is reachable from the internet and has no throttling or usage plan; its routes require a user token, which limits who can flood it but not how fast` +
            `${authenticated.lambdaAuthorizer ? ' (every request with an uncached token runs the Lambda authorizer)' : ''}.`,
          location: api.location,
          resource: api.id,
          severity: 'low' as const,
          key: 'throttling',
        }];
      }),
});

import { rule } from '../rule.js';
import { isPublicApi } from '../support/model-queries.js';

export default rule({
  id: 'FG-DOS-002',
  title: 'Public API without throttling',
  description:
    'An API with public routes has no stage throttling (burst and rate limits) and no usage plan, so it accepts up to the account-level limit of 10,000 requests per second, ' +
    'each of which runs and bills a function.',
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
      .filter((api) => isPublicApi(app, api) && api.usagePlan !== true)
      .filter((api) => !api.stages.some((stage) => stage.throttling?.burstLimit !== undefined || stage.throttling?.rateLimit !== undefined))
      .map((api) => ({
        message: `API ${api.name} has public routes and no throttling or usage plan.`,
        location: api.location,
        resource: api.id,
        key: 'throttling',
      })),
});

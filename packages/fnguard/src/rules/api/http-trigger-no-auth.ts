import type { Api, ApiRoute, App, Trigger, TriggerKind } from '../../model/types.js';
import { rule, type RuleHit } from '../rule.js';
import { httpEntryLabel, property, publicServiceRoutes } from '../support/model-queries.js';

const HTTP_KINDS: ReadonlySet<TriggerKind> = new Set(['http-rest', 'http-api', 'websocket', 'alb']);

/**
 * WebSocket APIs authorize only the $connect route; other routes inherit the connection's
 * identity and cannot carry an authorizer, so flagging them would be noise.
 */
function authorizable(trigger: Trigger): boolean {
  if (trigger.kind !== 'websocket') return true;
  return trigger.path === undefined || trigger.path === '$connect';
}

/** The loader's reason is a clause; finding messages want it as a sentence of its own. */
function sentence(clause: string): string {
  const trimmed = clause.trim().replace(/\.$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

function routeLabel(trigger: Trigger): string {
  if (trigger.kind === 'alb') return `target group ${trigger.name}`;
  // WebSocket routes are route keys ($connect, sendMessage); their method is a placeholder.
  const method = trigger.kind === 'websocket' ? undefined : trigger.method;
  const route = [method, trigger.path].filter((part) => part !== undefined && part !== '').join(' ');
  return route === '' ? `event ${trigger.name}` : route;
}

/** The loader's reason repeats the API-key remark this rule makes itself. */
function exposureSentence(trigger: Trigger): string {
  if (!trigger.public) return '';
  const reason = trigger.publicReason?.replace(/\s*\(an API key is required[^)]*\)/, '');
  return reason ? ` ${sentence(reason)}` : ' It is reachable from the internet.';
}

function httpHit(fn: App['functions'][number], trigger: Trigger): RuleHit {
  const where = `${httpEntryLabel(trigger.kind) ?? 'HTTP route'} ${routeLabel(trigger)}`;
  const apiKeyOnly = trigger.auth.apiKeyRequired === true;
  const message = apiKeyOnly
    ? `${where} invokes function ${fn.name} with an API key as its only protection.${exposureSentence(trigger)} ` +
      'An API key is not authentication: keys identify callers for usage plans and quotas, ship inside client apps and are easily shared or leaked.'
    : `${where} invokes function ${fn.name} without authorization.${exposureSentence(trigger)}`;
  return {
    message,
    location: trigger.location,
    function: fn.id,
    severity: trigger.public ? 'high' : 'medium',
    evidence: `auth: none${apiKeyOnly ? ', apiKeyRequired: true (API key only)' : ''}${trigger.apiId ? `, api: ${trigger.apiId}` : ''}`,
    key: `${trigger.kind}:${trigger.method ?? ''}:${trigger.path ?? ''}:${trigger.name}`,
  };
}

/**
 * AppSync has no "no auth" mode; an API whose only mode is API_KEY admits anyone holding the key,
 * which ships in every web and mobile client. Additional providers may guard some fields, so an
 * API that declares any is left alone.
 */
function appSyncHit(app: App, fn: App['functions'][number], trigger: Trigger): RuleHit[] {
  if (trigger.kind !== 'appsync' || trigger.auth.type !== 'none' || trigger.auth.apiKeyRequired !== true) return [];
  const api = app.resources.find((resource) => resource.id === trigger.sourceId && resource.type === 'AWS::AppSync::GraphQLApi');
  const additional = property(api?.properties, 'AdditionalAuthenticationProviders');
  if (Array.isArray(additional) && additional.length > 0) return [];
  return [{
    message: `AppSync GraphQL API ${trigger.sourceId ?? trigger.name} invokes function ${fn.name} (data source ${trigger.name}) with an API key as its only protection. ` +
      'The key ships inside every client and identifies an app, not a user: anyone who extracts it can call every resolver.',
    location: trigger.location,
    function: fn.id,
    // Public unless the API is PRIVATE (model/exposure.ts), as for HTTP routes.
    severity: trigger.public ? 'high' : 'medium',
    evidence: 'AuthenticationType: API_KEY, no additional authentication providers',
    key: `appsync:${trigger.name}`,
  }];
}

const API_LABEL: Record<Api['kind'], string> = { rest: 'REST API', http: 'HTTP API', websocket: 'WebSocket API' };

/** What a route without a function hands its requests to, for messages. */
function backendLabel(route: ApiRoute): string {
  const integration = route.integration;
  if (integration?.kind === 'aws') return `${integration.service ?? 'an AWS service'}${integration.action ? ` (${integration.action})` : ''}`;
  return 'a private HTTP backend through a VPC link';
}

/** Routes that call an AWS service (or a VPC-linked backend) directly for anyone: no function runs, but the integration role acts for every caller. */
function serviceRouteHits(api: Api): RuleHit[] {
  // $disconnect is API Gateway's own notification of a closed connection: it cannot take an authorizer.
  return publicServiceRoutes(api).filter((route) => api.kind !== 'websocket' || route.path !== '$disconnect').map((route) => {
    const label = api.kind === 'websocket' ? route.path : `${route.method} ${route.path}`;
    const apiKeyOnly = route.auth.apiKeyRequired === true;
    const what = `${API_LABEL[api.kind]} ${api.name} route ${label} sends requests to ${backendLabel(route)}`;
    const protection = apiKeyOnly ? ' with an API key as its only protection' : ' without authorization';
    const tail = route.integration?.kind === 'aws'
      ? ' It is reachable from the internet, and API Gateway calls the service with the integration role for every caller.'
      : ' It is reachable from the internet and puts a backend inside the VPC in front of anyone.';
    return {
      message: `${what}${protection}.${api.kind === 'websocket' && route.path !== '$connect' ? ' The WebSocket connection ($connect) is not authorized either.' : ''}${tail}`,
      location: route.location,
      resource: api.id,
      severity: 'high' as const,
      evidence: `auth: none${apiKeyOnly ? ', apiKeyRequired: true (API key only)' : ''}, integration: ${route.integration?.kind}${route.integration?.service ? ` ${route.integration.service}` : ''}`,
      key: `${api.kind}:${route.method}:${route.path}:${api.id}`,
    };
  });
}

export default rule({
  id: 'FG-API-001',
  title: 'HTTP endpoint without authorization',
  description:
    'An HTTP trigger (REST API, HTTP API, WebSocket $connect or load balancer target) has no authorizer, so any caller who can reach it runs the function. ' +
    'An API key alone does not count: API keys identify a caller for throttling and quotas, they are not an authentication mechanism, and a route protected by nothing else ' +
    'is reported as "API key as its only protection". An AppSync GraphQL API whose only authentication mode is API_KEY is reported the same way, and counts as reachable from the internet unless its Visibility is PRIVATE. ' +
    'Routes without a function that API Gateway integrates directly with an AWS service (SQS, DynamoDB, Kinesis, EventBridge, Step Functions, ...) or, through a VPC link, with a private HTTP backend are reported when the internet reaches them without authorization (high): the integration role acts for every caller. ' +
    'MOCK routes and HTTP proxies to public URLs are not reported. ' +
    'Severity is high when the endpoint is reachable from the internet, medium otherwise. CORS preflight (OPTIONS) routes and WebSocket routes other than $connect are skipped.',
  severity: 'medium',
  sas: 'SAS-2',
  cwe: 'CWE-306',
  profile: 'recommended',
  peers: { cdkNag: ['AwsSolutions-APIG4'], checkov: ['CKV_AWS_59', 'CKV_AWS_309'] },
  remediation:
    'Attach an authorizer to the route or set a default authorizer on the API: IAM (AWS_IAM) for service-to-service calls, a Cognito user pool or JWT authorizer for users, ' +
    'or a Lambda authorizer for anything else. If the endpoint must be public, document it and protect it with throttling and a WAF web ACL instead.',
  fix: {
    sam: [
      'Globals:',
      '  Api:',
      '    Auth:',
      '      DefaultAuthorizer: AWS_IAM',
      '# or per event:',
      'Events:',
      '  GetOrder:',
      '    Type: Api',
      '    Properties:',
      '      Path: /orders/{id}',
      '      Method: get',
      '      Auth:',
      '        Authorizer: AWS_IAM',
    ].join('\n'),
    serverless: [
      'functions:',
      '  getOrder:',
      '    events:',
      '      - http:',
      '          path: orders/{id}',
      '          method: get',
      '          authorizer: aws_iam',
      '      # HTTP API: declare provider.httpApi.authorizers.jwtAuth, then',
      '      - httpApi:',
      '          path: /orders/{id}',
      '          method: get',
      '          authorizer:',
      '            name: jwtAuth',
    ].join('\n'),
  },
  check: (app) => [
    ...app.functions.flatMap((fn) => [
      ...fn.triggers
        .filter((trigger) => HTTP_KINDS.has(trigger.kind) && trigger.auth.type === 'none')
        .filter((trigger) => trigger.method?.toUpperCase() !== 'OPTIONS' && authorizable(trigger))
        .map((trigger) => httpHit(fn, trigger)),
      ...fn.triggers.flatMap((trigger) => appSyncHit(app, fn, trigger)),
    ]),
    ...app.apis.flatMap(serviceRouteHits),
  ],
});

import type { Trigger, TriggerKind } from '../../model/types.js';
import { rule } from '../rule.js';

const HTTP_KINDS: ReadonlySet<TriggerKind> = new Set(['http-rest', 'http-api', 'websocket', 'alb']);

const KIND_LABEL: Partial<Record<TriggerKind, string>> = {
  'http-rest': 'REST API',
  'http-api': 'HTTP API',
  websocket: 'WebSocket API',
  alb: 'load balancer',
};

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
  const route = [trigger.method, trigger.path].filter((part) => part !== undefined && part !== '').join(' ');
  return route === '' ? `event ${trigger.name}` : route;
}

export default rule({
  id: 'FG-API-001',
  title: 'HTTP endpoint without authorization',
  description:
    'An HTTP trigger (REST API, HTTP API, WebSocket $connect or load balancer target) has no authorizer, so any caller who can reach it runs the function. ' +
    'An API key alone does not count: API keys identify a caller for throttling and quotas, they are not an authentication mechanism. ' +
    'Severity is high when the endpoint is reachable from the internet, medium otherwise. CORS preflight (OPTIONS) routes are skipped.',
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
  check: (app) =>
    app.functions.flatMap((fn) =>
      fn.triggers
        .filter((trigger) => HTTP_KINDS.has(trigger.kind) && trigger.auth.type === 'none')
        .filter((trigger) => trigger.method?.toUpperCase() !== 'OPTIONS' && authorizable(trigger))
        .map((trigger) => {
          const exposure = !trigger.public ? '' : trigger.publicReason ? ` ${sentence(trigger.publicReason)}` : ' It is reachable from the internet.';
          const apiKey = trigger.auth.apiKeyRequired
            ? ' It requires an API key, but an API key is not authentication: keys identify callers for usage plans and are easily shared or leaked.'
            : '';
          return {
            message: `${KIND_LABEL[trigger.kind] ?? 'HTTP'} route ${routeLabel(trigger)} invokes function ${fn.name} without authorization.${exposure}${apiKey}`,
            location: trigger.location,
            function: fn.id,
            severity: trigger.public ? ('high' as const) : ('medium' as const),
            evidence: `auth: none${trigger.auth.apiKeyRequired ? ', apiKeyRequired: true' : ''}${trigger.apiId ? `, api: ${trigger.apiId}` : ''}`,
            key: `${trigger.kind}:${trigger.method ?? ''}:${trigger.path ?? ''}:${trigger.name}`,
          };
        }),
    ),
});

/**
 * Decides, once per app, which triggers let anyone on the internet run a function without
 * credentials. Rules read `Trigger.public` instead of re-deriving it, so the reasoning lives here
 * and its explanation (`publicReason`) ends up in finding messages.
 */
import type { Api, App, Resource, ServerlessFunction, Trigger } from './types.js';
import { asList, conditionKeys, isEveryonePrincipal, isRecord, referencedIds } from './values.js';

type Verdict = { public: boolean; reason: string };

const HTTP_LABEL: Record<string, string> = {
  'http-rest': 'REST API', 'http-api': 'HTTP API', websocket: 'WebSocket API',
};

/** Logical ids a resolved property value points at: `{Ref}`, `{Fn::GetAtt}`, `${Id}` text. */
function idsOf(value: unknown): string[] {
  return asList(value).flatMap((item) => {
    if (typeof item === 'string') {
      const ids = referencedIds(item);
      return ids.length > 0 ? ids : [item];
    }
    if (!isRecord(item)) return [];
    if (typeof item.Ref === 'string') return [item.Ref];
    const getAtt = item['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
    const sub = item['Fn::Sub'];
    if (typeof sub === 'string') return referencedIds(sub);
    return [];
  });
}

function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.toLowerCase().split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(action);
}

/** An Allow statement that lets anyone perform `action` with no condition narrowing it. */
function openStatement(document: unknown, action: string): boolean {
  if (!isRecord(document)) return false;
  return asList(document.Statement).some((statement) => {
    if (!isRecord(statement) || statement.Effect !== 'Allow' || !isEveryonePrincipal(statement.Principal)) return false;
    if (hasCondition(statement)) return false;
    return asList(statement.Action).some((pattern) => typeof pattern === 'string' && actionMatches(pattern, action));
  });
}

/** Resource policies (`type`) that name the source in `targetKey` and open `action` to everyone. */
function openByPolicy(app: App, sourceId: string, type: string, targetKey: string, action: string): Resource | undefined {
  return app.resources.find((resource) => resource.type === type
    && idsOf(resource.properties[targetKey]).includes(sourceId)
    && openStatement(resource.properties.PolicyDocument, action));
}

function bucketVerdict(app: App, trigger: Trigger): Verdict {
  const bucketId = trigger.sourceId ?? '';
  const bucket = app.resources.find((resource) => resource.id === bucketId && resource.type === 'AWS::S3::Bucket');
  if (bucket && bucket.properties.AccessControl === 'PublicReadWrite') {
    return { public: true, reason: `bucket ${bucketId} has the PublicReadWrite ACL, so anyone can upload objects that invoke the function` };
  }
  const policy = openByPolicy(app, bucketId, 'AWS::S3::BucketPolicy', 'Bucket', 's3:putobject');
  if (policy) return { public: true, reason: `bucket policy ${policy.id} lets anyone put objects into ${bucketId}, and each upload invokes the function` };
  return { public: false, reason: `invoked by events of bucket ${bucketId || '(unknown)'}, which does not allow anonymous writes` };
}

function messagingVerdict(app: App, trigger: Trigger): Verdict {
  const sourceId = trigger.sourceId ?? '';
  const [type, key, action, noun] = trigger.kind === 'sqs'
    ? ['AWS::SQS::QueuePolicy', 'Queues', 'sqs:sendmessage', 'queue']
    : ['AWS::SNS::TopicPolicy', 'Topics', 'sns:publish', 'topic'];
  const policy = openByPolicy(app, sourceId, type, key, action);
  if (policy) return { public: true, reason: `${noun} policy ${policy.id} lets anyone send messages to ${sourceId}, and each message invokes the function` };
  return { public: false, reason: `invoked by ${noun} ${sourceId || '(unknown)'}, which does not accept messages from anyone` };
}

function hasCondition(statement: Record<string, unknown>): boolean {
  return isRecord(statement.Condition) && Object.keys(statement.Condition).length > 0;
}

/**
 * Condition keys that say who an API caller is or where the request comes from. A resource
 * policy condition on anything else (aws:CurrentTime, aws:SecureTransport, aws:Referer or
 * aws:UserAgent, which the caller writes) still lets anybody in.
 */
const CALLER_KEYS: ReadonlySet<string> = new Set([
  'aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip',
  'aws:principalaccount', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:userid', 'aws:username',
]);

function conditionsOnCaller(statement: Record<string, unknown>): boolean {
  return conditionKeys(statement.Condition).some((key) => CALLER_KEYS.has(key));
}

/**
 * Why a REST API's resource policy keeps anonymous internet callers out, if it does: a Deny
 * for everyone outside listed networks, or Allows that all name principals or carry conditions
 * on the caller's network or identity.
 * An unsigned request matches no principal but `*`, so an Allow for named accounts excludes it.
 * SAM's `Auth.ResourcePolicy` counts too: its allow-lists, and its `CustomStatements`, which SAM
 * adds to the API's policy. Only REST APIs have resource policies. Shared by function triggers
 * and by routes that hand requests straight to a service, so both call an API open alike.
 */
export function resourcePolicyRestriction(api: Api): string | undefined {
  if (api.kind !== 'rest') return undefined;
  const auth = isRecord(api.properties.Auth) ? api.properties.Auth : undefined;
  const samPolicy = auth && isRecord(auth.ResourcePolicy) ? auth.ResourcePolicy : undefined;
  if (samPolicy) {
    const lists = ['IpRangeWhitelist', 'SourceVpcWhitelist', 'AwsAccountWhitelist', 'IntrinsicVpcWhitelist', 'IntrinsicVpceWhitelist'];
    if (lists.some((key) => asList(samPolicy[key]).length > 0)) return `the API's resource policy only admits listed accounts or networks`;
  }
  const policy = api.properties.Policy;
  const statements = [...(isRecord(policy) ? asList(policy.Statement) : []), ...(samPolicy ? asList(samPolicy.CustomStatements) : [])];
  const invoke = statements.filter(isRecord).filter((statement) => asList(statement.Action)
    .some((action) => typeof action === 'string' && actionMatches(action, 'execute-api:invoke')));
  if (invoke.length === 0) return undefined;
  if (invoke.some((s) => s.Effect === 'Deny' && isEveryonePrincipal(s.Principal) && conditionsOnCaller(s))) {
    return `the API's resource policy denies callers outside the networks or accounts it lists`;
  }
  const allows = invoke.filter((s) => s.Effect === 'Allow');
  if (!allows.some((s) => isEveryonePrincipal(s.Principal) && !conditionsOnCaller(s))) {
    return `the API's resource policy only allows named principals or callers from the networks or organisations it lists`;
  }
  return undefined;
}

function authLabel(trigger: Trigger): string {
  return trigger.auth.authorizer ? `${trigger.auth.type} authorization (${trigger.auth.authorizer})` : `${trigger.auth.type} authorization`;
}

/** WebSocket APIs authorize the connection only; every route inherits $connect's authorization. */
function connectAuth(app: App, api: Api | undefined, trigger: Trigger): Trigger['auth'] {
  if (trigger.kind !== 'websocket' || trigger.path === '$connect') return trigger.auth;
  const route = api?.routes.find((r) => r.path === '$connect');
  if (route) return route.auth;
  for (const fn of app.functions) {
    const connect = fn.triggers.find((t) => t.kind === 'websocket' && t.apiId === trigger.apiId && t.path === '$connect');
    if (connect) return connect.auth;
  }
  return trigger.auth;
}

function httpVerdict(app: App, trigger: Trigger): Verdict {
  const api = app.apis.find((candidate) => candidate.id === trigger.apiId);
  const label = HTTP_LABEL[trigger.kind] ?? 'API';
  if (api?.endpointType?.toUpperCase() === 'PRIVATE') {
    return { public: false, reason: `${label} ${api.id} has a PRIVATE endpoint, reachable only through a VPC endpoint` };
  }
  const restriction = api && trigger.kind === 'http-rest' ? resourcePolicyRestriction(api) : undefined;
  if (api && restriction) return { public: false, reason: `${label} ${api.id} is not open to the internet: ${restriction}` };
  const auth = connectAuth(app, api, trigger);
  if (auth.type !== 'none') return { public: false, reason: `${label} route requires ${authLabel({ ...trigger, auth })}` };
  const keyNote = auth.apiKeyRequired ? ' (an API key is required, but API keys identify callers, they do not authenticate them)' : '';
  return { public: true, reason: `${label} route is reachable from the internet without authorization${keyNote}` };
}

function albVerdict(trigger: Trigger): Verdict {
  const scheme = typeof trigger.config.scheme === 'string' ? trigger.config.scheme : undefined;
  if (scheme === 'internal') return { public: false, reason: 'target of an internal load balancer' };
  if (trigger.auth.type !== 'none') return { public: false, reason: `load balancer listener requires ${authLabel(trigger)}` };
  if (scheme === 'internet-facing') return { public: true, reason: 'target of an internet-facing load balancer without authentication' };
  return { public: false, reason: 'target of a load balancer that is not declared in this app; its scheme is unknown' };
}

/**
 * AppSync has no unauthenticated mode, but an API whose only mode is API_KEY is open to anyone:
 * the key ships inside every web and mobile client and identifies an app, not a caller. A PRIVATE
 * API (reachable through a VPC endpoint only) is not public, and neither is one that declares
 * additional providers, which may guard the fields whose resolvers invoke the function.
 */
function appSyncVerdict(app: App, trigger: Trigger): Verdict {
  const apiId = String(trigger.sourceId ?? trigger.name);
  const label = `AppSync GraphQL API ${apiId}`;
  if (trigger.auth.type !== 'none' || trigger.auth.apiKeyRequired !== true) {
    return trigger.auth.type === 'unknown'
      ? { public: false, reason: `invoked through ${label}, whose authentication mode is not known` }
      : { public: false, reason: `${label} requires ${authLabel(trigger)}` };
  }
  const api = app.resources.find((resource) => resource.id === trigger.sourceId && resource.type === 'AWS::AppSync::GraphQLApi');
  if (typeof api?.properties.Visibility === 'string' && api.properties.Visibility.toUpperCase() === 'PRIVATE') {
    return { public: false, reason: `${label} is PRIVATE, reachable only through a VPC endpoint` };
  }
  const additional = api?.properties.AdditionalAuthenticationProviders;
  if (Array.isArray(additional) && additional.length > 0) {
    return { public: false, reason: `${label} defaults to an API key but declares additional authentication providers, which may guard the resolvers that invoke the function` };
  }
  return {
    public: true,
    reason: `${label} is protected by an API key only, and an API key is not authentication: it ships inside every client, so anyone who extracts it can call the resolvers`,
  };
}

function permissionVerdict(trigger: Trigger): Verdict {
  const scoped = trigger.config.SourceArn !== undefined || trigger.config.SourceAccount !== undefined;
  if (scoped) return { public: false, reason: `permission ${trigger.name} is limited by SourceArn/SourceAccount` };
  if (trigger.auth.type === 'none') return { public: true, reason: `permission ${trigger.name} lets anyone invoke the function URL without authentication` };
  return { public: true, reason: `permission ${trigger.name} grants lambda:InvokeFunction to every AWS principal (*), with no SourceArn or SourceAccount` };
}

function verdict(app: App, fn: ServerlessFunction, trigger: Trigger): Verdict {
  switch (trigger.kind) {
    case 'http-rest':
    case 'http-api':
    case 'websocket':
      return httpVerdict(app, trigger);
    case 'alb':
      return albVerdict(trigger);
    case 'function-url': {
      const open = trigger.auth.type === 'none' || fn.url?.authType === 'NONE';
      return open
        ? { public: true, reason: 'function URL with AuthType NONE: anyone who knows the URL can invoke the function' }
        : { public: false, reason: 'function URL requires AWS_IAM (signed) requests' };
    }
    case 's3':
      return bucketVerdict(app, trigger);
    case 'sqs':
    case 'sns':
      return messagingVerdict(app, trigger);
    case 'appsync':
      return appSyncVerdict(app, trigger);
    default:
      if (trigger.config.permission !== undefined && trigger.config.Principal === '*') return permissionVerdict(trigger);
      return { public: false, reason: `invoked by ${trigger.kind} events inside AWS` };
  }
}

/** Sets `public` and `publicReason` on every trigger of the app. */
export function computeExposure(app: App): void {
  for (const fn of app.functions) {
    for (const trigger of fn.triggers) {
      const result = verdict(app, fn, trigger);
      trigger.public = result.public;
      trigger.publicReason = result.reason;
    }
  }
}

/**
 * Reads the official SAM translator's CloudFormation output into per-function facts: what
 * each function's role is granted, and which triggers reach it (API routes from the generated
 * OpenAPI bodies, event source mappings, subscriptions, notifications, rules...). It knows
 * nothing of fnguard's loader, so the two can check each other.
 */
import { CfnRenderer } from './cfn-render.js';
import {
  actionFact, canonical, emptyFacts, httpTriggerFact, managedPolicyFact, sourceTriggerFact,
  type FunctionFacts, type HttpAuth, type TemplateFacts,
} from './facts.js';

type Json = unknown;
type Resources = Record<string, { Type?: string; Properties?: Record<string, Json> }>;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'x-amazon-apigateway-any-method']);

class Oracle {
  private readonly render: CfnRenderer;
  private readonly resources: Resources;
  readonly facts: TemplateFacts = new Map();
  /** alias / version logical id -> function id, so that triggers on an alias count for its function */
  private readonly aliasOf = new Map<string, string>();

  constructor(output: Record<string, Json>, functionIds: Set<string>) {
    this.render = new CfnRenderer(output);
    this.resources = (isObject(output.Resources) ? output.Resources : {}) as Resources;
    for (const [id, resource] of Object.entries(this.resources)) {
      if (resource?.Type === 'AWS::Lambda::Function' && functionIds.has(id)) this.facts.set(id, emptyFacts());
    }
    for (const [id, resource] of Object.entries(this.resources)) {
      if (resource?.Type !== 'AWS::Lambda::Alias' && resource?.Type !== 'AWS::Lambda::Version') continue;
      const target = this.functionIn(resource.Properties?.FunctionName);
      if (target) this.aliasOf.set(id, target);
    }
  }

  /** Logical ids a value mentions, in Ref, GetAtt or Fn::Sub form. */
  private idsIn(value: Json): string[] {
    const text = JSON.stringify(value ?? null);
    return [
      ...[...text.matchAll(/\$\{([A-Za-z0-9]+)/g)].map((m) => m[1]!),
      ...[...text.matchAll(/"(?:Ref|Fn::GetAtt)":\s*\[?"([A-Za-z0-9]+)/g)].map((m) => m[1]!),
    ];
  }

  /** The function of this template that a value (Ref, GetAtt, Sub text, alias) points to. */
  private functionIn(value: Json): string | undefined {
    for (const id of this.idsIn(value)) {
      if (this.facts.has(id)) return id;
      const aliased = this.aliasOf.get(id);
      if (aliased) return aliased;
    }
    return undefined;
  }

  private refId(value: Json): string | undefined {
    if (!isObject(value)) return undefined;
    if (typeof value.Ref === 'string' && value.Ref in this.resources) return value.Ref;
    const getAtt = value['Fn::GetAtt'];
    const parts = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : [];
    // Some translator fixtures write the pair reversed (["Arn", "Role"]); either order names one resource.
    return parts.find((part): part is string => typeof part === 'string' && part in this.resources);
  }

  /** Source of a trigger as the model names it: a logical id, else the rendered value. */
  private source(value: Json): string | undefined {
    return this.refId(value) ?? this.render.text(value);
  }

  run(): TemplateFacts {
    for (const [id, facts] of this.facts) this.readRole(this.resources[id]?.Properties?.Role, facts);
    for (const [id, resource] of Object.entries(this.resources)) {
      const props = resource?.Properties ?? {};
      switch (resource?.Type) {
        case 'AWS::ApiGateway::RestApi': this.readBody(props.Body, 'http-rest'); break;
        case 'AWS::ApiGatewayV2::Api': this.readBody(props.Body, 'http-api'); break;
        case 'AWS::Lambda::EventSourceMapping': this.readMapping(props); break;
        case 'AWS::SNS::Subscription': this.readSubscription(props); break;
        case 'AWS::S3::Bucket': this.readBucket(id, props); break;
        case 'AWS::Events::Rule': this.readRule(id, props); break;
        case 'AWS::Scheduler::Schedule': this.add(this.functionIn(isObject(props.Target) ? props.Target.Arn : undefined), sourceTriggerFact('schedule', id)); break;
        case 'AWS::Logs::SubscriptionFilter': this.add(this.functionIn(props.DestinationArn), sourceTriggerFact('other', this.source(props.LogGroupName))); break;
        case 'AWS::IoT::TopicRule': this.readTopicRule(id, props); break;
        case 'AWS::Cognito::UserPool': this.readUserPool(id, props); break;
        case 'AWS::Lambda::Permission': this.readPermission(props); break;
        case 'AWS::ApiGatewayV2::Route': this.readWebSocketRoute(props); break;
        case 'AWS::Lambda::Url': this.add(this.functionIn(props.TargetFunctionArn), sourceTriggerFact('function-url', id)); break;
        default: break;
      }
    }
    return this.facts;
  }

  private add(functionId: string | undefined, fact: string): void {
    if (functionId) this.facts.get(functionId)?.triggers.add(fact);
  }

  private readRole(roleValue: Json, facts: FunctionFacts): void {
    const roleId = this.refId(roleValue);
    const role = roleId ? this.resources[roleId] : undefined;
    if (!roleId || role?.Type !== 'AWS::IAM::Role') return;
    const props = role.Properties ?? {};
    for (const arn of this.render.list(props.ManagedPolicyArns)) facts.actions.add(managedPolicyFact(arn));
    for (const policy of Array.isArray(props.Policies) ? props.Policies : [props.Policies]) {
      for (const branch of this.branches(policy)) if (isObject(branch)) this.readDocument(branch.PolicyDocument, facts);
    }
    // Policies attached from outside the role (connectors, AWS::IAM::Policy resources).
    for (const resource of Object.values(this.resources)) {
      if (resource?.Type !== 'AWS::IAM::Policy' && resource?.Type !== 'AWS::IAM::ManagedPolicy') continue;
      const roles = Array.isArray(resource.Properties?.Roles) ? resource.Properties.Roles : [];
      if (roles.some((r) => this.refId(r) === roleId)) this.readDocument(resource.Properties?.PolicyDocument, facts);
    }
  }

  /** An undecided Fn::If around a policy contributes both branches. */
  private branches(value: Json): Json[] {
    if (isObject(value) && Array.isArray(value['Fn::If'])) {
      const [condition, yes, no] = value['Fn::If'] as Json[];
      const decided = this.render.condition(condition, 0);
      if (decided === true) return this.branches(yes);
      if (decided === false) return this.branches(no);
      return [...this.branches(yes), ...this.branches(no)];
    }
    return isObject(value) && value.Ref === 'AWS::NoValue' ? [] : [value];
  }

  private readDocument(document: Json, facts: FunctionFacts): void {
    if (!isObject(document)) return;
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    for (const raw of statements.flatMap((s) => this.branches(s))) {
      if (!isObject(raw)) continue;
      const effect = this.render.text(raw.Effect) ?? 'Allow';
      for (const action of this.render.list(raw.Action)) facts.actions.add(actionFact(action, effect));
      for (const resource of this.render.list(raw.Resource)) facts.resources.add(canonical(resource));
    }
  }

  private readBody(body: Json, kind: 'http-rest' | 'http-api'): void {
    if (!isObject(body) || !isObject(body.paths)) return;
    const schemes = isObject(body.securityDefinitions) ? body.securityDefinitions
      : isObject(body.components) && isObject(body.components.securitySchemes) ? body.components.securitySchemes : {};
    // Conditional functions wrap path items and operations in Fn::If.
    for (const [path, wrapped] of Object.entries(body.paths)) {
      for (const item of this.branches(wrapped)) {
        if (!isObject(item)) continue;
        for (const [method, operation] of Object.entries(item).flatMap(([m, op]) => this.branches(op).map((o) => [m, o] as const))) {
          if (!HTTP_METHODS.has(method.toLowerCase()) || !isObject(operation)) continue;
        const integration = operation['x-amazon-apigateway-integration'];
        const fn = isObject(integration) ? this.functionIn(integration.uri) : undefined;
        if (!fn) continue;
        const verb = method.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase();
        const { auth, apiKey } = this.security(operation.security ?? body.security, schemes);
          this.add(fn, httpTriggerFact(kind, verb, path, auth, apiKey));
        }
      }
    }
  }

  private security(security: Json, schemes: Record<string, Json>): { auth: HttpAuth; apiKey: boolean } {
    let auth: HttpAuth = 'none';
    let apiKey = false;
    for (const requirement of Array.isArray(security) ? security : []) {
      if (!isObject(requirement)) continue;
      for (const name of Object.keys(requirement)) {
        if (name === 'NONE') continue;
        const scheme = schemes[name];
        const kind = isObject(scheme) ? this.schemeKind(scheme) : 'unknown';
        if (kind === 'apikey') apiKey = true;
        else auth = kind;
      }
    }
    return { auth, apiKey };
  }

  private schemeKind(scheme: Record<string, Json>): HttpAuth | 'apikey' {
    const authType = String(scheme['x-amazon-apigateway-authtype'] ?? '').toLowerCase();
    const authorizer = isObject(scheme['x-amazon-apigateway-authorizer']) ? scheme['x-amazon-apigateway-authorizer'] : {};
    const type = String(authorizer.type ?? '').toLowerCase();
    if (authType === 'awssigv4') return 'iam';
    if (authType === 'cognito_user_pools' || type === 'cognito_user_pools') return 'cognito';
    if (type === 'jwt') return 'jwt';
    if (authType === 'custom' || type === 'token' || type === 'request') return 'lambda';
    if (scheme.type === 'apiKey') return 'apikey';
    return 'unknown';
  }

  private readMapping(props: Record<string, Json>): void {
    const fn = this.functionIn(props.FunctionName);
    if (!fn) return;
    const sourceId = this.refId(props.EventSourceArn);
    // SAM's SNS-to-SQS subscriptions poll a queue it creates; the trigger is still the topic.
    const arn = this.render.text(props.EventSourceArn);
    const topic = sourceId ? this.topicFeeding(sourceId) : arn === undefined ? undefined : this.topicFeedingArn(arn);
    if (topic !== undefined) {
      this.add(fn, sourceTriggerFact('sns', topic));
      return;
    }
    this.add(fn, sourceTriggerFact(this.mappingKind(props, sourceId), props.EventSourceArn === undefined ? undefined : this.source(props.EventSourceArn)));
  }

  private topicFeeding(queueId: string): string | undefined {
    for (const resource of Object.values(this.resources)) {
      if (resource?.Type !== 'AWS::SNS::Subscription') continue;
      const props = resource.Properties ?? {};
      if (this.render.text(props.Protocol) === 'sqs' && this.refId(props.Endpoint) === queueId) return this.source(props.TopicArn);
    }
    return undefined;
  }

  /** The same for a queue outside the template, known only by its ARN. */
  private topicFeedingArn(queueArn: string): string | undefined {
    for (const resource of Object.values(this.resources)) {
      if (resource?.Type !== 'AWS::SNS::Subscription') continue;
      const props = resource.Properties ?? {};
      if (this.render.text(props.Protocol) === 'sqs' && this.render.text(props.Endpoint) === queueArn) return this.source(props.TopicArn);
    }
    return undefined;
  }

  private mappingKind(props: Record<string, Json>, sourceId: string | undefined): string {
    const type = sourceId ? this.resources[sourceId]?.Type : undefined;
    if (type === 'AWS::SQS::Queue') return 'sqs';
    if (type === 'AWS::Kinesis::Stream') return 'kinesis';
    if (type === 'AWS::DynamoDB::Table') return 'dynamodb-stream';
    if (props.Topics !== undefined || props.Queues !== undefined || props.SelfManagedEventSource !== undefined || props.DocumentDBEventSourceConfig !== undefined) return 'other';
    const arn = this.render.text(props.EventSourceArn) ?? '';
    if (/:sqs:/.test(arn)) return 'sqs';
    if (/:kinesis:/.test(arn)) return 'kinesis';
    if (/:dynamodb:/.test(arn)) return 'dynamodb-stream';
    if (/:(kafka|mq|rds):/.test(arn)) return 'other';
    return props.StartingPosition === undefined ? 'sqs' : 'stream';
  }

  /**
   * Permissions name the sources the body-less cases leave no other trace of: Alexa skills,
   * and routes of APIs whose OpenAPI document is in S3 (their auth is unknowable here).
   */
  private readPermission(props: Record<string, Json>): void {
    const fn = this.functionIn(props.FunctionName);
    const principal = this.render.text(props.Principal);
    if (principal === 'alexa-appkit.amazon.com') {
      this.add(fn, sourceTriggerFact('other', this.render.text(props.EventSourceToken)));
      return;
    }
    if (principal !== 'apigateway.amazonaws.com') return;
    const sub = isObject(props.SourceArn) ? props.SourceArn['Fn::Sub'] : undefined;
    const variables = Array.isArray(sub) && isObject(sub[1]) ? sub[1] : {};
    const apiId = this.refId(variables.__ApiId__) ?? this.render.text(variables.__ApiId__);
    const api = apiId ? this.resources[apiId] : undefined;
    if (!apiId || !api || api.Properties?.Body !== undefined) return;
    const arn = this.render.text(props.SourceArn) ?? '';
    const route = arn.slice(arn.indexOf(`${apiId}/`) + apiId.length + 1).split('/');
    if (arn.indexOf(`${apiId}/`) < 0 || route.length < 2) return;
    const method = route[1] === '*' ? 'ANY' : route[1]!;
    const kind = api.Type === 'AWS::ApiGatewayV2::Api' ? 'http-api' : 'http-rest';
    this.add(fn, httpTriggerFact(kind, method, `/${route.slice(2).join('/')}`, 'unknown', false));
  }

  /**
   * A WebSocket route: its function is behind the integration it targets. Auth is checked on
   * `$connect` only, so the API's connection auth is the auth of every route.
   */
  private readWebSocketRoute(props: Record<string, Json>): void {
    const apiId = this.refId(props.ApiId);
    if (!apiId || this.render.text(this.resources[apiId]?.Properties?.ProtocolType) !== 'WEBSOCKET') return;
    const integrationId = this.idsIn(props.Target).find((id) => this.resources[id]?.Type === 'AWS::ApiGatewayV2::Integration');
    const fn = integrationId ? this.functionIn(this.resources[integrationId]?.Properties?.IntegrationUri) : undefined;
    const routeKey = this.render.text(props.RouteKey);
    if (!fn || routeKey === undefined) return;
    let auth: HttpAuth = 'none';
    for (const resource of Object.values(this.resources)) {
      const route = resource?.Properties ?? {};
      if (resource?.Type !== 'AWS::ApiGatewayV2::Route' || this.refId(route.ApiId) !== apiId || this.render.text(route.RouteKey) !== '$connect') continue;
      const type = this.render.text(route.AuthorizationType);
      auth = type === 'AWS_IAM' ? 'iam' : type === 'CUSTOM' ? 'lambda' : type === 'JWT' ? 'jwt' : 'none';
    }
    const apiKey = this.render.text(props.ApiKeyRequired) === 'true';
    this.add(fn, httpTriggerFact('websocket', 'ANY', routeKey, auth, apiKey));
  }

  private readSubscription(props: Record<string, Json>): void {
    if (this.render.text(props.Protocol) !== 'lambda') return;
    this.add(this.functionIn(props.Endpoint), sourceTriggerFact('sns', this.source(props.TopicArn)));
  }

  private readBucket(id: string, props: Record<string, Json>): void {
    const notifications = props.NotificationConfiguration;
    if (!isObject(notifications)) return;
    const configs = notifications.LambdaConfigurations;
    for (const config of (Array.isArray(configs) ? configs : []).flatMap((c) => this.branches(c))) {
      if (isObject(config)) this.add(this.functionIn(config.Function), sourceTriggerFact('s3', id));
    }
  }

  private readRule(id: string, props: Record<string, Json>): void {
    const kind = props.ScheduleExpression !== undefined ? 'schedule' : 'eventbridge';
    for (const target of (Array.isArray(props.Targets) ? props.Targets : []).flatMap((t) => this.branches(t))) {
      if (isObject(target)) this.add(this.functionIn(target.Arn), sourceTriggerFact(kind, id));
    }
  }

  private readTopicRule(id: string, props: Record<string, Json>): void {
    const payload = isObject(props.TopicRulePayload) ? props.TopicRulePayload : {};
    for (const action of (Array.isArray(payload.Actions) ? payload.Actions : []).flatMap((a) => this.branches(a))) {
      if (isObject(action) && isObject(action.Lambda)) this.add(this.functionIn(action.Lambda.FunctionArn), sourceTriggerFact('iot', id));
    }
  }

  private readUserPool(id: string, props: Record<string, Json>): void {
    const config = props.LambdaConfig;
    if (!isObject(config)) return;
    for (const value of Object.values(config)) {
      const fn = this.functionIn(isObject(value) && 'LambdaArn' in value ? value.LambdaArn : value);
      this.add(fn, sourceTriggerFact('cognito', id));
    }
  }
}

/**
 * Facts of every SAM function (`functionIds`, the AWS::Serverless::Function ids of the input)
 * found in the translator's output.
 */
export function oracleFacts(output: unknown, functionIds: Set<string>): TemplateFacts {
  if (!isObject(output)) return new Map();
  return new Oracle(output, functionIds).run();
}

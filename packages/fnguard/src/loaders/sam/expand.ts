/**
 * SAM expansion: what the AWS::Serverless-2016-10-31 transform would deploy, read statically
 * into the app model. Functions get their inherited settings, triggers and generated roles;
 * declared and implicit APIs get their stages, authorizers and routes. Trigger exposure
 * (`public`) is decided afterwards by model/exposure.ts from the auth set here.
 */
import type { TemplateContext, TemplateResource } from '../cloudformation/template.js';
import type { PathSegment } from '../yaml/parse.js';
import type { Api, ApiRoute, App, IamStatement, ServerlessFunction, Trigger, TriggerAuth } from '../../model/types.js';
import { isRecord } from '../../model/values.js';
import { resolveRouteAuth, unknownAuthorizer } from './api-auth.js';
import { buildApi, type BuiltApi } from './apis.js';
import { readConnectors } from './connectors.js';
import { deadLetterStatements, destinationStatements } from './destinations.js';
import { expandEvent, IMPLICIT_HTTP_API, IMPLICIT_REST_API, type EventExpansion } from './events.js';
import { buildFunction } from './function.js';
import { applyGlobals, readGlobals, type GlobalsByType } from './globals.js';
import { BASIC_EXECUTION, DURABLE_EXECUTION, VPC_ACCESS, XRAY_WRITE } from './managed-policies.js';
import { readPolicies } from './policies.js';
import { translateResource } from './resources.js';
import { buildImplicitRole, implicitRoleId } from './role.js';
import { validateApi, validateEvent, validateFunction, validateSimpleTable } from './validate.js';
import { expandWebSocketApi } from './websocket.js';

const FUNCTION = 'AWS::Serverless::Function';
const STATE_MACHINE = 'AWS::Serverless::StateMachine';
const REST_API = 'AWS::Serverless::Api';
const HTTP_API = 'AWS::Serverless::HttpApi';

/** An HTTP event waiting for its API to be known. */
interface PendingRoute {
  ownerId: string;
  fn?: ServerlessFunction;
  expansion: EventExpansion;
  path: PathSegment[];
}

class SamExpansion {
  private readonly globals: GlobalsByType;
  private readonly apis = new Map<string, BuiltApi>();
  private readonly pendingRoutes: PendingRoute[] = [];
  /** WebSocket APIs wait for every function to exist, as their routes point at functions */
  private readonly webSocketApis: Array<{ resource: TemplateResource; properties: Record<string, unknown> }> = [];

  constructor(private readonly template: TemplateContext, private readonly app: App) {
    this.globals = readGlobals(template.root.Globals, (p) => template.locate(p), app.warnings);
  }

  run(): void {
    for (const resource of this.template.resources.values()) {
      try {
        this.expandResource(resource);
      } catch (error) {
        // A shape the readers did not foresee must cost one resource, never the whole scan.
        this.warn('sam-expand-failed', `${resource.id}: could not be expanded (${(error as Error)?.message ?? String(error)})`, resource.path);
      }
    }
    this.createImplicitApis();
    this.attachRoutes();
    this.attachConnectors();
    for (const built of this.apis.values()) this.app.apis.push(built.api);
    const functions = new Map(this.app.functions.map((fn) => [fn.id, fn]));
    for (const { resource, properties } of this.webSocketApis) {
      this.app.apis.push(expandWebSocketApi(this.template, resource, properties, functions, (c, m, at) => this.warn(c, m, at)));
    }
  }

  private warn(code: string, message: string, at: PathSegment[]): void {
    this.app.warnings.push({ code, message, location: this.template.locate(at) });
  }

  private propertiesOf(resource: TemplateResource): Record<string, unknown> {
    const declared = this.template.root.Resources;
    const raw = isRecord(declared) ? declared[resource.id] : undefined;
    const ignore = isRecord(raw) ? raw.IgnoreGlobals : undefined;
    if (ignore !== undefined && ignore !== '*' && !Array.isArray(ignore)) {
      this.warn('sam-invalid-property', `${resource.id}: IgnoreGlobals must be '*' or a list of property names`, [...resource.path, 'IgnoreGlobals']);
    }
    return applyGlobals(this.globals.get(resource.type), resource.properties, ignore);
  }

  private expandResource(resource: TemplateResource): void {
    if (!resource.type.startsWith('AWS::Serverless::')) return;
    const properties = this.propertiesOf(resource);
    switch (resource.type) {
      case FUNCTION:
        this.expandFunction(resource, properties);
        return;
      case REST_API:
      case HTTP_API: {
        validateApi(this.template, resource, properties, (c, m, at) => this.warn(c, m, at));
        const kind = resource.type === REST_API ? 'rest' : 'http';
        this.apis.set(resource.id, buildApi(this.template, {
          id: resource.id, kind, implicit: false, properties, path: [...resource.path, 'Properties'], location: resource.location,
        }, this.app.warnings));
        return;
      }
      case STATE_MACHINE:
        this.expandStateMachine(resource, properties);
        break;
      case 'AWS::Serverless::WebSocketApi':
        this.webSocketApis.push({ resource, properties });
        return;
      case 'AWS::Serverless::SimpleTable':
        validateSimpleTable(resource, (c, m, at) => this.warn(c, m, at));
        break;
      default:
        break;
    }
    const translated = translateResource(this.template, resource, properties);
    if (translated) this.app.resources.push(translated);
  }

  private readEvents(resource: TemplateResource, properties: Record<string, unknown>): Array<{ expansion: EventExpansion; path: PathSegment[] }> {
    const events = properties.Events;
    const eventsPath = [...resource.path, 'Properties', 'Events'];
    if (events === undefined || events === null) return [];
    if (!isRecord(events)) {
      this.warn('sam-invalid-event', `${resource.id}: Events must be a map of event name to event`, eventsPath);
      return [];
    }
    const out: Array<{ expansion: EventExpansion; path: PathSegment[] }> = [];
    for (const [name, event] of Object.entries(events)) {
      const path = [...eventsPath, name];
      validateEvent(this.template, resource.id, name, event, path, (c, m, at) => this.warn(c, m, at));
      const expansion = expandEvent(this.template, resource.id, name, event, path, (m, at) => this.warn('sam-invalid-event', m, at));
      if (expansion) out.push({ expansion, path });
    }
    return out;
  }

  private expandFunction(resource: TemplateResource, properties: Record<string, unknown>): void {
    validateFunction(this.template, resource, properties, (code, m, at) => this.warn(code, m, at));
    const fn = buildFunction(this.template, resource, properties, (code, m, at) => this.warn(code, m, at));
    const propertiesPath = [...resource.path, 'Properties'];
    const events = this.readEvents(resource, properties);
    // A function whose Condition is decided false is never deployed: nothing can invoke it.
    const deployed = resource.condition === undefined || this.template.conditionValue(resource.condition) !== false;
    for (const { expansion, path } of deployed ? events : []) {
      if (expansion.trigger.apiId !== undefined) this.pendingRoutes.push({ ownerId: resource.id, fn, expansion, path });
      else fn.triggers.push(expansion.trigger);
    }
    if (fn.url && deployed) fn.triggers.push(this.urlTrigger(fn, properties.FunctionUrlConfig));
    const grants = this.destinationGrants(fn, properties, propertiesPath);
    if (properties.Role !== undefined && properties.Role !== null) {
      this.useDeclaredRole(fn, properties.Role);
    } else {
      const roleId = implicitRoleId(resource.id);
      const policies = readPolicies(this.template, properties.Policies, [...propertiesPath, 'Policies'], roleId, this.app.warnings);
      // Durable functions get a basic policy that also covers checkpointing.
      const managed = [properties.DurableConfig !== undefined ? DURABLE_EXECUTION : BASIC_EXECUTION];
      // SAM grants X-Ray writes whenever Tracing is configured, PassThrough included.
      if (fn.tracing !== undefined) managed.push(XRAY_WRITE);
      if (properties.VpcConfig !== undefined) managed.push(VPC_ACCESS);
      const role = buildImplicitRole(this.template, {
        ownerId: resource.id,
        propertiesPath,
        properties,
        service: 'lambda.amazonaws.com',
        managedPolicyArns: [...managed, ...policies.managedPolicyArns, ...events.flatMap((e) => e.expansion.managedPolicyArns)],
        statements: [...policies.statements, ...grants, ...events.flatMap((e) => e.expansion.statements)],
        location: resource.location,
      });
      role.usedBy.push(fn.id);
      this.app.roles.push(role);
      fn.roleId = role.id;
    }
    this.app.functions.push(fn);
  }

  /** A function URL is a way in of its own; SAM deploys it as the resource `<Id>Url`. */
  private urlTrigger(fn: ServerlessFunction, config: unknown): Trigger {
    const authType = fn.url!.authType;
    return {
      kind: 'function-url',
      name: `${fn.id}Url`,
      invocation: 'sync',
      public: false,
      auth: { type: authType === 'NONE' ? 'none' : authType === 'AWS_IAM' ? 'iam' : 'unknown' },
      sourceId: `${fn.id}Url`,
      config: isRecord(config) ? config : {},
      location: fn.url!.location,
    };
  }

  /** DLQ and async destinations: their targets go on the function, their grants on the role. */
  private destinationGrants(fn: ServerlessFunction, properties: Record<string, unknown>, propertiesPath: PathSegment[]): IamStatement[] {
    const warn = (m: string, at: PathSegment[]): void => this.warn('sam-invalid-property', m, at);
    const statements = deadLetterStatements(this.template, properties.DeadLetterQueue, [...propertiesPath, 'DeadLetterQueue'], warn);
    const invoke = properties.EventInvokeConfig;
    if (invoke !== undefined && !isRecord(invoke)) warn('EventInvokeConfig must be a map', [...propertiesPath, 'EventInvokeConfig']);
    if (isRecord(invoke)) {
      const destinations = destinationStatements(this.template, fn.id, invoke, [...propertiesPath, 'EventInvokeConfig'], warn);
      statements.push(...destinations.statements);
      fn.destinations = { ...fn.destinations, ...destinations.targets };
    }
    return statements;
  }

  /** A declared `Role`: SAM then generates no role and ignores `Policies`. */
  private useDeclaredRole(fn: ServerlessFunction, value: unknown): void {
    const target = this.template.refTarget(value);
    if (target && this.template.resources.get(target.id)?.type === 'AWS::IAM::Role') {
      fn.roleId = target.id;
      return;
    }
    const arn = this.template.render(value);
    if (arn !== undefined) fn.externalRoleArn = arn;
  }

  private expandStateMachine(resource: TemplateResource, properties: Record<string, unknown>): void {
    const propertiesPath = [...resource.path, 'Properties'];
    for (const { expansion, path } of this.readEvents(resource, properties)) {
      if (expansion.trigger.apiId !== undefined) this.pendingRoutes.push({ ownerId: resource.id, expansion, path });
    }
    if (properties.Role !== undefined) return;
    const roleId = implicitRoleId(resource.id);
    const policies = readPolicies(this.template, properties.Policies, [...propertiesPath, 'Policies'], roleId, this.app.warnings);
    this.app.roles.push(buildImplicitRole(this.template, {
      ownerId: resource.id,
      propertiesPath,
      properties,
      service: 'states.amazonaws.com',
      managedPolicyArns: policies.managedPolicyArns,
      statements: policies.statements,
      location: resource.location,
    }));
  }

  /** Connector grants go on the generated role of the function that acts. */
  private attachConnectors(): void {
    const grants = readConnectors(this.template, (m, at) => this.warn('sam-invalid-connector', m, at));
    for (const grant of grants) {
      const fn = this.app.functions.find((f) => f.id === grant.functionId);
      const role = fn?.roleId === undefined ? undefined : this.app.roles.find((r) => r.id === fn.roleId);
      if (role) role.statements.push(...grant.statements);
    }
  }

  /** SAM creates ServerlessRestApi / ServerlessHttpApi when an event names no API. */
  private createImplicitApis(): void {
    const implicit: Array<[string, 'rest' | 'http', string]> = [[IMPLICIT_REST_API, 'rest', REST_API], [IMPLICIT_HTTP_API, 'http', HTTP_API]];
    for (const [id, kind, type] of implicit) {
      if (this.apis.has(id) || !this.pendingRoutes.some((r) => r.expansion.trigger.apiId === id)) continue;
      const first = this.pendingRoutes.find((r) => r.expansion.trigger.apiId === id)!;
      this.apis.set(id, buildApi(this.template, {
        id, kind, implicit: true, properties: { ...(this.globals.get(type) ?? {}) }, path: ['Globals', kind === 'rest' ? 'Api' : 'HttpApi'],
        location: first.expansion.trigger.location,
      }, this.app.warnings));
    }
  }

  /**
   * The API as far as one route's auth is concerned: SAM leaves OPTIONS (CORS preflight) routes
   * of HTTP APIs, and of REST APIs with AddDefaultAuthorizerToCorsPreflight false, without the defaults.
   */
  private authScope(built: BuiltApi, method: string): Api {
    if (method !== 'OPTIONS' || built.authOnPreflight) return built.api;
    const { defaultAuthorizer: _default, apiKeyRequired: _key, ...rest } = built.api;
    return rest;
  }

  private routeAuth(built: BuiltApi | undefined, method: string, rawAuth: Record<string, unknown> | undefined): TriggerAuth {
    // Auth lives in an OpenAPI file outside the template, which SAM does not edit.
    if (built?.externalDefinition) return { type: 'unknown' };
    return resolveRouteAuth(this.template, built ? this.authScope(built, method) : undefined, rawAuth);
  }

  private attachRoutes(): void {
    const functions = new Map(this.app.functions.map((fn) => [fn.id, fn]));
    for (const pending of this.pendingRoutes) {
      const trigger = pending.expansion.trigger;
      const built = this.apis.get(trigger.apiId!);
      // The translator adds the route to the API it is given, whatever the event's type.
      if (built) trigger.kind = built.api.kind === 'rest' ? 'http-rest' : 'http-api';
      const missing = unknownAuthorizer(this.template, built?.api, pending.expansion.rawAuth);
      if (missing !== undefined) {
        this.warn('sam-invalid-auth', `event ${trigger.name} of ${pending.ownerId} uses authorizer ${missing}, which ${trigger.apiId} does not declare`, [...pending.path, 'Properties', 'Auth']);
      }
      // SAM keeps an operation the inline definition already declares: the event adds nothing.
      if (built?.definitionRoutes.some(({ route, integrated }) => integrated && route.path === trigger.path && route.method === trigger.method)) continue;
      trigger.auth = this.routeAuth(built, trigger.method!, pending.expansion.rawAuth);
      if (built?.api.routes.some((r) => r.path === trigger.path && r.method === trigger.method)) {
        this.warn('sam-invalid-event', `event ${trigger.name} of ${pending.ownerId}: ${trigger.method} ${trigger.path} is already defined on ${trigger.apiId}`, pending.path);
      }
      if (built) {
        const route: ApiRoute = { path: trigger.path!, method: trigger.method!, auth: trigger.auth, location: trigger.location };
        if (pending.expansion.requestValidation !== undefined) route.requestValidation = pending.expansion.requestValidation;
        built.api.routes.push(pending.fn ? { ...route, functionId: pending.fn.id } : route);
      }
      pending.fn?.triggers.push(trigger);
    }
    for (const built of this.apis.values()) this.attachDefinitionRoutes(built, functions);
  }

  /** Routes of an inline definition: SAM's DefaultAuthorizer covers those that set no security. */
  private attachDefinitionRoutes(built: BuiltApi, functions: Map<string, ServerlessFunction>): void {
    const { api } = built;
    for (const { route, ownSecurity } of built.definitionRoutes) {
      if (api.routes.some((r) => r.path === route.path && r.method === route.method)) continue;
      if (!ownSecurity && (api.defaultAuthorizer !== undefined || api.apiKeyRequired)) {
        route.auth = resolveRouteAuth(this.template, this.authScope(built, route.method), undefined);
      }
      api.routes.push(route);
      const fn = route.functionId ? functions.get(route.functionId) : undefined;
      if (!fn) continue;
      const trigger: Trigger = {
        kind: api.kind === 'rest' ? 'http-rest' : 'http-api',
        name: `${api.id} ${route.method} ${route.path}`,
        invocation: 'sync',
        public: false,
        auth: route.auth,
        apiId: api.id,
        path: route.path,
        method: route.method,
        config: {},
        location: route.location,
      };
      fn.triggers.push(trigger);
    }
  }
}

/** Expands the SAM resources of `template` into `app` (functions, roles, APIs, resources, warnings). */
export function expandSam(template: TemplateContext, app: App): void {
  new SamExpansion(template, app).run();
}


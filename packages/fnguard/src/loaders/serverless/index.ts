/**
 * serverless.yml (Serverless Framework, AWS provider) into the app model: parse, resolve
 * variables statically, model functions with inherited provider settings, their events, the
 * implicit APIs and roles, then hand-written `resources:` through the CloudFormation extractor.
 * Never throws for anything the scanned files contain: every problem is a LoadWarning.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { createApp, describeError, fileStart } from '../../model/build.js';
import { computeExposure } from '../../model/exposure.js';
import type { App, CloudProvider, LoadWarning, Trigger } from '../../model/types.js';
import { asString, isRecord } from '../../model/values.js';
import { extractResources } from '../cloudformation/extract.js';
import { safeReadFile } from '../fs/safe-read.js';
import { parseTemplateText } from '../yaml/parse.js';
import type { PathSegment } from '../yaml/parse.js';
import { buildApis } from './apis.js';
import { ServiceContext } from './context.js';
import { buildCustomResources } from './custom-resources.js';
import type { RouteUse } from './events.js';
import { readEvents } from './events.js';
import { buildFunction, readFunctionEntries } from './functions.js';
import type { FunctionEntry } from './functions.js';
import { httpApiAuthorizers } from './http-events.js';
import { functionLogicalId, HTTP_API_ID, IMPLICIT_ROLE_ID, logGroupLogicalId, perFunctionRoleId, REST_API_ID, WEBSOCKET_API_ID } from './naming.js';
import { buildTemplate, readResourceSection } from './resources.js';
import type { ResourceSection, Stub } from './resources.js';
import { buildRoles } from './roles.js';
import type { FunctionRoleInput } from './roles.js';
import { resolveVariables } from './variables.js';

export interface ServerlessLoadOptions {
  /** `--stage`; defaults to provider.stage, then `dev` */
  stage?: string;
  /** `--region`; defaults to provider.region, then `us-east-1` */
  region?: string;
  /** reads a root-relative file safely (for `${file()}`); undefined when missing or refused */
  readFile?: (rel: string) => Promise<string | undefined>;
  /** values for `${env:...}`; the scanner's own environment is never used */
  env?: Record<string, string | undefined>;
  /** `--param name=value` */
  params?: Record<string, string>;
  maxFileBytes?: number;
}

const OTHER_PROVIDERS: Record<string, CloudProvider> = { azure: 'azure', google: 'gcp' };

function serviceName(config: Record<string, unknown>): string | undefined {
  const service = config.service;
  // v1 allowed `service: {name: ...}`.
  return asString(isRecord(service) ? service.name : service);
}

function providerName(config: Record<string, unknown>): string | undefined {
  const provider = config.provider;
  return asString(isRecord(provider) ? provider.name : provider);
}

/** Stubs for what the Framework generates, so references to them resolve in `resources:`. */
function generatedStubs(entries: FunctionEntry[], routes: Set<string>, roleIds: string[]): Stub[] {
  const stubs: Stub[] = [];
  for (const entry of entries) {
    stubs.push({ id: functionLogicalId(entry.key), type: 'AWS::Lambda::Function', at: entry.path });
    stubs.push({ id: logGroupLogicalId(entry.key), type: 'AWS::Logs::LogGroup', at: entry.path });
  }
  for (const id of roleIds) stubs.push({ id, type: 'AWS::IAM::Role', at: ['provider'] });
  if (routes.has('rest')) stubs.push({ id: REST_API_ID, type: 'AWS::ApiGateway::RestApi', at: ['provider'] });
  if (routes.has('http')) stubs.push({ id: HTTP_API_ID, type: 'AWS::ApiGatewayV2::Api', at: ['provider'] });
  if (routes.has('websocket')) stubs.push({ id: WEBSOCKET_API_ID, type: 'AWS::ApiGatewayV2::Api', at: ['provider'] });
  return stubs;
}

function eventTypes(entries: FunctionEntry[]): Set<string> {
  const kinds = new Set<string>();
  for (const entry of entries) {
    if (!Array.isArray(entry.config.events)) continue;
    for (const event of entry.config.events) {
      if (!isRecord(event)) continue;
      if ('http' in event) kinds.add('rest');
      if ('httpApi' in event) kinds.add('http');
      if ('websocket' in event) kinds.add('websocket');
    }
  }
  return kinds;
}

function urlTrigger(fn: App['functions'][number]): Trigger | undefined {
  if (!fn.url) return undefined;
  return {
    kind: 'function-url',
    name: 'url',
    invocation: 'sync',
    public: false,
    auth: { type: fn.url.authType === 'AWS_IAM' ? 'iam' : 'none' },
    config: { authType: fn.url.authType },
    location: fn.url.location,
  };
}

const PROVIDER_KEYS = ['runtime', 'memorySize', 'timeout', 'environment', 'region', 'stage', 'iam', 'vpc', 'layers', 'tracing', 'logs', 'architecture', 'role', 'iamRoleStatements'];

/** `Runtime:` instead of `runtime:` is silently ignored by the Framework, which then uses its default. */
function warnMiscasedKeys(config: Record<string, unknown>, warn: (code: string, message: string, at: readonly PathSegment[]) => void): void {
  const provider = config.provider;
  if (!isRecord(provider)) return;
  for (const key of Object.keys(provider)) {
    const meant = PROVIDER_KEYS.find((known) => known !== key && known.toLowerCase() === key.toLowerCase());
    if (meant !== undefined && !(meant in provider)) warn('ignored-setting', `provider.${key} is not a setting (did you mean ${meant}?); the Framework ignores it`, ['provider', key]);
  }
}

function warningKey(warning: LoadWarning): string {
  return `${warning.code}\u0000${warning.message}\u0000${warning.location?.line ?? 0}:${warning.location?.column ?? 0}`;
}

/** Loads the service; `stage`/`region` default as the CLI does. */
async function loadService(app: App, relPath: string, text: string, options: ServerlessLoadOptions, readFile: (rel: string) => Promise<string | undefined>): Promise<void> {
  const parsed = parseTemplateText(text, relPath);
  app.warnings.push(...parsed.warnings);
  if (parsed.data === undefined) return;
  if (!isRecord(parsed.data)) {
    app.warnings.push({ code: 'not-a-service', message: `${relPath} is not a mapping at its top level`, location: fileStart(relPath) });
    return;
  }
  const serviceDir = path.posix.dirname(relPath) === '.' ? '' : path.posix.dirname(relPath);
  const resolved = await resolveVariables(parsed.data, {
    file: relPath,
    serviceDir,
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.params ? { params: options.params } : {}),
    env: options.env ?? {},
    readFile,
    locate: parsed.locate,
  });
  app.warnings.push(...resolved.warnings);
  for (const file of resolved.sourceFiles) if (!app.sourceFiles.includes(file)) app.sourceFiles.push(file);
  const config = isRecord(resolved.config) ? resolved.config : {};
  const warn = (code: string, message: string, at: readonly PathSegment[]) => app.warnings.push({ code, message, location: parsed.locate(at) });

  if (isRecord(config.service)) warn('unsupported-syntax', 'service: {name: ...} is Framework v1 syntax that v3 and later refuse; read as the service name', ['service']);
  const name = serviceName(config);
  if (name === undefined) warn('missing-service', `${relPath} has no service name`, []);
  else app.name = name;
  const provider = providerName(config);
  if (provider !== 'aws') {
    const other = provider !== undefined ? OTHER_PROVIDERS[provider] : undefined;
    if (other) app.provider = other;
    warn('unsupported-provider', `provider ${provider ?? '(none)'} is not analysed; only the aws provider is`, ['provider']);
    return;
  }

  warnMiscasedKeys(config, warn);
  const entries = readFunctionEntries(config, warn);
  const section: ResourceSection = readResourceSection(config, warn);
  for (const id of section.origins.keys()) {
    if (entries.some((e) => functionLogicalId(e.key) === id) || id === IMPLICIT_ROLE_ID) {
      warn('resource-override', `resources.Resources.${id} extends a resource the Framework generates; fnguard keeps the generated model of it`, section.origins.get(id) ?? ['resources']);
    }
  }
  const routeKinds = eventTypes(entries);
  const predictedRoles = [IMPLICIT_ROLE_ID, ...entries.map((e) => perFunctionRoleId(e.key))];
  const renderer = buildTemplate(relPath, section, generatedStubs(entries, routeKinds, predictedRoles), parsed.locate);
  const ctx = new ServiceContext(app, config, name ?? app.name, resolved.stage, resolved.region, serviceDir, renderer, parsed.locate, resolved.references);

  const authorizers = httpApiAuthorizers(ctx);
  const routes: RouteUse[] = [];
  const roleInputs: FunctionRoleInput[] = [];
  for (const entry of entries) {
    const fn = buildFunction(ctx, entry);
    const events = readEvents(ctx, fn.id, entry.config.events, [...entry.path, 'events'], authorizers);
    fn.triggers.push(...events.triggers);
    const url = urlTrigger(fn);
    if (url) fn.triggers.push(url);
    routes.push(...events.routes);
    roleInputs.push({ entry, fn, polled: events.polled });
    app.functions.push(fn);
  }
  app.apis.push(...buildApis(ctx, routes, authorizers));
  app.roles.push(...buildRoles(ctx, roleInputs));
  const helpers = buildCustomResources(ctx, roleInputs.map(({ entry, fn }) => ({ entry, name: fn.name })));
  if (helpers) {
    app.functions.push(...helpers.functions);
    app.roles.push(helpers.role);
  }

  // The extractor sees exactly the generated objects that exist, so it attaches rather than invents.
  const builtRoles = app.roles.map((r) => r.id);
  const stubs = generatedStubs(entries, routeKinds, builtRoles);
  for (const fn of helpers?.functions ?? []) stubs.push({ id: fn.id, type: 'AWS::Lambda::Function', at: ['functions'] });
  const extractTemplate = buildTemplate(relPath, section, stubs, parsed.locate);
  const stubIds = new Set(stubs.map((s) => s.id).filter((id) => !section.origins.has(id)));
  extractResources(extractTemplate, app);
  app.resources = app.resources.filter((resource) => !stubIds.has(resource.id));
  // Both templates read the same resources, so each problem with them is reported twice: once is enough.
  const seen = new Set(app.warnings.map(warningKey));
  for (const warning of [...extractTemplate.warnings, ...renderer.warnings]) {
    const key = warningKey(warning);
    if (seen.has(key)) continue;
    seen.add(key);
    app.warnings.push(warning);
  }
}

async function realRoot(root: string): Promise<string | undefined> {
  try {
    return await realpath(root);
  } catch {
    return undefined;
  }
}

function defaultReader(real: string | undefined, options: ServerlessLoadOptions, warnings: LoadWarning[]): (rel: string) => Promise<string | undefined> {
  return async (rel) => {
    if (real === undefined) return undefined;
    const read = await safeReadFile(real, rel, options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {});
    if (read.ok) return read.text;
    // The variable resolver reports a missing include where it is referenced; other refusals
    // (too large, symlink out of the root...) are only known here.
    if (read.warning.code !== 'file-not-found') warnings.push(read.warning);
    return undefined;
  };
}

async function readMain(real: string | undefined, relPath: string, options: ServerlessLoadOptions): Promise<string | LoadWarning> {
  const missing: LoadWarning = { code: 'file-not-found', message: `${relPath} does not exist or cannot be read`, location: fileStart(relPath) };
  if (options.readFile) return (await options.readFile(relPath)) ?? missing;
  if (real === undefined) return missing;
  const read = await safeReadFile(real, relPath, options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {});
  return read.ok ? read.text : read.warning;
}

/**
 * Loads one serverless.yml. `text` is the file's content as discovery read it; when a caller
 * passes the options object in its place, the file is read here (safely, under `root`).
 */
export async function loadServerlessApp(root: string, relPath: string, text?: string | ServerlessLoadOptions, options: ServerlessLoadOptions = {}): Promise<App> {
  const folder = path.posix.basename(path.posix.dirname(relPath));
  const app = createApp({ name: folder === '.' || folder === '' ? path.basename(root) : folder, framework: 'serverless', path: relPath });
  const effective = typeof text === 'string' ? options : isRecord(text) ? (text as ServerlessLoadOptions) : options;
  if (/\.(?:[cm]?js|[cm]?ts)$/i.test(relPath)) {
    // serverless.js / serverless.ts build their configuration by running code.
    app.warnings.push({ code: 'code-not-executed', message: `${relPath} is a configuration written in code; static scanning does not run it, so it is not analysed`, location: fileStart(relPath) });
    return app;
  }
  const readWarnings: LoadWarning[] = [];
  try {
    const real = effective.readFile ? undefined : await realRoot(root);
    const readFile = effective.readFile ?? defaultReader(real, effective, readWarnings);
    const source = typeof text === 'string' ? text : await readMain(real, relPath, effective);
    if (typeof source !== 'string') {
      app.warnings.push(source);
      return app;
    }
    await loadService(app, relPath, source, effective, readFile);
  } catch (error) {
    app.warnings.push({ code: 'load-failed', message: `${relPath} could not be fully loaded: ${describeError(error)}`, location: fileStart(relPath) });
  }
  app.warnings.push(...readWarnings);
  try {
    computeExposure(app);
  } catch (error) {
    app.warnings.push({ code: 'load-failed', message: `exposure analysis of ${relPath} failed: ${describeError(error)}`, location: fileStart(relPath) });
  }
  return app;
}

/**
 * In-memory index of the AWS action catalogue with synchronous lookups.
 *
 * Loading is async (the data package is async) and per service: `await catalog.load(['s3'])`
 * costs ~2 ms, loading every service ~0.7 s. Lookups into a known service that has not been
 * loaded throw IamCatalogNotLoadedError instead of answering "unknown", because a silent
 * "unknown" would make an over-privileged policy look harmless.
 */
import { performance } from 'node:perf_hooks';
import { type AccessLevel, parseAccessLevel } from './access-level.js';
import { type CatalogDataSource, type RawServiceData, iamDataSource } from './iam-data-source.js';
import { type PatternProblem, type WildcardKind, globToRegExp, parseActionPattern } from './patterns.js';

export interface ActionResourceType {
  name: string;
  required: boolean;
}

export interface CatalogAction {
  /** lower-cased `service:action`, the form IamStatement uses */
  id: string;
  service: string;
  /** as AWS spells it, e.g. `GetObject` */
  name: string;
  accessLevel: AccessLevel;
  resourceTypes: readonly ActionResourceType[];
  /** the action only supports `Resource: "*"` */
  wildcardOnly: boolean;
}

export interface ResourceTypeFormat {
  /** catalogue service the type is listed under */
  service: string;
  key: string;
  /** ARN template, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}` */
  arn: string;
  /** service segment of the ARN template (differs from `service` for borrowed types) */
  arnService: string;
}

export type ExpansionStatus = 'ok' | 'malformed' | 'unknown-service' | 'unknown-action';

export interface ActionExpansion {
  pattern: string;
  status: ExpansionStatus;
  problem?: PatternProblem;
  wildcard?: WildcardKind;
  /** lower-cased `service:action` ids; empty unless status is `ok` */
  actions: readonly string[];
}

export class IamCatalogNotLoadedError extends Error {
  constructor(readonly services: readonly string[]) {
    super(`IAM catalogue services not loaded: ${services.join(', ')}. Call loadIamCatalog() with them first.`);
    this.name = 'IamCatalogNotLoadedError';
  }
}

interface ServiceIndex {
  byName: Map<string, CatalogAction>;
  ids: readonly string[];
  /** resource type key (lower-cased) -> service segment of its ARN */
  arnServiceByType: Map<string, string>;
}

export interface CatalogStats {
  knownServices: number;
  loadedServices: number;
  actions: number;
  loadMilliseconds: number;
}

export class IamCatalog {
  private readonly serviceKeys: ReadonlySet<string>;
  private readonly services = new Map<string, ServiceIndex>();
  private readonly formatsByArnService = new Map<string, ResourceTypeFormat[]>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly expansions = new Map<string, ActionExpansion>();
  private readonly arnServicesByAction = new Map<string, readonly string[]>();
  private allIds: readonly string[] | undefined;
  private loadMilliseconds = 0;

  constructor(serviceKeys: Iterable<string>, private readonly source: CatalogDataSource = iamDataSource) {
    this.serviceKeys = new Set([...serviceKeys].map((key) => key.toLowerCase()));
  }

  /** Loads the given services (default: all). Unknown names are ignored, never passed to the package. */
  async load(services?: Iterable<string>): Promise<void> {
    const wanted = services === undefined ? [...this.serviceKeys] : [...services].map((s) => s.toLowerCase());
    const started = performance.now();
    await Promise.all(wanted.filter((key) => this.serviceKeys.has(key)).map((key) => this.loadOne(key)));
    this.loadMilliseconds += performance.now() - started;
  }

  private loadOne(key: string): Promise<void> {
    if (this.services.has(key)) return Promise.resolve();
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const pending = this.source
      .loadService(key)
      .then((data) => this.index(key, data))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pending);
    return pending;
  }

  private index(service: string, data: RawServiceData): void {
    const byName = new Map<string, CatalogAction>();
    for (const raw of data.actions) {
      const accessLevel = parseAccessLevel(raw.accessLevel);
      if (!accessLevel) continue;
      const name = raw.name.toLowerCase();
      byName.set(name, {
        id: `${service}:${name}`,
        service,
        name: raw.name,
        accessLevel,
        resourceTypes: raw.resourceTypes.map((type) => ({ name: type.name, required: type.required })),
        wildcardOnly: raw.resourceTypes.length === 0,
      });
    }
    const arnServiceByType = new Map<string, string>();
    for (const type of data.resourceTypes) {
      const arnService = type.arn.split(':')[2]?.toLowerCase() ?? service;
      arnServiceByType.set(type.key.toLowerCase(), arnService);
      const list = this.formatsByArnService.get(arnService) ?? [];
      if (!list.some((known) => known.arn === type.arn)) {
        list.push({ service, key: type.key, arn: type.arn, arnService });
      }
      this.formatsByArnService.set(arnService, list);
    }
    this.services.set(service, { byName, ids: [...byName.values()].map((action) => action.id), arnServiceByType });
    this.allIds = undefined;
  }

  isKnownService(service: string): boolean {
    return this.serviceKeys.has(service.toLowerCase());
  }

  isLoaded(service: string): boolean {
    return this.services.has(service.toLowerCase());
  }

  get fullyLoaded(): boolean {
    return this.services.size === this.serviceKeys.size;
  }

  knownServices(): string[] {
    return [...this.serviceKeys];
  }

  private requireLoaded(services: Iterable<string>): void {
    const missing = [...services].filter((service) => this.serviceKeys.has(service) && !this.services.has(service));
    if (missing.length > 0) throw new IamCatalogNotLoadedError(missing);
  }

  private serviceIndex(service: string): ServiceIndex | undefined {
    const key = service.toLowerCase();
    const loaded = this.services.get(key);
    if (loaded) return loaded;
    if (!this.serviceKeys.has(key)) return undefined;
    this.requireLoaded([key]);
    return this.services.get(key);
  }

  /** Details of one concrete action; undefined for unknown or malformed names. */
  action(action: string): CatalogAction | undefined {
    const [service, name, extra] = action.toLowerCase().split(':');
    if (service === undefined || name === undefined || extra !== undefined) return undefined;
    return this.serviceIndex(service)?.byName.get(name);
  }

  isKnownAction(action: string): boolean {
    return this.action(action) !== undefined;
  }

  accessLevel(action: string): AccessLevel | undefined {
    return this.action(action)?.accessLevel;
  }

  resourceTypes(action: string): readonly ActionResourceType[] | undefined {
    return this.action(action)?.resourceTypes;
  }

  /**
   * ARN service segments of the resource types an action works on (ssm:StartSession -> ec2, ssm).
   * Never throws: an unloaded or unknown action falls back to its own service prefix.
   */
  resourceArnServices(action: string): readonly string[] {
    const cached = this.arnServicesByAction.get(action);
    if (cached) return cached;
    const [service = '', name = ''] = action.toLowerCase().split(':');
    const index = this.services.get(service);
    const details = index?.byName.get(name);
    if (!index || !details) return [service];
    const services = details.resourceTypes.map((type) => index.arnServiceByType.get(type.name.toLowerCase()) ?? service);
    const result = [...new Set([service, ...services])];
    this.arnServicesByAction.set(action, result);
    return result;
  }

  actionsOfService(service: string): readonly string[] {
    return this.serviceIndex(service)?.ids ?? [];
  }

  /** Every action of every service; needs the whole catalogue loaded. */
  allActions(): readonly string[] {
    this.requireLoaded(this.serviceKeys);
    this.allIds ??= [...this.services.values()].flatMap((index) => index.ids);
    return this.allIds;
  }

  /** ARN templates whose service segment is `arnService` among the loaded services. */
  resourceFormats(arnService: string): readonly ResourceTypeFormat[] {
    return this.formatsByArnService.get(arnService.toLowerCase()) ?? [];
  }

  expandAction(pattern: string): readonly string[] {
    return this.expand(pattern).actions;
  }

  /** Expands a policy action pattern; bad input yields an empty list and a status, never a throw. */
  expand(pattern: string): ActionExpansion {
    const cached = this.expansions.get(pattern);
    if (cached) return cached;
    const result = this.computeExpansion(pattern);
    this.expansions.set(pattern, result);
    return result;
  }

  private computeExpansion(pattern: string): ActionExpansion {
    const parsed = parseActionPattern(pattern);
    if (!parsed.ok) return { pattern, status: 'malformed', problem: parsed.problem, actions: [] };
    const { service, action, wildcard, serviceWildcard } = parsed.pattern;
    const base: ActionExpansion = { pattern, status: 'ok', actions: [] };
    if (wildcard) base.wildcard = wildcard;
    if (wildcard === 'admin') return { ...base, actions: this.allActions() };

    const services = serviceWildcard
      ? [...this.serviceKeys].filter((key) => globToRegExp(service).test(key))
      : this.serviceKeys.has(service) ? [service] : [];
    if (services.length === 0) return { ...base, status: 'unknown-service' };
    this.requireLoaded(services);

    const matcher = globToRegExp(action);
    const actions: string[] = [];
    for (const key of services) {
      const index = this.services.get(key);
      if (!index) continue;
      for (const [name, details] of index.byName) if (matcher.test(name)) actions.push(details.id);
    }
    if (actions.length === 0) return { ...base, status: 'unknown-action' };
    return { ...base, actions };
  }

  stats(): CatalogStats {
    let actions = 0;
    for (const index of this.services.values()) actions += index.ids.length;
    return {
      knownServices: this.serviceKeys.size,
      loadedServices: this.services.size,
      actions,
      loadMilliseconds: Math.round(this.loadMilliseconds),
    };
  }
}

let shared: Promise<IamCatalog> | undefined;
let sharedReady: IamCatalog | undefined;

/**
 * The process-wide catalogue, with `services` (default: all) loaded. Repeated calls only load
 * what is missing, so a scanner can call it per app with catalogServicesFor(statements).
 */
export async function loadIamCatalog(services?: Iterable<string>): Promise<IamCatalog> {
  // A failed first load must not poison every later call with the same rejected promise.
  shared ??= iamDataSource.serviceKeys().then(
    (keys) => new IamCatalog(keys),
    (error: unknown) => {
      shared = undefined;
      throw error;
    },
  );
  const catalog = await shared;
  await catalog.load(services);
  sharedReady = catalog;
  return catalog;
}

/** The shared catalogue for synchronous callers (rules); throws if loadIamCatalog() never ran. */
export function iamCatalog(): IamCatalog {
  if (!sharedReady) throw new IamCatalogNotLoadedError(['(catalogue not initialised)']);
  return sharedReady;
}

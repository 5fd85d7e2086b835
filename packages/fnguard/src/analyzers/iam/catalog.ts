/**
 * In-memory index of the AWS action catalogue with synchronous lookups.
 *
 * Loading is async (the data package is async) and per service, from the compact build-time copy
 * when it matches the installed package (well under 1 ms a service) and from the package
 * otherwise (~2 ms a service, ~0.7 s for all). Lookups into a known service that has not been
 * loaded throw IamCatalogNotLoadedError instead of answering "unknown", because a silent
 * "unknown" would make an over-privileged policy look harmless.
 */
import { performance } from 'node:perf_hooks';
import type { AccessLevel } from './access-level.js';
import { COMPACT_CATALOGUE_DIR, compactCatalogueSource } from './compact-catalogue.js';
import { type CatalogDataSource, type RawServiceData, packageDataSource } from './iam-data-source.js';
import { type PatternProblem, type WildcardKind, globToRegExp, hasWildcard, parseActionPattern } from './patterns.js';
import { type ActionResourceType, type CatalogAction, ServiceActions } from './service-actions.js';

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

/** Selects every action of a service. */
const ANY_NAME = /^/;

interface Expanded {
  expansion: ActionExpansion;
  levels: Readonly<Record<string, AccessLevel>>;
}

interface ServiceIndex {
  actions: ServiceActions;
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
  private readonly expansions = new Map<string, Expanded>();
  private readonly arnServicesByAction = new Map<string, readonly string[]>();
  private allIds: readonly string[] | undefined;
  private loadMilliseconds = 0;

  constructor(serviceKeys: Iterable<string>, private readonly source: CatalogDataSource = defaultDataSource()) {
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
    const arnServiceByType = new Map<string, string>();
    for (const [key, arn] of data.resourceTypes) {
      const arnService = arn.split(':')[2]?.toLowerCase() ?? service;
      arnServiceByType.set(key.toLowerCase(), arnService);
      const list = this.formatsByArnService.get(arnService) ?? [];
      if (!list.some((known) => known.arn === arn)) list.push({ service, key, arn, arnService });
      this.formatsByArnService.set(arnService, list);
    }
    this.services.set(service, { actions: new ServiceActions(service, data.actions), arnServiceByType });
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

  /**
   * The actions of the service `action` names, and its lower-cased name; undefined unless the
   * name has exactly one colon. Sliced rather than split and destructured: this runs for every
   * action a scan levels, mostly in cold code, where destructuring walks the iterator protocol.
   */
  private lookup(action: string): { actions: ServiceActions | undefined; name: string } | undefined {
    const id = action.toLowerCase();
    const colon = id.indexOf(':');
    if (colon < 0 || id.includes(':', colon + 1)) return undefined;
    return { actions: this.serviceIndex(id.slice(0, colon))?.actions, name: id.slice(colon + 1) };
  }

  /** Details of one concrete action; undefined for unknown or malformed names. */
  action(action: string): CatalogAction | undefined {
    const found = this.lookup(action);
    return found?.actions?.get(found.name);
  }

  isKnownAction(action: string): boolean {
    const found = this.lookup(action);
    return found?.actions?.has(found.name) ?? false;
  }

  accessLevel(action: string): AccessLevel | undefined {
    const found = this.lookup(action);
    return found?.actions?.accessLevel(found.name);
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
    const details = index?.actions.get(name);
    if (!index || !details) return [service];
    const services = details.resourceTypes.map((type) => index.arnServiceByType.get(type.name.toLowerCase()) ?? service);
    const result = [...new Set([service, ...services])];
    this.arnServicesByAction.set(action, result);
    return result;
  }

  actionsOfService(service: string): readonly string[] {
    return this.serviceIndex(service)?.actions.ids ?? [];
  }

  /** Every action of every service; needs the whole catalogue loaded. */
  allActions(): readonly string[] {
    this.requireLoaded(this.serviceKeys);
    this.allIds ??= [...this.services.values()].flatMap((index) => index.actions.ids);
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
    return this.expanded(pattern).expansion;
  }

  /**
   * The highest access level per service among the actions `pattern` expands to, services in the
   * order of their first action; empty unless the expansion is `ok`. Shared: do not modify.
   */
  maxAccessLevels(pattern: string): Readonly<Record<string, AccessLevel>> {
    return this.expanded(pattern).levels;
  }

  private expanded(pattern: string): Expanded {
    const cached = this.expansions.get(pattern);
    if (cached) return cached;
    const result = this.computeExpansion(pattern);
    this.expansions.set(pattern, result);
    return result;
  }

  private computeExpansion(pattern: string): Expanded {
    const parsed = parseActionPattern(pattern);
    if (!parsed.ok) return { expansion: { pattern, status: 'malformed', problem: parsed.problem, actions: [] }, levels: {} };
    const { service, action, wildcard, serviceWildcard } = parsed.pattern;
    const base: ActionExpansion = { pattern, status: 'ok', actions: [] };
    if (wildcard) base.wildcard = wildcard;
    if (wildcard === 'admin') {
      const actions = this.allActions();
      return { expansion: { ...base, actions }, levels: this.select([...this.services.keys()], ANY_NAME).levels };
    }

    const services = serviceWildcard
      ? [...this.serviceKeys].filter((key) => globToRegExp(service).test(key))
      : this.serviceKeys.has(service) ? [service] : [];
    if (services.length === 0) return { expansion: { ...base, status: 'unknown-service' }, levels: {} };
    this.requireLoaded(services);

    // A literal name is one map lookup, not a scan of its service.
    const { actions, levels } = this.select(services, hasWildcard(action) ? globToRegExp(action) : action);
    if (actions.length === 0) return { expansion: { ...base, status: 'unknown-action' }, levels };
    return { expansion: { ...base, actions }, levels };
  }

  private select(services: readonly string[], selector: string | RegExp): { actions: string[]; levels: Record<string, AccessLevel> } {
    const actions: string[] = [];
    const levels: Record<string, AccessLevel> = {};
    for (const key of services) {
      const selection = this.services.get(key)?.actions.select(selector);
      if (!selection?.maxLevel) continue;
      actions.push(...selection.ids);
      levels[key] = selection.maxLevel;
    }
    return { actions, levels };
  }

  stats(): CatalogStats {
    let actions = 0;
    for (const index of this.services.values()) actions += index.actions.size;
    return {
      knownServices: this.serviceKeys.size,
      loadedServices: this.services.size,
      actions,
      loadMilliseconds: Math.round(this.loadMilliseconds),
    };
  }
}

let dataSource: CatalogDataSource | undefined;

/** The compact build-time catalogue when it matches the installed package, else the package itself. */
function defaultDataSource(): CatalogDataSource {
  dataSource ??= compactCatalogueSource(COMPACT_CATALOGUE_DIR, packageDataSource) ?? packageDataSource;
  return dataSource;
}

let shared: Promise<IamCatalog> | undefined;
let sharedReady: IamCatalog | undefined;

/**
 * The process-wide catalogue, with `services` (default: all) loaded. Repeated calls only load
 * what is missing, so a scanner can call it per app with catalogServicesFor(statements).
 */
export async function loadIamCatalog(services?: Iterable<string>): Promise<IamCatalog> {
  // A failed first load must not poison every later call with the same rejected promise.
  const source = defaultDataSource();
  shared ??= source.serviceKeys().then(
    (keys) => new IamCatalog(keys, source),
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

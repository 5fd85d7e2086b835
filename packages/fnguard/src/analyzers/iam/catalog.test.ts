import { beforeAll, describe, expect, it } from 'vitest';
import { IamCatalog, IamCatalogNotLoadedError, loadIamCatalog } from './catalog.js';
import type { CatalogDataSource } from './iam-data-source.js';

let catalog: IamCatalog;

beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'iam', 'lambda', 'dynamodb']);
});

describe('IamCatalog with the real data', () => {
  it('expands partial wildcards case-insensitively', () => {
    const gets = catalog.expandAction('S3:Get*');
    expect(gets).toContain('s3:getobject');
    expect(gets.every((action) => action.startsWith('s3:get'))).toBe(true);
    const objects = catalog.expand('s3:*Object*');
    expect(objects.status).toBe('ok');
    expect(objects.wildcard).toBe('partial');
    expect(objects.actions).toEqual(expect.arrayContaining(['s3:getobject', 's3:putobject', 's3:deleteobject']));
    expect(objects.actions).not.toContain('s3:listbucket');
  });

  it('expands service wildcards to every action of the service and nothing else', () => {
    const all = catalog.expandAction('lambda:*');
    expect(all).toContain('lambda:invokefunction');
    expect(all.length).toBe(catalog.actionsOfService('lambda').length);
  });

  it('reports unknown services, unknown actions and malformed entries with a flag', () => {
    expect(catalog.expand('nosuchservice:GetThing')).toMatchObject({ status: 'unknown-service', actions: [] });
    expect(catalog.expand('s3:GetObjekt')).toMatchObject({ status: 'unknown-action', actions: [] });
    expect(catalog.expand('s3:Zz*')).toMatchObject({ status: 'unknown-action', actions: [] });
    expect(catalog.expand('s3')).toMatchObject({ status: 'malformed', problem: 'no-service', actions: [] });
    expect(catalog.expand('')).toMatchObject({ status: 'malformed', problem: 'empty' });
  });

  it('answers access levels, including merged "Permissions management, Write" labels', () => {
    expect(catalog.accessLevel('s3:GetObject')).toBe('Read');
    expect(catalog.accessLevel('s3:ListBucket')).toBe('List');
    expect(catalog.accessLevel('iam:PutRolePolicy')).toBe('Permissions management');
    expect(catalog.accessLevel('s3:PutObjectTagging')).toBe('Tagging');
    expect(catalog.accessLevel('s3:nope')).toBeUndefined();
    expect(catalog.accessLevel('not-an-action')).toBeUndefined();
    expect(catalog.isKnownAction('iam:passrole')).toBe(true);
    expect(catalog.isKnownAction('iam:passrole:extra')).toBe(false);
  });

  it('lists resource types of an action', () => {
    expect(catalog.resourceTypes('s3:GetObject')?.map((type) => type.name)).toContain('object');
    expect(catalog.action('s3:ListAllMyBuckets')?.wildcardOnly).toBe(true);
    expect(catalog.resourceFormats('dynamodb').map((format) => format.key)).toContain('table');
  });

  it('refuses to answer for a known service that is not loaded rather than calling it unknown', () => {
    expect(catalog.isKnownService('sqs')).toBe(true);
    expect(() => catalog.expandAction('sqs:SendMessage')).toThrow(IamCatalogNotLoadedError);
    expect(() => catalog.expandAction('*')).toThrow(IamCatalogNotLoadedError);
    expect(() => catalog.expandAction('s*:Get*')).toThrow(IamCatalogNotLoadedError);
  });

  it('is shared and loads only what is missing on later calls', async () => {
    const again = await loadIamCatalog(['sqs']);
    expect(again).toBe(catalog);
    expect(catalog.expandAction('sqs:SendMessage')).toEqual(['sqs:sendmessage']);
  });
});

describe('IamCatalog loading', () => {
  it('never passes names outside the service list to the data source', async () => {
    const requested: string[] = [];
    const source: CatalogDataSource = {
      serviceKeys: async () => ['s3'],
      loadService: async (key) => {
        requested.push(key);
        return { actions: [['GetObject', 'Read']], resourceTypes: [] };
      },
    };
    const fake = new IamCatalog(await source.serviceKeys(), source);
    await fake.load(['../../etc/passwd', 'S3', 's3']);
    expect(requested).toEqual(['s3']);
    expect(fake.expandAction('s3:*')).toEqual(['s3:getobject']);
    expect(fake.fullyLoaded).toBe(true);
  });

  it('skips actions whose access level it cannot read', async () => {
    const source: CatalogDataSource = {
      serviceKeys: async () => ['x'],
      loadService: async () => ({
        actions: [
          ['Good', 'Write'],
          ['Odd', 'Sideways'],
        ],
        resourceTypes: [],
      }),
    };
    const fake = new IamCatalog(['x'], source);
    await fake.load();
    expect(fake.expandAction('x:*')).toEqual(['x:good']);
    expect(fake.isKnownAction('x:odd')).toBe(false);
    expect(fake.expand('x:odd').status).toBe('unknown-action');
  });

  it('reads resource types from the pairs after name and level, and ARN services from the templates', async () => {
    const source: CatalogDataSource = {
      serviceKeys: async () => ['ssm'],
      loadService: async () => ({
        actions: [
          ['StartSession', 'Write', 'instance', 0, 'document', 1],
          ['DescribeParameters', 'List'],
        ],
        resourceTypes: [
          ['instance', 'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}'],
          ['document', 'arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}'],
        ],
      }),
    };
    const fake = new IamCatalog(['ssm'], source);
    await fake.load();
    expect(fake.action('ssm:StartSession')).toEqual({
      id: 'ssm:startsession',
      service: 'ssm',
      name: 'StartSession',
      accessLevel: 'Write',
      resourceTypes: [{ name: 'instance', required: false }, { name: 'document', required: true }],
      wildcardOnly: false,
    });
    expect(fake.action('ssm:describeparameters')?.wildcardOnly).toBe(true);
    expect(fake.resourceArnServices('ssm:startsession')).toEqual(['ssm', 'ec2']);
    expect(fake.resourceFormats('ec2').map((format) => format.key)).toEqual(['instance']);
  });

  it('looks literal names up directly and matches globs over every service a service wildcard names', async () => {
    const source: CatalogDataSource = {
      serviceKeys: async () => ['s3', 's3express'],
      loadService: async (key) => ({ actions: key === 's3' ? [['GetObject', 'Read'], ['PutObject', 'Write']] : [['GetObject', 'Read']], resourceTypes: [] }),
    };
    const fake = new IamCatalog(['s3', 's3express'], source);
    await fake.load();
    expect(fake.expandAction('s3:GETOBJECT')).toEqual(['s3:getobject']);
    expect(fake.expandAction('s3*:getobject')).toEqual(['s3:getobject', 's3express:getobject']);
    expect(fake.expandAction('s3*:*object')).toEqual(['s3:getobject', 's3:putobject', 's3express:getobject']);
    expect(fake.expand('s3:getobjects')).toMatchObject({ status: 'unknown-action', actions: [] });
  });

  it('gives the highest access level per service of what a pattern expands to', async () => {
    const source: CatalogDataSource = {
      serviceKeys: async () => ['s3', 's3express'],
      loadService: async (key) => ({
        actions: key === 's3' ? [['GetObject', 'Read'], ['PutObjectAcl', 'Permissions management, Write'], ['ListBucket', 'List']] : [['GetObject', 'Read']],
        resourceTypes: [],
      }),
    };
    const fake = new IamCatalog(['s3', 's3express'], source);
    await fake.load();
    expect(fake.maxAccessLevels('s3*:*object*')).toEqual({ s3: 'Permissions management', s3express: 'Read' });
    expect(Object.keys(fake.maxAccessLevels('s3*:*object*'))).toEqual(['s3', 's3express']);
    expect(fake.maxAccessLevels('S3:ListBucket')).toEqual({ s3: 'List' });
    expect(fake.maxAccessLevels('*')).toEqual({ s3: 'Permissions management', s3express: 'Read' });
    for (const pattern of ['s3:nothing', 'nosuch:thing', 's3', '']) expect(fake.maxAccessLevels(pattern), pattern).toEqual({});
  });

  it('answers malformed action names with undefined rather than a lookup', () => {
    for (const name of ['s3', 's3:getobject:extra', '', ':']) {
      expect(catalog.action(name), name).toBeUndefined();
      expect(catalog.accessLevel(name), name).toBeUndefined();
      expect(catalog.isKnownAction(name), name).toBe(false);
    }
  });

  it('loads the whole catalogue and expands * to every action', async () => {
    const { packageDataSource } = await import('./iam-data-source.js');
    const full = new IamCatalog(await packageDataSource.serviceKeys(), packageDataSource);
    await full.load();
    const stats = full.stats();
    expect(stats.loadedServices).toBe(stats.knownServices);
    expect(stats.actions).toBeGreaterThan(15_000);
    expect(full.expandAction('*')).toHaveLength(stats.actions);
    expect(full.expandAction('*:*')).toHaveLength(stats.actions);
    expect(full.expand('s3*:Get*').actions.some((action) => action.startsWith('s3express:'))).toBe(true);
    console.info(`full catalogue: ${stats.actions} actions in ${stats.knownServices} services, loaded in ${stats.loadMilliseconds} ms`);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { actionSetHas, enumerateActions, servicesOf } from './action-set.js';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { analyzeStatement, expandedActions } from './statements.js';
import { LOCATION } from './__tests__/fixtures.js';

let catalog: IamCatalog;

beforeAll(async () => {
  catalog = await loadIamCatalog();
});

describe('action sets over the full catalogue', () => {
  it('enumerates NotAction as the complement, service by service', () => {
    const analysis = analyzeStatement({ Effect: 'Allow', NotAction: ['iam:*', 's3:Delete*'], Resource: ['*'], origin: 'x', location: LOCATION }, catalog);
    const actions = expandedActions(analysis, catalog);
    const total = catalog.allActions().length;
    const excluded = catalog.expandAction('iam:*').length + catalog.expandAction('s3:Delete*').length;
    expect(actions).toHaveLength(total - excluded);
    expect(actions).toContain('s3:getobject');
    expect(actions).not.toContain('s3:deletebucket');
    expect(actions.some((action) => action.startsWith('iam:'))).toBe(false);
  });

  it('ignores malformed NotAction entries instead of excluding everything', () => {
    const set = { kind: 'all-except', patterns: ['not valid', ''] } as const;
    expect(enumerateActions(set, catalog)).toHaveLength(catalog.allActions().length);
    expect(actionSetHas(set, 's3:getobject')).toBe(true);
  });

  it('enumerates * to every catalogue action and reports it as every service', () => {
    expect(enumerateActions({ kind: 'all' }, catalog)).toHaveLength(catalog.allActions().length);
    expect(servicesOf({ kind: 'all' })).toEqual(['*']);
    expect(servicesOf({ kind: 'listed', actions: new Set(['s3:getobject', 'kms:decrypt', 's3:putobject']) })).toEqual(['kms', 's3']);
    expect(servicesOf({ kind: 'listed', actions: new Set() })).toEqual([]);
  });

  it('matches membership case-insensitively', () => {
    expect(actionSetHas({ kind: 'listed', actions: new Set(['s3:getobject']) }, 'S3:GetObject')).toBe(true);
    expect(actionSetHas({ kind: 'all-except', patterns: ['s3:get*'] }, 'S3:GetObject')).toBe(false);
  });
});

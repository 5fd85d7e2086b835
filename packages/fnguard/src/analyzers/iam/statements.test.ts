import { beforeAll, describe, expect, it } from 'vitest';
import { actionSetHas } from './action-set.js';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { analyzeStatement, expandedActions } from './statements.js';
import { LOCATION, allow, deny } from './__tests__/fixtures.js';

let catalog: IamCatalog;

beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'iam', 'dynamodb', 'sqs', 'kms', 'logs']);
});

describe('analyzeStatement', () => {
  it('expands listed actions and reports the max access level per service', () => {
    const analysis = analyzeStatement(allow(['s3:getobject', 's3:putobject', 'dynamodb:query'], ['arn:aws:s3:::b/*']), catalog);
    expect(analysis.actionSet).toEqual({ kind: 'listed', actions: new Set(['s3:getobject', 's3:putobject', 'dynamodb:query']) });
    expect(analysis.maxAccessLevelByService).toEqual({ s3: 'Write', dynamodb: 'Read' });
    expect(analysis.wildcardKinds).toEqual([]);
    expect(analysis.resourceScope).toBe('specific');
    expect(analysis.wildcardResources).toEqual([]);
  });

  it('classifies wildcard kinds', () => {
    expect(analyzeStatement(allow(['*']), catalog).wildcardKinds).toEqual(['admin']);
    expect(analyzeStatement(allow(['*:*']), catalog).wildcardKinds).toEqual(['admin']);
    expect(analyzeStatement(allow(['sqs:*', 's3:*Object*', 'kms:decrypt']), catalog).wildcardKinds).toEqual(['service', 'partial']);
  });

  it('keeps * symbolic so it needs no catalogue enumeration', () => {
    const analysis = analyzeStatement(allow(['*']), catalog);
    expect(analysis.actionSet).toEqual({ kind: 'all' });
    expect(analysis.maxAccessLevelByService).toEqual({ '*': 'Permissions management' });
    expect(actionSetHas(analysis.actionSet, 'brand-new-service:dothing')).toBe(true);
  });

  it('treats NotAction as everything except the listed patterns, across services', () => {
    const analysis = analyzeStatement({ Effect: 'Allow', NotAction: ['iam:*', 's3:Delete*'], Resource: ['*'], origin: 'x', location: LOCATION }, catalog);
    expect(analysis.usesNotAction).toBe(true);
    expect(analysis.actionSet).toEqual({ kind: 'all-except', patterns: ['iam:*', 's3:delete*'] });
    expect(actionSetHas(analysis.actionSet, 'iam:passrole')).toBe(false);
    expect(actionSetHas(analysis.actionSet, 's3:deletebucket')).toBe(false);
    expect(actionSetHas(analysis.actionSet, 's3:getobject')).toBe(true);
    expect(actionSetHas(analysis.actionSet, 'ec2:runinstances')).toBe(true);
    expect(analysis.maxAccessLevelByService['*']).toBe('Permissions management');
  });

  it('treats NotAction: ["*"] as granting nothing', () => {
    const analysis = analyzeStatement({ Effect: 'Allow', NotAction: ['*'], Resource: ['*'], origin: 'x', location: LOCATION }, catalog);
    expect(analysis.actionSet).toEqual({ kind: 'listed', actions: new Set() });
    expect(analysis.maxAccessLevelByService).toEqual({});
  });

  it('reports malformed and unknown entries without dropping the good ones', () => {
    const analysis = analyzeStatement(allow(['s3:GetObject', 's3:GetObjekt', 'bogus:Thing', 'GetObject', '']), catalog);
    expect([...(analysis.actionSet.kind === 'listed' ? analysis.actionSet.actions : [])]).toEqual(['s3:getobject']);
    expect(analysis.problems.map((problem) => [problem.pattern, problem.status])).toEqual([
      ['s3:GetObjekt', 'unknown-action'],
      ['bogus:Thing', 'unknown-service'],
      ['GetObject', 'malformed'],
      ['', 'malformed'],
    ]);
  });

  it('handles empty and missing Action/Resource arrays as granting nothing', () => {
    const empty = analyzeStatement(allow([], []), catalog);
    expect(empty.actionSet).toEqual({ kind: 'listed', actions: new Set() });
    expect(empty.resourceScope).toBe('none');
    const noAction = analyzeStatement({ Effect: 'Allow', Resource: ['*'], origin: 'x', location: LOCATION }, catalog);
    expect(noAction.actionSet).toEqual({ kind: 'listed', actions: new Set() });
  });

  it('recognises * and wildcard-only ARNs as every resource, but not named ones', () => {
    const broad = ['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*', 'arn:${AWS::Partition}:s3:::*', 'arn:aws:dynamodb:*:*:table/*', 'arn:aws:sqs:*:*:*', 'arn:aws:*:*:*:*'];
    for (const resource of broad) {
      expect(analyzeStatement(allow(['s3:getobject'], [resource]), catalog).resourceScope, resource).toBe('all');
    }
    const specific = ['arn:aws:s3:::my-bucket/*', '${UploadsBucket.Arn}/*', 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}', 'arn:aws:s3:::logs-*', 'arn:aws:s3:::*/uploads/*'];
    for (const resource of specific) {
      expect(analyzeStatement(allow(['s3:getobject'], [resource]), catalog).resourceScope, resource).toBe('specific');
    }
  });

  it('flags NotResource', () => {
    const analysis = analyzeStatement({ Effect: 'Allow', Action: ['s3:getobject'], NotResource: ['arn:aws:s3:::secret/*'], origin: 'x', location: LOCATION }, catalog);
    expect(analysis.usesNotResource).toBe(true);
    expect(analysis.resourceScope).toBe('all-except');
  });

  it('carries the condition assessment', () => {
    const analysis = analyzeStatement(deny(['s3:*'], ['*'], { Condition: { StringLike: { 'aws:SourceArn': ['*'] } } }), catalog);
    expect(analysis.conditions).toMatchObject({ conditional: true, narrowed: false });
  });

  it('caches per statement object', () => {
    const statement = allow(['s3:getobject']);
    expect(analyzeStatement(statement, catalog)).toBe(analyzeStatement(statement, catalog));
  });

  it('shares the facts of an action list between statements that repeat it, and only them', () => {
    const first = analyzeStatement(allow(['logs:createlogstream', 'logs:putlogevents'], ['*']), catalog);
    const again = analyzeStatement(allow(['logs:createlogstream', 'logs:putlogevents'], ['arn:aws:logs:*:*:log-group:x:*'], { origin: 'inline:other' }), catalog);
    expect(again).not.toBe(first);
    expect(again.statement.origin).toBe('inline:other');
    expect(again.resourceScope).toBe('specific');
    expect(again.actionSet).toBe(first.actionSet);
    expect(again.expansions).toBe(first.expansions);
    const joined = analyzeStatement(allow(['logs:createlogstream,logs:putlogevents']), catalog);
    expect(joined.actionSet).toEqual({ kind: 'listed', actions: new Set() });
    const excluded = analyzeStatement({ Effect: 'Allow', NotAction: ['logs:createlogstream', 'logs:putlogevents'], Resource: ['*'], origin: 'x', location: LOCATION }, catalog);
    expect(excluded.actionSet.kind).toBe('all-except');
  });

  it('lists per-service levels in the order of each service\'s first action', () => {
    const analysis = analyzeStatement(allow(['sqs:sendmessage', 's3:getobject', 'sqs:receivemessage', 's3:*']), catalog);
    expect(Object.entries(analysis.maxAccessLevelByService)).toEqual([['sqs', 'Write'], ['s3', 'Permissions management']]);
  });

  it('gives NotAction ["*"] no levels even when other entries name real actions', () => {
    const analysis = analyzeStatement({ Effect: 'Allow', NotAction: ['*', 's3:getobject'], Resource: ['*'], origin: 'x', location: LOCATION }, catalog);
    expect(analysis.actionSet).toEqual({ kind: 'listed', actions: new Set() });
    expect(analysis.maxAccessLevelByService).toEqual({});
  });

  it('enumerates listed actions without the full catalogue', () => {
    expect(expandedActions(analyzeStatement(allow(['kms:decrypt', 'kms:encrypt']), catalog), catalog)).toEqual(['kms:decrypt', 'kms:encrypt']);
  });
});

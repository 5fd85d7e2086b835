import { describe, expect, it } from 'vitest';
import { ServiceActions } from './service-actions.js';

const actions = new ServiceActions('s3', [
  ['GetObject', 'Read', 'object', 1],
  ['PutObjectTagging', 'Tagging, Write', 'object', 0, 'accesspoint', 1],
  ['ListAllMyBuckets', 'List'],
  ['Teleport', 'Sideways'],
]);

describe('ServiceActions', () => {
  it('lists ids in catalogue order, leaving out actions whose access level cannot be read', () => {
    expect(actions.ids).toEqual(['s3:getobject', 's3:putobjecttagging', 's3:listallmybuckets']);
    expect(actions.has('teleport')).toBe(false);
    expect(actions.get('teleport')).toBeUndefined();
    expect(actions.accessLevel('teleport')).toBeUndefined();
  });

  it('answers by lower-cased name only', () => {
    expect(actions.has('getobject')).toBe(true);
    expect(actions.has('GetObject')).toBe(false);
    expect(actions.accessLevel('putobjecttagging')).toBe('Tagging');
    expect(actions.accessLevel('nosuchaction')).toBeUndefined();
  });

  it('builds details on first lookup and returns the same object afterwards', () => {
    const details = actions.get('putobjecttagging');
    expect(details).toEqual({
      id: 's3:putobjecttagging',
      service: 's3',
      name: 'PutObjectTagging',
      accessLevel: 'Tagging',
      resourceTypes: [{ name: 'object', required: false }, { name: 'accesspoint', required: true }],
      wildcardOnly: false,
    });
    expect(actions.get('putobjecttagging')).toBe(details);
    expect(actions.get('listallmybuckets')).toMatchObject({ resourceTypes: [], wildcardOnly: true });
  });

  it('selects by lower-cased name or RegExp, in catalogue order, with the highest level among the selected', () => {
    expect(actions.select(/^(list|get).*$/)).toEqual({ ids: ['s3:getobject', 's3:listallmybuckets'], maxLevel: 'Read' });
    expect(actions.select(/object/)).toEqual({ ids: ['s3:getobject', 's3:putobjecttagging'], maxLevel: 'Tagging' });
    expect(actions.select('listallmybuckets')).toEqual({ ids: ['s3:listallmybuckets'], maxLevel: 'List' });
  });

  it('selects nothing for unknown names and actions whose level cannot be read', () => {
    expect(actions.select(/^teleport$/)).toEqual({ ids: [], maxLevel: undefined });
    expect(actions.select('teleport')).toEqual({ ids: [], maxLevel: undefined });
    expect(actions.select('GetObject')).toEqual({ ids: [], maxLevel: undefined });
  });

  it('keeps the first position and the last entry of a name listed twice', () => {
    const twice = new ServiceActions('x', [['Do', 'Read'], ['Other', 'List'], ['DO', 'Write']]);
    expect(twice.ids).toEqual(['x:do', 'x:other']);
    expect(twice.accessLevel('do')).toBe('Write');
    expect(twice.select(/^o/).ids).toEqual(['x:other']);
    expect(twice.select(/^d/)).toEqual({ ids: ['x:do'], maxLevel: 'Write' });
  });
});

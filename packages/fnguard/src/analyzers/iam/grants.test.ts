import { beforeAll, describe, expect, it } from 'vitest';
import type { IamStatement } from '../../model/types.js';
import { type IamCatalog, loadIamCatalog } from './catalog.js';
import { evaluateAction, evaluateAllOf, evaluateAnyOf } from './grants.js';
import { analyzeStatement } from './statements.js';
import { LOCATION, allow, deny } from './__tests__/fixtures.js';

let catalog: IamCatalog;
const analyze = (statements: IamStatement[]) => statements.map((statement) => analyzeStatement(statement, catalog));

beforeAll(async () => {
  catalog = await loadIamCatalog(['s3', 'iam', 'lambda', 'dynamodb']);
});

describe('evaluateAction', () => {
  it('grants fully on * without conditions or denies', () => {
    const grant = evaluateAction(analyze([allow(['s3:Get*'])]), 's3:GetObject', catalog);
    expect(grant).toMatchObject({ granted: true, strength: 'full', broad: true, denial: 'none', resources: ['*'] });
  });

  it('is not granted when no Allow covers it, or when the only Allow is malformed', () => {
    expect(evaluateAction(analyze([allow(['s3:GetObject'])]), 's3:PutObject', catalog).granted).toBe(false);
    expect(evaluateAction(analyze([allow(['s3 GetObject'])]), 's3:GetObject', catalog).granted).toBe(false);
    expect(evaluateAction(analyze([allow(['s3:GetObject'], [])]), 's3:GetObject', catalog).granted).toBe(false);
    expect(evaluateAction([], 's3:GetObject', catalog)).toMatchObject({ granted: false, denial: 'none' });
  });

  it('is partial when limited to named resources', () => {
    const grant = evaluateAction(analyze([allow(['s3:GetObject'], ['arn:aws:s3:::b/*'])]), 's3:getobject', catalog);
    expect(grant).toMatchObject({ granted: true, strength: 'partial', broad: false });
    expect(grant.reasons).toEqual(['s3:getobject is allowed only on arn:aws:s3:::b/*']);
  });

  it('only counts a wildcard resource as broad for its own service', () => {
    const grant = evaluateAction(analyze([allow(['s3:GetObject', 'dynamodb:Query'], ['arn:aws:s3:::b/*', 'arn:aws:dynamodb:*:*:table/*'])]), 's3:getobject', catalog);
    expect(grant.broad).toBe(false);
    expect(evaluateAction(analyze([allow(['s3:GetObject', 'dynamodb:Query'], ['arn:aws:dynamodb:*:*:table/*'])]), 'dynamodb:query', catalog).broad).toBe(true);
  });

  it('is partial when a narrowing condition applies, and says why', () => {
    const statement = allow(['iam:PassRole'], ['*'], { Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } } });
    const grant = evaluateAction(analyze([statement]), 'iam:passrole', catalog);
    expect(grant.strength).toBe('partial');
    expect(grant.reasons[0]).toContain('narrowed by iam:PassedToService');
  });

  it('stays full when the only condition does not narrow', () => {
    const statement = allow(['iam:PassRole'], ['*'], { Condition: { StringLike: { 'iam:PassedToService': ['*'] } } });
    expect(evaluateAction(analyze([statement]), 'iam:passrole', catalog).strength).toBe('full');
  });

  it('is cancelled by an unconditional Deny covering every allowed resource', () => {
    expect(evaluateAction(analyze([allow(['s3:*']), deny(['s3:DeleteBucket'])]), 's3:deletebucket', catalog)).toMatchObject({ granted: false, denial: 'full' });
    expect(evaluateAction(analyze([allow(['s3:*']), deny(['*'])]), 's3:getobject', catalog).granted).toBe(false);
    expect(
      evaluateAction(analyze([allow(['s3:GetObject'], ['arn:aws:s3:::b/*']), deny(['s3:GetObject'], ['arn:aws:s3:::b/*'])]), 's3:getobject', catalog).granted,
    ).toBe(false);
    expect(
      evaluateAction(analyze([allow(['s3:GetObject'], ['arn:aws:s3:::b/x']), deny(['s3:GetObject'], ['arn:aws:s3:::b/*'])]), 's3:getobject', catalog).granted,
    ).toBe(false);
  });

  it('is partial when the Deny is conditional, uses NotResource, or covers only some resources', () => {
    const conditional = deny(['s3:GetObject'], ['*'], { Condition: { Bool: { 'aws:SecureTransport': ['false'] } } });
    expect(evaluateAction(analyze([allow(['s3:*']), conditional]), 's3:getobject', catalog)).toMatchObject({ granted: true, strength: 'partial', denial: 'partial' });
    const notResource: IamStatement = { Effect: 'Deny', Action: ['s3:getobject'], NotResource: ['arn:aws:s3:::public/*'], origin: 'x', location: LOCATION };
    expect(evaluateAction(analyze([allow(['s3:*']), notResource]), 's3:getobject', catalog).denial).toBe('partial');
    const some = deny(['s3:GetObject'], ['arn:aws:s3:::secret/*']);
    const grant = evaluateAction(analyze([allow(['s3:*']), some]), 's3:getobject', catalog);
    expect(grant).toMatchObject({ granted: true, strength: 'partial', broad: true });
    expect(grant.reasons).toContain('s3:getobject is denied on some resources');
  });

  it('counts NotAction allows and NotResource allows as broad', () => {
    const notAction: IamStatement = { Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'], origin: 'x', location: LOCATION };
    expect(evaluateAction(analyze([notAction]), 'lambda:updatefunctioncode', catalog).strength).toBe('full');
    expect(evaluateAction(analyze([notAction]), 'iam:passrole', catalog).granted).toBe(false);
    const notResource: IamStatement = { Effect: 'Allow', Action: ['s3:getobject'], NotResource: ['arn:aws:s3:::x/*'], origin: 'x', location: LOCATION };
    expect(evaluateAction(analyze([notResource]), 's3:getobject', catalog)).toMatchObject({ broad: true, resources: ['all except arn:aws:s3:::x/*'] });
  });
});

describe('combinations', () => {
  it('needs every action for allOf', () => {
    const analyses = analyze([allow(['iam:PassRole', 'lambda:CreateFunction'])]);
    expect(evaluateAllOf(analyses, ['iam:passrole', 'lambda:createfunction'], false, catalog)?.confidence).toBe('definite');
    expect(evaluateAllOf(analyses, ['iam:passrole', 'lambda:invokefunction'], false, catalog)).toBeUndefined();
    const named = analyze([allow(['iam:PassRole'], ['arn:aws:iam::1:role/x']), allow(['lambda:CreateFunction'])]);
    expect(evaluateAllOf(named, ['iam:passrole', 'lambda:createfunction'], false, catalog)?.confidence).toBe('possible');
    expect(evaluateAllOf(named, ['iam:passrole'], true, catalog)).toBeUndefined();
  });

  it('takes the strongest grant for anyOf', () => {
    const analyses = analyze([allow(['dynamodb:Query'], ['arn:aws:dynamodb:*:*:table/x']), allow(['dynamodb:Scan'])]);
    const result = evaluateAnyOf(analyses, ['dynamodb:query', 'dynamodb:scan'], false, catalog);
    expect(result?.confidence).toBe('definite');
    expect(result?.grants.map((grant) => grant.action)).toEqual(['dynamodb:scan']);
    const named = analyze([allow(['dynamodb:Query'], ['arn:aws:dynamodb:*:*:table/x'])]);
    expect(evaluateAnyOf(named, ['dynamodb:query'], true, catalog)).toBeUndefined();
    expect(evaluateAnyOf([], ['dynamodb:query'], false, catalog)).toBeUndefined();
  });

  it('finds actions no statement lists by name through * and NotAction', () => {
    const everything = analyze([allow(['*'])]);
    expect(evaluateAllOf(everything, ['iam:passrole', 'lambda:createfunction'], false, catalog)?.confidence).toBe('definite');
    const allButIam = analyze([{ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'], origin: 'x', location: LOCATION }]);
    expect(evaluateAnyOf(allButIam, ['iam:passrole', 'lambda:createfunction'], false, catalog)?.grants.map((grant) => grant.action)).toEqual(['lambda:createfunction']);
    expect(evaluateAllOf(allButIam, ['iam:passrole', 'lambda:createfunction'], false, catalog)).toBeUndefined();
  });

  it('never counts a Deny, or an Allow without Resource, as listing an action', () => {
    const denied = analyze([deny(['iam:PassRole'])]);
    expect(evaluateAllOf(denied, ['iam:passrole'], false, catalog)).toBeUndefined();
    expect(evaluateAnyOf(denied, ['iam:passrole'], false, catalog)).toBeUndefined();
    const noResource = analyze([{ Effect: 'Allow', Action: ['iam:PassRole'], origin: 'x', location: LOCATION }]);
    expect(evaluateAnyOf(noResource, ['iam:passrole'], false, catalog)).toBeUndefined();
  });

  it('matches action names case-insensitively', () => {
    const analyses = analyze([allow(['iam:PassRole'])]);
    expect(evaluateAllOf(analyses, ['IAM:PassRole'], false, catalog)?.grants.map((grant) => grant.action)).toEqual(['iam:passrole']);
    expect(evaluateAnyOf(analyses, ['IAM:PASSROLE'], false, catalog)?.confidence).toBe('definite');
  });
});

describe('grants limited to named resources of another service', () => {
  it('does not grant IAM or Lambda actions through Action * on one DynamoDB table', async () => {
    const { loadIamCatalog } = await import('./catalog.js');
    const { analyzeStatement } = await import('./statements.js');
    const { evaluateAction: evaluate } = await import('./grants.js');
    const catalog = await loadIamCatalog(['iam', 'lambda', 'dynamodb']);
    const analyses = [analyzeStatement({ Effect: 'Allow', Action: ['*'], Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/Orders'], origin: 'inline:p', location: { file: 't', line: 1, column: 1 } }, catalog)];
    expect(evaluate(analyses, 'iam:passrole', catalog).granted).toBe(false);
    expect(evaluate(analyses, 'lambda:createfunction', catalog).granted).toBe(false);
    expect(evaluate(analyses, 'dynamodb:deleteitem', catalog).granted).toBe(true);
    const unresolved = [analyzeStatement({ Effect: 'Allow', Action: ['*'], Resource: ['${Orders.Arn}'], origin: 'inline:p', location: { file: 't', line: 1, column: 1 } }, catalog)];
    expect(evaluate(unresolved, 'iam:passrole', catalog).granted).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { parseTemplateText } from '../yaml/parse.js';
import { TemplateContext } from './template.js';

function context(text: string, overrides?: Record<string, string>): TemplateContext {
  return new TemplateContext(parseTemplateText(text, 'template.yaml'), overrides ? { parameterOverrides: overrides } : {});
}

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: prod}
  NoDefault: {Type: String}
  Secret: {Type: String, NoEcho: true, Default: hunter2hunter2}
  Subnets: {Type: CommaDelimitedList, Default: "a, b"}
Mappings:
  Sizes:
    prod: {Memory: 1024}
    dev: {Memory: 128}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  Unknown: !Equals [!Ref NoDefault, x]
  Both: !And [!Condition IsProd, !Condition Unknown]
  Either: !Or [!Condition IsProd, !Condition Unknown]
  Loop: !Condition Loop
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    DependsOn: Bucket
    Properties:
      MemorySize: !FindInMap [Sizes, !Ref Stage, Memory]
  Broken: 3
  NoType: {Properties: {}}
`;

describe('TemplateContext', () => {
  const ctx = context(TEMPLATE);

  it('reads transforms, resources and parameters, warning about invalid resources', () => {
    expect(ctx.isSam()).toBe(true);
    expect([...ctx.resources.keys()]).toEqual(['Bucket', 'Fn']);
    expect(ctx.resources.get('Fn')).toMatchObject({ type: 'AWS::Serverless::Function', condition: 'IsProd', dependsOn: ['Bucket'] });
    expect(ctx.resources.get('Fn')!.location.line).toBeGreaterThan(1);
    expect(ctx.warnings.map((w) => w.code)).toEqual(['invalid-resource', 'invalid-resource']);
    expect(ctx.parameters.find((p) => p.name === 'Secret')).toMatchObject({ noEcho: true, default: 'hunter2hunter2' });
  });

  it('resolves parameters, mappings, pseudo parameters and decidable conditions', () => {
    expect(ctx.resolve({ Ref: 'Stage' })).toBe('prod');
    expect(ctx.resolve({ Ref: 'Subnets' })).toEqual(['a', 'b']);
    expect(ctx.resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] })).toBe(1024);
    expect(ctx.resolve({ Ref: 'AWS::Partition' })).toBe('aws');
    expect(ctx.resolve({ Ref: 'AWS::Region' })).toEqual({ Ref: 'AWS::Region' });
    expect(ctx.conditionValue('IsProd')).toBe(true);
    expect(ctx.conditionValue('IsDev')).toBe(false);
    expect(ctx.conditionValue('Unknown')).toBeUndefined();
    expect(ctx.conditionValue('Both')).toBeUndefined();
    expect(ctx.conditionValue('Either')).toBe(true);
    expect(ctx.conditionValue('Loop')).toBeUndefined();
    expect(ctx.conditionValue('Undeclared')).toBeUndefined();
    expect(ctx.resolve({ 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('big');
    expect(ctx.resolve({ 'Fn::If': ['Unknown', 'a', 'b'] })).toEqual({ 'Fn::If': ['Unknown', 'a', 'b'] });
  });

  it('lets parameter overrides win over defaults', () => {
    const dev = context(TEMPLATE, { Stage: 'dev' });
    expect(dev.conditionValue('IsProd')).toBe(false);
    expect(dev.resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] })).toBe(128);
  });

  it('resolves Sub, Join, Select and Split over known inputs and keeps the rest symbolic', () => {
    expect(ctx.resolve({ 'Fn::Sub': 'app-${Stage}' })).toBe('app-prod');
    expect(ctx.resolve({ 'Fn::Sub': 'literal ${!Stage}' })).toBe('literal ${Stage}');
    expect(ctx.resolve({ 'Fn::Sub': ['${A}-${B}', { A: 'x', B: { Ref: 'Bucket' } }] })).toEqual({ 'Fn::Sub': 'x-${Bucket}' });
    expect(ctx.resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Stage' }]] })).toBe('a-prod');
    expect(ctx.resolve({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
    expect(ctx.resolve({ 'Fn::Select': [5, ['a']] })).toEqual({ 'Fn::Select': [5, ['a']] });
    expect(ctx.resolve({ 'Fn::Split': [',', 'a,b'] })).toEqual(['a', 'b']);
    expect(ctx.resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'Bucket' }]] })).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'Bucket' }]] });
  });

  it('drops AWS::NoValue from mappings and lists', () => {
    expect(ctx.resolve({ A: { Ref: 'AWS::NoValue' }, B: 1, L: [1, { Ref: 'AWS::NoValue' }] })).toEqual({ B: 1, L: [1] });
    expect(ctx.resolve({ 'Fn::If': ['IsDev', 'x', { Ref: 'AWS::NoValue' }] })).toBeUndefined();
    // An undecidable If keeps the written NoValue, never an internal marker, and renders to nothing.
    const undecided = ctx.resolve({ 'Fn::If': ['Unknown', 'x', { Ref: 'AWS::NoValue' }] });
    expect(undecided).toEqual({ 'Fn::If': ['Unknown', 'x', { Ref: 'AWS::NoValue' }] });
    expect(ctx.renderList(undecided)).toEqual(['x']);
    expect(ctx.render({ Ref: 'AWS::NoValue' })).toBeUndefined();
  });

  it('renders unresolved values in Fn::Sub syntax', () => {
    expect(ctx.render({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('${Bucket.Arn}');
    expect(ctx.render({ Ref: 'Bucket' })).toBe('${Bucket}');
    expect(ctx.render({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' })).toBe('arn:aws:s3:::${Bucket}/*');
    expect(ctx.render({ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Bucket' }, '/*']] })).toBe('arn:aws:s3:::${Bucket}/*');
    expect(ctx.render({ 'Fn::ImportValue': 'SharedTable' })).toBe('${ImportValue:SharedTable}');
    expect(ctx.render(42)).toBe('42');
    expect(ctx.render(undefined)).toBeUndefined();
    expect(ctx.renderList({ 'Fn::If': ['Unknown', ['a', 'b'], 'c'] })).toEqual(['a', 'b', 'c']);
    expect(ctx.renderList('single')).toEqual(['single']);
  });

  it('finds the resource a value points to', () => {
    expect(ctx.refTarget({ Ref: 'Bucket' })).toEqual({ id: 'Bucket' });
    expect(ctx.refTarget({ 'Fn::GetAtt': 'Bucket.Arn' })).toEqual({ id: 'Bucket', attribute: 'Arn' });
    expect(ctx.refTarget({ 'Fn::Sub': '${Bucket.Arn}' })).toEqual({ id: 'Bucket', attribute: 'Arn' });
    expect(ctx.refTarget({ Ref: 'Stage' })).toBeUndefined();
    expect(ctx.refTarget({ Ref: 'Nope' })).toBeUndefined();
    expect(ctx.refTarget('arn:aws:iam::123456789012:role/x')).toBeUndefined();
  });

  it('never throws on malformed intrinsics', () => {
    const odd = [
      { Ref: 5 }, { 'Fn::If': 'x' }, { 'Fn::If': [1, 2, 3] }, { 'Fn::Sub': 7 }, { 'Fn::Join': 'x' }, { 'Fn::Select': 'x' },
      { 'Fn::Split': [',', { Ref: 'Bucket' }] }, { 'Fn::FindInMap': ['Nope', 'a', 'b'] }, { 'Fn::GetAtt': 3 }, { 'Fn::Unknown': [1] },
    ];
    for (const value of odd) {
      expect(() => ctx.resolve(value)).not.toThrow();
      expect(() => ctx.render(value)).not.toThrow();
      expect(() => ctx.renderList(value)).not.toThrow();
      expect(() => ctx.refTarget(value)).not.toThrow();
    }
  });

  it('accepts templates that are not mappings or have malformed sections', () => {
    for (const text of ['- a\n- b\n', 'Resources: [1, 2]\n', 'Parameters: 3\nResources: {}\n', '', 'Transform: [AWS::Serverless-2016-10-31, {Name: AWS::Include}]\n']) {
      expect(() => context(text)).not.toThrow();
    }
    expect(context('Resources: [1, 2]\n').warnings.map((w) => w.code)).toEqual(['invalid-resources']);
    expect(context('Transform: [AWS::Serverless-2016-10-31, {Name: AWS::Include}]\n').transforms).toEqual(['AWS::Serverless-2016-10-31', 'AWS::Include']);
  });
});

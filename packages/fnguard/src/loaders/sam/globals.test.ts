import { describe, expect, it } from 'vitest';
import type { LoadWarning } from '../../model/types.js';
import { applyGlobals, mergeGlobalValue, readGlobals } from './globals.js';

const locate = (path: (string | number)[]) => ({ file: 'template.yaml', line: path.length, column: 1 });

describe('mergeGlobalValue', () => {
  it('merges maps key by key, recursively, the resource winning', () => {
    expect(mergeGlobalValue({ Variables: { A: '1', B: '2' } }, { Variables: { B: 'local', C: '3' } }))
      .toEqual({ Variables: { A: '1', B: 'local', C: '3' } });
  });

  it('concatenates lists, global items first', () => {
    expect(mergeGlobalValue(['layer-a'], ['layer-b'])).toEqual(['layer-a', 'layer-b']);
  });

  it('replaces scalars', () => {
    expect(mergeGlobalValue(30, 5)).toBe(5);
  });

  it('treats intrinsic functions as scalars, not maps to merge', () => {
    expect(mergeGlobalValue({ Ref: 'GlobalKey' }, { 'Fn::GetAtt': ['Key', 'Arn'] })).toEqual({ 'Fn::GetAtt': ['Key', 'Arn'] });
    expect(mergeGlobalValue({ Variables: { A: '1' } }, { 'Fn::If': ['C', { Variables: {} }, { Ref: 'AWS::NoValue' }] }))
      .toEqual({ 'Fn::If': ['C', { Variables: {} }, { Ref: 'AWS::NoValue' }] });
  });

  it('lets the resource win when the two values have different shapes', () => {
    expect(mergeGlobalValue(['a'], 'b')).toBe('b');
    expect(mergeGlobalValue({ A: 1 }, ['x'])).toEqual(['x']);
  });
});

describe('applyGlobals', () => {
  const globals = { Runtime: 'python3.12', Timeout: 30, Layers: ['g'] };

  it('inherits missing properties and merges present ones', () => {
    expect(applyGlobals(globals, { Timeout: 5, Layers: ['l'] })).toEqual({ Runtime: 'python3.12', Timeout: 5, Layers: ['g', 'l'] });
  });

  it("inherits nothing with IgnoreGlobals '*'", () => {
    expect(applyGlobals(globals, { Handler: 'h' }, '*')).toEqual({ Handler: 'h' });
  });

  it('skips the properties IgnoreGlobals lists', () => {
    expect(applyGlobals(globals, {}, ['Runtime', 'Layers'])).toEqual({ Timeout: 30 });
  });

  it('copies the properties when there are no globals', () => {
    const properties = { Handler: 'h' };
    const merged = applyGlobals(undefined, properties);
    expect(merged).toEqual(properties);
    expect(merged).not.toBe(properties);
  });
});

describe('readGlobals', () => {
  it('keys the sections by the resource type they apply to', () => {
    const warnings: LoadWarning[] = [];
    const globals = readGlobals({ Function: { Timeout: 10 }, HttpApi: { CorsConfiguration: true } }, locate, warnings);
    expect(globals.get('AWS::Serverless::Function')).toEqual({ Timeout: 10 });
    expect(globals.get('AWS::Serverless::HttpApi')).toEqual({ CorsConfiguration: true });
    expect(warnings).toEqual([]);
  });

  it('reports unsupported sections and properties and leaves them out', () => {
    const warnings: LoadWarning[] = [];
    const globals = readGlobals({ NewType: { A: 1 }, Api: { StageName: 'prod', TracingEnabled: true }, Function: { Events: {} } }, locate, warnings);
    expect(globals.has('NewType')).toBe(false);
    expect(globals.get('AWS::Serverless::Api')).toEqual({ TracingEnabled: true });
    expect(globals.get('AWS::Serverless::Function')).toEqual({});
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("'NewType' is not supported"),
      expect.stringContaining("'StageName' is not a supported property of Globals.Api"),
      expect.stringContaining("'Events' is not a supported property of Globals.Function"),
    ]);
    expect(warnings.every((w) => w.code === 'sam-globals-invalid')).toBe(true);
  });

  it('rejects a Globals section that is not a non-empty map', () => {
    for (const section of [[], 'Function', {}, 42]) {
      const warnings: LoadWarning[] = [];
      expect(readGlobals(section, locate, warnings).size).toBe(0);
      expect(warnings).toHaveLength(1);
    }
  });

  it('rejects a section that is not a map', () => {
    const warnings: LoadWarning[] = [];
    expect(readGlobals({ Function: ['Timeout'] }, locate, warnings).size).toBe(0);
    expect(warnings[0]?.message).toContain('Globals.Function must be a map');
  });

  it('has nothing to read when the template has no Globals, or an empty Globals key', () => {
    const warnings: LoadWarning[] = [];
    expect(readGlobals(undefined, locate, warnings).size).toBe(0);
    expect(readGlobals(null, locate, warnings).size).toBe(0);
    expect(warnings).toEqual([]);
  });
});

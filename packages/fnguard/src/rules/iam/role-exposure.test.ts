import { describe, expect, it } from 'vitest';
import { buildApp, buildFunction, buildRole, buildTrigger, loc } from '../../../test/helpers/app-builder.js';
import { adjustedSeverity, functionLabel, functionsOfRole, locationOr, lowerSeverity, publicEntry, raiseSeverity } from './role-exposure.js';

describe('severity adjustments', () => {
  it('raises and lowers one level within bounds', () => {
    expect(raiseSeverity('high')).toBe('critical');
    expect(raiseSeverity('critical')).toBe('critical');
    expect(lowerSeverity('high')).toBe('medium');
    expect(lowerSeverity('low')).toBe('low');
  });

  it('lets exposure and narrowing cancel out', () => {
    const entry = { fn: buildFunction('Fn'), through: 'its function URL' };
    expect(adjustedSeverity({ base: 'high' })).toBe('high');
    expect(adjustedSeverity({ base: 'high', exposure: entry })).toBe('critical');
    expect(adjustedSeverity({ base: 'high', narrowing: ['narrowed by aws:SourceArn'] })).toBe('medium');
    expect(adjustedSeverity({ base: 'high', exposure: entry, narrowing: ['narrowed by aws:SourceArn'] })).toBe('high');
  });
});

describe('role exposure', () => {
  const app = buildApp({
    functions: [
      buildFunction('Internal', { roleId: 'R', triggers: [buildTrigger('sqs', { invocation: 'poll' })] }),
      buildFunction('Web', { roleId: 'R', triggers: [buildTrigger('http-api', { public: true, method: 'GET', path: '/', publicReason: 'no authorizer' })] }),
      buildFunction('Url', { url: { authType: 'NONE', location: loc(5) } }),
    ],
    roles: [buildRole('R', { usedBy: ['Internal'] }), buildRole('UrlRole', { usedBy: ['Url'] })],
  });

  it('finds functions by roleId and by usedBy', () => {
    expect(functionsOfRole(app, app.roles[0]!).map((fn) => fn.id)).toEqual(['Internal', 'Web']);
  });

  it('names the public trigger', () => {
    expect(publicEntry(app, app.roles[0]!)).toMatchObject({ fn: { id: 'Web' }, through: 'HTTP API route GET / (no authorizer)' });
    expect(publicEntry(app, app.roles[1]!)?.through).toBe('its function URL (AuthType NONE)');
    expect(publicEntry(buildApp({ functions: [buildFunction('A', { roleId: 'X' })] }), buildRole('X'))).toBeUndefined();
  });

  it('labels serverless functions by their key', () => {
    expect(functionLabel(buildFunction('GetOrderLambdaFunction', { properties: { functionKey: 'getOrder' } }))).toBe('getOrder');
    expect(functionLabel(buildFunction('GetOrder'))).toBe('GetOrder');
  });
});

describe('helpers without the catalogue', () => {
  it('points synthesised locations at the fallback', () => {
    expect(locationOr({ file: '', line: 0, column: 0 }, loc(30))).toEqual(loc(30));
    expect(locationOr(loc(12), loc(30))).toEqual(loc(12));
  });
});

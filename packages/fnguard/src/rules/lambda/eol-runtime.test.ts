import { describe, expect, it } from 'vitest';
import { buildApp, buildFunction } from '../../../test/helpers/app-builder.js';
import { testRule } from '../../../test/helpers/rule-cases.js';
import { eolRuntimeRule } from './eol-runtime.js';
import { RUNTIME_LIFECYCLE } from './runtime-lifecycle.js';

const onDate = eolRuntimeRule(() => new Date('2026-11-23T00:00:00Z'));
const app = (runtime: string | undefined) => buildApp({ functions: [buildFunction('Fn', { runtime })] });

testRule(onDate, {
  valid: [
    { name: 'current runtime', app: app('nodejs24.x') },
    { name: 'python 3.13', app: app('python3.13') },
    { name: 'container image without runtime', app: app(undefined) },
    { name: 'custom identifier not in the table', app: app('bun1.x') },
  ],
  invalid: [
    { name: 'deprecated, updates still allowed', app: app('nodejs20.x'), hits: [{ severity: 'medium', message: ['since 2026-04-30', '7 months ago', 'updates from 2027-08-31', 'nodejs24.x'] }] },
    { name: 'retired long ago', app: app('nodejs12.x'), hits: [{ severity: 'high', message: ['retired', 'refuses new functions'] }] },
    { name: 'upper-case identifier', app: app('Python3.9'), hits: [{ severity: 'medium', evidence: ['Python3.9'] }] },
    { name: 'deprecation coming within 180 days', app: app('ruby3.3'), hits: [{ severity: 'low', message: ['will be deprecated on 2027-03-31', 'in 4 months'] }] },
    { name: 'Node.js 22 five months before its deprecation', app: app('nodejs22.x'), hits: [{ severity: 'low', message: ['2027-04-30', 'nodejs24.x'] }] },
  ],
});

describe('FG-LAMBDA-005 over time', () => {
  it('escalates once updates are blocked', () => {
    const later = eolRuntimeRule(() => new Date('2027-09-15T00:00:00Z'));
    expect(later.check(app('nodejs20.x'))[0]).toMatchObject({ severity: 'high' });
  });
  it('keeps every table date a real ISO date, in lifecycle order', () => {
    for (const [runtime, lifecycle] of Object.entries(RUNTIME_LIFECYCLE)) {
      for (const date of [lifecycle.deprecated, lifecycle.blockCreate, lifecycle.blockUpdate]) {
        if (date !== undefined) expect(Number.isNaN(Date.parse(date)), `${runtime} ${date}`).toBe(false);
      }
      if (lifecycle.blockCreate) expect(lifecycle.blockCreate >= lifecycle.deprecated, runtime).toBe(true);
      if (lifecycle.blockUpdate && lifecycle.blockCreate) expect(lifecycle.blockUpdate >= lifecycle.blockCreate, runtime).toBe(true);
    }
  });
});

import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuardRequest, SecurityEvent } from '../core/types.js';
import { httpEvent, lambdaContext } from '../../test/helpers/lambda.js';
import { egressGuard } from './middleware.js';
import { isEgressGuardInstalled, uninstallEgressGuard } from './install.js';

afterEach(() => uninstallEgressGuard());

describe('egressGuard middleware', () => {
  it('installs at creation and attributes violations to the running invocation', async () => {
    const seen: Array<{ event: SecurityEvent; request?: GuardRequest }> = [];
    const mw = egressGuard({ allow: [], logger: { event: (event, request) => seen.push({ event, request }), log: () => undefined } });
    expect(isEgressGuardInstalled()).toBe(true);
    const request: GuardRequest = { event: httpEvent(), context: lambdaContext({ awsRequestId: 'inv-42' }), response: undefined, error: undefined, internal: {} };
    await mw.before?.(request);
    expect(() => http.request('http://evil.example/')).toThrow();
    await mw.after?.(request);
    expect(() => http.request('http://evil.example/')).toThrow();
    expect(seen[0]?.request?.context.awsRequestId).toBe('inv-42');
    expect(seen[1]?.request).toBeUndefined(); // outside any invocation
  });

  it('re-installs on the next invocation if the hooks were removed', async () => {
    const mw = egressGuard({ childProcess: false, logger: { event: () => undefined, log: () => undefined } });
    uninstallEgressGuard();
    await mw.before?.({ event: {}, context: lambdaContext(), response: undefined, error: undefined, internal: {} });
    expect(isEgressGuardInstalled()).toBe(true);
  });
});

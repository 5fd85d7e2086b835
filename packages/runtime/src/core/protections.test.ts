import { describe, expect, it } from 'vitest';
import { lazyMiddleware, loadProtection } from './protections.js';
import type { GuardRequest, Middleware } from './types.js';

function req(): GuardRequest {
  return { event: {}, context: {}, response: undefined, error: undefined, internal: {} };
}

describe('loadProtection', () => {
  it('builds the protection from its module with the shared logger', async () => {
    const events: unknown[] = [];
    const logger = { event: (e: unknown) => events.push(e), log: () => undefined };
    const middleware = await loadProtection('rateLimit', { key: 'sourceIp', limit: 1, windowS: 60 }, { logger });
    expect(typeof middleware.before).toBe('function');
  });

  it('passes configuration errors from the protection through unchanged', async () => {
    await expect(loadProtection('rateLimit', { key: 'sourceIp', limit: -1, windowS: 60 }, {})).rejects.toThrow(/limit/);
  });
});

describe('lazyMiddleware', () => {
  it('waits for the real middleware on first use, then calls it directly', async () => {
    const calls: string[] = [];
    let resolve!: (m: Middleware) => void;
    const ready = new Promise<Middleware>((r) => { resolve = r; });
    const lazy = lazyMiddleware(ready);
    const pending = lazy.before!(req());
    resolve({ before: () => { calls.push('before'); return 'early'; } });
    expect(await pending).toBe('early');
    expect(lazy.before!(req())).toBe('early');
    expect(await lazy.after!(req())).toBeUndefined();
    expect(calls).toEqual(['before', 'before']);
  });

  it('fails every phase with the load error instead of running unprotected', async () => {
    const failure = new Error('module missing');
    const ready = Promise.reject(failure);
    ready.catch(() => {});
    const lazy = lazyMiddleware(ready);
    await expect(lazy.before!(req())).rejects.toBe(failure);
    await expect(lazy.onError!(req())).rejects.toBe(failure);
  });
});

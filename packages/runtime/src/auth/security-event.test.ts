import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from './security-event.js';

afterEach(() => vi.restoreAllMocks());

describe('security event emitter', () => {
  it('uses the logger when there is one', () => {
    const event = vi.fn();
    createEmitter({ event, log: () => undefined })({ type: 'auth.failure', reason: 'expired' });
    expect(event).toHaveBeenCalledWith({ type: 'auth.failure', reason: 'expired' }, undefined);
  });

  it('falls back to one JSON line on console.warn', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    createEmitter(undefined)({ type: 'rate_limit.hit', key: '1.2.3.4' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({ level: 'warn', type: 'rate_limit.hit', key: '1.2.3.4' });
  });

  it('survives unserialisable fields', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    createEmitter(undefined)({ type: 'secrets.error', cyclic, big: 10n });
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({ type: 'secrets.error', message: 'unserialisable security event' });
  });
});

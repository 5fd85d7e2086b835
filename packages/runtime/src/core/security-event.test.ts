import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from './security-event.js';

afterEach(() => vi.restoreAllMocks());

function captureStdout(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('security event emitter', () => {
  it('uses the logger when there is one', () => {
    const event = vi.fn();
    createEmitter({ event, log: () => undefined })({ type: 'auth.failure', reason: 'expired' });
    expect(event).toHaveBeenCalledWith({ type: 'auth.failure', reason: 'expired' }, undefined);
  });

  it('falls back to the default logger: one redacted JSON line on stdout', () => {
    const lines = captureStdout();
    createEmitter(undefined)({ type: 'rate_limit.hit', key: '1.2.3.4', authorization: 'Bearer abc.def.ghi' });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ event: 'rate_limit.hit', key: '1.2.3.4', level: 40 });
    expect(lines[0]).not.toContain('abc.def.ghi');
  });

  it('survives unserialisable fields', () => {
    const lines = captureStdout();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => createEmitter(undefined)({ type: 'secrets.error', cyclic, big: 10n })).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'secrets.error' });
  });
});

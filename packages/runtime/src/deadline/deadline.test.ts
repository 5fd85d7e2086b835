import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../events/__tests__/fixtures.js';
import { DeadlineExceededError, deadline, startDeadline } from './deadline.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Tracks timers created and cleared through the globals the deadline uses. */
function timerSpy() {
  const live = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    const handle = realSet(() => {
      live.delete(handle);
      fn();
    }, ms);
    live.add(handle);
    return handle;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((handle: NodeJS.Timeout) => {
    live.delete(handle);
    realClear(handle);
  }) as typeof clearTimeout);
  return live;
}

describe('startDeadline', () => {
  it('aborts the signal marginMs before the remaining time runs out', async () => {
    const started = Date.now();
    const d = startDeadline(lambdaContext({}, 80), { marginMs: 50 })!;
    const reason = await d.expired.catch((e) => e);
    expect(reason).toBeInstanceOf(DeadlineExceededError);
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe(reason);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(25);
    expect(elapsed).toBeLessThan(75);
  });

  it('expires immediately when the margin exceeds the remaining time', async () => {
    const d = startDeadline(lambdaContext({}, 100), { marginMs: 500 })!;
    await expect(d.expired).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('falls back to timeoutMs and does nothing without any budget', () => {
    expect(startDeadline({}, {})).toBeUndefined();
    expect(startDeadline({ getRemainingTimeInMillis: () => Number.NaN }, {})).toBeUndefined();
    expect(startDeadline({ getRemainingTimeInMillis: () => { throw new Error('x'); } }, {})).toBeUndefined();
    const d = startDeadline({}, { timeoutMs: 10_000, marginMs: 0 })!;
    expect(d.signal.aborted).toBe(false);
    d.clear();
  });

  it('leaves no timer behind once cleared', () => {
    const live = timerSpy();
    const d = startDeadline(lambdaContext({}, 60_000))!;
    expect(live.size).toBe(1);
    d.clear();
    expect(live.size).toBe(0);
    expect(d.signal.aborted).toBe(false);
  });

  it('rejects nonsensical options', () => {
    expect(() => deadline({ marginMs: -1 })).toThrow(TypeError);
    expect(() => deadline({ timeoutMs: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });
});

describe('deadline middleware (Middy form)', () => {
  it('puts a signal on the context and clears its timer after the handler', () => {
    const m = deadline({ marginMs: 100 });
    const request = { event: {}, context: lambdaContext({}, 60_000) as any, response: undefined, error: undefined, internal: {} };
    const live = timerSpy();
    m.before!(request);
    expect(request.context.signal).toBeInstanceOf(AbortSignal);
    expect(live.size).toBe(1);
    m.after!(request);
    expect(live.size).toBe(0);
  });

  it('clears a timer left armed by an early return (Middy skips after) on the next invocation', () => {
    const m = deadline({ marginMs: 100 });
    const live = timerSpy();
    m.before!({ event: {}, context: lambdaContext({}, 60_000) as any, response: undefined, error: undefined, internal: {} });
    expect(live.size).toBe(1);
    const second = { event: {}, context: lambdaContext({}, 60_000) as any, response: undefined, error: undefined, internal: {} };
    m.before!(second);
    expect(live.size).toBe(1);
    m.after!(second);
    expect(live.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { runMiddlewares } from './runner.js';
import type { GuardRequest, Middleware } from './types.js';

function req(event: unknown = {}): GuardRequest {
  return { event, context: {}, response: undefined, error: undefined, internal: {} };
}

function tracer(name: string, log: string[], extra: Partial<Middleware> = {}): Middleware {
  return {
    before: () => { log.push(`${name}.before`); },
    after: () => { log.push(`${name}.after`); },
    onError: () => { log.push(`${name}.onError`); },
    ...extra,
  };
}

describe('runMiddlewares', () => {
  it('runs before in order, the handler, then after in reverse', async () => {
    const log: string[] = [];
    const result = await runMiddlewares(req(), [tracer('a', log), tracer('b', log)], () => {
      log.push('handler');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(log).toEqual(['a.before', 'b.before', 'handler', 'b.after', 'a.after']);
  });

  it('short-circuits on a before that returns a value: no handler, no inner layers, outer afters still run', async () => {
    const log: string[] = [];
    const early = { statusCode: 429, headers: {}, body: '' };
    const result = await runMiddlewares(req(), [tracer('outer', log), tracer('limiter', log, { before: () => early }), tracer('inner', log)], () => {
      log.push('handler');
    });
    expect(result).toBe(early);
    expect(log).toEqual(['outer.before', 'outer.after']);
  });

  it('lets after rewrite the response', async () => {
    const result = await runMiddlewares(req(), [{ after: (r) => { r.response = `${r.response}!`; } }], () => 'hi');
    expect(result).toBe('hi!');
  });

  it('runs onError in reverse for the layers that were entered, and returns the response one of them sets', async () => {
    const log: string[] = [];
    const handled = { statusCode: 500, headers: {}, body: '{}' };
    const result = await runMiddlewares(
      req(),
      [tracer('outer', log), tracer('errors', log, { onError: (r) => { log.push('errors.onError'); r.response = handled; } }), tracer('failing', log, { before: () => { throw new Error('x'); } }), tracer('never', log)],
      () => 'unreachable',
    );
    expect(result).toBe(handled);
    expect(log).toEqual(['outer.before', 'errors.before', 'failing.onError', 'errors.onError', 'outer.onError']);
  });

  it('rethrows when no onError produces a response, and discards a response set before the failure', async () => {
    const error = new Error('handler failed');
    const request = req();
    await expect(runMiddlewares(request, [{ after: () => { throw error; } }], () => 'partial')).rejects.toBe(error);
    expect(request.response).toBeUndefined();
    expect(request.error).toBe(error);
  });

  it('stops the onError chain when one returns a value', async () => {
    const log: string[] = [];
    const result = await runMiddlewares(req(), [tracer('outer', log), { onError: () => 'early' }], () => { throw new Error('x'); });
    expect(result).toBe('early');
    expect(log).toEqual(['outer.before']);
  });

  it('propagates an error thrown inside onError, keeping the original reachable', async () => {
    const original = new Error('first');
    const second = new Error('second');
    await expect(runMiddlewares(req(), [{ onError: () => { throw second; } }], () => { throw original; })).rejects.toBe(second);
    expect((second as any).originalError).toBe(original);
  });

  it('handles non-Error throws (strings, undefined)', async () => {
    await expect(runMiddlewares(req(), [], () => { throw 'str'; })).rejects.toBe('str');
    const request = req();
    const result = await runMiddlewares(request, [{ onError: (r) => { r.response = { caught: r.error }; } }], () => { throw undefined; });
    expect(result).toEqual({ caught: undefined });
  });
});

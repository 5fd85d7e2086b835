import { describe, expect, it } from 'vitest';
import { memory } from './memory-store.js';
import type { RateLimitRule } from './types.js';

const sliding: RateLimitRule = { limit: 3, windowMs: 1000, algorithm: 'sliding-window' };
const bucket: RateLimitRule = { limit: 4, windowMs: 1000, algorithm: 'token-bucket' };

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

describe('memory store: sliding window', () => {
  it('admits exactly limit hits, then reports when the oldest leaves the window', async () => {
    const c = clock();
    const store = memory({ now: c.now });
    const results = [];
    for (let i = 0; i < 3; i++) { results.push(await store.hit('k', sliding)); c.advance(100); }
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([[true, 2], [true, 1], [true, 0]]);
    const denied = await store.hit('k', sliding);
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBe(700); // first hit at t0, now t0+300, window 1000
  });

  it('slides: a hit frees its slot exactly one window later, not at a fixed boundary', async () => {
    const c = clock();
    const store = memory({ now: c.now });
    await store.hit('k', sliding); // t=0
    c.advance(500);
    await store.hit('k', sliding); // t=500
    await store.hit('k', sliding); // t=500
    c.advance(499);
    expect((await store.hit('k', sliding)).allowed).toBe(false); // t=999: all three still inside
    c.advance(1);
    expect((await store.hit('k', sliding)).allowed).toBe(true); // t=1000: the t=0 hit left
    expect((await store.hit('k', sliding)).allowed).toBe(false);
  });

  it('does not record rejected hits, so hammering does not extend the lockout', async () => {
    const c = clock();
    const store = memory({ now: c.now });
    for (let i = 0; i < 3; i++) await store.hit('k', sliding);
    for (let i = 0; i < 50; i++) { c.advance(10); await store.hit('k', sliding); }
    c.advance(500); // t=1000 since the admitted hits
    expect((await store.hit('k', sliding)).allowed).toBe(true);
  });

  it('keeps keys apart', async () => {
    const store = memory({ now: clock().now });
    for (let i = 0; i < 3; i++) await store.hit('a', sliding);
    expect((await store.hit('a', sliding)).allowed).toBe(false);
    expect((await store.hit('b', sliding)).allowed).toBe(true);
  });
});

describe('memory store: token bucket', () => {
  it('allows a burst of limit, then refills at limit per window', async () => {
    const c = clock();
    const store = memory({ now: c.now });
    for (let i = 0; i < 4; i++) expect((await store.hit('k', bucket)).allowed).toBe(true);
    const denied = await store.hit('k', bucket);
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBe(250); // one token per 250 ms
    c.advance(250);
    expect((await store.hit('k', bucket)).allowed).toBe(true);
    expect((await store.hit('k', bucket)).allowed).toBe(false);
  });

  it('never holds more than limit tokens after a long idle period', async () => {
    const c = clock();
    const store = memory({ now: c.now });
    await store.hit('k', bucket);
    c.advance(3_600_000);
    const admitted = [];
    for (let i = 0; i < 6; i++) admitted.push((await store.hit('k', bucket)).allowed);
    expect(admitted.filter(Boolean)).toHaveLength(4);
  });

  it('does not mint tokens when the clock goes backwards', async () => {
    const c = clock();
    const store = memory({ now: c.now });
    for (let i = 0; i < 4; i++) await store.hit('k', bucket);
    c.advance(-10_000);
    expect((await store.hit('k', bucket)).allowed).toBe(false);
  });
});

describe('memory store: bounded size', () => {
  it('evicts the least recently used key beyond maxKeys', async () => {
    const store = memory({ maxKeys: 2, now: clock().now });
    const one: RateLimitRule = { limit: 1, windowMs: 60_000, algorithm: 'sliding-window' };
    await store.hit('a', one);
    await store.hit('b', one);
    await store.hit('a', one); // touches a: b is now the oldest
    await store.hit('c', one); // evicts b
    expect(store.size).toBe(2);
    expect((await store.hit('a', one)).allowed).toBe(false); // a kept its count
    expect((await store.hit('b', one)).allowed).toBe(true); // b was forgotten
  });

  it('stays bounded under a flood of distinct keys', async () => {
    const store = memory({ maxKeys: 100 });
    for (let i = 0; i < 5000; i++) await store.hit(`spoofed-${i}`, sliding);
    expect(store.size).toBe(100);
  });

  it('rejects a nonsensical maxKeys', () => {
    expect(() => memory({ maxKeys: 0 })).toThrow(TypeError);
    expect(() => memory({ maxKeys: 1.5 })).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { remember } from './value-cache.js';

describe('remember', () => {
  it('stores the value and returns it', () => {
    const cache = new Map<string, number | null>();
    expect(remember(cache, 'a', 1)).toBe(1);
    expect(remember(cache, 'none', null)).toBeNull();
    expect([...cache]).toEqual([['a', 1], ['none', null]]);
  });

  it('starts over instead of growing past its bound', () => {
    const cache = new Map<number, number>();
    for (let key = 0; key < 50_000; key++) remember(cache, key, key);
    expect(cache.size).toBe(50_000);
    remember(cache, -1, -1);
    expect([...cache]).toEqual([[-1, -1]]);
  });
});

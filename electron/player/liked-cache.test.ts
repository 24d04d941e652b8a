import { describe, expect, it } from 'vitest';

import { LikedCache } from './liked-cache';

describe('LikedCache', () => {
  it('looks a track up once, remembers the answer and evicts the oldest', () => {
    const cache = new LikedCache(2);
    expect(cache.beginLookup('a', 0)).toBe(true);
    expect(cache.beginLookup('a', 0)).toBe(false);
    cache.endLookup('a', true, 0);
    expect(cache.get('a')).toBe(true);
    expect(cache.beginLookup('a', 1000)).toBe(false);
    cache.set('b', false, 0);
    cache.set('c', true, 0);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).toBe(false);
  });

  it('lets a failed lookup be tried again', () => {
    const cache = new LikedCache();
    cache.beginLookup('a', 0);
    cache.endLookup('a', null, 0);
    expect(cache.beginLookup('a', 0)).toBe(true);
  });

  it('checks a stale answer again, keeping it meanwhile', () => {
    const cache = new LikedCache(10, 60_000);
    cache.set('a', true, 0);
    expect(cache.beginLookup('a', 59_999)).toBe(false);
    expect(cache.beginLookup('a', 60_000)).toBe(true);
    expect(cache.get('a')).toBe(true);
  });
});

import { expect, test } from 'vitest';
import { ChunkCache } from './chunk-cache';

test('the least recently used chunk is evicted first', () => {
  const cache = new ChunkCache<number, string>(2);
  cache.set(1, 'a');
  cache.set(2, 'b');
  expect(cache.get(1)).toBe('a'); // 1 is now the most recent
  cache.set(3, 'c');
  expect(cache.has(2)).toBe(false);
  expect(cache.peek(1)).toBe('a');
  expect(cache.size).toBe(2);
  cache.clear();
  expect(cache.size).toBe(0);
});

import { describe, expect, test } from 'vitest';
import { createSearcher, nextMatch, parseNeedle } from './byte-search';

describe('memory search', () => {
  test('needles from hex or text', () => {
    expect(parseNeedle('fc 00', 'hex')).toEqual({ ok: true, value: new Uint8Array([0xfc, 0]) });
    expect(parseNeedle('hi', 'text')).toEqual({ ok: true, value: new Uint8Array([0x68, 0x69]) });
    expect(parseNeedle('f', 'hex')).toMatchObject({ ok: false });
    expect(parseNeedle('', 'text')).toMatchObject({ ok: false });
  });

  test('finds matches inside and across contiguous chunks, not across gaps', () => {
    const s = createSearcher(new Uint8Array([1, 2, 3]));
    expect(s.feed(0, new Uint8Array([0, 1, 2, 3, 0, 0, 1]))).toEqual([1]);
    expect(s.feed(7, new Uint8Array([2, 3, 9]))).toEqual([6]); // straddles 6..8
    expect(s.feed(100, new Uint8Array([2, 3, 1, 2, 3]))).toEqual([102]); // 100 does not continue 10
    expect(s.matches).toEqual([1, 6, 102]);
  });

  test('stops at the limit', () => {
    const s = createSearcher(new Uint8Array([0]), 3);
    s.feed(0, new Uint8Array(10));
    expect(s.matches).toEqual([0, 1, 2]);
    expect(s.full).toBe(true);
    expect(s.feed(10, new Uint8Array(5))).toEqual([]);
  });

  test('next and previous match from the cursor, wrapping', () => {
    const m = [10, 20, 30];
    expect(nextMatch(m, 15)).toBe(1);
    expect(nextMatch(m, 30)).toBe(0);
    expect(nextMatch(m, 15, true)).toBe(0);
    expect(nextMatch(m, 5, true)).toBe(2);
    expect(nextMatch([], 0)).toBe(-1);
  });
});

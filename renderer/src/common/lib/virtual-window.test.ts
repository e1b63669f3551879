import { describe, expect, test } from 'vitest';
import {
  rowsPerViewport,
  scrollTopForRow,
  scrollTopToReveal,
  virtualWindow,
} from './virtual-window';

describe('virtualWindow', () => {
  test('exact mapping for short lists', () => {
    const w = virtualWindow({
      count: 1000,
      rowHeight: 20,
      viewportHeight: 200,
      scrollTop: 400,
      overscan: 2,
    });
    expect(w).toMatchObject({ start: 18, end: 33, totalHeight: 20_000, topRow: 20, scaled: false });
    expect(w.offsetY).toBe(18 * 20);
  });

  test('clamps at both ends and for empty lists', () => {
    expect(
      virtualWindow({ count: 0, rowHeight: 20, viewportHeight: 200, scrollTop: 50 }),
    ).toMatchObject({
      start: 0,
      end: 0,
      totalHeight: 0,
    });
    const end = virtualWindow({
      count: 100,
      rowHeight: 20,
      viewportHeight: 200,
      scrollTop: 1e9,
      overscan: 0,
    });
    expect(end.end).toBe(100);
    expect(end.topRow).toBe(90);
    const few = virtualWindow({ count: 3, rowHeight: 20, viewportHeight: 200, scrollTop: 0 });
    expect([few.start, few.end]).toEqual([0, 3]);
  });

  test('a 4 GiB memory scales the scrollbar and still reaches the last row', () => {
    const count = 2 ** 32 / 16;
    const input = { count, rowHeight: 20, viewportHeight: 600, maxHeight: 8_000_000 };
    const top = virtualWindow({ ...input, scrollTop: 0, overscan: 0 });
    expect(top).toMatchObject({ start: 0, scaled: true, totalHeight: 8_000_000 });
    const bottom = virtualWindow({ ...input, scrollTop: 8_000_000, overscan: 0 });
    expect(bottom.end).toBe(count);
    expect(bottom.topRow).toBe(count - 30);
    // The rendered block is placed inside the viewport whatever the scale.
    expect(bottom.offsetY).toBeGreaterThanOrEqual(8_000_000 - 600 - 20);
    expect(bottom.end - bottom.start).toBeLessThanOrEqual(32);
  });

  test('scrollTopForRow inverts the mapping, exact and scaled', () => {
    const small = { count: 1000, rowHeight: 20, viewportHeight: 200 };
    expect(scrollTopForRow(20, small)).toBe(400);
    expect(scrollTopForRow(995, small)).toBe(20_000 - 200);
    expect(scrollTopForRow(20, small, 'center')).toBe(20 * 20 - 100 + 10);
    const big = { count: 2 ** 28, rowHeight: 20, viewportHeight: 600, maxHeight: 8_000_000 };
    const row = 123_456_789;
    const top = scrollTopForRow(row, big);
    expect(Math.round(virtualWindow({ ...big, scrollTop: top }).topRow)).toBe(row);
  });

  test('reveal moves only when needed', () => {
    const input = { count: 1000, rowHeight: 20, viewportHeight: 200, scrollTop: 400 };
    expect(scrollTopToReveal(25, input)).toBe(400);
    expect(scrollTopToReveal(10, input)).toBe(200);
    expect(scrollTopToReveal(40, input)).toBe((40 - 10 + 1) * 20);
    expect(rowsPerViewport(20, 205)).toBe(10);
  });
});

describe('a list that keeps its top row itself', () => {
  test('past the cap, the kept top row places the rows, finer than a pixel of scroll says', () => {
    const input = { count: 16_777_216, rowHeight: 20, viewportHeight: 800, overscan: 0 };
    const scrollTop = 4_000_000;
    const fromScroll = virtualWindow({ ...input, scrollTop });
    // A pixel here is about two rows: the kept row is one the scroll position cannot name.
    const kept = virtualWindow({ ...input, scrollTop, topRow: fromScroll.start + 1 });
    expect(kept.topRow).toBe(fromScroll.start + 1);
    expect(kept.start).toBe(fromScroll.start + 1);
    // The rows sit relative to the real scroll position: row `start` at the viewport's top.
    expect(kept.offsetY).toBe(scrollTop);
    // Clamped to the last row at the bottom.
    expect(virtualWindow({ ...input, scrollTop, topRow: 1e12 }).topRow).toBe(16_777_216 - 40);
  });
});

import { describe, expect, test } from 'vitest';
import { slotOrder } from './slot-order';

describe('slotOrder', () => {
  test('lists every row of the window once, by slot', () => {
    for (const [start, end, slots] of [
      [0, 10, 12],
      [5, 17, 12],
      [12, 24, 12],
      [7, 10, 12],
      [23, 30, 7],
      [1000, 1044, 44],
    ]) {
      const order = slotOrder(start, end, slots);
      expect([...order].sort((a, b) => a - b)).toEqual(
        Array.from({ length: end - start }, (_, k) => start + k),
      );
      const keys = order.map((i) => i % slots);
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    }
  });

  test('a window moved far keeps the keys in the same order', () => {
    const keysAt = (start: number) => slotOrder(start, start + 40, 44).map((i) => i % 44);
    // Same slots used: rows 0..39 and 4400..4439 fill slots 0..39.
    expect(keysAt(4400)).toEqual(keysAt(0));
    expect(keysAt(4430)).toEqual(keysAt(30));
  });

  test('an empty window has no rows', () => {
    expect(slotOrder(5, 5, 10)).toEqual([]);
  });
});

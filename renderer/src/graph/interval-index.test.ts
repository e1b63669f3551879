import { describe, expect, test } from 'vitest';
import { createIntervalIndex, type Interval } from './interval-index';
import { createRandom } from '../../testing/synthetic-history';

function brute(intervals: Interval[], a: number, b: number): number[] {
  return intervals.flatMap((iv, i) => (iv.lo <= b && iv.hi >= a ? [i] : []));
}

describe('createIntervalIndex', () => {
  test('empty', () => {
    expect(createIntervalIndex([]).query(0, 10)).toEqual([]);
  });

  test('closed intervals: touching ends count', () => {
    const index = createIntervalIndex([
      { lo: 0, hi: 4 },
      { lo: 5, hi: 9 },
      { lo: 2, hi: 2 },
    ]);
    expect(index.query(4, 4).sort()).toEqual([0]);
    expect(index.query(4, 5).sort()).toEqual([0, 1]);
    expect(index.query(2, 2).sort()).toEqual([0, 2]);
    expect(index.query(10, 20)).toEqual([]);
  });

  test('agrees with a linear scan when many intervals share their ends', () => {
    const random = createRandom(9);
    const intervals: Interval[] = Array.from({ length: 500 }, () => {
      const lo = 10 * Math.floor(random() * 5);
      return { lo, hi: lo + 10 * Math.floor(random() * 3) };
    });
    const index = createIntervalIndex(intervals);
    for (let a = -5; a <= 75; a += 5)
      for (const b of [a, a + 5, a + 30])
        expect(index.query(a, b).sort((x, y) => x - y)).toEqual(brute(intervals, a, b));
  });

  test('agrees with a linear scan on random intervals, long and short', () => {
    const random = createRandom(3);
    const intervals: Interval[] = Array.from({ length: 2000 }, () => {
      const lo = Math.floor(random() * 10_000);
      const long = random() < 0.05;
      return { lo, hi: lo + Math.floor(random() * (long ? 8000 : 60)) };
    });
    const index = createIntervalIndex(intervals);
    for (let q = 0; q < 300; q++) {
      const a = Math.floor(random() * 10_500);
      const b = a + Math.floor(random() * 300);
      expect(index.query(a, b).sort((x, y) => x - y)).toEqual(brute(intervals, a, b));
    }
  });
});

import { describe, expect, test } from 'vitest';
import {
  FIT_MIN_SCALE,
  ROW_HEIGHT,
  constrainTransform,
  fitScale,
  revealRow,
  visibleRows,
  type Extent,
} from './geometry';

describe('geometry', () => {
  test('Fit never magnifies a history that already fits, nor shrinks one into unreadable text', () => {
    const view = { width: 1200, height: 800 };
    // Three commits fit at 100 %: Fit leaves them there (not at half size).
    expect(fitScale(view, { width: 700, height: 3 * ROW_HEIGHT })).toBe(1);
    // A little taller than the view: shrunk just enough to show all of it.
    expect(fitScale(view, { width: 700, height: 1000 })).toBeCloseTo(0.8);
    // Ten thousand commits: readable rows across the width, scrolling; never 6 px text.
    expect(fitScale(view, { width: 700, height: 10_000 * ROW_HEIGHT })).toBe(1);
    expect(fitScale(view, { width: 1500, height: 10_000 * ROW_HEIGHT })).toBeCloseTo(0.8);
    expect(fitScale(view, { width: 4000, height: 10_000 * ROW_HEIGHT })).toBe(FIT_MIN_SCALE);
    expect(FIT_MIN_SCALE * 13).toBeGreaterThanOrEqual(9.5);
  });

  test('visible rows follow the transform and clamp to the graph', () => {
    expect(visibleRows({ k: 1, x: 0, y: 0 }, 280, 1000, 0)).toEqual({ first: 0, last: 10 });
    expect(visibleRows({ k: 1, x: 0, y: -2800 }, 280, 1000, 0)).toEqual({ first: 100, last: 110 });
    expect(visibleRows({ k: 0.5, x: 0, y: 0 }, 280, 1000, 0)).toEqual({ first: 0, last: 20 });
    expect(visibleRows({ k: 1, x: 0, y: 0 }, 280, 3, 1)).toEqual({ first: 0, last: 2 });
  });

  test('revealRow scrolls the least needed, at the same scale', () => {
    const t = { k: 1, x: 5, y: 0 };
    expect(revealRow(t, 2, 280)).toBe(t);
    const down = revealRow(t, 50, 280);
    expect(down.k).toBe(1);
    expect(down.x).toBe(5);
    expect(51 * ROW_HEIGHT + down.y).toBeLessThanOrEqual(280);
    expect(50 * ROW_HEIGHT + down.y).toBeGreaterThanOrEqual(0);
  });
});

describe('constrainTransform', () => {
  const view: Extent = [
    [0, 0],
    [800, 600],
  ];
  test('a world smaller than the view is pinned to the top-left', () => {
    expect(
      constrainTransform({ k: 1, x: 120, y: 300 }, view, [
        [0, 0],
        [400, 200],
      ]),
    ).toEqual({ k: 1, x: 0, y: 0 });
  });
  test('a larger world is clamped so that it always fills the view', () => {
    const world: Extent = [
      [0, 0],
      [2000, 10_000],
    ];
    expect(constrainTransform({ k: 1, x: 50, y: 20 }, view, world)).toEqual({ k: 1, x: 0, y: 0 });
    expect(constrainTransform({ k: 1, x: -5000, y: -20_000 }, view, world)).toEqual({
      k: 1,
      x: -1200,
      y: -9400,
    });
    expect(constrainTransform({ k: 0.5, x: -100, y: -300 }, view, world)).toEqual({
      k: 0.5,
      x: -100,
      y: -300,
    });
  });
});

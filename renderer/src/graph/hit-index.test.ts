import { describe, expect, test } from 'vitest';
import { LANE_WIDTH, ROW_HEIGHT, laneX, rowY, toWorld } from './geometry';
import { createHitIndex } from './hit-index';
import { layoutLanes } from './lane-layout';
import { syntheticHistory } from '../../testing/synthetic-history';

describe('createHitIndex', () => {
  const layout = layoutLanes(syntheticHistory(2000, { seed: 11 }));
  const index = createHitIndex(layout);

  test('finds the commit under the pointer, and nothing in empty space', () => {
    for (const row of [0, 1, 500, 1999]) {
      const c = layout.commits[row];
      expect(index.find(laneX(c.lane) + 2, rowY(row) - 3, 6)).toBe(row);
    }
    expect(index.find(-100, -100, 6)).toBeUndefined();
    expect(index.find(laneX(layout.laneCount + 3), rowY(10), LANE_WIDTH)).toBeUndefined();
  });

  test('agrees with a linear scan for the nearest commit', () => {
    for (let q = 0; q < 200; q++) {
      const wx = (q * 37) % (layout.laneCount * LANE_WIDTH + 40);
      const wy = (q * 7919) % (2000 * ROW_HEIGHT);
      let best: number | undefined;
      let bestD = 10 * 10;
      for (const c of layout.commits) {
        const d = (laneX(c.lane) - wx) ** 2 + (rowY(c.row) - wy) ** 2;
        if (d < bestD) [best, bestD] = [c.row, d];
      }
      const found = index.find(wx, wy, 10);
      if (best === undefined) expect(found).toBeUndefined();
      else {
        const c = layout.commits[found!];
        expect((laneX(c.lane) - wx) ** 2 + (rowY(c.row) - wy) ** 2).toBe(bestD);
      }
    }
  });

  test('agrees with a linear scan far zoomed out, where the radius spans hundreds of rows', () => {
    for (const [wx, wy, radius] of [
      [laneX(0), 0, 9 / 0.002],
      [laneX(3), rowY(1999) + 500, 9 / 0.01],
      [laneX(1), rowY(1000) + 3, 9 / 0.02],
    ]) {
      let best = Infinity;
      for (const c of layout.commits)
        best = Math.min(best, (laneX(c.lane) - wx) ** 2 + (rowY(c.row) - wy) ** 2);
      const found = index.find(wx, wy, radius);
      expect(found).toBeDefined();
      const c = layout.commits[found!];
      expect((laneX(c.lane) - wx) ** 2 + (rowY(c.row) - wy) ** 2).toBe(best);
    }
  });

  test('works through a zoom transform', () => {
    const t = { k: 0.5, x: 40, y: -300 };
    const c = layout.commits[100];
    const [wx, wy] = toWorld(t, laneX(c.lane) * t.k + t.x, rowY(100) * t.k + t.y);
    expect(index.find(wx, wy, 8 / t.k)).toBe(100);
  });
});

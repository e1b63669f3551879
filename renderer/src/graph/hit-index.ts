/**
 * Hover and click on the canvas: the commit nearest to the pointer (inverted through the zoom
 * transform) within a radius that stays the same on screen whatever the zoom. Rows are evenly
 * spaced and hold one commit each, so the candidates are the few rows within the radius of the
 * pointer's y: no spatial index to build (a quadtree of 100,000 commits took ~100 ms to build on
 * every layout), and a lookup visits 2·radius / ROW_HEIGHT rows.
 */
import { ROW_HEIGHT, laneX, rowY } from './geometry';
import type { LaneLayout } from './lane-layout';

export interface HitIndex {
  /** Row of the commit nearest to the world point within `radius` (world units), if any. */
  find(wx: number, wy: number, radius: number): number | undefined;
}

export function createHitIndex(layout: LaneLayout): HitIndex {
  const { commits } = layout;
  return {
    find(wx, wy, radius) {
      const first = Math.max(0, Math.ceil((wy - radius - ROW_HEIGHT / 2) / ROW_HEIGHT));
      const last = Math.min(
        commits.length - 1,
        Math.floor((wy + radius - ROW_HEIGHT / 2) / ROW_HEIGHT),
      );
      let best: number | undefined;
      let bestD2 = radius * radius;
      for (let row = first; row <= last; row++) {
        const dx = laneX(commits[row].lane) - wx;
        const dy = rowY(row) - wy;
        const d2 = dx * dx + dy * dy;
        if (d2 < bestD2) [best, bestD2] = [row, d2];
      }
      return best;
    },
  };
}

/**
 * Hover and click on the canvas: a d3 quadtree of the commits' world positions, queried with
 * the pointer (inverted through the zoom transform) within a radius that stays the same on
 * screen whatever the zoom.
 */
import { quadtree, type Quadtree } from 'd3';
import { laneX, rowY } from './geometry';
import type { LaneLayout } from './lane-layout';

interface Point {
  x: number;
  y: number;
  row: number;
}

export interface HitIndex {
  /** Row of the commit nearest to the world point within `radius` (world units), if any. */
  find(wx: number, wy: number, radius: number): number | undefined;
}

export function createHitIndex(layout: LaneLayout): HitIndex {
  const points: Point[] = layout.commits.map((c) => ({
    x: laneX(c.lane),
    y: rowY(c.row),
    row: c.row,
  }));
  const tree: Quadtree<Point> = quadtree<Point>()
    .x((p) => p.x)
    .y((p) => p.y)
    .addAll(points);
  return {
    find(wx, wy, radius) {
      return tree.find(wx, wy, radius)?.row;
    },
  };
}

/**
 * World geometry of the commit graph and the maths of its zoom transform (screen = world·k + t).
 * Pure functions: the canvas painter, the row overlay and the hit index all agree through them.
 */
export const ROW_HEIGHT = 28;
export const LANE_WIDTH = 16;
export const GRAPH_PADDING = 16;
export const NODE_RADIUS = 5;

/**
 * Zooming out compresses rows (time) but lanes only down to half their width: the whole
 * history still fits the height of the window with its branches apart.
 */
export const MIN_LANE_SCALE = 0.5;

export function laneScale(k: number): number {
  return Math.max(k, MIN_LANE_SCALE);
}

export interface ViewTransform {
  k: number;
  x: number;
  y: number;
}

export const IDENTITY: ViewTransform = { k: 1, x: 0, y: 0 };

export function laneX(lane: number): number {
  return GRAPH_PADDING + lane * LANE_WIDTH;
}

export function rowY(row: number): number {
  return row * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/** Width of the lanes area; the text column starts right after it. */
export function lanesWidth(laneCount: number): number {
  return 2 * GRAPH_PADDING + Math.max(0, laneCount - 1) * LANE_WIDTH;
}

export function worldHeight(rowCount: number): number {
  return rowCount * ROW_HEIGHT;
}

export function toWorld(t: ViewTransform, sx: number, sy: number): [number, number] {
  return [(sx - t.x) / laneScale(t.k), (sy - t.y) / t.k];
}

export function toScreen(t: ViewTransform, wx: number, wy: number): [number, number] {
  return [wx * laneScale(t.k) + t.x, wy * t.k + t.y];
}

export interface RowRange {
  first: number;
  /** Inclusive; `last < first` when no row is in view. */
  last: number;
}

/** Rows whose band meets the viewport [0, height), widened by `margin` rows on both sides. */
export function visibleRows(
  t: ViewTransform,
  height: number,
  rowCount: number,
  margin = 1,
): RowRange {
  const top = (0 - t.y) / t.k;
  const bottom = (height - t.y) / t.k;
  return {
    first: Math.max(0, Math.floor(top / ROW_HEIGHT) - margin),
    last: Math.min(rowCount - 1, Math.floor(bottom / ROW_HEIGHT) + margin),
  };
}

/** The same scale, translated the least so that `row` sits inside the viewport (with a margin). */
export function revealRow(
  t: ViewTransform,
  row: number,
  height: number,
  margin = 2 * ROW_HEIGHT,
): ViewTransform {
  const top = row * ROW_HEIGHT * t.k + t.y;
  const bottom = (row + 1) * ROW_HEIGHT * t.k + t.y;
  const room = Math.min(margin, Math.max(0, (height - ROW_HEIGHT * t.k) / 2));
  if (top < room) return { ...t, y: t.y + room - top };
  if (bottom > height - room) return { ...t, y: t.y - (bottom - (height - room)) };
  return t;
}

/** "Fit" never shrinks rows below this: the rows' 13 px text stays about 10 px or more. */
export const FIT_MIN_SCALE = 0.75;

/**
 * The scale "Fit" shows a world of `world` size in a view of `view` size at: the whole world
 * when that keeps the text readable, else the world's width with the rows scrolling; never
 * magnified past 100 % nor shrunk below FIT_MIN_SCALE.
 */
export function fitScale(
  view: { width: number; height: number },
  world: { width: number; height: number },
): number {
  const acrossWidth = view.width / world.width;
  const whole = Math.min(acrossWidth, view.height / world.height);
  return Math.min(1, Math.max(FIT_MIN_SCALE, whole >= FIT_MIN_SCALE ? whole : acrossWidth));
}

/** A transform centring `row` vertically, at the same scale. */
export function centreRow(t: ViewTransform, row: number, height: number): ViewTransform {
  return { ...t, y: height / 2 - rowY(row) * t.k };
}

/**
 * Keeps the world inside the viewport: clamped on an axis where the world is larger than the
 * view, pinned to the top-left where it is smaller (d3's default would centre it, and a history
 * list reads from the top).
 */
export type Extent = [[number, number], [number, number]];

export function constrainTransform(t: ViewTransform, view: Extent, world: Extent): ViewTransform {
  const axis = (offset: number, v0: number, v1: number, w0: number, w1: number): number => {
    const low = v1 - w1 * t.k; // the world's far edge at the view's far edge
    const high = v0 - w0 * t.k; // the world's near edge at the view's near edge
    return low >= high ? high : Math.min(high, Math.max(low, offset));
  };
  return {
    k: t.k,
    x: axis(t.x, view[0][0], view[1][0], world[0][0], world[1][0]),
    y: axis(t.y, view[0][1], view[1][1], world[0][1], world[1][1]),
  };
}

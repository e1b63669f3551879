/**
 * Draws the commit graph on a canvas: only the rows in view (a contiguous row range) and the lane
 * segments meeting them (an interval-tree query), batched into one path per colour. Line widths
 * and node sizes stay readable on screen whatever the zoom; past a certain zoom-out nodes become
 * dots. Text is not drawn here: the row overlay (DOM) carries it, crisp and accessible.
 */
import {
  LANE_WIDTH,
  NODE_RADIUS,
  ROW_HEIGHT,
  laneScale,
  laneX,
  rowY,
  visibleRows,
  type ViewTransform,
} from './geometry';
import { createIntervalIndex, type IntervalIndex } from './interval-index';
import { segmentBottomRow, type LaneLayout } from './lane-layout';
import { laneColour, type GraphPalette } from './palette';

export interface GraphScene {
  layout: LaneLayout;
  segments: IntervalIndex;
}

export function createScene(layout: LaneLayout): GraphScene {
  return {
    layout,
    segments: createIntervalIndex(
      layout.segments.map((s) => ({ lo: s.topRow, hi: segmentBottomRow(s) })),
    ),
  };
}

export interface PaintState {
  transform: ViewTransform;
  /** CSS pixels. */
  width: number;
  height: number;
  dpr: number;
  selectedRows: readonly number[];
  hoverRow: number;
  /** Per row, 1 when the commit matches the contract filter; null when no filter is set. */
  matches: Uint8Array | null;
}

export interface PaintStats {
  segments: number;
  nodes: number;
}

/** What one paint of the graph works from: the scene, the rows in view and their screen mapping. */
interface Frame {
  ctx: CanvasRenderingContext2D;
  scene: GraphScene;
  state: PaintState;
  palette: GraphPalette;
  /** The rows in view, inclusive. */
  first: number;
  last: number;
  /** Lane → screen x, row → screen y (CSS pixels). */
  sx: (lane: number) => number;
  sy: (row: number) => number;
  rowH: number;
}

const scratch: number[] = [];

export function paintGraph(
  ctx: CanvasRenderingContext2D,
  scene: GraphScene,
  state: PaintState,
  palette: GraphPalette,
): PaintStats {
  const { transform: t, width, height, dpr } = state;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const { commits } = scene.layout;
  const range = visibleRows(t, height, commits.length, 1);
  if (range.last < range.first) return { segments: 0, nodes: 0 };
  const rowH = ROW_HEIGHT * t.k;
  const kx = laneScale(t.k);
  const sx = (lane: number): number => laneX(lane) * kx + t.x;
  const sy = (row: number): number => rowY(row) * t.k + t.y;

  ctx.fillStyle = palette.band;
  for (const row of state.selectedRows) {
    if (row >= range.first && row <= range.last) ctx.fillRect(0, row * rowH + t.y, width, rowH);
  }

  const frame: Frame = { ctx, scene, state, palette, ...range, sx, sy, rowH };
  return { segments: paintSegments(frame), nodes: paintNodes(frame) };
}

/**
 * Lane lines are 2 px from half scale up; below, 1 px: Chromium's software canvas draws a line
 * of at most 1 px as a hairline, one line at a time, while any wider one (it was 1.25 px) is
 * stroked into an outline and filled with anti-aliasing. Zoomed out to ~10 % on the 100k
 * history (~200 lane lines in view), that took the pan's main-thread work per frame, p95, from
 * ~25 ms to ~9 ms (the scale-graph pan, pages before and after alternated, load 11–16).
 */
export function laneLineWidth(k: number): number {
  return k >= 0.5 ? 2 : 1;
}

function paintSegments(f: Frame): number {
  const { ctx, scene, state, palette, first, last, sx, sy, rowH } = f;
  const { segments } = scene.layout;
  scratch.length = 0;
  const ids = scene.segments.query(first, last, scratch);
  const margin = LANE_WIDTH * laneScale(state.transform.k);
  const clampY = (y: number): number => Math.min(state.height + rowH, Math.max(-rowH, y));
  ctx.lineWidth = laneLineWidth(state.transform.k);
  ctx.lineCap = 'round';
  let drawn = 0;
  for (let colour = 0; colour < palette.lanes.length; colour++) {
    ctx.beginPath();
    for (const id of ids) {
      const s = segments[id];
      if (s.lane % palette.lanes.length !== colour) continue;
      const x = sx(s.lane);
      const fx = s.fork === null ? x : sx(s.fork.lane);
      if (Math.max(x, fx) < -margin || Math.min(x, fx) > state.width + margin) continue;
      drawn++;
      const top = clampY(sy(s.topRow));
      if (s.fork === null) {
        ctx.moveTo(x, clampY(sy(s.startRow)));
        ctx.lineTo(x, top);
        continue;
      }
      // The branch leaves its parent and reaches its own lane one row higher, then runs straight.
      const fy = sy(s.fork.row);
      ctx.moveTo(fx, fy);
      ctx.bezierCurveTo(fx, fy - rowH * 0.55, x, fy - rowH * 0.45, x, fy - rowH);
      if (s.topRow < s.fork.row - 1) ctx.lineTo(x, top);
    }
    ctx.strokeStyle = palette.lanes[colour];
    ctx.stroke();
  }
  return drawn;
}

function paintNodes(f: Frame): number {
  const { ctx, scene, state, palette, first, last, sx, sy, rowH } = f;
  const { commits } = scene.layout;
  const { matches } = state;
  const dots = rowH < 5;
  const r = Math.max(2, Math.min(NODE_RADIUS * Math.max(state.transform.k, 0.6), 8));
  const inView = (x: number): boolean => x > -2 * r && x < state.width + 2 * r;
  let drawn = 0;

  if (matches !== null && !dots) {
    ctx.fillStyle = palette.match;
    ctx.beginPath();
    for (let row = first; row <= last; row++) {
      const x = sx(commits[row].lane);
      if (matches[row] === 1 && inView(x)) {
        ctx.moveTo(x + r + 4, sy(row));
        ctx.arc(x, sy(row), r + 4, 0, 2 * Math.PI);
      }
    }
    ctx.fill();
  }

  for (let colour = 0; colour < palette.lanes.length; colour++) {
    for (const dim of matches === null ? [false] : [false, true]) {
      ctx.globalAlpha = dim ? palette.dimmed : 1;
      ctx.fillStyle = palette.lanes[colour];
      ctx.beginPath();
      for (let row = first; row <= last; row++) {
        const c = commits[row];
        if (
          c.lane % palette.lanes.length !== colour ||
          (matches !== null && (matches[row] === 0) !== dim)
        )
          continue;
        const x = sx(c.lane);
        if (!inView(x)) continue;
        drawn++;
        const y = sy(row);
        if (dots) {
          ctx.rect(x - 1.5, y - 1.5, 3, 3);
        } else {
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
      }
      ctx.fill();
      if (!dots) {
        ctx.lineWidth = 2;
        ctx.strokeStyle = palette.node;
        ctx.stroke();
      }
    }
  }
  ctx.globalAlpha = 1;
  if (!dots) paintMarks(f, r);
  return drawn;
}

/**
 * Marks for the few special commits in view: a ring around finalized ones, a flat base under a
 * root (its line starts there: it never continues a line below), and under an orphan a short
 * dashed stub ending in a cross (its parent was deleted). The layout leaves ROOT_GAP empty rows
 * below both, so neither mark can touch an unrelated commit.
 */
function paintMarks(f: Frame, r: number): void {
  const { ctx, scene, state, palette, first, last, sx, sy, rowH } = f;
  const { commits } = scene.layout;
  ctx.lineWidth = 1.5;
  for (let row = first; row <= last; row++) {
    const c = commits[row];
    const root = c.parentRow === null;
    if (!c.node.finalized && !root) continue;
    const x = sx(c.lane);
    const y = sy(row);
    ctx.strokeStyle = laneColour(palette, c.lane);
    ctx.beginPath();
    if (c.node.finalized) {
      ctx.moveTo(x + r + 3, y);
      ctx.arc(x, y, r + 3, 0, 2 * Math.PI);
    }
    if (root && !c.orphan) {
      ctx.moveTo(x - r - 2, y + r + 3);
      ctx.lineTo(x + r + 2, y + r + 3);
    }
    ctx.stroke();
    if (c.orphan) paintOrphanStub(ctx, x, y + r + 2, Math.min(rowH * 0.75, 18));
  }
  const ring = (row: number, colour: string, radius: number): void => {
    if (row < first || row > last) return;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    ctx.arc(sx(commits[row].lane), sy(row), radius, 0, 2 * Math.PI);
    ctx.stroke();
  };
  ctx.lineWidth = 2.5;
  for (const row of state.selectedRows) ring(row, palette.selected, r + 4);
  if (state.hoverRow >= 0 && !state.selectedRows.includes(state.hoverRow)) {
    ctx.lineWidth = 2;
    ring(state.hoverRow, palette.focus, r + 3.5);
  }
}

/** "Parent deleted": a dashed stub down from the node, `length` long, ending in a cross. */
function paintOrphanStub(
  ctx: CanvasRenderingContext2D,
  x: number,
  top: number,
  length: number,
): void {
  const end = top + length;
  const arm = 3.5;
  ctx.beginPath();
  ctx.setLineDash([2, 2.5]);
  ctx.moveTo(x, top);
  ctx.lineTo(x, end - arm);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x - arm, end - 2 * arm);
  ctx.lineTo(x + arm, end);
  ctx.moveTo(x + arm, end - 2 * arm);
  ctx.lineTo(x - arm, end);
  ctx.stroke();
}

/**
 * Where each frame of the flame graph goes: the zoomed frame spans the whole width, its callees
 * below it as wide as their share of its gas, its ancestors above it full width (dimmed, to zoom
 * out). Offsets are summed in bigint from the zoomed frame's start and only the final ratio
 * becomes a number, so a small frame deep inside a call of more than 2^53 gas still gets exact
 * widths. Pure, no DOM: FlameGraph.vue draws what this returns.
 */
import { flamePath, type FlameNode } from './flame-model';

export interface FlameFrame {
  node: FlameNode;
  x: number;
  w: number;
  /** Row: 0 for the root, whatever the zoom. */
  depth: number;
  /** An ancestor of the zoomed frame (drawn full width above it, dimmed). */
  dim?: boolean;
}

export interface FlameLayout {
  /** Parents before children, siblings left to right. */
  frames: FlameFrame[];
  /** From the root down to the zoomed frame (the breadcrumb). */
  path: FlameNode[];
  zoomed: FlameNode;
  /** Rows drawn. */
  rows: number;
  width: number;
  height: number;
  /** Frames left out to stay under `maxFrames` (with their callees): zoom in to see them. */
  hidden: number;
}

export interface FlameLayoutOptions {
  /** Frames narrower than this (px) are not drawn, nor their callees. */
  minWidth?: number;
  /** At most this many frames: beyond, the narrowest are left out (with their callees). */
  maxFrames?: number;
}

/**
 * `part / whole` as a number. Both are rounded to 53 bits first, so the ratio is within a few
 * units in the last place even above 2^53: precision is lost only where bigints are subtracted
 * as numbers, which is why offsets stay bigint until this last step.
 */
export function gasRatio(part: bigint, whole: bigint): number {
  return whole <= 0n ? 0 : Number(part) / Number(whole);
}

/**
 * Lays out the tree zoomed into the frame with key `zoomKey` (the root when null or unknown).
 * A frame's edges are `width · offset / zoomed.total` with bigint offsets, so siblings share
 * their edges exactly and children never overflow their parent.
 */
export function flameLayout(
  root: FlameNode,
  zoomKey: string | null,
  width: number,
  rowHeight: number,
  options: FlameLayoutOptions = {},
): FlameLayout {
  const minWidth = options.minWidth ?? 0.5;
  const maxFrames = options.maxFrames ?? Infinity;
  const found = zoomKey === null ? [] : flamePath(root, zoomKey);
  const path = found.length === 0 ? [root] : found;
  const zoomed = path[path.length - 1];
  const whole = zoomed.total;
  const edge = (offset: bigint): number => width * gasRatio(offset, whole);

  const frames: FlameFrame[] = path.slice(0, -1).map((node, depth) => ({
    node,
    x: 0,
    w: width,
    depth,
    dim: true,
  }));
  // Breadth-first from the zoomed frame, so that parents come before children and the frame
  // cap (below) can stop at a whole row.
  const below: Array<FlameFrame & { start: bigint }> = [];
  let row: Array<{ node: FlameNode; start: bigint; depth: number }> = [
    { node: zoomed, start: 0n, depth: path.length - 1 },
  ];
  while (row.length > 0) {
    const next: typeof row = [];
    for (const { node, start, depth } of row) {
      // The zoomed frame spans the width even when it spent no gas (nothing to divide by).
      const top = node === zoomed;
      const x = top ? 0 : edge(start);
      const w = top ? width : edge(start + node.total) - x;
      if (w < minWidth) continue;
      below.push({ node, x, w, depth, start });
      let offset = start;
      for (const child of node.children) {
        next.push({ node: child, start: offset, depth: depth + 1 });
        offset += child.total;
      }
    }
    row = next;
  }

  let hidden = 0;
  let kept = below;
  if (frames.length + below.length > maxFrames) {
    // Keep the widest: a gas threshold keeps whole subtrees' tops, as no callee has more gas
    // than its caller. Ties at the threshold go too, so the cap always holds.
    const room = Math.max(1, maxFrames - frames.length);
    const totals = below.map((f) => f.node.total).sort((p, q) => (p > q ? -1 : p < q ? 1 : 0));
    const threshold = totals[room - 1];
    kept = below.filter((f) => f.node.total > threshold || f.node === zoomed);
    hidden = below.length - kept.length;
  }
  for (const { node, x, w, depth } of kept) frames.push({ node, x, w, depth });
  const rows = frames.reduce((m, f) => Math.max(m, f.depth + 1), 1);
  return { frames, path, zoomed, rows, width, height: rows * rowHeight, hidden };
}

/**
 * The longest label that fits a frame `w` px wide (as the call-tree icicle's labelFits: ~7 px a
 * character and 8 px of padding): `name · gas`, then the name, then the name cut with `…`; ''
 * when not even two characters fit.
 */
export function flameLabel(
  name: string,
  gas: string,
  w: number,
  charWidth = 7,
  padding = 8,
): string {
  const room = Math.floor((w - padding) / charWidth);
  const full = `${name} · ${gas}`;
  if (full.length <= room) return full;
  if (name.length <= room) return name;
  if (room < 2) return '';
  return `${name.slice(0, room - 1)}…`;
}

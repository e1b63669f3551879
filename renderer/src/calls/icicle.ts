/**
 * The call tree as an icicle (a flame graph growing downwards): one row per call depth, each
 * frame as wide as the gas it and its callees spent. The engine reports exclusive gas per frame
 * (as piecrust's CallTree does); d3's hierarchy sums it into inclusive widths and partition
 * lays the rows out. Pure: the component draws the rectangles this returns.
 */
import { hierarchy, partition, type HierarchyRectangularNode } from 'd3';
import type { BacktraceFrame, CallTreeView } from '../../../engine/api/types';

export interface IcicleNode {
  /** Path of child indexes from the root ("0", "0.1"): stable keys for the template. */
  id: string;
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
  fn: string;
  contract: string;
  /** Gas spent in this frame alone. */
  exclusive: bigint;
  /** Gas spent in this frame and its callees. */
  inclusive: bigint;
  limit: bigint;
  /** Share of the whole call's gas, 0..1. */
  share: number;
  /** The error code of a frame that failed (failed calls' trees). */
  failed?: string;
  /** Where that frame trapped or panicked, innermost first (when the engine knows). */
  backtrace?: BacktraceFrame[];
}

export interface IcicleLayout {
  nodes: IcicleNode[];
  width: number;
  height: number;
  total: bigint;
}

interface Frame {
  id: string;
  view: CallTreeView;
  exclusive: bigint;
  children: Frame[];
}

function frames(view: CallTreeView, id = '0'): Frame {
  return {
    id,
    view,
    exclusive: BigInt(view.spent),
    children: view.children.map((c, i) => frames(c, `${id}.${i}`)),
  };
}

function inclusiveGas(frame: Frame): bigint {
  return frame.children.reduce((sum, c) => sum + inclusiveGas(c), frame.exclusive);
}

/**
 * Widths come from gas, but a frame that spent nothing (a deploy, a tiny callee) still gets
 * `minShare` of its parent's row so it stays visible and clickable.
 */
export function icicleLayout(
  tree: CallTreeView,
  width: number,
  rowHeight: number,
  minShare = 0.01,
): IcicleLayout {
  const root = frames(tree);
  const total = inclusiveGas(root);
  const totalNumber = Number(total);
  const floor = Math.max(1, totalNumber) * minShare;
  // d3 works in numbers; gas up to 2^53 is exact, beyond that widths are approximate anyway.
  const h = hierarchy(root, (f) => f.children).sum((f) =>
    Math.max(Number(f.exclusive), f.children.length === 0 ? floor : 0),
  );
  const depth = h.height + 1;
  const laid: HierarchyRectangularNode<Frame> = partition<Frame>()
    .size([width, depth * rowHeight])
    .padding(0)(h);
  const nodes: IcicleNode[] = laid.descendants().map((n) => {
    const inclusive = inclusiveGas(n.data);
    return {
      id: n.data.id,
      depth: n.depth,
      x: n.x0,
      y: n.y0,
      width: n.x1 - n.x0,
      height: n.y1 - n.y0,
      fn: n.data.view.fn === '' ? '(deploy)' : n.data.view.fn,
      contract: n.data.view.contract,
      exclusive: n.data.exclusive,
      inclusive,
      limit: BigInt(n.data.view.limit),
      share: total === 0n ? (n.depth === 0 ? 1 : 0) : Number(inclusive) / totalNumber,
      ...(n.data.view.error === undefined ? {} : { failed: n.data.view.error.code }),
      ...(n.data.view.error?.backtrace === undefined
        ? {}
        : { backtrace: n.data.view.error.backtrace }),
    };
  });
  return { nodes, width, height: depth * rowHeight, total };
}

/** Whether a label fits in a frame (the template then shows it; otherwise only the tooltip). */
export function labelFits(node: IcicleNode, text: string, charWidth = 7, padding = 8): boolean {
  return text.length * charWidth + padding <= node.width;
}

/**
 * The lane layout of the commit DAG: a pure function from CommitNode[] to rows, lanes and the
 * lines that join them, drawn like `git log --graph` with the newest commit on row 0.
 *
 * A commit has at most one parent, so the graph is a forest. Rows are a topological order
 * (parents before children, ties broken by time, then root). Each commit's "primary" child —
 * the one whose subtree lives longest — continues its parent's lane, so a long-lived line stays
 * straight; every other child starts a chain on a new lane. A chain occupies its lane from just
 * above its fork point to its newest commit, and lanes are handed out by interval partitioning
 * (leftmost free lane first), which needs the fewest lanes. A commit whose parent is missing
 * (deleted) is laid out as a root and flagged `orphan`. Everything is O(n log n).
 */
import type { CommitNode, RootHex } from '../../../engine/api/types';
import { MinHeap } from './min-heap';

export interface LaidOutCommit {
  node: CommitNode;
  /** Display row: 0 is the newest commit, drawn at the top. */
  row: number;
  lane: number;
  /** Row of the parent, or null for a root. */
  parentRow: number | null;
  /** The commit names a parent that is not in the graph (deleted): laid out as a root. */
  orphan: boolean;
}

/** A parent → child link. The child is newer, so `childRow < parentRow`. */
export interface LaneEdge {
  parentRow: number;
  childRow: number;
  parentLane: number;
  childLane: number;
}

/**
 * A drawing primitive: one chain of commits on one lane (a vertical line from `startRow` up to
 * `topRow`), plus, for a branch, the curve from its fork point (the parent) into the lane.
 */
export interface LaneSegment {
  lane: number;
  /** Row of the chain's newest commit (the top end of the line). */
  topRow: number;
  /** Row of the chain's oldest commit. */
  startRow: number;
  /** The parent the chain forks from, or null when the chain starts at a root. */
  fork: { row: number; lane: number } | null;
}

export interface LaneLayout {
  /** Indexed by row. */
  commits: LaidOutCommit[];
  edges: LaneEdge[];
  segments: LaneSegment[];
  laneCount: number;
  rowOf: Map<RootHex, number>;
}

/** The lowest row a segment covers (its fork point's row, or its first commit's row). */
export function segmentBottomRow(segment: LaneSegment): number {
  return segment.fork === null ? segment.startRow : segment.fork.row;
}

function earlier(a: CommitNode, b: CommitNode): boolean {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.root < b.root;
}

interface Chain {
  start: number;
  end: number;
  /** Interval in half-rows of chronological time: [from, to]. */
  from: number;
  to: number;
  lane: number;
}

export function layoutLanes(input: readonly CommitNode[]): LaneLayout {
  const index = new Map<RootHex, number>();
  const nodes: CommitNode[] = [];
  for (const node of input) {
    if (index.has(node.root)) continue;
    index.set(node.root, nodes.length);
    nodes.push(node);
  }
  const n = nodes.length;
  const parentOf = new Int32Array(n).fill(-1);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const parent = nodes[i].parent === null ? undefined : index.get(nodes[i].parent!);
    if (parent === undefined || parent === i) continue;
    parentOf[i] = parent;
    children[parent].push(i);
  }

  const order = chronologicalOrder(nodes, parentOf, children);
  const time = new Int32Array(n);
  order.forEach((i, t) => (time[i] = t));

  // Primary child: the child whose subtree reaches the newest commit (ties: the older child).
  const reach = Int32Array.from(time);
  const primary = new Int32Array(n).fill(-1);
  for (let t = n - 1; t >= 0; t--) {
    const i = order[t];
    const p = parentOf[i];
    if (p < 0) continue;
    const best = primary[p];
    if (best < 0 || reach[i] > reach[best] || (reach[i] === reach[best] && time[i] < time[best]))
      primary[p] = i;
    if (reach[i] > reach[p]) reach[p] = reach[i];
  }

  const chains = buildChains(order, parentOf, primary, time);
  const laneCount = assignLanes(chains);
  const lane = new Int32Array(n);
  for (const chain of chains) {
    for (let i = chain.start; i >= 0; i = primary[i]) lane[i] = chain.lane;
  }

  const rowOfIndex = (i: number): number => n - 1 - time[i];
  const commits: LaidOutCommit[] = new Array<LaidOutCommit>(n);
  const rowOf = new Map<RootHex, number>();
  const edges: LaneEdge[] = [];
  for (let i = 0; i < n; i++) {
    const row = rowOfIndex(i);
    const p = parentOf[i];
    const parentRow = p < 0 ? null : rowOfIndex(p);
    commits[row] = {
      node: nodes[i],
      row,
      lane: lane[i],
      parentRow,
      orphan: p < 0 && nodes[i].parent !== null,
    };
    rowOf.set(nodes[i].root, row);
  }
  for (const c of commits) {
    if (c.parentRow !== null)
      edges.push({
        parentRow: c.parentRow,
        childRow: c.row,
        parentLane: commits[c.parentRow].lane,
        childLane: c.lane,
      });
  }
  const segments: LaneSegment[] = chains.map((chain) => {
    const p = parentOf[chain.start];
    return {
      lane: chain.lane,
      topRow: rowOfIndex(chain.end),
      startRow: rowOfIndex(chain.start),
      fork: p < 0 ? null : { row: rowOfIndex(p), lane: lane[p] },
    };
  });
  return { commits, edges, segments, laneCount, rowOf };
}

/** Kahn's algorithm with a time-ordered heap: parents first, then by time. */
function chronologicalOrder(
  nodes: CommitNode[],
  parentOf: Int32Array,
  children: number[][],
): number[] {
  const n = nodes.length;
  const heap = new MinHeap<number>((a, b) => earlier(nodes[a], nodes[b]));
  const emitted = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (parentOf[i] < 0) heap.push(i);
  const order: number[] = [];
  while (order.length < n) {
    if (heap.size === 0) {
      // Only a cycle can leave commits unreached (impossible with content addressing): cut it.
      let first = -1;
      for (let i = 0; i < n; i++)
        if (!emitted[i] && (first < 0 || earlier(nodes[i], nodes[first]))) first = i;
      children[parentOf[first]] = children[parentOf[first]].filter((c) => c !== first);
      parentOf[first] = -1;
      heap.push(first);
    }
    const i = heap.pop()!;
    emitted[i] = 1;
    order.push(i);
    for (const c of children[i]) heap.push(c);
  }
  return order;
}

function buildChains(
  order: number[],
  parentOf: Int32Array,
  primary: Int32Array,
  time: Int32Array,
): Chain[] {
  const chains: Chain[] = [];
  for (const start of order) {
    const p = parentOf[start];
    if (p >= 0 && primary[p] === start) continue;
    let end = start;
    while (primary[end] >= 0) end = primary[end];
    // A branch takes its lane from just after its fork point; a root from its own row.
    const from = p < 0 ? 2 * time[start] : 2 * time[p] + 1;
    chains.push({ start, end, from, to: 2 * time[end], lane: -1 });
  }
  return chains;
}

/** Interval partitioning: each chain takes the leftmost lane free at its start. */
function assignLanes(chains: Chain[]): number {
  const byStart = [...chains].sort((a, b) => a.from - b.from);
  const active = new MinHeap<Chain>((a, b) => a.to < b.to);
  const free = new MinHeap<number>((a, b) => a < b);
  let laneCount = 0;
  for (const chain of byStart) {
    while (active.size > 0 && active.peek()!.to < chain.from) free.push(active.pop()!.lane);
    chain.lane = free.size > 0 ? free.pop()! : laneCount++;
    active.push(chain);
  }
  return laneCount;
}

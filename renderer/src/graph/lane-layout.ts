/**
 * The lane layout of the commit DAG: a pure function from CommitNode[] to rows, lanes and the
 * lines that join them, drawn like `git log --graph` with the newest commit on row 0.
 *
 * A commit has at most one parent, so the graph is a forest. Commits are laid out one at a time
 * in the order they arrived — the input's order, which is the store's: `commitGraph()` lists
 * commits as the store received them and the commit store appends live ones — except that a
 * parent always comes before its children (rows are a topological order). A commit's lane is
 * decided when it is laid out, from the commits before it alone, so a commit arriving later
 * never moves an earlier one: a branch stays where it is.
 *
 * - The first child of a commit continues its parent's lane, unless another line has taken the
 *   lane since the parent.
 * - Any other child starts a branch: a curve from its parent into the leftmost lane that is free
 *   from just above the parent.
 * - A root (a state based on genesis) and an orphan (a commit whose parent was deleted) start a
 *   lane of their own: the leftmost lane free for ROOT_GAP rows below them, so that they never
 *   read as the continuation of an unrelated line below (the painter puts an orphan's "parent
 *   deleted" stub in that room).
 *
 * Lines are only ever drawn between a parent and its child. O(n log n): the topological order
 * and the free-lane search (free-lanes.ts) are logarithmic per commit.
 */
import type { CommitNode, RootHex } from '../../../engine/api/types';
import { FreeLanes } from './free-lanes';
import { MinHeap } from './min-heap';
import { RootTable } from './root-index';

/** Rows left empty in a lane below a root or an orphan (see the module comment). */
export const ROOT_GAP = 2;

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
  /** Every parent → child link, made on first access (nothing paints from it). */
  readonly edges: LaneEdge[];
  segments: LaneSegment[];
  laneCount: number;
  rowOf: RowLookup;
}

/** Row of a commit by its root (undefined when it is not in the graph). */
export interface RowLookup {
  get(root: RootHex): number | undefined;
  has(root: RootHex): boolean;
}

/** The lowest row a segment covers (its fork point's row, or its first commit's row). */
export function segmentBottomRow(segment: LaneSegment): number {
  return segment.fork === null ? segment.startRow : segment.fork.row;
}

interface Chain {
  /** Oldest and newest commit of the chain (node indices). */
  start: number;
  end: number;
  lane: number;
}

export function layoutLanes(input: readonly CommitNode[]): LaneLayout {
  const nodes: CommitNode[] = [];
  const index = new RootTable((i) => nodes[i].root, input.length);
  for (const node of input) {
    nodes.push(node);
    if (!index.add(nodes.length - 1)) nodes.pop(); // listed twice: the first one counts
  }
  const n = nodes.length;
  const parentOf = new Int32Array(n).fill(-1);
  let parentAfterChild = false;
  for (let i = 0; i < n; i++) {
    const parent = nodes[i].parent === null ? -1 : index.get(nodes[i].parent!);
    if (parent < 0 || parent === i) continue;
    parentOf[i] = parent;
    if (parent > i) parentAfterChild = true;
  }

  // The usual case: the store lists parents before children, and the input order is the order.
  const order = parentAfterChild ? arrivalOrder(n, parentOf) : identity(n);
  const time = new Int32Array(n);
  for (let t = 0; t < n; t++) time[order[t]] = t;

  // Positions are half-rows of time: commit t sits at 2t, a branch takes its lane from 2p + 1.
  const lanes = new FreeLanes();
  const lane = new Int32Array(n);
  const chainOf = new Int32Array(n);
  const continued = new Uint8Array(n);
  const chains: Chain[] = [];
  for (let t = 0; t < n; t++) {
    const i = order[t];
    const p = parentOf[i];
    if (p >= 0 && continued[p] === 0 && lanes.end(lane[p]) === 2 * time[p]) {
      continued[p] = 1;
      lane[i] = lane[p];
      lanes.extend(lane[i], 2 * t);
      chainOf[i] = chainOf[p];
      chains[chainOf[i]].end = i;
      continue;
    }
    // A root's lane must be free ROOT_GAP rows below it: its last occupant ends at t - 3 or lower.
    const from = p >= 0 ? 2 * time[p] + 1 : 2 * (t - ROOT_GAP);
    lane[i] = lanes.take(from, 2 * t);
    chainOf[i] = chains.length;
    chains.push({ start: i, end: i, lane: lane[i] });
  }

  const rowOfIndex = (i: number): number => n - 1 - time[i];
  // Rows in order (a packed array): row r holds the commit laid out at time n - 1 - r.
  const commits: LaidOutCommit[] = [];
  for (let row = 0; row < n; row++) {
    const i = order[n - 1 - row];
    const p = parentOf[i];
    commits.push({
      node: nodes[i],
      row,
      lane: lane[i],
      parentRow: p < 0 ? null : rowOfIndex(p),
      orphan: p < 0 && nodes[i].parent !== null,
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
  // No second map of every root: a root's row comes from the index built above.
  const rowOf: RowLookup = {
    get(root) {
      const i = index.get(root);
      return i < 0 ? undefined : rowOfIndex(i);
    },
    has: (root) => index.get(root) >= 0,
  };
  let edges: LaneEdge[] | undefined;
  return {
    commits,
    // One object per link, which nothing draws from (segments are what is painted): made when
    // asked for.
    get edges() {
      return (edges ??= edgesOf(commits));
    },
    segments,
    laneCount: lanes.count,
    rowOf,
  };
}

function edgesOf(commits: readonly LaidOutCommit[]): LaneEdge[] {
  const edges: LaneEdge[] = [];
  for (const c of commits) {
    if (c.parentRow !== null)
      edges.push({
        parentRow: c.parentRow,
        childRow: c.row,
        parentLane: commits[c.parentRow].lane,
        childLane: c.lane,
      });
  }
  return edges;
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/**
 * Kahn's algorithm taking the earliest-arrived commit first: the input order, except that a
 * parent listed after its child (possible once a deleted state is committed again) moves before it.
 */
function arrivalOrder(n: number, parentOf: Int32Array): Int32Array {
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) children[parentOf[i]].push(i);
  const heap = new MinHeap<number>((a, b) => a < b);
  const emitted = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (parentOf[i] < 0) heap.push(i);
  const order = new Int32Array(n);
  let length = 0;
  while (length < n) {
    if (heap.size === 0) {
      // Only a cycle can leave commits unreached (impossible with content addressing): cut it.
      let first = 0;
      while (emitted[first]) first++;
      children[parentOf[first]] = children[parentOf[first]].filter((c) => c !== first);
      parentOf[first] = -1;
      heap.push(first);
    }
    const i = heap.pop()!;
    emitted[i] = 1;
    order[length++] = i;
    for (const c of children[i]) heap.push(c);
  }
  return order;
}

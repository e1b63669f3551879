/**
 * A static centred interval tree over closed integer intervals [lo, hi]: built once in
 * O(n log n), it answers "which intervals meet [a, b]?" in O(log n + k). The graph uses it to
 * cull lane segments to the rows in view, since a long-lived branch line can span the whole
 * history while only a screenful of rows is visible.
 */
export interface Interval {
  lo: number;
  hi: number;
}

interface TreeNode {
  center: number;
  /** Intervals containing `center`, by lo ascending and by hi descending. */
  byLo: number[];
  byHi: number[];
  left: TreeNode | null;
  right: TreeNode | null;
}

export interface IntervalIndex {
  readonly size: number;
  /** Indexes (into the input array) of the intervals that meet [a, b], in no particular order. */
  query(a: number, b: number, out?: number[]): number[];
}

export function createIntervalIndex(intervals: readonly Interval[]): IntervalIndex {
  const build = (ids: number[]): TreeNode | null => {
    if (ids.length === 0) return null;
    const ends = ids.flatMap((i) => [intervals[i].lo, intervals[i].hi]).sort((x, y) => x - y);
    const center = ends[ends.length >> 1];
    const left: number[] = [];
    const right: number[] = [];
    const here: number[] = [];
    for (const i of ids) {
      if (intervals[i].hi < center) left.push(i);
      else if (intervals[i].lo > center) right.push(i);
      else here.push(i);
    }
    return {
      center,
      byLo: [...here].sort((x, y) => intervals[x].lo - intervals[y].lo),
      byHi: here.sort((x, y) => intervals[y].hi - intervals[x].hi),
      left: build(left),
      right: build(right),
    };
  };
  const root = build(intervals.map((_, i) => i));

  return {
    size: intervals.length,
    query(a, b, out = []) {
      let node = root;
      const pending: TreeNode[] = [];
      while (node !== null || pending.length > 0) {
        if (node === null) node = pending.pop()!;
        if (b < node.center) {
          for (const i of node.byLo) {
            if (intervals[i].lo > b) break;
            out.push(i);
          }
          node = node.left;
        } else if (a > node.center) {
          for (const i of node.byHi) {
            if (intervals[i].hi < a) break;
            out.push(i);
          }
          node = node.right;
        } else {
          for (const i of node.byLo) out.push(i);
          if (node.right !== null) pending.push(node.right);
          node = node.left;
        }
      }
      return out;
    },
  };
}

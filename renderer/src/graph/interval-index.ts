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
  const n = intervals.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  intervals.forEach((v, i) => ((lo[i] = v.lo), (hi[i] = v.hi)));
  // Sorted once; each level of the tree splits these lists keeping their order (O(n log n) in
  // all, not a sort per node).
  const all = Array.from({ length: n }, (_, i) => i);
  const sortedByLo = [...all].sort((x, y) => lo[x] - lo[y]);
  const sortedByHi = all.sort((x, y) => hi[x] - hi[y]);

  /** The median of the ids' 2·m endpoints: the m-th smallest of the merged lo and hi lists. */
  const medianEndpoint = (byLo: number[], byHi: number[]): number => {
    let a = 0;
    let b = 0;
    let value = 0;
    for (let k = 0; k <= byLo.length; k++) {
      if (b >= byHi.length || (a < byLo.length && lo[byLo[a]] <= hi[byHi[b]]))
        value = lo[byLo[a++]];
      else value = hi[byHi[b++]];
    }
    return value;
  };

  const build = (byLo: number[], byHi: number[]): TreeNode | null => {
    if (byLo.length === 0) return null;
    const center = medianEndpoint(byLo, byHi);
    const side = (i: number): number => (hi[i] < center ? -1 : lo[i] > center ? 1 : 0);
    const split = (ids: number[]): [number[], number[], number[]] => {
      const parts: [number[], number[], number[]] = [[], [], []];
      for (const i of ids) parts[side(i) + 1].push(i);
      return parts;
    };
    const [leftLo, hereLo, rightLo] = split(byLo);
    const [leftHi, hereHi, rightHi] = split(byHi);
    return {
      center,
      byLo: hereLo,
      byHi: hereHi.reverse(),
      left: build(leftLo, leftHi),
      right: build(rightLo, rightHi),
    };
  };
  const root = build(sortedByLo, sortedByHi);

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

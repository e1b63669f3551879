/**
 * Two gas profiles compared (the same function at two commits, before and after a code change):
 * per function, largest difference first, and as a tree aligned by path for a coloured flame
 * graph. Differences are B − A: positive when B spent more.
 *
 * Functions are matched by name, not by contract id: a redeployed contract has a new id, and its
 * functions are still the ones to compare. So the per-function rows merge a name that two
 * contracts share (the allocator both link); the tree keeps them apart, as its paths go through
 * the contract frames.
 */
import { compareGasDesc, gasByFunction } from './function-gas';
import type { CallProfile, ProfileNode, ProfileNodeKind } from './profile-tree';

/** Which profile a function or path is in. */
export type DiffSide = 'both' | 'a' | 'b';

export interface GasPair {
  self: bigint;
  total: bigint;
  calls: number;
}

export interface FunctionDiff {
  name: string;
  kind: ProfileNodeKind;
  side: DiffSide;
  /** Zeros on the side the function is not in. */
  a: GasPair;
  b: GasPair;
  selfDelta: bigint;
  totalDelta: bigint;
}

const NONE: GasPair = { self: 0n, total: 0n, calls: 0 };

/**
 * Per function, merged across paths: self and total gas in A and B and their differences, sorted
 * by |self difference| (or |total difference| with `by: 'total'`) descending, then by the other
 * difference, then by name.
 */
export function diffFunctions(
  a: CallProfile,
  b: CallProfile,
  by: 'self' | 'total' = 'self',
): FunctionDiff[] {
  const inA = gasByFunction(a, (node) => node.name);
  const inB = gasByFunction(b, (node) => node.name);
  const rows: FunctionDiff[] = [];
  for (const name of new Set([...inA.keys(), ...inB.keys()])) {
    const fa = inA.get(name);
    const fb = inB.get(name);
    const pa = fa === undefined ? NONE : { self: fa.self, total: fa.total, calls: fa.calls };
    const pb = fb === undefined ? NONE : { self: fb.self, total: fb.total, calls: fb.calls };
    rows.push({
      name,
      kind: (fa ?? fb)!.kind,
      side: fa === undefined ? 'b' : fb === undefined ? 'a' : 'both',
      a: pa,
      b: pb,
      selfDelta: pb.self - pa.self,
      totalDelta: pb.total - pa.total,
    });
  }
  const first = by === 'self' ? 'selfDelta' : 'totalDelta';
  const second = by === 'self' ? 'totalDelta' : 'selfDelta';
  return rows.sort(
    (x, y) =>
      compareGasDesc(abs(x[first]), abs(y[first])) ||
      compareGasDesc(abs(x[second]), abs(y[second])) ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
}

/** A path of the two profiles: its gas in each (zeros where absent) and the change. */
export interface DiffNode {
  name: string;
  kind: ProfileNodeKind;
  side: DiffSide;
  a: GasPair;
  b: GasPair;
  /** `b.total − a.total`. */
  delta: bigint;
  /** `b.self − a.self`. */
  selfDelta: bigint;
  children: DiffNode[];
}

/**
 * The two trees aligned by path: children matched by name, A's order first, then those only in
 * B. Siblings sharing a name on one side are one node (as in the folded format). The roots are
 * aligned whatever their names (a redeployed contract's frame is named by its new short id); when
 * they differ the root reads `A-name → B-name`.
 */
export function diffTree(a: CallProfile, b: CallProfile): DiffNode {
  const rootName = a.root.name === b.root.name ? a.root.name : `${a.root.name} → ${b.root.name}`;
  const root = diffNode(rootName, [a.root], [b.root]);
  // Iterative: a deeply recursive contract must not overflow our stack.
  const todo: { out: DiffNode; inA: ProfileNode[]; inB: ProfileNode[] }[] = [
    { out: root, inA: [a.root], inB: [b.root] },
  ];
  while (todo.length > 0) {
    const { out, inA, inB } = todo.pop()!;
    const childrenA = byName(inA.flatMap((n) => n.children));
    const childrenB = byName(inB.flatMap((n) => n.children));
    for (const name of new Set([...childrenA.keys(), ...childrenB.keys()])) {
      const groupA = childrenA.get(name) ?? [];
      const groupB = childrenB.get(name) ?? [];
      const child = diffNode(name, groupA, groupB);
      out.children.push(child);
      todo.push({ out: child, inA: groupA, inB: groupB });
    }
  }
  return root;
}

function diffNode(name: string, inA: ProfileNode[], inB: ProfileNode[]): DiffNode {
  const a = sum(inA);
  const b = sum(inB);
  return {
    name,
    kind: (inA[0] ?? inB[0]).kind,
    side: inA.length === 0 ? 'b' : inB.length === 0 ? 'a' : 'both',
    a,
    b,
    delta: b.total - a.total,
    selfDelta: b.self - a.self,
    children: [],
  };
}

function byName(nodes: ProfileNode[]): Map<string, ProfileNode[]> {
  const groups = new Map<string, ProfileNode[]>();
  for (const node of nodes) {
    const group = groups.get(node.name);
    if (group === undefined) groups.set(node.name, [node]);
    else group.push(node);
  }
  return groups;
}

function sum(nodes: ProfileNode[]): GasPair {
  return nodes.reduce(
    (s, n) => ({ self: s.self + n.self, total: s.total + n.total, calls: s.calls + n.calls }),
    NONE,
  );
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

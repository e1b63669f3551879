/**
 * Differences between two content-addressed sparse trees of the same shape: walk both from the
 * roots and descend only where the child values differ, so equal subtrees — most of a tree
 * between two nearby commits — are never read. Cost: O(changed leaves × height × arity).
 */
import { bytesToHex } from '../core/ids';
import {
  HASH_LEN,
  isZeroHash,
  MissingNodeError,
  type NodeStore,
  type TreeShape,
} from '../merkle/sparse-tree';

export interface LeafChange {
  position: number;
  /** Leaf value on the left, undefined when absent. */
  before: Uint8Array | undefined;
  /** Leaf value on the right, undefined when absent. */
  after: Uint8Array | undefined;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < HASH_LEN; i++) if (a[i] !== b[i]) return false;
  return true;
}

function children(shape: TreeShape, value: Uint8Array, nodes: NodeStore): Uint8Array | undefined {
  if (isZeroHash(value)) return undefined;
  const key = bytesToHex(value);
  const data = nodes.getNode(key);
  if (data === undefined) throw new MissingNodeError(key);
  if (data.length !== shape.arity * HASH_LEN) {
    throw new Error(`node ${key} has ${data.length} bytes, expected ${shape.arity * HASH_LEN}`);
  }
  return data;
}

function zeroAt(data: Uint8Array, from: number): boolean {
  for (let i = from; i < from + HASH_LEN; i++) if (data[i] !== 0) return false;
  return true;
}

/** Whether child `from` is the same on both sides (equal, or absent/zero on both): no leaf below differs. */
function unchanged(a: Uint8Array | undefined, b: Uint8Array | undefined, from: number): boolean {
  if (a === undefined) return b === undefined || zeroAt(b, from);
  if (b === undefined) return zeroAt(a, from);
  for (let i = from; i < from + HASH_LEN; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every leaf whose value differs between the trees rooted at `left` and `right`. */
export function diffTrees(
  shape: TreeShape,
  left: Uint8Array,
  right: Uint8Array,
  nodes: NodeStore,
): LeafChange[] {
  const out: LeafChange[] = [];
  const rec = (
    a: Uint8Array | undefined,
    b: Uint8Array | undefined,
    depth: number,
    base: number,
  ): void => {
    const aPresent = a !== undefined && !isZeroHash(a);
    const bPresent = b !== undefined && !isZeroHash(b);
    if (!aPresent && !bPresent) return;
    if (aPresent && bPresent && equal(a, b)) return;
    if (depth === shape.height) {
      out.push({
        position: base,
        before: aPresent ? a : undefined,
        after: bPresent ? b : undefined,
      });
      return;
    }
    const ca = aPresent ? children(shape, a, nodes) : undefined;
    const cb = bPresent ? children(shape, b, nodes) : undefined;
    const span = shape.arity ** (shape.height - depth - 1);
    for (let c = 0; c < shape.arity; c++) {
      const from = c * HASH_LEN;
      // Most children are equal (or absent on both sides): skipped here, without a subarray each
      // (a commit's own change is diffed at every commit, commit-changes.ts).
      if (unchanged(ca, cb, from)) continue;
      rec(
        ca?.subarray(from, from + HASH_LEN),
        cb?.subarray(from, from + HASH_LEN),
        depth + 1,
        base + c * span,
      );
    }
  };
  rec(left, right, 0, 0);
  return out;
}

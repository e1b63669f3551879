import { describe, expect, test } from 'vitest';
import { blake3Small } from '../hash/blake3';
import { bytesToHex } from '../core/ids';
import {
  CONTRACTS_TREE,
  listLeaves,
  leafAt,
  MapNodeStore,
  openTree,
  PAGE_TREE_32,
  updateTree,
  verifyOpening,
  ZERO_HASH,
  type TreeShape,
} from './sparse-tree';

const leafValue = (n: number): Uint8Array => blake3Small(new Uint8Array([n, n >> 8]));

/** Reference: compute the root of a small tree directly from the definition (spec §6.1). */
function referenceRoot(shape: TreeShape, leaves: Map<number, Uint8Array>): Uint8Array {
  const rec = (depth: number, base: number): Uint8Array | null => {
    if (depth === shape.height) return leaves.get(base) ?? null;
    const span = shape.arity ** (shape.height - depth - 1);
    const children: Array<Uint8Array | null> = [];
    for (let c = 0; c < shape.arity; c++) children.push(rec(depth + 1, base + c * span));
    if (children.every((c) => c === null)) return null;
    const concat = new Uint8Array(shape.arity * 32);
    children.forEach((c, i) => concat.set(c ?? ZERO_HASH, i * 32));
    return blake3Small(concat);
  };
  return rec(0, 0) ?? ZERO_HASH;
}

describe('sparse Merkle tree', () => {
  const small: TreeShape = { height: 3, arity: 4 };

  test('empty tree root is the zero hash', () => {
    const store = new MapNodeStore();
    expect(updateTree(small, ZERO_HASH, [], store, store)).toEqual(ZERO_HASH);
  });

  test('incremental updates equal the definition, in any order', () => {
    const store = new MapNodeStore();
    const expected = new Map<number, Uint8Array>();
    let root: Uint8Array = ZERO_HASH;
    for (const [i, pos] of [5, 0, 63, 17, 5, 32].entries()) {
      const value = leafValue(i + 1);
      expected.set(pos, value);
      root = updateTree(small, root, [{ position: pos, value }], store, store);
      expect(bytesToHex(root)).toBe(bytesToHex(referenceRoot(small, expected)));
    }
    const batch = updateTree(
      small,
      ZERO_HASH,
      [...expected].map(([position, value]) => ({ position, value })),
      store,
      store,
    );
    expect(bytesToHex(batch)).toBe(bytesToHex(root));
  });

  test('a single leaf at position 0 of the page tree hashes zeros beside it', () => {
    const store = new MapNodeStore();
    const value = leafValue(7);
    const root = updateTree(PAGE_TREE_32, ZERO_HASH, [{ position: 0, value }], store, store);
    let x: Uint8Array = value;
    for (let d = 0; d < 8; d++) {
      const concat = new Uint8Array(128);
      concat.set(x, 0);
      x = blake3Small(concat);
    }
    expect(bytesToHex(root)).toBe(bytesToHex(x));
  });

  test('lists leaves, reads a leaf, and builds openings that verify', () => {
    const store = new MapNodeStore();
    const leaves = [1, 2, 1000, 70000].map((p, i) => ({ position: p, value: leafValue(i + 10) }));
    const root = updateTree(CONTRACTS_TREE, ZERO_HASH, leaves, store, store);
    expect(listLeaves(CONTRACTS_TREE, root, store).map((l) => l.position)).toEqual([
      1, 2, 1000, 70000,
    ]);
    expect(leafAt(CONTRACTS_TREE, root, 1000, store)).toEqual(leaves[2].value);
    expect(leafAt(CONTRACTS_TREE, root, 3, store)).toBeUndefined();
    const opening = openTree(CONTRACTS_TREE, root, 1000, store);
    expect(verifyOpening(opening, leaves[2].value)).toBe(true);
    expect(verifyOpening(opening, leaves[1].value)).toBe(false);
  });

  test('rejects positions outside the tree with the capacity', () => {
    const store = new MapNodeStore();
    expect(() =>
      updateTree(small, ZERO_HASH, [{ position: 64, value: leafValue(1) }], store, store),
    ).toThrow('leaf position 64 outside the tree (capacity 64)');
  });
});

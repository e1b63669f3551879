// The mutable MerkleTree (node values resident in WebAssembly memory, node-arena.ts; dirty nodes
// hashed in one batch, node-hasher.ts) against sparse-tree's updateTree, openTree, leafAt and
// listLeaves, which build and read the same trees by their definition with the TypeScript BLAKE3:
// the same roots after any sequence of updates, in every shape the engine uses, with batches large
// enough to grow the memory under trees already built, and the nodes a commit stores.
import { describe, expect, test } from 'vitest';
import { bytesToHex } from '../core/ids';
import { blake3Small } from '../hash/blake3-small';
import { MerkleTree } from './merkle-tree';
import { arenaUsedBytes } from './node-arena';
import {
  CONTRACTS_TREE,
  leafAt,
  listLeaves,
  MapNodeStore,
  openTree,
  PAGE_TREE_32,
  PAGE_TREE_64,
  updateTree,
  verifyOpening,
  ZERO_HASH,
  type Leaf,
  type TreeShape,
} from './sparse-tree';

/** A deterministic stream of numbers (xorshift), so a failure replays. */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

const value = (n: number): Uint8Array => blake3Small(new Uint8Array([n, n >> 8, n >> 16, 1]));

const SHAPES: Array<[string, TreeShape]> = [
  ['small (3 levels of 4)', { height: 3, arity: 4 }],
  // Not a power of two: child indices by division, not by shifts.
  ['odd arity (4 levels of 3)', { height: 4, arity: 3 }],
  ['page tree, wasm32', PAGE_TREE_32],
  ['page tree, wasm64', PAGE_TREE_64],
  ['contracts tree', CONTRACTS_TREE],
];

describe('MerkleTree', () => {
  test.each(SHAPES)(
    '%s: every root after a sequence of updates equals the definition',
    (_, shape) => {
      const next = numbers(0x9e3779b9 ^ shape.height);
      const capacity = Math.min(shape.arity ** shape.height, 2 ** 32);
      const reference = new MapNodeStore();
      const tree = new MerkleTree(shape, ZERO_HASH, reference);
      let root: Uint8Array = ZERO_HASH;
      for (let round = 0; round < 40; round++) {
        // 1 to 5 leaves per round, sometimes the same position twice, then a root.
        const leaves: Leaf[] = [];
        for (let k = 0; k <= next() % 5; k++) {
          const position = round % 7 === 0 ? 5 : next() % capacity;
          leaves.push({ position, value: value(next() & 0xffff) });
        }
        for (const leaf of leaves) tree.set(leaf.position, leaf.value);
        root = updateTree(shape, root, leaves, reference, reference);
        expect(bytesToHex(tree.root()), `round ${round}`).toBe(bytesToHex(root));
      }
    },
  );

  test('thousands of dirty leaves in one root (the hasher grows its memory) equal the definition', () => {
    const next = numbers(12345);
    const leaves: Leaf[] = Array.from({ length: 3000 }, (_, i) => ({
      position: next() % PAGE_TREE_64.arity ** PAGE_TREE_64.height,
      value: value(i),
    }));
    const store = new MapNodeStore();
    const tree = new MerkleTree(PAGE_TREE_64, ZERO_HASH, store);
    for (const leaf of leaves) tree.set(leaf.position, leaf.value);
    const expected = updateTree(PAGE_TREE_64, ZERO_HASH, leaves, store, store);
    expect(bytesToHex(tree.root())).toBe(bytesToHex(expected));
  });

  test('a tree loaded from stored nodes updates like the definition, and its changed nodes are what a commit stores', () => {
    const store = new MapNodeStore();
    const base: Leaf[] = [3, 700, 40_000, 65_535].map((position, i) => ({
      position,
      value: value(i),
    }));
    const baseRoot = updateTree(PAGE_TREE_32, ZERO_HASH, base, store, store);
    const tree = new MerkleTree(PAGE_TREE_32, baseRoot, store);
    const update: Leaf[] = [
      { position: 700, value: value(100) },
      { position: 701, value: value(101) },
    ];
    for (const leaf of update) tree.set(leaf.position, leaf.value);
    const sink = new MapNodeStore();
    const expected = updateTree(PAGE_TREE_32, baseRoot, update, store, sink);
    expect(bytesToHex(tree.root())).toBe(bytesToHex(expected));
    const changed = new Map<string, Uint8Array>();
    tree.changedNodes(changed);
    // Every node is stored under its own hash, and the root's path is among them.
    for (const [key, children] of changed) expect(bytesToHex(blake3Small(children))).toBe(key);
    expect(changed.has(bytesToHex(expected))).toBe(true);
    expect(tree.leaves().map((l) => l.position)).toEqual([3, 700, 701, 40_000, 65_535]);
  });

  test('trees built before the memory grows keep their values: reads and updates afterwards equal the definition', () => {
    const next = numbers(777);
    const store = new MapNodeStore();
    const shapes = [PAGE_TREE_32, CONTRACTS_TREE, { height: 3, arity: 4 }];
    const trees = shapes.map((shape) => ({
      shape,
      tree: new MerkleTree(shape, ZERO_HASH, store),
      root: ZERO_HASH as Uint8Array,
      leaves: new Map<number, Uint8Array>(),
    }));
    for (let round = 0; round < 6; round++) {
      for (const t of trees) {
        const capacity = Math.min(t.shape.arity ** t.shape.height, 2 ** 32);
        const update: Leaf[] = Array.from({ length: 1 + (next() % 4) }, () => ({
          position: next() % capacity,
          value: value(next() & 0xffff),
        }));
        for (const leaf of update) {
          t.tree.set(leaf.position, leaf.value);
          t.leaves.set(leaf.position, leaf.value);
        }
        t.root = updateTree(t.shape, t.root, update, store, store);
      }
      // Thousands of nodes in another tree: the memory grows under the three above.
      const before = arenaUsedBytes();
      const big = new MerkleTree(PAGE_TREE_64, ZERO_HASH, store);
      for (let i = 0; i < 2000; i++) big.set(next() % 2 ** 26, value(i));
      big.root();
      expect(arenaUsedBytes()).toBeGreaterThan(before + 65536);
      for (const t of trees) {
        expect(bytesToHex(t.tree.root()), `round ${round}`).toBe(bytesToHex(t.root));
        for (const [position, leaf] of t.leaves) {
          expect(bytesToHex(t.tree.get(position)!)).toBe(bytesToHex(leaf));
          expect(bytesToHex(leafAt(t.shape, t.root, position, store)!)).toBe(bytesToHex(leaf));
        }
        expect(t.tree.leaves().map((l) => [l.position, bytesToHex(l.value)])).toEqual(
          listLeaves(t.shape, t.root, store).map((l) => [l.position, bytesToHex(l.value)]),
        );
      }
    }
  });

  test.each(SHAPES)(
    '%s: openings equal the definition and verify, present or absent',
    (_, shape) => {
      const next = numbers(31337 ^ shape.arity);
      const capacity = Math.min(shape.arity ** shape.height, 2 ** 32);
      const store = new MapNodeStore();
      const leaves: Leaf[] = Array.from({ length: 12 }, (_, i) => ({
        position: next() % capacity,
        value: value(i),
      }));
      const root = updateTree(shape, ZERO_HASH, leaves, store, store);
      // Loaded from the store, one leaf changed (a dirty path), then opened.
      const tree = new MerkleTree(shape, root, store);
      tree.set(leaves[0].position, value(99));
      const changedRoot = updateTree(
        shape,
        root,
        [{ position: leaves[0].position, value: value(99) }],
        store,
        store,
      );
      for (const position of [...leaves.map((l) => l.position), next() % capacity]) {
        const opening = tree.opening(position);
        const expected = openTree(shape, changedRoot, position, store);
        expect(bytesToHex(opening.root)).toBe(bytesToHex(expected.root));
        expect(opening.positions).toEqual(expected.positions);
        expect(opening.branch.map((level) => level.map(bytesToHex))).toEqual(
          expected.branch.map((level) => level.map(bytesToHex)),
        );
        const leaf = leafAt(shape, changedRoot, position, store);
        if (leaf !== undefined) expect(verifyOpening(opening, leaf)).toBe(true);
      }
    },
  );

  test('root() is the same object until a leaf changes, then a new one (computeState relies on it)', () => {
    const tree = new MerkleTree(PAGE_TREE_32, ZERO_HASH, new MapNodeStore());
    tree.set(1, value(1));
    const first = tree.root();
    expect(tree.root()).toBe(first);
    tree.set(1, value(2));
    const second = tree.root();
    expect(second).not.toBe(first);
    expect(bytesToHex(second)).not.toBe(bytesToHex(first));
    // A value copied out, not a view of the memory the next update overwrites.
    tree.set(1, value(3));
    tree.root();
    expect(bytesToHex(second)).toBe(
      bytesToHex(
        updateTree(
          PAGE_TREE_32,
          ZERO_HASH,
          [{ position: 1, value: value(2) }],
          new MapNodeStore(),
          new MapNodeStore(),
        ),
      ),
    );
  });
});

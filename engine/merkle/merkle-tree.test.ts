// The mutable MerkleTree (its dirty nodes hashed in one WebAssembly batch, node-hasher.ts) against
// sparse-tree's updateTree, which builds the same trees by their definition with the TypeScript
// BLAKE3: the same roots after any sequence of updates, in every shape the engine uses, with a
// batch large enough to grow the hasher's memory, and the nodes a commit stores.
import { describe, expect, test } from 'vitest';
import { bytesToHex } from '../core/ids';
import { blake3Small } from '../hash/blake3-small';
import { MerkleTree } from './merkle-tree';
import {
  CONTRACTS_TREE,
  MapNodeStore,
  PAGE_TREE_32,
  PAGE_TREE_64,
  updateTree,
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
});

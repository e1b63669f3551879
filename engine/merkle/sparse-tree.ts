/**
 * dusk-merkle's sparse tree (spec §6.1), stored content-addressed: an inner node is the
 * concatenation of its `arity` child values and is keyed by its own value, blake3 of that
 * concatenation. Absent subtrees are the zero hash Z at every level and are never stored, so
 * trees of different commits share every unchanged subtree (structural sharing, like git trees).
 *
 * Presence and values coincide here: a path updated to hold a leaf always has a present child,
 * so its nodes are hashed; untouched siblings contribute their value or Z. Leaves are never
 * removed in piecrust, which is what makes "value = Z ⇔ absent" safe for inner nodes.
 */
import { blake3Small } from '../hash/blake3';
import { bytesToHex } from '../core/ids';

export interface TreeShape {
  readonly height: number;
  readonly arity: number;
}

/** Page tree of a wasm32 contract: 4^8 = 65,536 pages = 4 GiB. */
export const PAGE_TREE_32: TreeShape = { height: 8, arity: 4 };
/** Page tree of a wasm64 contract: 4^13 = 2^26 pages = 4 TiB. */
export const PAGE_TREE_64: TreeShape = { height: 13, arity: 4 };
/** The contracts tree whose root is the state root; leaves are page-tree roots. */
export const CONTRACTS_TREE: TreeShape = { height: 32, arity: 2 };

export const HASH_LEN = 32;
export const ZERO_HASH: Uint8Array = new Uint8Array(HASH_LEN);

export interface NodeStore {
  /** The children of the node with this value (hex), `arity × 32` bytes. */
  getNode(key: string): Uint8Array | undefined;
}

export interface NodeSink {
  putNode(key: string, children: Uint8Array): void;
}

export function isZeroHash(hash: Uint8Array): boolean {
  for (let i = 0; i < hash.length; i++) if (hash[i] !== 0) return false;
  return true;
}

export interface Leaf {
  position: number;
  value: Uint8Array;
}

function span(shape: TreeShape, depth: number): number {
  return shape.arity ** (shape.height - depth - 1);
}

function childIndex(shape: TreeShape, position: number, depth: number): number {
  return Math.floor(position / span(shape, depth)) % shape.arity;
}

export class MissingNodeError extends Error {
  constructor(readonly key: string) {
    super(`Merkle node ${key} is missing from the store`);
    this.name = 'MissingNodeError';
  }
}

function readChildren(shape: TreeShape, value: Uint8Array, nodes: NodeStore): Uint8Array {
  const out = new Uint8Array(shape.arity * HASH_LEN);
  if (isZeroHash(value)) return out;
  const key = bytesToHex(value);
  const stored = nodes.getNode(key);
  if (stored === undefined) throw new MissingNodeError(key);
  out.set(stored);
  return out;
}

/**
 * Set `leaves` (any order; a later duplicate wins) in the tree whose root is `root` and return
 * the new root. Every new inner node is handed to `sink`.
 */
export function updateTree(
  shape: TreeShape,
  root: Uint8Array,
  leaves: Leaf[],
  nodes: NodeStore,
  sink: NodeSink,
): Uint8Array {
  if (leaves.length === 0) return root;
  const capacity = shape.arity ** shape.height;
  for (const leaf of leaves) {
    if (!Number.isInteger(leaf.position) || leaf.position < 0 || leaf.position >= capacity) {
      throw new RangeError(
        `leaf position ${leaf.position} outside the tree (capacity ${capacity})`,
      );
    }
  }
  const sorted = leaves
    .map((l, i) => ({ ...l, i }))
    .sort((a, b) => a.position - b.position || a.i - b.i);
  const rec = (value: Uint8Array, depth: number, lo: number, hi: number): Uint8Array => {
    if (depth === shape.height) return sorted[hi - 1].value;
    const children = readChildren(shape, value, nodes);
    let i = lo;
    while (i < hi) {
      const c = childIndex(shape, sorted[i].position, depth);
      let j = i + 1;
      while (j < hi && childIndex(shape, sorted[j].position, depth) === c) j++;
      const child = children.subarray(c * HASH_LEN, (c + 1) * HASH_LEN);
      children.set(rec(child.slice(), depth + 1, i, j), c * HASH_LEN);
      i = j;
    }
    const hash = blake3Small(children);
    sink.putNode(bytesToHex(hash), children);
    return hash;
  };
  return rec(root, 0, 0, sorted.length);
}

/** The leaf value at `position`, or undefined when absent. */
export function leafAt(
  shape: TreeShape,
  root: Uint8Array,
  position: number,
  nodes: NodeStore,
): Uint8Array | undefined {
  let value = root;
  for (let depth = 0; depth < shape.height; depth++) {
    if (isZeroHash(value)) return undefined;
    const c = childIndex(shape, position, depth);
    value = readChildren(shape, value, nodes).slice(c * HASH_LEN, (c + 1) * HASH_LEN);
  }
  return isZeroHash(value) ? undefined : value;
}

/** Every present leaf in ascending position order. */
export function listLeaves(shape: TreeShape, root: Uint8Array, nodes: NodeStore): Leaf[] {
  const out: Leaf[] = [];
  const rec = (value: Uint8Array, depth: number, base: number): void => {
    if (isZeroHash(value)) return;
    if (depth === shape.height) {
      out.push({ position: base, value });
      return;
    }
    const children = readChildren(shape, value, nodes);
    const s = span(shape, depth);
    for (let c = 0; c < shape.arity; c++) {
      rec(children.slice(c * HASH_LEN, (c + 1) * HASH_LEN), depth + 1, base + c * s);
    }
  };
  rec(root, 0, 0);
  return out;
}

/** Inclusion proof (dusk-merkle `Opening`). */
export interface Opening {
  root: Uint8Array;
  /** `branch[h]`: the `arity` child values of the path node at depth h. */
  branch: Uint8Array[][];
  /** `positions[h]`: which of those children is on the path. */
  positions: number[];
}

export function openTree(
  shape: TreeShape,
  root: Uint8Array,
  position: number,
  nodes: NodeStore,
): Opening {
  const branch: Uint8Array[][] = [];
  const positions: number[] = [];
  let value = root;
  for (let depth = 0; depth < shape.height; depth++) {
    const children = readChildren(shape, value, nodes);
    const level: Uint8Array[] = [];
    for (let c = 0; c < shape.arity; c++)
      level.push(children.slice(c * HASH_LEN, (c + 1) * HASH_LEN));
    const c = childIndex(shape, position, depth);
    branch.push(level);
    positions.push(c);
    value = level[c];
  }
  return { root: root.slice(), branch, positions };
}

/** dusk-merkle's `Opening::verify`: fold the branch from the leaf up and compare with the root. */
export function verifyOpening(opening: Opening, leaf: Uint8Array): boolean {
  let x = leaf;
  for (let h = opening.branch.length - 1; h >= 0; h--) {
    const level = opening.branch[h];
    if (!equalBytes(x, level[opening.positions[h]])) return false;
    const concat = new Uint8Array(level.length * HASH_LEN);
    level.forEach((v, i) => concat.set(v, i * HASH_LEN));
    x = blake3Small(concat);
  }
  return equalBytes(x, opening.root);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A NodeStore + NodeSink over a plain Map, used for session-local nodes and in tests. */
export class MapNodeStore implements NodeStore, NodeSink {
  readonly nodes = new Map<string, Uint8Array>();
  constructor(private readonly fallback?: NodeStore) {}
  getNode(key: string): Uint8Array | undefined {
    return this.nodes.get(key) ?? this.fallback?.getNode(key);
  }
  putNode(key: string, children: Uint8Array): void {
    this.nodes.set(key, children);
  }
}

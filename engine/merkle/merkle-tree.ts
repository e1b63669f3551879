/**
 * A mutable view of one sparse Merkle tree (spec §6.1), loaded lazily from a content-addressed
 * NodeStore and updated in place, the way piecrust keeps its trees in memory. A session keeps one
 * per touched contract (its page tree) and builds the contracts tree over its base for each root
 * computation; `changedNodes` yields what a commit has to store.
 *
 * The values live in WebAssembly memory (node-arena.ts), resident for the tree's life: each
 * loaded inner node owns a block holding its `arity` children's values (a node's store entry), so
 * a node's own value is 32 bytes of its parent's block (the top's: a cell of its own) and a leaf's
 * value is 32 bytes of its parent's block. Setting a leaf writes those 32 bytes and marks its path
 * dirty, each newly dirty node adding its hash job to the tree's table; `root()` runs the table in
 * one call, children first, each output landing where its parent reads it (node-hasher.ts). JavaScript keeps only the topology (a node per
 * loaded inner node, pointing at its children) and never copies a node value to hash it.
 */
import { bytesToHex } from '../core/ids';
import { JobTable } from './node-hasher';
import { allocate, arenaBytes, releaseWhenCollected, type BlockList } from './node-arena';
import {
  HASH_LEN,
  MissingNodeError,
  type NodeStore,
  type Opening,
  type TreeShape,
} from './sparse-tree';

class TreeNode {
  /** Offset of its children's values; -1 until they are loaded. */
  block = -1;
  /** Its inner children once loaded (none on the last inner level, whose children are leaves). */
  children: TreeNode[] | null = null;
  /** The tree's `epoch` while it awaits a hash (it is then in the job table). */
  dirtyIn = -1;
  /** Hashed at least once since the tree was built: a commit must store it. */
  changed = false;
  /** `out`: offset of its own value. */
  constructor(readonly out: number) {}
}

function isZeroAt(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + HASH_LEN; i++) if (bytes[i] !== 0) return false;
  return true;
}

export class MerkleTree {
  private readonly top: TreeNode;
  private readonly spans: number[];
  /** log2 of each span, when positions fit 32 bits and arity is a power of two (every engine tree). */
  private readonly shifts: number[] | null;
  private readonly capacity: number;
  private readonly blockBytes: number;
  /** A block's size in memory: whole 64-byte BLAKE3 blocks, the padding zero (hashChunk reads it). */
  private readonly blockSpace: number;
  private readonly blocks: BlockList = new Map();
  /** The dirty nodes' hash jobs, parents before children. */
  private readonly jobs: JobTable;
  /** Incremented by each `root()` that hashes: a node is dirty iff its `dirtyIn` equals it. */
  private epoch = 0;
  /** Nodes hashed (or about to be) since construction: what a commit must store. */
  private readonly changed: TreeNode[] = [];
  /** The root as last returned: the same object until the tree changes. */
  private rootValue: Uint8Array;

  constructor(
    readonly shape: TreeShape,
    root: Uint8Array,
    private readonly nodes: NodeStore,
  ) {
    this.blockBytes = shape.arity * HASH_LEN;
    this.blockSpace = Math.ceil(this.blockBytes / 64) * 64;
    this.capacity = shape.arity ** shape.height;
    this.top = new TreeNode(allocate(HASH_LEN, this.blocks));
    this.jobs = new JobTable(this.blocks);
    releaseWhenCollected(this, this.blocks);
    arenaBytes().set(root, this.top.out);
    this.rootValue = root.slice();
    this.spans = Array.from(
      { length: shape.height },
      (_, d) => shape.arity ** (shape.height - d - 1),
    );
    const bits = Math.log2(shape.arity);
    this.shifts =
      Number.isInteger(bits) && this.capacity <= 2 ** 32
        ? this.spans.map((_, d) => bits * (shape.height - d - 1))
        : null;
  }

  /** Fill `node`'s block with its children's values (zeros under a zero value) once. */
  private load(node: TreeNode, depth: number): void {
    if (node.block >= 0) return;
    const block = allocate(this.blockSpace, this.blocks);
    const bytes = arenaBytes(); // after allocating: the memory may have grown
    if (isZeroAt(bytes, node.out)) {
      bytes.fill(0, block, block + this.blockSpace);
    } else {
      bytes.fill(0, block + this.blockBytes, block + this.blockSpace);
      const key = bytesToHex(bytes.subarray(node.out, node.out + HASH_LEN));
      const stored = this.nodes.getNode(key);
      if (stored === undefined) throw new MissingNodeError(key);
      bytes.set(stored, block);
    }
    node.block = block;
    if (depth + 1 < this.shape.height) {
      const children: TreeNode[] = new Array(this.shape.arity);
      for (let c = 0; c < this.shape.arity; c++) children[c] = new TreeNode(block + c * HASH_LEN);
      node.children = children;
    }
  }

  private childIndex(position: number, depth: number): number {
    if (this.shifts !== null) return (position >>> this.shifts[depth]) & (this.shape.arity - 1);
    return Math.floor(position / this.spans[depth]) % this.shape.arity;
  }

  private checkPosition(position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.capacity) {
      throw new RangeError(
        `leaf position ${position} outside the tree (capacity ${this.capacity})`,
      );
    }
  }

  /** Set the leaf at `position` (32 bytes, copied); hashes are recomputed lazily by `root()`. */
  set(position: number, value: Uint8Array): void {
    this.checkPosition(position);
    if (value.length !== HASH_LEN) {
      throw new RangeError(`a leaf value is ${HASH_LEN} bytes, got ${value.length}`);
    }
    const last = this.shape.height - 1;
    const epoch = this.epoch;
    let node = this.top;
    for (let depth = 0; ; depth++) {
      if (node.block < 0) this.load(node, depth);
      if (node.dirtyIn !== epoch) {
        node.dirtyIn = epoch;
        this.jobs.add(node.block, this.blockBytes, node.out);
        if (!node.changed) {
          node.changed = true;
          this.changed.push(node);
        }
      }
      if (depth === last) break;
      node = node.children![this.childIndex(position, depth)];
    }
    arenaBytes().set(value, node.block + this.childIndex(position, last) * HASH_LEN);
  }

  /** The leaf at `position` (a copy), or undefined when absent. */
  get(position: number): Uint8Array | undefined {
    this.checkPosition(position);
    this.root();
    let node = this.top;
    for (let depth = 0; depth < this.shape.height; depth++) {
      if (isZeroAt(arenaBytes(), node.out)) return undefined;
      this.load(node, depth);
      if (depth === this.shape.height - 1) {
        const at = node.block + this.childIndex(position, depth) * HASH_LEN;
        const bytes = arenaBytes();
        return isZeroAt(bytes, at) ? undefined : bytes.slice(at, at + HASH_LEN);
      }
      node = node.children![this.childIndex(position, depth)];
    }
    return undefined;
  }

  root(): Uint8Array {
    if (this.jobs.count > 0) {
      this.jobs.runBackwards();
      this.epoch++;
      this.rootValue = arenaBytes().slice(this.top.out, this.top.out + HASH_LEN);
    }
    return this.rootValue;
  }

  /** Add the nodes hashed since construction, as store entries (key = hex of the value), to `out`. */
  changedNodes(out: Map<string, Uint8Array>): void {
    this.root();
    const bytes = arenaBytes();
    for (const node of this.changed) {
      out.set(
        bytesToHex(bytes.subarray(node.out, node.out + HASH_LEN)),
        bytes.slice(node.block, node.block + this.blockBytes),
      );
    }
  }

  /** Every present leaf in ascending position order. */
  leaves(): Array<{ position: number; value: Uint8Array }> {
    this.root();
    const out: Array<{ position: number; value: Uint8Array }> = [];
    const { arity, height } = this.shape;
    const visit = (node: TreeNode, depth: number, base: number): void => {
      if (isZeroAt(arenaBytes(), node.out)) return;
      this.load(node, depth);
      const span = this.spans[depth];
      for (let c = 0; c < arity; c++) {
        if (depth + 1 < height) {
          visit(node.children![c], depth + 1, base + c * span);
        } else {
          const at = node.block + c * HASH_LEN;
          const bytes = arenaBytes();
          if (!isZeroAt(bytes, at))
            out.push({ position: base + c, value: bytes.slice(at, at + HASH_LEN) });
        }
      }
    };
    visit(this.top, 0, 0);
    return out;
  }

  opening(position: number): Opening {
    this.checkPosition(position);
    const root = this.root();
    const branch: Uint8Array[][] = [];
    const positions: number[] = [];
    let node = this.top;
    for (let depth = 0; depth < this.shape.height; depth++) {
      this.load(node, depth);
      const c = this.childIndex(position, depth);
      const bytes = arenaBytes();
      const level: Uint8Array[] = [];
      for (let k = 0; k < this.shape.arity; k++) {
        const at = node.block + k * HASH_LEN;
        level.push(bytes.slice(at, at + HASH_LEN));
      }
      branch.push(level);
      positions.push(c);
      if (depth + 1 < this.shape.height) node = node.children![c];
    }
    return { root: root.slice(), branch, positions };
  }
}

/**
 * A mutable view of one sparse Merkle tree (spec §6.1), loaded lazily from a content-addressed
 * NodeStore and updated in place, the way piecrust keeps its trees in memory. A session keeps one
 * per touched contract (its page tree) and builds the contracts tree over its base for each root
 * computation; `changedNodes` yields what a commit has to store.
 *
 * Node objects point at their children directly, so an update costs one BLAKE3 of `arity × 32`
 * bytes per level and no key conversions (all levels hashed in one call: node-hasher.ts); only
 * nodes read from the store are looked up by key.
 */
import { bytesToHex } from '../core/ids';
import { rehashDirty } from './node-hasher';
import {
  HASH_LEN,
  isZeroHash,
  MissingNodeError,
  ZERO_HASH,
  type NodeStore,
  type Opening,
  type TreeShape,
} from './sparse-tree';

class TreeNode {
  /** Child nodes once loaded (inner nodes only); null while only the hash is known. */
  children: TreeNode[] | null = null;
  /** Changed since the tree was loaded: its hash must be recomputed and it must be stored. */
  dirty = false;
  constructor(public hash: Uint8Array) {}
}

export class MerkleTree {
  private readonly top: TreeNode;
  private readonly spans: number[];
  /** Nodes hashed since construction: what a commit must store. */
  private readonly changed = new Set<TreeNode>();

  constructor(
    readonly shape: TreeShape,
    root: Uint8Array,
    private readonly nodes: NodeStore,
  ) {
    this.top = new TreeNode(root);
    this.spans = Array.from(
      { length: shape.height },
      (_, d) => shape.arity ** (shape.height - d - 1),
    );
  }

  private childrenOf(node: TreeNode): TreeNode[] {
    if (node.children !== null) return node.children;
    const { arity } = this.shape;
    const children: TreeNode[] = new Array(arity);
    if (isZeroHash(node.hash)) {
      for (let c = 0; c < arity; c++) children[c] = new TreeNode(ZERO_HASH);
    } else {
      const key = bytesToHex(node.hash);
      const stored = this.nodes.getNode(key);
      if (stored === undefined) throw new MissingNodeError(key);
      for (let c = 0; c < arity; c++)
        children[c] = new TreeNode(stored.slice(c * HASH_LEN, (c + 1) * HASH_LEN));
    }
    node.children = children;
    return children;
  }

  private checkPosition(position: number): void {
    const capacity = this.shape.arity ** this.shape.height;
    if (!Number.isInteger(position) || position < 0 || position >= capacity) {
      throw new RangeError(`leaf position ${position} outside the tree (capacity ${capacity})`);
    }
  }

  /** Set the leaf at `position`; hashes are recomputed lazily by `root()`. */
  set(position: number, value: Uint8Array): void {
    this.checkPosition(position);
    let node = this.top;
    for (let depth = 0; depth < this.shape.height; depth++) {
      node.dirty = true;
      node = this.childrenOf(node)[Math.floor(position / this.spans[depth]) % this.shape.arity];
    }
    node.hash = value;
  }

  get(position: number): Uint8Array | undefined {
    this.checkPosition(position);
    this.root();
    let node = this.top;
    for (let depth = 0; depth < this.shape.height; depth++) {
      if (isZeroHash(node.hash)) return undefined;
      node = this.childrenOf(node)[Math.floor(position / this.spans[depth]) % this.shape.arity];
    }
    return isZeroHash(node.hash) ? undefined : node.hash;
  }

  root(): Uint8Array {
    if (this.top.dirty) {
      rehashDirty(this.top, this.shape.height, this.shape.arity, this.changed);
    }
    return this.top.hash;
  }

  /** Add the nodes hashed since construction, as store entries (key = hex of the value), to `out`. */
  changedNodes(out: Map<string, Uint8Array>): void {
    this.root();
    const { arity } = this.shape;
    for (const node of this.changed) {
      if (node.children === null) continue;
      const data = new Uint8Array(arity * HASH_LEN);
      node.children.forEach((c, i) => data.set(c.hash, i * HASH_LEN));
      out.set(bytesToHex(node.hash), data);
    }
  }

  /** Every present leaf in ascending position order. */
  leaves(): Array<{ position: number; value: Uint8Array }> {
    this.root();
    const out: Array<{ position: number; value: Uint8Array }> = [];
    const visit = (node: TreeNode, depth: number, base: number): void => {
      if (isZeroHash(node.hash)) return;
      if (depth === this.shape.height) {
        out.push({ position: base, value: node.hash });
        return;
      }
      const span = this.spans[depth];
      this.childrenOf(node).forEach((child, c) => visit(child, depth + 1, base + c * span));
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
      const children = this.childrenOf(node);
      const c = Math.floor(position / this.spans[depth]) % this.shape.arity;
      branch.push(children.map((child) => child.hash.slice()));
      positions.push(c);
      node = children[c];
    }
    return { root: root.slice(), branch, positions };
  }
}

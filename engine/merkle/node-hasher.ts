/**
 * Re-hashing a tree's dirty nodes in one call into WebAssembly (hash/blake3-wasm.ts): each dirty
 * node gets a slot in the module's memory holding its children's values, clean children copied in
 * and dirty ones written there by their own job, which runs first (jobs in post-order). A root
 * update after one changed page is 8 + 32 node hashes (page tree, contracts tree); per-node calls
 * and copies cost as much as the hashing, so they are batched.
 */
import { blake3Wasm, JOB_BYTES } from '../hash/blake3-wasm';
import { HASH_LEN } from './sparse-tree';

/** A node of a MerkleTree as the hasher sees it. */
export interface HashedNode {
  hash: Uint8Array;
  dirty: boolean;
  children: HashedNode[] | null;
}

const PAGE = 65536;

/** The job table being built: (slot, length, out) per job, grown as needed. */
let table = new Uint32Array(3 * 64);
/** The nodes of the jobs, in job order. */
const queued: HashedNode[] = [];

/**
 * Re-hash `top`'s dirty subtree (`height` levels of `arity` children below it; the last level's
 * children are leaves, set directly); every node hashed is added to `hashed`, children first.
 */
export function rehashDirty(
  top: HashedNode,
  height: number,
  arity: number,
  hashed: Set<HashedNode>,
): void {
  const wasm = blake3Wasm();
  const slotBytes = arity * HASH_LEN;
  let bytes = new Uint8Array(wasm.memory.buffer);
  let next = HASH_LEN; // [0, 32): the top's value
  let jobs = 0;
  // Pre-order hands out slots (a dirty child writes into its parent's slot), post-order queues
  // jobs (a child is hashed before the parent that reads it).
  const place = (node: HashedNode, depth: number, out: number): void => {
    const slot = next;
    next += slotBytes;
    if (next > bytes.length) {
      wasm.memory.grow(Math.ceil((next - bytes.length) / PAGE));
      bytes = new Uint8Array(wasm.memory.buffer);
    }
    const children = node.children!;
    const inner = depth + 1 < height;
    for (let c = 0; c < arity; c++) {
      const child = children[c];
      if (inner && child.dirty) place(child, depth + 1, slot + c * HASH_LEN);
      else bytes.set(child.hash, slot + c * HASH_LEN);
    }
    if (3 * jobs + 3 > table.length) {
      const grown = new Uint32Array(table.length * 2);
      grown.set(table);
      table = grown;
    }
    table[3 * jobs] = slot;
    table[3 * jobs + 1] = slotBytes;
    table[3 * jobs + 2] = out;
    queued[jobs++] = node;
  };
  place(top, 0, 0);
  const at = next;
  const end = at + jobs * JOB_BYTES;
  if (end > bytes.length) {
    wasm.memory.grow(Math.ceil((end - bytes.length) / PAGE));
    bytes = new Uint8Array(wasm.memory.buffer);
  }
  new Uint32Array(wasm.memory.buffer, at, 3 * jobs).set(table.subarray(0, 3 * jobs));
  wasm.hashJobs(at, jobs);
  for (let j = 0; j < jobs; j++) {
    const node = queued[j];
    const out = table[3 * j + 2];
    node.hash = bytes.slice(out, out + HASH_LEN);
    node.dirty = false;
    hashed.add(node);
  }
  queued.length = 0;
}

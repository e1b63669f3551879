/**
 * Re-hashing a tree's dirty nodes in one call into WebAssembly (hash/blake3-wasm.ts). A node's
 * children values lie in its block of the module's memory (node-arena.ts) and its own value in
 * its parent's block, so each node is one fixed job (block, block length, where its value goes);
 * children go before their parents, so that every job reads values already hashed. A root update
 * after one changed page is 8 + 32 node hashes (page tree, contracts tree); per-node calls,
 * copies and allocations cost as much as the hashing, hence the single call and no per-node
 * objects.
 */
import { blake3Wasm, JOB_BYTES } from '../hash/blake3-wasm';
import { allocate, arenaWords, type BlockList } from './node-arena';

/** A dirty node as the hasher sees it. */
export interface HashJob {
  /** Offset of its children's values (`arity × 32` bytes). */
  readonly block: number;
  /** Offset where its own value goes: its place in its parent's block, or the tree's root cell. */
  readonly out: number;
}

/** The job table (never released: one per thread, grown by doubling). */
const tableBlocks: BlockList = new Map();
let table = -1;
let tableJobs = 0;

function tableFor(jobs: number): number {
  if (jobs > tableJobs) {
    tableJobs = Math.max(64, 2 * tableJobs, jobs);
    table = allocate(tableJobs * JOB_BYTES, tableBlocks);
  }
  return table;
}

/**
 * Hash `nodes[0, count)` in one call, from the last to the first (the caller lists a node after
 * its parent, so children are hashed before the parents that read them), each over its
 * `blockBytes` bytes.
 */
export function hashInReverse(nodes: readonly HashJob[], count: number, blockBytes: number): void {
  if (count === 0) return;
  const at = tableFor(count);
  const words = arenaWords();
  let w = at >>> 2;
  for (let i = count - 1; i >= 0; i--) {
    const node = nodes[i];
    words[w] = node.block;
    words[w + 1] = blockBytes;
    words[w + 2] = node.out;
    w += 3;
  }
  blake3Wasm().hashJobs(at, count);
}

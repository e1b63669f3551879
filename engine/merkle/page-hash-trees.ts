/**
 * A page's BLAKE3 hash, kept up to date from the chunks written instead of the whole page.
 *
 * BLAKE3 is itself a tree: a 64 KiB page is 64 chunks of 1 KiB, each compressed into a chaining
 * value, and 63 parent nodes over them (a perfect binary tree), the topmost compressed as the
 * root. Keeping a page's 127 values, a write to one chunk costs that chunk's 16 compressions and
 * the 6 parents above it (about 1.4 µs here) instead of the whole page (about 9 µs with the
 * native SIMD hasher). Building the values the first time costs all 1,087 compressions in the
 * scalar WebAssembly hasher (about 65 µs), so a tree is built only for a page that is changed
 * again, in a few chunks, after it was hashed once: a counter bumped call after call, not a page
 * written once or rewritten whole (state-computation.ts decides).
 *
 * The values live in the WebAssembly BLAKE3 module's memory (node-arena.ts), one 4 KiB block per
 * page laid out as a heap: node i at i × 32, its children at 2i and 2i + 1 (so a parent's
 * message, its two children, is 64 contiguous bytes), chunk j's value at node 64 + j, the root
 * at node 1. The tests compare every result with the native hasher.
 */
import {
  blake3Wasm,
  CHAIN_JOB_BYTES,
  CHUNK_END,
  CHUNK_START,
  PARENT,
  ROOT,
} from '../hash/blake3-wasm';
import {
  allocate,
  arenaBytes,
  arenaWords,
  releaseWhenCollected,
  type BlockList,
} from './node-arena';

const CHUNK_SIZE = 1024;
const CHUNKS = 64;
const PAGE_BYTES = CHUNK_SIZE * CHUNKS;
const NODE = 32;
const TREE_BYTES = 2 * CHUNKS * NODE;
/** At most one job per chunk and per parent. */
const MAX_JOBS = 2 * CHUNKS - 1;

/** The thread's scratch space: chunk copies (a whole page) and the job table. */
interface Scratch {
  chunks: number;
  jobs: number;
}

let scratch: Scratch | undefined;
const scratchOwner: BlockList = new Map();
/** Internal nodes (1..63) to recompute, reused by every update. */
const needed = new Uint8Array(CHUNKS);

function scratchSpace(): Scratch {
  scratch ??= {
    chunks: allocate(PAGE_BYTES, scratchOwner),
    jobs: allocate(MAX_JOBS * CHAIN_JOB_BYTES, scratchOwner),
  };
  return scratch;
}

export class PageHashTrees {
  /** Page → its block. */
  private readonly trees = new Map<number, number>();
  /** Blocks of dropped trees, reused before allocating. */
  private readonly spare: number[] = [];
  private readonly owner: BlockList = new Map();
  private registered = false;

  has(page: number): boolean {
    return this.trees.has(page);
  }

  /** Hash `bytes` (the page's 64 KiB) from scratch, keeping the tree; its root. */
  build(page: number, bytes: Uint8Array): Uint8Array {
    if (bytes.length !== PAGE_BYTES)
      throw new Error(`a page is ${PAGE_BYTES} bytes, not ${bytes.length}`);
    const block = this.blockFor(page);
    const { chunks, jobs } = scratchSpace();
    arenaBytes().set(bytes, chunks);
    let count = 0;
    for (let j = 0; j < CHUNKS; j++)
      count = chunkJob(jobs, count, chunks + j * CHUNK_SIZE, block, j);
    for (let node = CHUNKS - 1; node >= 1; node--) count = parentJob(jobs, count, block, node);
    blake3Wasm().chainJobs(jobs, count);
    return rootOf(block);
  }

  /**
   * Re-hash the chunks of `bytes` marked in `low` (chunks 0–31) and `high` (32–63), and the
   * parents above them; the new root. The other chunks must be as they were when last hashed.
   */
  update(page: number, bytes: Uint8Array, low: number, high: number): Uint8Array {
    const block = this.trees.get(page);
    if (block === undefined) throw new Error(`page ${page} has no hash tree`);
    const { chunks, jobs } = scratchSpace();
    const memory = arenaBytes();
    needed.fill(0);
    let count = 0;
    let copied = 0;
    for (let j = 0; j < CHUNKS; j++) {
      const bits = j < 32 ? low : high;
      if ((bits & (1 << (j & 31))) === 0) continue;
      const at = chunks + copied++ * CHUNK_SIZE;
      memory.set(bytes.subarray(j * CHUNK_SIZE, (j + 1) * CHUNK_SIZE), at);
      count = chunkJob(jobs, count, at, block, j);
      for (let node = (CHUNKS + j) >>> 1; node >= 1 && needed[node] === 0; node >>>= 1) {
        needed[node] = 1;
      }
    }
    // Children before parents: a parent's index is below its children's.
    for (let node = CHUNKS - 1; node >= 1; node--) {
      if (needed[node] === 1) count = parentJob(jobs, count, block, node);
    }
    blake3Wasm().chainJobs(jobs, count);
    return rootOf(block);
  }

  /** Forget `page`'s tree (it was rewritten too widely to be worth updating). */
  drop(page: number): void {
    const block = this.trees.get(page);
    if (block === undefined) return;
    this.trees.delete(page);
    this.spare.push(block);
  }

  private blockFor(page: number): number {
    let block = this.trees.get(page);
    if (block === undefined) {
      if (!this.registered) {
        releaseWhenCollected(this, this.owner);
        this.registered = true;
      }
      block = this.spare.pop() ?? allocate(TREE_BYTES, this.owner);
      this.trees.set(page, block);
    }
    return block;
  }
}

function chunkJob(jobs: number, count: number, msg: number, block: number, j: number): number {
  return job(jobs, count, msg, CHUNK_SIZE, block + (CHUNKS + j) * NODE, j, CHUNK_START, CHUNK_END);
}

function parentJob(jobs: number, count: number, block: number, node: number): number {
  const flags = node === 1 ? PARENT | ROOT : PARENT;
  return job(jobs, count, block + 2 * node * NODE, 2 * NODE, block + node * NODE, 0, 0, flags);
}

function job(
  jobs: number,
  count: number,
  msg: number,
  nbytes: number,
  out: number,
  counter: number,
  first: number,
  last: number,
): number {
  const words = arenaWords();
  const w = (jobs >>> 2) + 6 * count;
  words[w] = msg;
  words[w + 1] = nbytes;
  words[w + 2] = out;
  words[w + 3] = counter;
  words[w + 4] = first;
  words[w + 5] = last;
  return count + 1;
}

function rootOf(block: number): Uint8Array {
  return arenaBytes().slice(block + NODE, block + 2 * NODE);
}

/**
 * A tree's hash jobs, kept in WebAssembly memory (node-arena.ts) and run in one call
 * (hash/blake3-wasm.ts). A node's children values lie in its block and its own value in its
 * parent's block, so each dirty node is one fixed job (block, block length, where its value goes),
 * written once when `set` marks the node dirty. `set` marks a path from the top down, so a node's
 * job always comes after its parent's: running the table backwards hashes children first. A root
 * update after one changed page is 8 + 32 node hashes (page tree, contracts tree); per-node calls,
 * copies and allocations cost as much as the hashing, hence no per-node work left for `root()`.
 */
import { blake3Wasm, JOB_BYTES } from '../hash/blake3-wasm';
import { allocate, arenaBytes, arenaWords, type BlockList } from './node-arena';

export class JobTable {
  private at = -1;
  private capacity = 0;
  /** Jobs written since the last run. */
  count = 0;

  /** `owner`: the tree's blocks, which the table's blocks join. */
  constructor(private readonly owner: BlockList) {}

  add(block: number, nbytes: number, out: number): void {
    if (this.count === this.capacity) this.grow();
    const words = arenaWords();
    const w = (this.at >>> 2) + 3 * this.count++;
    words[w] = block;
    words[w + 1] = nbytes;
    words[w + 2] = out;
  }

  /** Hash every job, the last written first, and empty the table. */
  runBackwards(): void {
    blake3Wasm().hashJobsBackwards(this.at, this.count);
    this.count = 0;
  }

  private grow(): void {
    const capacity = Math.max(64, 2 * this.capacity);
    const at = allocate(capacity * JOB_BYTES, this.owner);
    // The old table stays the tree's (released with it): growth is rare and doubles.
    if (this.count > 0) arenaBytes().copyWithin(at, this.at, this.at + this.count * JOB_BYTES);
    this.at = at;
    this.capacity = capacity;
  }
}

/**
 * Where a thread's Merkle trees keep their node values: blocks of the WebAssembly BLAKE3 module's
 * memory (hash/blake3-wasm.ts), so that a root update hashes nodes where they lie, each output
 * written straight into its parent's block, with no JavaScript object, copy or allocation per
 * node (merkle-tree.ts says how a tree lays them out).
 *
 * Blocks are handed out by size from free lists, then from the end of the used memory, which grows
 * as needed. A tree returns its blocks when it is garbage collected (`release` through a
 * FinalizationRegistry), so sessions that come and go reuse the same memory. The first 64 KiB stay
 * free for callers of the module's functions that bring their own scratch offsets (its tests).
 */
import { blake3Wasm, type Blake3Wasm } from '../hash/blake3-wasm';

const WASM_PAGE = 65536;
const RESERVED = WASM_PAGE;

/** The blocks one tree owns, by size: what its finalizer gives back. */
export type BlockList = Map<number, number[]>;

let wasm: Blake3Wasm | undefined;
let bytes = new Uint8Array(0);
let words = new Uint32Array(0);
let used = RESERVED;
const free = new Map<number, number[]>();
const released = new FinalizationRegistry<BlockList>(releaseBlocks);

function freeList(size: number): number[] {
  let list = free.get(size);
  if (list === undefined) free.set(size, (list = []));
  return list;
}

function module(): Blake3Wasm {
  if (wasm === undefined) wasm = blake3Wasm();
  return wasm;
}

/** The memory as bytes (a fresh view once the memory grew: the old view is detached, length 0). */
export function arenaBytes(): Uint8Array {
  if (bytes.length === 0) refreshViews();
  return bytes;
}

/** The memory as little-endian u32 words (index = byte offset / 4). */
export function arenaWords(): Uint32Array {
  if (words.length === 0) refreshViews();
  return words;
}

function refreshViews(): void {
  const buffer = module().memory.buffer;
  bytes = new Uint8Array(buffer);
  words = new Uint32Array(buffer);
}

/** A block of `size` bytes (a multiple of 4), contents unspecified; recorded in `owner`. */
export function allocate(size: number, owner: BlockList): number {
  const list = free.get(size);
  let offset = list?.pop();
  if (offset === undefined) {
    offset = used;
    used += size;
    const memory = module().memory;
    if (used > memory.buffer.byteLength) {
      memory.grow(Math.ceil((used - memory.buffer.byteLength) / WASM_PAGE));
    }
  }
  let owned = owner.get(size);
  if (owned === undefined) owner.set(size, (owned = []));
  owned.push(offset);
  return offset;
}

/** Give `owner`'s blocks back when `holder` (the tree owning them) is collected. */
export function releaseWhenCollected(holder: object, owner: BlockList): void {
  released.register(holder, owner);
}

/** Put `owner`'s blocks on the free lists (it must not use them any more). */
export function releaseBlocks(owner: BlockList): void {
  for (const [size, offsets] of owner) {
    const list = freeList(size);
    for (const offset of offsets) list.push(offset);
  }
  owner.clear();
}

/** Bytes handed out so far past the reserved scratch (free blocks included): for tests. */
export function arenaUsedBytes(): number {
  return used - RESERVED;
}

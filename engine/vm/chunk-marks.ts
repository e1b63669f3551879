/**
 * Which 1 KiB chunks of a contract's memory were written since their page was last hashed: a
 * bitmap of 64 bits per page (bit i of byte i >> 3 for chunk i), kept in the BLAKE3 module's
 * memory (merkle/node-arena.ts) so that the instrumented code sets a bit with a WebAssembly call
 * (`markChunk`, wasm/write-marks.ts), never a call into JavaScript. Only hashing reads it
 * (state-computation.ts), to update a page's hash from its written chunks: a chunk marked
 * needlessly (a write that was reverted, a page marked whole) only costs hashing it again, a chunk
 * written but not marked would make the hash wrong, so every writer of contract memory marks.
 *
 * The bitmap grows by doubling when a page beyond it is written (`cover`, called by `touch` before
 * a page's first write at each level); the instance's `__pi_chunks` global must then be set to the
 * new `base`. Its blocks return to the arena when the owner is garbage collected.
 */
import { blake3Wasm } from '../hash/blake3-wasm';
import {
  allocate,
  arenaBytes,
  arenaWords,
  releaseWhenCollected,
  type BlockList,
} from '../merkle/node-arena';
import { PAGE_SIZE } from './host-abi';

const CHUNK_SIZE = 1024;
/** Bytes of bitmap per page (64 chunks). */
const PAGE_BYTES = 8;
const MIN_PAGES = 16;

export class ChunkMarks {
  /** The bitmap's offset in the BLAKE3 module's memory; -1 before the first page is covered. */
  base = -1;
  private pages = 0;
  private readonly owner: BlockList = new Map();

  /** Make the bitmap cover `page` (`base` may change: a live instance's global must follow). */
  cover(page: number): void {
    if (page < this.pages) return;
    const pages = Math.max(page + 1, 2 * this.pages, MIN_PAGES);
    if (this.base < 0) releaseWhenCollected(this, this.owner);
    const base = allocate(pages * PAGE_BYTES, this.owner);
    const bytes = arenaBytes();
    bytes.fill(0, base, base + pages * PAGE_BYTES);
    // The old block stays the owner's (released with it): growth doubles, so it is rare.
    if (this.base >= 0) bytes.copyWithin(base, this.base, this.base + this.pages * PAGE_BYTES);
    this.base = base;
    this.pages = pages;
  }

  /** The chunk `chunk` (memory offset / 1024) was written. */
  mark(chunk: number): void {
    this.cover(Math.floor(chunk / 64));
    blake3Wasm().markChunk(this.base, chunk);
  }

  /** Bytes [offset, offset + length) were written. */
  markRange(offset: number, length: number): void {
    if (length <= 0) return;
    const last = Math.floor((offset + length - 1) / CHUNK_SIZE);
    for (let chunk = Math.floor(offset / CHUNK_SIZE); chunk <= last; chunk++) this.mark(chunk);
  }

  /** The whole page was written. */
  markPage(page: number): void {
    this.markRange(page * PAGE_SIZE, PAGE_SIZE);
  }

  /** Page `page`'s marks: chunks 0–31 (`low`) and 32–63 (`high`), as bits. */
  low(page: number): number {
    return page < this.pages ? arenaWords()[(this.base >>> 2) + 2 * page] : 0;
  }

  high(page: number): number {
    return page < this.pages ? arenaWords()[(this.base >>> 2) + 2 * page + 1] : 0;
  }

  /** The page was hashed: its chunks are unmarked. */
  clear(page: number): void {
    if (page >= this.pages) return;
    const words = arenaWords();
    words[(this.base >>> 2) + 2 * page] = 0;
    words[(this.base >>> 2) + 2 * page + 1] = 0;
  }
}

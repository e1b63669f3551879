/**
 * The instrumented module's write-tracking helpers (instrument.ts lays out the module), written
 * as raw function bodies:
 *
 * - pages, for revert: a funcref table with an entry per page, cleared at every snapshot level (a
 *   frame boundary); the host's `touch(page)` is called on a page's first write at a level and
 *   saves the page;
 * - chunks (1 KiB), for hashing: each write sets its chunk's bit in the contract's bitmap through
 *   `markChunk(base, chunk)`, a function of the engine's BLAKE3 module, whose memory holds the
 *   bitmaps (vm/chunk-marks.ts), so that a page written in a few places is re-hashed from those
 *   chunks only (merkle/page-hash-trees.ts). `base` is a global the host sets; `touch` makes sure
 *   the bitmap covers the page before its first chunk is marked.
 *
 * Why not a second table, by chunk: V8 allocates a funcref table's entries with each instance
 * (one per top-level call) and grows it at about 14 ns an entry, so a chunk table made every call
 * 1–15 µs slower on ordinary contracts and 1 ms slower on one with 256 initial pages.
 */
import { ByteWriter } from './binary';
import { OP } from './instructions';
import { FUNCREF, I32 } from './module';
import { CHUNKS_PER_PAGE_SHIFT, CHUNK_SHIFT } from './instrumented-layout';

const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const I32_LE_U = 0x4d;
const I32_GE_U = 0x4f;
const I64_EQZ = 0x50;
const I64_SHR_U = 0x88;
const I64_SHL = 0x86;
const I64_ADD = 0x7c;
const I64_SUB = 0x7d;
const I64_LT_U = 0x54;
const I64_GE_U = 0x5a;
const I64_EXTEND_I32_U = 0xad;
const I32_WRAP_I64 = 0xa7;
const TABLE_GROW = 15;
const TABLE_SIZE = 16;
const TABLE_FILL = 17;

/** The indices `mark` uses. */
export interface MarkIndices {
  /** The page marks table. */
  pages: number;
  /** Globals: the last chunk marked, the chunk bitmap's base. */
  last: number;
  chunkBase: number;
  /** Functions: the host's touch, the engine's markChunk, mark itself. */
  touch: number;
  markChunk: number;
  self: number;
}

function memoryPages(w: ByteWriter, is64: boolean): void {
  w.u8(OP.memorySize).u8(0);
  if (is64) w.u8(I32_WRAP_I64);
}

function tableSize(w: ByteWriter, table: number): void {
  w.u8(0xfc).u32(TABLE_SIZE).u32(table);
}

/**
 * `mark(chunk)`: on the page's first write at this level (growing the page table with memory
 * first; a write beyond memory marks nothing, the access traps), call the host; then set the
 * chunk's bit, and remember the chunk in the one-entry cache `last`.
 */
export function markBody(is64: boolean, at: MarkIndices): Uint8Array {
  const CHUNK = 0,
    PAGES = 1,
    PAGE = 2;
  const w = new ByteWriter(96);
  w.u32(1).u32(2).u8(I32);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.i32Const).s32(CHUNKS_PER_PAGE_SHIFT).u8(I32_SHR_U);
  w.u8(OP.localSet).u32(PAGE);
  // if page >= table.size: stop if beyond memory, else grow the table to memory's size
  w.u8(OP.localGet).u32(PAGE);
  tableSize(w, at.pages);
  w.u8(I32_GE_U).u8(OP.if).u8(0x40);
  memoryPages(w, is64);
  w.u8(OP.localTee).u32(PAGES).u8(OP.localGet).u32(PAGE).u8(I32_LE_U);
  w.u8(OP.if).u8(0x40).u8(OP.return).u8(OP.end);
  w.u8(OP.refNull).u8(FUNCREF).u8(OP.localGet).u32(PAGES);
  tableSize(w, at.pages);
  w.u8(I32_SUB).u8(0xfc).u32(TABLE_GROW).u32(at.pages).u8(OP.drop);
  w.u8(OP.end);
  w.u8(OP.localGet).u32(PAGE).u8(OP.tableGet).u32(at.pages).u8(OP.refIsNull);
  w.u8(OP.if).u8(0x40);
  w.u8(OP.localGet).u32(PAGE).u8(OP.call).u32(at.touch);
  w.u8(OP.localGet).u32(PAGE).u8(OP.refFunc).u32(at.self).u8(OP.tableSet).u32(at.pages);
  w.u8(OP.end);
  // after touch: it may have moved the bitmap
  w.u8(OP.globalGet).u32(at.chunkBase).u8(OP.localGet).u32(CHUNK).u8(OP.call).u32(at.markChunk);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.globalSet).u32(at.last);
  w.u8(OP.end);
  return w.finish();
}

/**
 * `markRange(start: i64, len: i64)` for memory.fill/copy/init: `mark` each chunk of the range
 * that lies in memory (the part beyond traps; nothing is written then).
 */
export function markRangeBody(is64: boolean, mark: number): Uint8Array {
  const START = 0,
    LEN = 1,
    CHUNK = 2,
    LAST = 3,
    PAGES = 4;
  const w = new ByteWriter(128);
  w.u32(1).u32(3).u8(I32);
  w.u8(OP.localGet).u32(LEN).u8(I64_EQZ).u8(OP.if).u8(0x40).u8(OP.return).u8(OP.end);
  memoryPages(w, is64);
  w.u8(OP.localSet).u32(PAGES);
  // first page beyond memory → the access traps, nothing to mark
  w.u8(OP.localGet).u32(START).u8(OP.i64Const).s64(16n).u8(I64_SHR_U);
  w.u8(OP.localGet).u32(PAGES).u8(I64_EXTEND_I32_U).u8(I64_GE_U);
  w.u8(OP.if).u8(0x40).u8(OP.return).u8(OP.end);
  w.u8(OP.localGet).u32(START).u8(OP.i64Const).s64(BigInt(CHUNK_SHIFT)).u8(I64_SHR_U);
  w.u8(I32_WRAP_I64).u8(OP.localSet).u32(CHUNK);
  // last chunk = min((start + len - 1) >> 10, pages * 64 - 1), computed without overflow
  w.u8(OP.localGet).u32(PAGES).u8(OP.i32Const).s32(CHUNKS_PER_PAGE_SHIFT).u8(I32_SHL);
  w.u8(OP.i32Const).s32(1).u8(I32_SUB).u8(OP.localSet).u32(LAST);
  w.u8(OP.localGet).u32(LEN).u8(OP.i64Const).s64(1n).u8(I64_SUB); // len - 1
  w.u8(OP.localGet).u32(PAGES).u8(I64_EXTEND_I32_U).u8(OP.i64Const).s64(16n).u8(I64_SHL);
  w.u8(OP.localGet).u32(START).u8(I64_SUB).u8(I64_LT_U); // len - 1 < (pages << 16) - start
  w.u8(OP.if).u8(0x40);
  w.u8(OP.localGet).u32(START).u8(OP.localGet).u32(LEN).u8(I64_ADD);
  w.u8(OP.i64Const).s64(1n).u8(I64_SUB);
  w.u8(OP.i64Const).s64(BigInt(CHUNK_SHIFT)).u8(I64_SHR_U).u8(I32_WRAP_I64);
  w.u8(OP.localSet).u32(LAST);
  w.u8(OP.end);
  w.u8(OP.loop).u8(0x40);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.call).u32(mark);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.i32Const).s32(1).u8(I32_ADD).u8(OP.localTee).u32(CHUNK);
  w.u8(OP.localGet).u32(LAST).u8(I32_LE_U).u8(OP.brIf).u32(0); // chunk <= last → continue
  w.u8(OP.end);
  w.u8(OP.end);
  return w.finish();
}

/** `reset()`: a new snapshot level; pages are marked anew (chunk bits stay). */
export function resetBody(pages: number, last: number): Uint8Array {
  const w = new ByteWriter(32);
  w.u32(0);
  w.u8(OP.i32Const).s32(0).u8(OP.refNull).u8(FUNCREF);
  tableSize(w, pages);
  w.u8(0xfc).u32(TABLE_FILL).u32(pages);
  w.u8(OP.i32Const).s32(-1).u8(OP.globalSet).u32(last);
  w.u8(OP.end);
  return w.finish();
}

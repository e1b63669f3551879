/**
 * The instrumented module's write-tracking helpers (instrument.ts lays out the module), written
 * as raw function bodies. Two funcref tables record what the running instance has written: one
 * entry per page, cleared at every snapshot level (a frame boundary), and one per chunk (1 KiB),
 * kept for the instance's life (one top-level call). The host's `touch(chunk)` is called on the
 * first write to a chunk, and again on the first write to its page at each new level:
 *
 * - the page mark drives revert: the host saves the page before its first write in a frame;
 * - the chunk mark drives hashing: the host notes the chunk, so that a page written in a few
 *   places is re-hashed from those chunks only (hash/page-chunk-trees.ts) instead of whole.
 *
 * Both tables grow together with memory (a chunk table of 64 entries per page), on the first
 * write past their size; a write beyond memory marks nothing (the access traps).
 */
import { ByteWriter } from './binary';
import { OP } from './instructions';
import { FUNCREF, I32 } from './module';
import { CHUNKS_PER_PAGE_SHIFT, CHUNK_SHIFT } from './instrumented-layout';

const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const I32_OR = 0x72;
const I32_LE_U = 0x4d;
const I32_GE_U = 0x4f;
const I32_GT_U = 0x4b;
const I32_LT_U = 0x49;
const SELECT = 0x1b;
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

export interface MarkTables {
  /** One entry per page, cleared by reset. */
  pages: number;
  /** One entry per chunk, never cleared. */
  chunks: number;
}

function memoryPages(w: ByteWriter, is64: boolean): void {
  w.u8(OP.memorySize).u8(0);
  if (is64) w.u8(I32_WRAP_I64);
}

function tableSize(w: ByteWriter, table: number): void {
  w.u8(0xfc).u32(TABLE_SIZE).u32(table);
}

/** Grow `table` with nulls to the size in local `target` (it is smaller). */
function growTo(w: ByteWriter, table: number, target: number): void {
  w.u8(OP.refNull).u8(FUNCREF).u8(OP.localGet).u32(target);
  tableSize(w, table);
  w.u8(I32_SUB).u8(0xfc).u32(TABLE_GROW).u32(table).u8(OP.drop);
}

/**
 * `mark(chunk)`: make sure both tables cover the chunk, then call the host unless both the chunk
 * and its page are already marked; remember the chunk in the one-entry cache `last`.
 *
 * Growth: the page table to the memory's size (at most 65,536 entries), the chunk table
 * geometrically, to the chunk's page or twice its size, whichever is more, never past memory
 * (an entry past memory would let a write that traps reach the host first). A 256 MiB memory's
 * full chunk table is 262,144 entries, too many to allocate on every call that writes one word.
 * The page table is never smaller than the chunk table's pages, so covering the chunk covers
 * its page.
 */
export function markBody(
  is64: boolean,
  tables: MarkTables,
  last: number,
  touch: number,
  self: number,
): Uint8Array {
  const CHUNK = 0,
    PAGES = 1,
    PAGE = 2,
    TARGET = 3;
  const w = new ByteWriter(128);
  w.u32(1).u32(3).u8(I32);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.i32Const).s32(CHUNKS_PER_PAGE_SHIFT).u8(I32_SHR_U);
  w.u8(OP.localSet).u32(PAGE);
  w.u8(OP.localGet).u32(CHUNK);
  tableSize(w, tables.chunks);
  w.u8(I32_GE_U).u8(OP.if).u8(0x40);
  memoryPages(w, is64);
  w.u8(OP.localTee).u32(PAGES).u8(OP.localGet).u32(PAGE).u8(I32_LE_U);
  w.u8(OP.if).u8(0x40).u8(OP.return).u8(OP.end);
  // the page table, to memory
  tableSize(w, tables.pages);
  w.u8(OP.localGet).u32(PAGES).u8(I32_LT_U).u8(OP.if).u8(0x40);
  growTo(w, tables.pages, PAGES);
  w.u8(OP.end);
  // the chunk table: min(pages, max(page + 1, 2 × its pages)) pages
  const twiceItsPages = () => {
    tableSize(w, tables.chunks);
    w.u8(OP.i32Const)
      .s32(CHUNKS_PER_PAGE_SHIFT - 1)
      .u8(I32_SHR_U);
  };
  w.u8(OP.localGet).u32(PAGE).u8(OP.i32Const).s32(1).u8(I32_ADD).u8(OP.localTee).u32(TARGET);
  twiceItsPages();
  w.u8(OP.localGet).u32(TARGET);
  twiceItsPages();
  w.u8(I32_GT_U).u8(SELECT).u8(OP.localSet).u32(TARGET); // max
  w.u8(OP.localGet).u32(TARGET).u8(OP.localGet).u32(PAGES);
  w.u8(OP.localGet).u32(TARGET).u8(OP.localGet).u32(PAGES);
  w.u8(I32_LT_U).u8(SELECT); // min
  w.u8(OP.i32Const).s32(CHUNKS_PER_PAGE_SHIFT).u8(I32_SHL).u8(OP.localSet).u32(TARGET);
  growTo(w, tables.chunks, TARGET);
  w.u8(OP.end);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.tableGet).u32(tables.chunks).u8(OP.refIsNull);
  w.u8(OP.localGet).u32(PAGE).u8(OP.tableGet).u32(tables.pages).u8(OP.refIsNull);
  w.u8(I32_OR).u8(OP.if).u8(0x40);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.call).u32(touch);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.refFunc).u32(self).u8(OP.tableSet).u32(tables.chunks);
  w.u8(OP.localGet).u32(PAGE).u8(OP.refFunc).u32(self).u8(OP.tableSet).u32(tables.pages);
  w.u8(OP.end);
  w.u8(OP.localGet).u32(CHUNK).u8(OP.globalSet).u32(last);
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

/** `reset()`: a new snapshot level; pages are marked anew, chunks stay marked. */
export function resetBody(tables: MarkTables, last: number): Uint8Array {
  const w = new ByteWriter(32);
  w.u32(0);
  w.u8(OP.i32Const).s32(0).u8(OP.refNull).u8(FUNCREF);
  tableSize(w, tables.pages);
  w.u8(0xfc).u32(TABLE_FILL).u32(tables.pages);
  w.u8(OP.i32Const).s32(-1).u8(OP.globalSet).u32(last);
  w.u8(OP.end);
  return w.finish();
}

/**
 * 64 KiB buffers for the pre-write copies of pages (the revert log). A call typically writes a
 * handful of pages, each copied once per snapshot level; recycling the buffers keeps that copy
 * from also costing an allocation and the GC pressure that follows. A page that is all zeros
 * (fresh memory: a call that fills 256 MiB of it) is not copied at all: every such copy is the
 * one shared ZERO_PAGE, so the revert log costs nothing for memory that was empty.
 */
import { PAGE_SIZE } from './host-abi';

const MAX_POOLED = 256;
const free: Uint8Array[] = [];

/** The copy of every all-zero page (never written to, never pooled). */
export const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

const ZEROS = Buffer.alloc(PAGE_SIZE);

/** A native compare (memcmp): ~2 µs for a zero page, less for one that is not. */
function isZero(source: Uint8Array, start: number): boolean {
  if (start + PAGE_SIZE > source.length) return false;
  return Buffer.from(source.buffer, source.byteOffset + start, PAGE_SIZE).equals(ZEROS);
}

export function takePageCopy(source: Uint8Array, page: number): Uint8Array {
  const start = page * PAGE_SIZE;
  if (isZero(source, start)) return ZERO_PAGE;
  const copy = free.pop() ?? new Uint8Array(PAGE_SIZE);
  copy.set(source.subarray(start, start + PAGE_SIZE));
  return copy;
}

export function releasePageCopy(copy: Uint8Array): void {
  if (copy !== ZERO_PAGE && free.length < MAX_POOLED) free.push(copy);
}

/**
 * 64 KiB buffers for the pre-write copies of pages (the revert log). A call typically writes a
 * handful of pages, each copied once per snapshot level; recycling the buffers keeps that copy
 * from also costing an allocation and the GC pressure that follows.
 */
import { PAGE_SIZE } from './host-abi';

const MAX_POOLED = 256;
const free: Uint8Array[] = [];

export function takePageCopy(source: Uint8Array, page: number): Uint8Array {
  const copy = free.pop() ?? new Uint8Array(PAGE_SIZE);
  const start = page * PAGE_SIZE;
  copy.set(source.subarray(start, start + PAGE_SIZE));
  return copy;
}

export function releasePageCopy(copy: Uint8Array): void {
  if (free.length < MAX_POOLED) free.push(copy);
}

// A persistent heap. The VM creates a fresh instance for every top-level call, so wasm globals —
// including the AssemblyScript runtime's bump pointer — start over each time and only linear memory
// survives. The runtime's heap therefore only serves temporaries of one call, and state that outlives
// the call is allocated here, with the heap top kept in linear memory.
//
// Layout: [__heap_base, heapBase()) is left to the runtime's temporaries (TEMP_ARENA bytes, enough for
// any single call of the contracts that use this heap); persistent blocks grow upwards from
// heapBase(). Memory grows one page at a time as blocks need it. Nothing is ever freed.
import { panic } from './panic';

/** Heap top (0 until the first allocation). Lives in a data segment, so it persists. */
const HEADER: usize = memory.data(8, 8);
const PAGE: usize = 65536;
const TEMP_ARENA: usize = 256 << 10;

export function heapBase(): usize {
  return ((__heap_base + PAGE - 1) & ~(PAGE - 1)) + TEMP_ARENA;
}

export function heapTop(): usize {
  const top = load<usize>(HEADER);
  return top == 0 ? heapBase() : top;
}

/** Grows memory so that [0, end) is addressable; only as many pages as needed. */
export function ensureMemory(end: usize): void {
  const have = <usize>memory.size() * PAGE;
  if (end <= have) return;
  const pages = <i32>((end - have + PAGE - 1) / PAGE);
  if (memory.grow(pages) < 0) panic('persistent heap: out of memory');
}

/** Allocates `size` zeroed bytes aligned to `align` (a power of two). */
export function palloc(size: usize, align: usize = 8): usize {
  const ptr = (heapTop() + align - 1) & ~(align - 1);
  const end = ptr + size;
  ensureMemory(end);
  store<usize>(HEADER, end);
  // Temporaries of calls made before the first allocation may have left bytes here.
  memory.fill(ptr, 0, size);
  return ptr;
}

/** Resizes a block: in place when it is the topmost one, otherwise by copying. */
export function prealloc(ptr: usize, oldSize: usize, newSize: usize, align: usize = 8): usize {
  if (ptr != 0 && ptr + oldSize == load<usize>(HEADER)) {
    ensureMemory(ptr + newSize);
    store<usize>(HEADER, ptr + newSize);
    if (newSize > oldSize) memory.fill(ptr + oldSize, 0, newSize - oldSize);
    return ptr;
  }
  const fresh = palloc(newSize, align);
  if (ptr != 0) memory.copy(fresh, ptr, min(oldSize, newSize));
  return fresh;
}

/**
 * Fails the call if this call's temporaries reached the persistent heap. Failing reverts every write
 * of the call, so a late check is still a complete guard.
 */
export function checkTempHeap(): void {
  if (load<usize>(HEADER) == 0) return;
  if (heap.alloc(0) >= heapBase()) panic('temporary heap overflowed into the persistent heap');
}

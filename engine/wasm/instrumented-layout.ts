/**
 * The names and index layout of an instrumented module (instrument.ts) that the host side needs:
 * the host module's imports and the exports the engine reads, and where an original function
 * ended up (backtraces map V8's function indices back through it).
 */
import { PROFILE_IMPORTS } from './profile-instrument';

export const HOST_MODULE = '__piecrust';
export const MEMORY_IMPORT = 'memory';
export const TOUCH_IMPORT = 'touch';
export const REFILL_IMPORT = 'refill';
export const MARK_CHUNK_IMPORT = 'markChunk';
export const GAS_EXPORT = '__pi_gas';
export const RESET_EXPORT = '__pi_reset';
/** The mutable i32 global holding where the contract's chunk bitmap is (vm/chunk-marks.ts). */
export const CHUNK_BASE_EXPORT = '__pi_chunks';

/**
 * Writes are tracked by chunk of 1 KiB (BLAKE3's chunk, so a page's hash can be updated from the
 * chunks written): `markChunk(base, chunk)` sets the chunk's bit; its page is
 * `chunk >> CHUNKS_PER_PAGE_SHIFT`.
 */
export const CHUNK_SHIFT = 10;
export const CHUNKS_PER_PAGE_SHIFT = 6;

/** The imports instrumentation adds before the original functions: touch, refill, markChunk. */
export const BASE_IMPORTS = 3;

/**
 * The original index of function `index` of the instrumented module: defined functions shift by
 * the new imports (three; five in the profiling variant, where the index holds the function's
 * wrapper and its body moves past everything else). Imports, the engine's wrappers and helpers,
 * and the profiling variant's moved bodies have none (undefined).
 */
export function originalFunctionIndex(
  index: number,
  importedFuncs: number,
  definedFuncs: number,
  profiling = false,
): number | undefined {
  const original = index - BASE_IMPORTS - (profiling ? PROFILE_IMPORTS.length : 0);
  return original >= importedFuncs && original < importedFuncs + definedFuncs
    ? original
    : undefined;
}

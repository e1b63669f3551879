// The argument buffer through which host and contract exchange arguments, results, ids, panic and
// debug messages (spec §3.1). Contracts re-export `A` so the VM can find it.

/** Length of the buffer; the host never reads or writes past it. */
export const ARGBUF_LEN: u32 = 65536;

export const CONTRACT_ID_BYTES: u32 = 32;

/**
 * Scratch for values a Rust contract would keep on its shadow stack, which lives in page 0. Declared
 * before `A` so that it lands in page 0 too: page contents are state, and some tests (ROOT-3) rely on
 * such residue changing between calls.
 */
export const FRAME: usize = memory.data(64, 8);

/**
 * uplink declares `A` as `[u64; 8192]`, so it is 8-aligned: rkyv checks alignment against absolute
 * addresses, and an 8-aligned buffer makes relative and absolute alignment agree. The segment is all
 * zeros, which -O3 drops from the binary.
 */
export const A: usize = memory.data(65536, 8);

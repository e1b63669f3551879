/**
 * piecrust's ABI sizes, one place for every layer (and the renderer, through the API's data):
 * the argument buffer `A` and a wasm page are 64 KiB; memories grow to 4 GiB (wasm32) or 4 TiB
 * (wasm64, 2^26 pages) (spec §5).
 */
export const ARGBUF_LEN = 65536;
export const PAGE_SIZE = 65536;
export const MAX_PAGES_32 = 65536;
export const MAX_PAGES_64 = 2 ** 26;

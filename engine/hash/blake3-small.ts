/**
 * BLAKE3 in plain TypeScript for inputs of at most one chunk (1024 bytes). Merkle nodes are 64
 * to 512 bytes; hashing them here costs ~0.3–0.6 µs, less than a call into the native addon
 * (whose fixed cost dominates small inputs). Pages go to blake3.ts's native path. A session's
 * trees (merkle-tree.ts) hash their nodes in WebAssembly instead (blake3-wasm.ts, ~3× faster, in
 * batches); this stays the reference and serves whole-tree builds, openings and small inputs.
 */

const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const MSG_PERMUTATION = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];
const CHUNK_START = 1;
const CHUNK_END = 2;
const ROOT = 8;
export const CHUNK_LEN = 1024;

// Message word order for each of the 7 rounds, flattened.
const SCHEDULE = new Uint8Array(7 * 16);
{
  let order = Array.from({ length: 16 }, (_, i) => i);
  for (let round = 0; round < 7; round++) {
    SCHEDULE.set(order, round * 16);
    order = MSG_PERMUTATION.map((i) => order[i]);
  }
}

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error('blake3-small assumes a little-endian platform');
}

const cv = new Int32Array(8);
const cvBytes = new Uint8Array(cv.buffer);
const block = new Uint8Array(64);
const blockWords = new Int32Array(block.buffer);

function compress(m: Int32Array, mo: number, blockLen: number, flags: number): void {
  let v0 = cv[0],
    v1 = cv[1],
    v2 = cv[2],
    v3 = cv[3],
    v4 = cv[4],
    v5 = cv[5],
    v6 = cv[6],
    v7 = cv[7];
  let v8 = IV[0],
    v9 = IV[1],
    v10 = IV[2],
    v11 = IV[3],
    v12 = 0,
    v13 = 0,
    v14 = blockLen,
    v15 = flags;
  const s = SCHEDULE;
  for (let o = 0; o < 112; o += 16) {
    // Columns.
    v0 = (v0 + v4 + m[mo + s[o]]) | 0;
    v12 ^= v0;
    v12 = (v12 >>> 16) | (v12 << 16);
    v8 = (v8 + v12) | 0;
    v4 ^= v8;
    v4 = (v4 >>> 12) | (v4 << 20);
    v0 = (v0 + v4 + m[mo + s[o + 1]]) | 0;
    v12 ^= v0;
    v12 = (v12 >>> 8) | (v12 << 24);
    v8 = (v8 + v12) | 0;
    v4 ^= v8;
    v4 = (v4 >>> 7) | (v4 << 25);
    v1 = (v1 + v5 + m[mo + s[o + 2]]) | 0;
    v13 ^= v1;
    v13 = (v13 >>> 16) | (v13 << 16);
    v9 = (v9 + v13) | 0;
    v5 ^= v9;
    v5 = (v5 >>> 12) | (v5 << 20);
    v1 = (v1 + v5 + m[mo + s[o + 3]]) | 0;
    v13 ^= v1;
    v13 = (v13 >>> 8) | (v13 << 24);
    v9 = (v9 + v13) | 0;
    v5 ^= v9;
    v5 = (v5 >>> 7) | (v5 << 25);
    v2 = (v2 + v6 + m[mo + s[o + 4]]) | 0;
    v14 ^= v2;
    v14 = (v14 >>> 16) | (v14 << 16);
    v10 = (v10 + v14) | 0;
    v6 ^= v10;
    v6 = (v6 >>> 12) | (v6 << 20);
    v2 = (v2 + v6 + m[mo + s[o + 5]]) | 0;
    v14 ^= v2;
    v14 = (v14 >>> 8) | (v14 << 24);
    v10 = (v10 + v14) | 0;
    v6 ^= v10;
    v6 = (v6 >>> 7) | (v6 << 25);
    v3 = (v3 + v7 + m[mo + s[o + 6]]) | 0;
    v15 ^= v3;
    v15 = (v15 >>> 16) | (v15 << 16);
    v11 = (v11 + v15) | 0;
    v7 ^= v11;
    v7 = (v7 >>> 12) | (v7 << 20);
    v3 = (v3 + v7 + m[mo + s[o + 7]]) | 0;
    v15 ^= v3;
    v15 = (v15 >>> 8) | (v15 << 24);
    v11 = (v11 + v15) | 0;
    v7 ^= v11;
    v7 = (v7 >>> 7) | (v7 << 25);
    // Diagonals.
    v0 = (v0 + v5 + m[mo + s[o + 8]]) | 0;
    v15 ^= v0;
    v15 = (v15 >>> 16) | (v15 << 16);
    v10 = (v10 + v15) | 0;
    v5 ^= v10;
    v5 = (v5 >>> 12) | (v5 << 20);
    v0 = (v0 + v5 + m[mo + s[o + 9]]) | 0;
    v15 ^= v0;
    v15 = (v15 >>> 8) | (v15 << 24);
    v10 = (v10 + v15) | 0;
    v5 ^= v10;
    v5 = (v5 >>> 7) | (v5 << 25);
    v1 = (v1 + v6 + m[mo + s[o + 10]]) | 0;
    v12 ^= v1;
    v12 = (v12 >>> 16) | (v12 << 16);
    v11 = (v11 + v12) | 0;
    v6 ^= v11;
    v6 = (v6 >>> 12) | (v6 << 20);
    v1 = (v1 + v6 + m[mo + s[o + 11]]) | 0;
    v12 ^= v1;
    v12 = (v12 >>> 8) | (v12 << 24);
    v11 = (v11 + v12) | 0;
    v6 ^= v11;
    v6 = (v6 >>> 7) | (v6 << 25);
    v2 = (v2 + v7 + m[mo + s[o + 12]]) | 0;
    v13 ^= v2;
    v13 = (v13 >>> 16) | (v13 << 16);
    v8 = (v8 + v13) | 0;
    v7 ^= v8;
    v7 = (v7 >>> 12) | (v7 << 20);
    v2 = (v2 + v7 + m[mo + s[o + 13]]) | 0;
    v13 ^= v2;
    v13 = (v13 >>> 8) | (v13 << 24);
    v8 = (v8 + v13) | 0;
    v7 ^= v8;
    v7 = (v7 >>> 7) | (v7 << 25);
    v3 = (v3 + v4 + m[mo + s[o + 14]]) | 0;
    v14 ^= v3;
    v14 = (v14 >>> 16) | (v14 << 16);
    v9 = (v9 + v14) | 0;
    v4 ^= v9;
    v4 = (v4 >>> 12) | (v4 << 20);
    v3 = (v3 + v4 + m[mo + s[o + 15]]) | 0;
    v14 ^= v3;
    v14 = (v14 >>> 8) | (v14 << 24);
    v9 = (v9 + v14) | 0;
    v4 ^= v9;
    v4 = (v4 >>> 7) | (v4 << 25);
  }
  cv[0] = v0 ^ v8;
  cv[1] = v1 ^ v9;
  cv[2] = v2 ^ v10;
  cv[3] = v3 ^ v11;
  cv[4] = v4 ^ v12;
  cv[5] = v5 ^ v13;
  cv[6] = v6 ^ v14;
  cv[7] = v7 ^ v15;
}

/**
 * BLAKE3 of `words` (`nbytes` a multiple of 64, at most 1024): the Merkle-node fast path, reading
 * the message straight from a 4-byte-aligned buffer.
 */
export function blake3Words(words: Int32Array, nbytes: number): Uint8Array {
  cv.set(IV);
  const blocks = nbytes >> 6;
  for (let i = 0; i < blocks; i++) {
    let flags = 0;
    if (i === 0) flags |= CHUNK_START;
    if (i === blocks - 1) flags |= CHUNK_END | ROOT;
    compress(words, i * 16, 64, flags);
  }
  const out = new Uint8Array(32);
  out.set(cvBytes);
  return out;
}

/** BLAKE3 of `input` (≤ 1024 bytes) written to `out[outOffset..outOffset+32]`. */
export function blake3Small(
  input: Uint8Array,
  out: Uint8Array = new Uint8Array(32),
  outOffset = 0,
): Uint8Array {
  const n = input.length;
  if (n > CHUNK_LEN) throw new RangeError(`blake3Small takes at most ${CHUNK_LEN} bytes, got ${n}`);
  cv.set(IV);
  const blocks = n === 0 ? 1 : Math.ceil(n / 64);
  for (let i = 0; i < blocks; i++) {
    const start = i * 64;
    const len = Math.min(64, n - start);
    if (len < 64) block.fill(0);
    block.set(input.subarray(start, start + len));
    let flags = 0;
    if (i === 0) flags |= CHUNK_START;
    if (i === blocks - 1) flags |= CHUNK_END | ROOT;
    compress(blockWords, 0, len, flags);
  }
  out.set(cvBytes, outOffset);
  return out;
}

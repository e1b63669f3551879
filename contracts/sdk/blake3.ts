// BLAKE3 (unkeyed hash, 32-byte output), needed by the merkle contract. Scratch space is static so
// hashing allocates nothing; the functions are therefore not re-entrant, which contracts never need.

const IV: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

// Message word order of each of the 7 rounds (the message permutation applied 0..6 times), so the
// block is never rewritten.
const SCHEDULE: usize = memory.data<u8>([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9,
  14, 15, 8, 3, 4, 10, 12, 13, 2, 7, 14, 6, 5, 9, 0, 11, 15, 8, 1, 10, 7, 12, 9, 14, 3, 13, 15, 4,
  0, 11, 2, 5, 8, 1, 6, 12, 13, 9, 11, 15, 10, 14, 8, 7, 2, 5, 3, 0, 1, 6, 4, 9, 14, 11, 5, 8, 12,
  15, 1, 13, 3, 0, 10, 2, 6, 4, 7, 11, 15, 5, 0, 1, 9, 8, 6, 14, 10, 2, 12, 3, 4, 7, 13,
]);

const CHUNK_START: u32 = 1;
const CHUNK_END: u32 = 2;
const PARENT: u32 = 4;
const ROOT: u32 = 8;
const CHUNK_LEN: u32 = 1024;
const BLOCK_LEN: u32 = 64;
const MAX_DEPTH: u32 = 54;

const STATE: usize = memory.data(64, 8);
const BLOCK: usize = memory.data(64, 8);
const CV: usize = memory.data(32, 8);
const STACK: usize = memory.data(MAX_DEPTH * 32, 8);

function word(i: u32): u32 {
  return load<u32>(STATE + (i << 2));
}

function g(a: u32, b: u32, c: u32, d: u32, mx: u32, my: u32): void {
  let va = word(a);
  let vb = word(b);
  let vc = word(c);
  let vd = word(d);
  va = va + vb + mx;
  vd = rotr<u32>(vd ^ va, 16);
  vc = vc + vd;
  vb = rotr<u32>(vb ^ vc, 12);
  va = va + vb + my;
  vd = rotr<u32>(vd ^ va, 8);
  vc = vc + vd;
  vb = rotr<u32>(vb ^ vc, 7);
  store<u32>(STATE + (a << 2), va);
  store<u32>(STATE + (b << 2), vb);
  store<u32>(STATE + (c << 2), vc);
  store<u32>(STATE + (d << 2), vd);
}

function m(round: u32, i: u32): u32 {
  return load<u32>(BLOCK + ((<u32>load<u8>(SCHEDULE + round * 16 + i)) << 2));
}

/** The compression function; writes the 8-word chaining value to `out` (may alias `cv`). */
function compress(cv: usize, counter: u64, blockLen: u32, flags: u32, out: usize): void {
  memory.copy(STATE, cv, 32);
  memory.copy(STATE + 32, IV, 16);
  store<u32>(STATE + 48, <u32>counter);
  store<u32>(STATE + 52, <u32>(counter >> 32));
  store<u32>(STATE + 56, blockLen);
  store<u32>(STATE + 60, flags);
  for (let r: u32 = 0; r < 7; r++) {
    g(0, 4, 8, 12, m(r, 0), m(r, 1));
    g(1, 5, 9, 13, m(r, 2), m(r, 3));
    g(2, 6, 10, 14, m(r, 4), m(r, 5));
    g(3, 7, 11, 15, m(r, 6), m(r, 7));
    g(0, 5, 10, 15, m(r, 8), m(r, 9));
    g(1, 6, 11, 12, m(r, 10), m(r, 11));
    g(2, 7, 8, 13, m(r, 12), m(r, 13));
    g(3, 4, 9, 14, m(r, 14), m(r, 15));
  }
  for (let i: u32 = 0; i < 8; i++) store<u32>(out + (i << 2), word(i) ^ word(i + 8));
}

/** Chaining value (or, with ROOT, the hash) of one chunk of at most 1024 bytes. */
function chunk(ptr: usize, len: u32, counter: u64, root: u32, out: usize): void {
  memory.copy(CV, IV, 32);
  const blocks: u32 = len == 0 ? 1 : (len + BLOCK_LEN - 1) / BLOCK_LEN;
  for (let i: u32 = 0; i < blocks; i++) {
    const offset = i * BLOCK_LEN;
    const n = min(BLOCK_LEN, len - offset);
    memory.fill(BLOCK, 0, BLOCK_LEN);
    memory.copy(BLOCK, ptr + offset, n);
    let flags: u32 = i == 0 ? CHUNK_START : 0;
    if (i == blocks - 1) flags |= CHUNK_END | root;
    compress(CV, counter, n, flags, CV);
  }
  memory.copy(out, CV, 32);
}

function parent(left: usize, right: usize, root: u32, out: usize): void {
  memory.copy(BLOCK, left, 32);
  memory.copy(BLOCK + 32, right, 32);
  compress(IV, 0, BLOCK_LEN, PARENT | root, out);
}

/** Writes blake3(ptr[0..len]) to `out` (32 bytes). */
export function blake3(ptr: usize, len: u32, out: usize): void {
  let depth: u32 = 0;
  let counter: u64 = 0;
  let offset: u32 = 0;
  // Every chunk but the last is merged into the stack of subtree roots as soon as it completes.
  while (len - offset > CHUNK_LEN) {
    chunk(ptr + offset, CHUNK_LEN, counter, 0, CV);
    let total = counter + 1;
    while ((total & 1) == 0) {
      depth--;
      parent(STACK + depth * 32, CV, 0, CV);
      total >>= 1;
    }
    memory.copy(STACK + depth * 32, CV, 32);
    depth++;
    offset += CHUNK_LEN;
    counter++;
  }
  if (depth == 0) {
    chunk(ptr + offset, len - offset, counter, ROOT, out);
    return;
  }
  chunk(ptr + offset, len - offset, counter, 0, CV);
  while (depth > 0) {
    depth--;
    parent(STACK + depth * 32, CV, depth == 0 ? ROOT : 0, depth == 0 ? out : CV);
  }
}

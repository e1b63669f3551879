/**
 * BLAKE3 of inputs of at most one chunk (1,024 bytes: every Merkle node) as a WebAssembly module
 * generated here, byte by byte: the seven rounds unrolled over locals, `i32.rotr` where JavaScript
 * has to shift twice and or. A node hash costs a third of the TypeScript version's (blake3-small.ts,
 * kept as the reference the tests compare with), and `hashJobs` / `hashJobsBackwards` hash a whole
 * list of nodes in one call, each output written where a later job reads it, so a root update
 * crosses into WebAssembly once, not once per tree level (merkle/node-hasher.ts).
 *
 * Why scalar: a root update's compressions form one dependent chain (a node's hash is its parent's
 * input), so what counts is the latency of one compression, not throughput. Measured on this
 * machine's V8, a row-wise simd128 compression (as in the reference SSE4.1 code) took 1.9× the
 * time of this one: its 12- and 7-bit rotations are two dependent instructions where `i32.rotr`
 * is one, and the diagonal shuffles sit on the chain too. So did a rolled round loop (1.5×) and
 * message words loaded from memory rather than kept in locals (1.2×).
 *
 * Memory layout is the caller's: messages, outputs and the job table anywhere in `memory`.
 */

const IV = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const MSG_PERMUTATION = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];
export const CHUNK_START = 1;
export const CHUNK_END = 2;
export const PARENT = 4;
export const ROOT = 8;

/** One job of `hashJobs`' table: three little-endian u32s. */
export const JOB_BYTES = 12;
/** One job of `compressJobs`' table: six little-endian u32s (see `Blake3Wasm`). */
export const CHAIN_JOB_BYTES = 24;

// Opcodes used below.
const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  brIf: 0x0d,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Store: 0x36,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Shl: 0x74,
  i32Load8U: 0x2d,
  i32Store8: 0x3a,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32ShrU: 0x76,
  i32Rotr: 0x78,
  void: 0x40,
  i32: 0x7f,
} as const;

class Code {
  readonly bytes: number[] = [];
  op(...ops: number[]): this {
    this.bytes.push(...ops);
    return this;
  }
  u32(n: number): this {
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n !== 0) b |= 0x80;
      this.bytes.push(b);
    } while (n !== 0);
    return this;
  }
  i32(n: number): this {
    // Signed LEB128 of a 32-bit value.
    let v = n | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.bytes.push(b);
        return this;
      }
      this.bytes.push(b | 0x80);
    }
  }
  get(local: number): this {
    return this.op(OP.localGet).u32(local);
  }
  set(local: number): this {
    return this.op(OP.localSet).u32(local);
  }
  const(n: number): this {
    return this.op(OP.i32Const).i32(n);
  }
  /** i32.load/store with natural alignment and a constant offset. */
  load(offset: number): this {
    return this.op(OP.i32Load, 2).u32(offset);
  }
  store(offset: number): this {
    return this.op(OP.i32Store, 2).u32(offset);
  }
}

// chainChunk(msg, nbytes, out, counter, firstFlags, lastFlags)'s locals: parameters 0–5, then these.
const P_MSG = 0;
const P_LEN = 1;
const P_OUT = 2;
const P_COUNTER = 3;
const P_FIRST = 4;
const P_LAST = 5;
const PARAMS = 6;
const CV = PARAMS; // 8 locals
const V = CV + 8; // 16
const M = V + 16; // 16
const BLOCKS = M + 16;
const I = BLOCKS + 1;
const BLOCK_LEN = I + 1;
const FLAGS = I + 2;
const LOCALS = FLAGS + 1 - PARAMS;

/** The G function on state words a, b, c, d with message words x, y. */
function g(c: Code, a: number, b: number, cc: number, d: number, x: number, y: number): void {
  const va = V + a,
    vb = V + b,
    vc = V + cc,
    vd = V + d;
  const half = (m: number, r1: number, r2: number) => {
    // a = (a + m) + b; d = rotr(d ^ a, r1); c = c + d; b = rotr(b ^ c, r2). A compression is a
    // chain of dependent instructions, not short of execution units: adding m first takes it off
    // the chain (a is ready early, b last), one instruction of latency less per half.
    c.get(va)
      .get(M + m)
      .op(OP.i32Add)
      .get(vb)
      .op(OP.i32Add)
      .set(va);
    c.get(vd).get(va).op(OP.i32Xor).const(r1).op(OP.i32Rotr).set(vd);
    c.get(vc).get(vd).op(OP.i32Add).set(vc);
    c.get(vb).get(vc).op(OP.i32Xor).const(r2).op(OP.i32Rotr).set(vb);
  };
  half(x, 16, 12);
  half(y, 8, 7);
}

/**
 * `chainChunk(msg, nbytes, out, counter, firstFlags, lastFlags)`: BLAKE3's chaining value of
 * memory[msg..msg+nbytes] (≤ 1024, zero-padded to 64) as chunk `counter` → out, its first block
 * compressed with `firstFlags`, its last with `lastFlags` (one block: both). A whole input of one
 * chunk is (0, CHUNK_START, CHUNK_END | ROOT); a chunk of a longer input (counter, CHUNK_START,
 * CHUNK_END); a parent node (its two children's values, 64 bytes) (0, 0, PARENT [| ROOT]).
 */
function chainChunkBody(): number[] {
  const c = new Code();
  for (let k = 0; k < 8; k++) c.const(IV[k]).set(CV + k);
  // blocks = max(1, (nbytes + 63) >> 6)
  c.get(P_LEN).const(63).op(OP.i32Add).const(6).op(OP.i32ShrU).set(BLOCKS);
  c.get(BLOCKS).op(OP.i32Eqz).op(OP.if, OP.void).const(1).set(BLOCKS).op(OP.end);
  c.const(0).set(I);
  c.op(OP.loop, OP.void);
  // blockLen = min(64, nbytes - i*64)
  c.get(P_LEN).get(I).const(64).op(OP.i32Mul).op(OP.i32Sub).set(BLOCK_LEN);
  c.const(64).get(BLOCK_LEN).get(BLOCK_LEN).const(64).op(OP.i32GtU).op(OP.select).set(BLOCK_LEN);
  // flags = (i == 0 ? firstFlags : 0) | (i == blocks - 1 ? lastFlags : 0)
  c.get(I).op(OP.i32Eqz).get(P_FIRST).op(OP.i32Mul);
  c.get(I).get(BLOCKS).const(1).op(OP.i32Sub).op(OP.i32Eq).get(P_LAST).op(OP.i32Mul);
  c.op(OP.i32Or).set(FLAGS);
  // The block's message words (msg + i*64 is read once into a local via M+0's address).
  for (let k = 0; k < 16; k++) {
    c.get(P_MSG)
      .get(I)
      .const(64)
      .op(OP.i32Mul)
      .op(OP.i32Add)
      .load(4 * k)
      .set(M + k);
  }
  for (let k = 0; k < 8; k++) c.get(CV + k).set(V + k);
  for (let k = 0; k < 4; k++) c.const(IV[k]).set(V + 8 + k);
  c.get(P_COUNTER)
    .set(V + 12)
    .const(0)
    .set(V + 13);
  c.get(BLOCK_LEN)
    .set(V + 14)
    .get(FLAGS)
    .set(V + 15);
  let s = Array.from({ length: 16 }, (_, i) => i);
  for (let round = 0; round < 7; round++) {
    g(c, 0, 4, 8, 12, s[0], s[1]);
    g(c, 1, 5, 9, 13, s[2], s[3]);
    g(c, 2, 6, 10, 14, s[4], s[5]);
    g(c, 3, 7, 11, 15, s[6], s[7]);
    g(c, 0, 5, 10, 15, s[8], s[9]);
    g(c, 1, 6, 11, 12, s[10], s[11]);
    g(c, 2, 7, 8, 13, s[12], s[13]);
    g(c, 3, 4, 9, 14, s[14], s[15]);
    s = MSG_PERMUTATION.map((i) => s[i]);
  }
  for (let k = 0; k < 8; k++)
    c.get(V + k)
      .get(V + 8 + k)
      .op(OP.i32Xor)
      .set(CV + k);
  c.get(I).const(1).op(OP.i32Add).set(I);
  c.get(I).get(BLOCKS).op(OP.i32LtU).op(OP.brIf).u32(0);
  c.op(OP.end);
  for (let k = 0; k < 8; k++)
    c.get(P_OUT)
      .get(CV + k)
      .store(4 * k);
  c.op(OP.end);
  return [...u32Bytes(1), ...u32Bytes(LOCALS), OP.i32, ...c.bytes];
}

/** `hashChunk(msg, nbytes, out)`: BLAKE3 of memory[msg..msg+nbytes] (≤ 1024) → out. */
function hashChunkBody(): number[] {
  const c = new Code();
  c.get(0)
    .get(1)
    .get(2)
    .const(0)
    .const(CHUNK_START)
    .const(CHUNK_END | ROOT);
  c.op(OP.call).u32(FUNC.chainChunk).op(OP.end);
  return [...u32Bytes(0), ...c.bytes];
}

/**
 * `hashJobs(table, count)`: hashChunk for each job (msg, nbytes, out) of the table, in order;
 * `hashJobsBackwards(table, count)`: the same from the last job to the first (a Merkle tree lists
 * a dirty node after its parent, and children must be hashed first). `chainJobs(table, count)`:
 * chainChunk for each job (msg, nbytes, out, counter, firstFlags, lastFlags), in order.
 */
function jobsBody(kind: 'hash' | 'hashBackwards' | 'chain'): number[] {
  const TABLE = 0,
    COUNT = 1,
    J = 2;
  const size = kind === 'chain' ? CHAIN_JOB_BYTES : JOB_BYTES;
  const c = new Code();
  c.get(COUNT).op(OP.i32Eqz).op(OP.if, OP.void).op(0x0f).op(OP.end); // return when empty
  if (kind === 'hashBackwards') {
    c.get(TABLE)
      .get(COUNT)
      .const(1)
      .op(OP.i32Sub)
      .const(size)
      .op(OP.i32Mul)
      .op(OP.i32Add)
      .set(TABLE);
  }
  c.op(OP.loop, OP.void);
  c.get(TABLE).load(0).get(TABLE).load(4).get(TABLE).load(8);
  if (kind === 'chain') c.get(TABLE).load(12).get(TABLE).load(16).get(TABLE).load(20);
  else
    c.const(0)
      .const(CHUNK_START)
      .const(CHUNK_END | ROOT);
  c.op(OP.call).u32(FUNC.chainChunk);
  c.get(TABLE)
    .const(kind === 'hashBackwards' ? -size : size)
    .op(OP.i32Add)
    .set(TABLE);
  c.get(J).const(1).op(OP.i32Add).set(J);
  c.get(J).get(COUNT).op(OP.i32LtU).op(OP.brIf).u32(0);
  c.op(OP.end).op(OP.end);
  return [...u32Bytes(1), ...u32Bytes(1), OP.i32, ...c.bytes];
}

function u32Bytes(n: number): number[] {
  return new Code().u32(n).bytes;
}

function section(id: number, content: number[]): number[] {
  return [id, ...u32Bytes(content.length), ...content];
}

const vec = (items: number[][]): number[] => [...u32Bytes(items.length), ...items.flat()];
const name = (s: string): number[] => [
  ...u32Bytes(s.length),
  ...[...s].map((ch) => ch.charCodeAt(0)),
];

/**
 * `markChunk(base, chunk)`: set bit `chunk` of the bitmap at `base` (bit i of byte i >> 3). Not a
 * hash: the instrumented contracts call it to note the 1 KiB chunks they write (vm/chunk-marks.ts),
 * from WebAssembly to WebAssembly, into bitmaps kept in this module's memory.
 */
function markChunkBody(): number[] {
  const BASE = 0,
    CHUNK = 1,
    AT = 2;
  const c = new Code();
  c.get(BASE).get(CHUNK).const(3).op(OP.i32ShrU).op(OP.i32Add).op(OP.localTee).u32(AT);
  c.get(AT).op(OP.i32Load8U, 0).u32(0);
  c.const(1).get(CHUNK).const(7).op(OP.i32And).op(OP.i32Shl).op(OP.i32Or);
  c.op(OP.i32Store8, 0).u32(0).op(OP.end);
  return [...u32Bytes(1), ...u32Bytes(1), OP.i32, ...c.bytes];
}

/** The module's functions, by index. */
const FUNC = {
  chainChunk: 0,
  hashChunk: 1,
  hashJobs: 2,
  hashJobsBackwards: 3,
  chainJobs: 4,
  markChunk: 5,
};

/** The module: memory (exported, growable) and the functions of `FUNC`, all exported. */
export function blake3ModuleBytes(): Uint8Array<ArrayBuffer> {
  const i32s = (n: number) => vec(Array.from({ length: n }, () => [OP.i32]));
  const types = vec([
    [0x60, ...i32s(6), 0],
    [0x60, ...i32s(3), 0],
    [0x60, ...i32s(2), 0],
  ]);
  const funcs = vec([[0], [1], [2], [2], [2], [2]]);
  const memory = vec([[0x00, 1]]); // min 1 page, no maximum
  const exports = vec([
    [...name('memory'), 0x02, 0],
    ...Object.entries(FUNC).map(([fn, index]) => [...name(fn), 0x00, index]),
  ]);
  const bodies = [
    chainChunkBody(),
    hashChunkBody(),
    jobsBody('hash'),
    jobsBody('hashBackwards'),
    jobsBody('chain'),
    markChunkBody(),
  ].map((b) => [...u32Bytes(b.length), ...b]);
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(3, funcs),
    ...section(5, memory),
    ...section(7, exports),
    ...section(10, vec(bodies)),
  ]);
}

export interface Blake3Wasm {
  readonly memory: WebAssembly.Memory;
  /** BLAKE3 of memory[msg, msg+nbytes) (≤ 1024) → out; the rest of its last 64-byte block (all of it when nbytes is 0) must be zeros. */
  hashChunk(msg: number, nbytes: number, out: number): void;
  /** Each job of the table at `table` (msg, nbytes, out; JOB_BYTES each), in order. */
  hashJobs(table: number, count: number): void;
  /** The same jobs from the last to the first. */
  hashJobsBackwards(table: number, count: number): void;
  /** BLAKE3's chaining value of a chunk or parent node (see chainChunkBody). */
  chainChunk(
    msg: number,
    nbytes: number,
    out: number,
    counter: number,
    firstFlags: number,
    lastFlags: number,
  ): void;
  /** chainChunk for each job of the table (the six arguments; CHAIN_JOB_BYTES each), in order. */
  chainJobs(table: number, count: number): void;
  /** Set bit `chunk` of the bitmap at `base`. */
  markChunk(base: number, chunk: number): void;
}

let instance: Blake3Wasm | undefined;

/** The module, instantiated once per thread (synchronously: it is a few KiB). */
export function blake3Wasm(): Blake3Wasm {
  if (instance === undefined) {
    const module = new WebAssembly.Module(blake3ModuleBytes());
    const exports = new WebAssembly.Instance(module).exports as unknown as Blake3Wasm;
    instance = exports;
  }
  return instance;
}

// The WebAssembly BLAKE3 of Merkle nodes (blake3-wasm.ts) against independent implementations: the
// official test vectors, the native addon (@napi-rs/blake-hash) on every length up to a chunk, and
// the TypeScript reference for chained jobs, where each job's output is the next one's input.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { bytesToHex } from '../core/ids';
import { blake3Small } from './blake3-small';
import { blake3ModuleBytes, blake3Wasm, JOB_BYTES } from './blake3-wasm';

const native = createRequire(import.meta.url)('@napi-rs/blake-hash') as {
  blake3(data: Uint8Array): Uint8Array;
};

const VECTORS: Array<[number, string]> = [
  [0, 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262'],
  [1, '2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213'],
  [63, 'e9bc37a594daad83be9470df7f7b3798297c3d834ce80ba85d6e207627b7db7b'],
  [64, '4eed7141ea4a5cd4b788606bd23f46e212af9cacebacdc7d1f4c6dc7f2511b98'],
  [65, 'de1e5fa0be70df6d2be8fffd0e99ceaa8eb6e8c93a63f2d8d1c30ecb6b263dee'],
  [1023, '10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11'],
  [1024, '42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7'],
];

const MSG = 4096;
const OUT = 64;

/** BLAKE3 of `input` through hashChunk, zero-padded to its block as the function requires. */
function hashChunk(input: Uint8Array): string {
  const wasm = blake3Wasm();
  const memory = new Uint8Array(wasm.memory.buffer);
  memory.fill(0xee, 0, MSG + 2048); // what is past the padding must not matter
  memory.fill(0, MSG, MSG + Math.max(1, Math.ceil(input.length / 64)) * 64);
  memory.set(input, MSG);
  wasm.hashChunk(MSG, input.length, OUT);
  return bytesToHex(memory.slice(OUT, OUT + 32));
}

describe('BLAKE3 in WebAssembly', () => {
  test('the generated module is valid WebAssembly', () => {
    expect(WebAssembly.validate(blake3ModuleBytes())).toBe(true);
  });

  test('matches the official test vectors', () => {
    for (const [length, hex] of VECTORS) {
      const input = Uint8Array.from({ length }, (_, i) => i % 251);
      expect(hashChunk(input), `length ${length}`).toBe(hex);
    }
  });

  test('agrees with the native addon on every length from 0 to 1024 bytes', () => {
    const differing: number[] = [];
    for (let length = 0; length <= 1024; length++) {
      const input = Uint8Array.from({ length }, (_, i) => (i * 131 + length * 7) & 0xff);
      if (hashChunk(input) !== bytesToHex(native.blake3(input))) differing.push(length);
    }
    expect(differing).toEqual([]);
  });

  test('hashJobs runs its jobs in order, each reading what the one before wrote', () => {
    const wasm = blake3Wasm();
    const memory = new Uint8Array(wasm.memory.buffer);
    // Three 128-byte messages; job k writes its hash into message k+1's second child slot.
    const messages = [0, 1, 2].map((k) =>
      Uint8Array.from({ length: 128 }, (_, i) => (i * 17 + k * 5) & 0xff),
    );
    messages.forEach((m, k) => memory.set(m, MSG + 128 * k));
    const table = MSG + 1024;
    const jobs = new Uint32Array(wasm.memory.buffer, table, 9);
    jobs.set([MSG, 128, MSG + 128 + 32, MSG + 128, 128, MSG + 256 + 32, MSG + 256, 128, OUT]);
    expect(jobs.byteLength).toBe(3 * JOB_BYTES);
    wasm.hashJobs(table, 3);

    let expected = blake3Small(messages[0]);
    for (const m of messages.slice(1)) {
      const next = m.slice();
      next.set(expected, 32);
      expected = blake3Small(next);
    }
    expect(bytesToHex(memory.slice(OUT, OUT + 32))).toBe(bytesToHex(expected));
  });

  test('hashJobsBackwards runs the same chain listed last job first', () => {
    const wasm = blake3Wasm();
    const memory = new Uint8Array(wasm.memory.buffer);
    const messages = [0, 1, 2].map((k) =>
      Uint8Array.from({ length: 64 * (k + 1) }, (_, i) => (i * 29 + k * 3) & 0xff),
    );
    const at = [MSG, MSG + 64, MSG + 192];
    messages.forEach((m, k) => memory.set(m, at[k]));
    const table = MSG + 1024;
    // Job k writes into message k+1's first 32 bytes; listed in reverse.
    new Uint32Array(wasm.memory.buffer, table, 9).set([
      at[2],
      192,
      OUT,
      at[1],
      128,
      at[2],
      at[0],
      64,
      at[1],
    ]);
    wasm.hashJobsBackwards(table, 3);

    let expected = blake3Small(messages[0]);
    for (const m of messages.slice(1)) {
      const next = m.slice();
      next.set(expected, 0);
      expected = blake3Small(next);
    }
    expect(bytesToHex(memory.slice(OUT, OUT + 32))).toBe(bytesToHex(expected));
  });

  test('hashJobs with no jobs writes nothing', () => {
    const wasm = blake3Wasm();
    const memory = new Uint8Array(wasm.memory.buffer);
    memory.fill(7, OUT, OUT + 32);
    wasm.hashJobs(MSG, 0);
    wasm.hashJobsBackwards(MSG, 0);
    expect([...memory.slice(OUT, OUT + 32)]).toEqual(new Array(32).fill(7));
  });
});

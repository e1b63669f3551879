import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { bytesToHex } from '../core/ids';
import { blake3, initHashing } from './blake3';
import { blake3Small } from './blake3-small';

// Official BLAKE3 test vectors: input byte i = i % 251.
function vectorInput(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i % 251);
}

const VECTORS: Array<[number, string]> = [
  [0, 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262'],
  [1, '2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213'],
  [63, 'e9bc37a594daad83be9470df7f7b3798297c3d834ce80ba85d6e207627b7db7b'],
  [64, '4eed7141ea4a5cd4b788606bd23f46e212af9cacebacdc7d1f4c6dc7f2511b98'],
  [65, 'de1e5fa0be70df6d2be8fffd0e99ceaa8eb6e8c93a63f2d8d1c30ecb6b263dee'],
  [1023, '10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11'],
  [1024, '42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7'],
  [1025, 'd00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444'],
];

describe('blake3', () => {
  test('matches the official test vectors on both paths', async () => {
    await initHashing();
    for (const [length, hex] of VECTORS) {
      expect(bytesToHex(blake3(vectorInput(length))), `length ${length}`).toBe(hex);
      if (length <= 1024) expect(bytesToHex(blake3Small(vectorInput(length)))).toBe(hex);
    }
  });

  test('the small path agrees with the native addon on node-sized inputs', () => {
    const native = createRequire(import.meta.url)('@napi-rs/blake-hash') as {
      blake3(data: Uint8Array): Uint8Array;
    };
    for (const length of [32, 64, 96, 128, 512, 1000]) {
      const input = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      expect(bytesToHex(blake3Small(input))).toBe(bytesToHex(native.blake3(input)));
    }
  });

  test('rejects oversized input on the small path with the numbers', () => {
    expect(() => blake3Small(new Uint8Array(1025))).toThrow('at most 1024 bytes, got 1025');
  });
});

/**
 * A record's checksum (file-format.ts: CRC-32 of its first 12 header bytes, then of its key and
 * body) computed as cheaply as the record's size allows. Most records of a store are Merkle
 * nodes of a few dozen bytes, where a call into zlib's `crc32` costs several times the
 * checksum itself: a log of a million such records spent most of its verification in the calls.
 * Below `NATIVE_FROM` bytes the CRC runs here, from a table (slice-by-4); above, zlib's.
 * Both compute the same CRC-32 (IEEE, reflected), which a test checks on every length.
 */
import { crc32 } from 'node:zlib';

/** Bytes from which zlib's crc32 is cheaper than the table loop, call overhead included. */
const NATIVE_FROM = 256;

const TABLES = (() => {
  const t = new Int32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    t[256 + n] = (t[t[n] & 0xff] ^ (t[n] >>> 8)) | 0;
    t[512 + n] = (t[t[256 + n] & 0xff] ^ (t[256 + n] >>> 8)) | 0;
    t[768 + n] = (t[t[512 + n] & 0xff] ^ (t[512 + n] >>> 8)) | 0;
  }
  return t;
})();

/** CRC-32 of `bytes[from, to)` continuing from `crc` (0 to start), as zlib's `crc32(data, crc)`. */
export function crc32Range(bytes: Uint8Array, from: number, to: number, crc = 0): number {
  if (to - from >= NATIVE_FROM) return crc32(bytes.subarray(from, to), crc);
  const t = TABLES;
  let c = ~crc;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    c =
      t[768 + (c & 0xff)] ^
      t[512 + ((c >>> 8) & 0xff)] ^
      t[256 + ((c >>> 16) & 0xff)] ^
      t[c >>> 24];
  }
  for (; i < to; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

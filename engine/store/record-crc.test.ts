// The checksum the log walk computes itself for small records is zlib's CRC-32, on every length
// around the switch to zlib's, at every alignment, started and continued.
import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { crc32Range } from './record-crc';

describe('crc32Range', () => {
  const bytes = new Uint8Array(700).map((_, i) => (i * 7919 + 13) & 255);

  test('equals zlib crc32 on every length 0–600, at offsets 0–3, from 0 and from a running CRC', () => {
    const wrong: string[] = [];
    for (let length = 0; length <= 600; length++)
      for (let from = 0; from < 4; from++)
        for (const start of [0, 0x12345678]) {
          const part = bytes.subarray(from, from + length);
          if (crc32Range(bytes, from, from + length, start) !== crc32(part, start))
            wrong.push(`${length}@${from} from ${start}`);
        }
    expect(wrong).toEqual([]);
  });

  test('a record checksummed as the encoder does (12 header bytes, then key and body)', () => {
    const record = bytes.subarray(0, 90);
    const expected = crc32(record.subarray(16), crc32(record.subarray(0, 12)));
    expect(crc32Range(record, 16, 90, crc32Range(record, 0, 12))).toBe(expected);
  });
});

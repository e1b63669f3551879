import { describe, expect, test } from 'vitest';
import { changedRanges } from './byte-ranges';

describe('changedRanges', () => {
  test('equal buffers have no ranges', () => {
    expect(changedRanges(new Uint8Array(65536), new Uint8Array(65536))).toEqual([]);
  });

  test('finds single bytes, runs, the first and the last byte', () => {
    const a = new Uint8Array(100);
    const b = a.slice();
    b[0] = 1;
    b[50] = 1;
    b[51] = 2;
    b[99] = 3;
    expect(changedRanges(a, b, 0)).toEqual([
      { start: 0, end: 1 },
      { start: 50, end: 52 },
      { start: 99, end: 100 },
    ]);
  });

  test('merges ranges separated by at most `gap` equal bytes', () => {
    const a = new Uint8Array(64);
    const b = a.slice();
    b[10] = 1;
    b[14] = 1; // three equal bytes between: merged with gap 8
    b[40] = 1; // far: separate
    expect(changedRanges(a, b)).toEqual([
      { start: 10, end: 15 },
      { start: 40, end: 41 },
    ]);
  });

  test('works on unaligned views and odd lengths, like the word-wise path', () => {
    const backing = new Uint8Array(1001);
    const a = backing.subarray(1, 1000);
    const b = a.slice();
    b[998] = 7;
    b[3] = 9;
    const expected = [
      { start: 3, end: 4 },
      { start: 998, end: 999 },
    ];
    expect(changedRanges(a, b, 0)).toEqual(expected);
    expect(changedRanges(a.slice(), b, 0)).toEqual(expected);
  });

  test('refuses buffers of different lengths', () => {
    expect(() => changedRanges(new Uint8Array(2), new Uint8Array(3))).toThrow('2 and 3 bytes');
  });
});

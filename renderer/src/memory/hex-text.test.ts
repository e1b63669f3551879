import { describe, expect, test } from 'vitest';
import { hexRowWidthCh } from '../common/lib/hex-rows';
import {
  asciiChars,
  asciiText,
  columnRuns,
  hexChars,
  hexCharStart,
  hexColumnAt,
  hexText,
  hexTextWidth,
} from './hex-text';

const sixteen = Array.from({ length: 16 }, (_, i) => i * 17);

describe('a hex row as text', () => {
  test('bytes as two digits and a space, a second space between the halves of 16', () => {
    const text = hexText(sixteen, 16);
    expect(text).toBe('00 11 22 33 44 55 66 77  88 99 aa bb cc dd ee ff');
    expect(text.length).toBe(hexTextWidth(16));
    // Each column's digits are where hexCharStart says.
    sixteen.forEach((b, col) => {
      const at = hexCharStart(col, 16);
      expect(text.slice(at, at + 2)).toBe(b.toString(16).padStart(2, '0'));
    });
    // Eight a row: no split.
    expect(hexText(sixteen.slice(0, 8), 8)).toBe('00 11 22 33 44 55 66 77');
    expect(hexTextWidth(8)).toBe(23);
  });

  test('bytes still loading are dots in hex and blanks in ASCII, at the same width', () => {
    const bytes = [0x41, undefined, 0x00, 0x7f];
    expect(hexText(bytes, 16)).toBe('41 ·· 00 7f');
    expect(asciiText(bytes)).toBe('A ··');
  });

  test('every character of the hex text is a byte: its digits, the space after, the split', () => {
    const text = hexText(sixteen, 16);
    for (let char = 0; char < text.length; char++) {
      const col = hexColumnAt(char, 16, 16);
      const start = hexCharStart(col, 16);
      // The character is in the column's digits or in the spaces before the next column.
      const next = col === 15 ? text.length : hexCharStart(col + 1, 16);
      expect(char).toBeGreaterThanOrEqual(start);
      expect(char).toBeLessThan(next);
    }
    // Past the end, and in a short row, the last byte.
    expect(hexColumnAt(200, 16, 16)).toBe(15);
    expect(hexColumnAt(20, 16, 4)).toBe(3);
    expect(hexColumnAt(-3, 16, 16)).toBe(0);
  });

  test('marks are runs of columns, and a run covers its bytes and the spaces between them', () => {
    const marked = new Set([0, 1, 2, 7, 8, 15]);
    const runs = columnRuns(16, (c) => marked.has(c));
    expect(runs).toEqual([
      { from: 0, to: 2 },
      { from: 7, to: 8 },
      { from: 15, to: 15 },
    ]);
    const text = hexText(sixteen, 16);
    expect(text.slice(...hexChars(runs[0], 16))).toBe('00 11 22');
    expect(text.slice(...hexChars(runs[1], 16))).toBe('77  88');
    expect(text.slice(...hexChars(runs[2], 16))).toBe('ff');
    expect(asciiText(sixteen.map(() => 0x41)).slice(...asciiChars(runs[1]))).toBe('AA');
    expect(columnRuns(4, () => false)).toEqual([]);
  });

  test('the row width the layout reserves holds the hex text', () => {
    // digits + 2 for the offset, then the text, then 2 + 1 of ASCII margin and padding.
    expect(hexRowWidthCh(16, 8)).toBe(8 + 2 + hexTextWidth(16) + 3 + 16);
    expect(hexRowWidthCh(8, 8)).toBe(8 + 2 + hexTextWidth(8) + 3 + 8);
  });
});

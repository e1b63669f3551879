import { describe, expect, test } from 'vitest';
import {
  bytesOfHex,
  bytesPerRowFitting,
  createHexDiffModel,
  displayIndexOf,
  displayRows,
  rangeAtOrAfter,
  rowSpans,
} from './hex-diff-model';

function page(size: number, edits: Record<number, number> = {}): Uint8Array {
  const bytes = new Uint8Array(size);
  for (const [offset, value] of Object.entries(edits)) bytes[Number(offset)] = value;
  return bytes;
}

describe('createHexDiffModel', () => {
  test('marks only the bytes that differ inside the ranges', () => {
    const before = page(64, { 3: 1, 5: 7, 17: 9 });
    const after = page(64, { 3: 2, 5: 7, 17: 8, 40: 1 });
    // The engine merges 3..18 across the equal byte 5; byte 40 is outside every range.
    const model = createHexDiffModel(before, after, [{ start: 3, end: 18 }]);
    expect(model.rowCount).toBe(4);
    expect(model.masks[0]).toBe(1 << 3);
    expect(model.masks[1]).toBe(1 << 1);
    expect(model.masks[2]).toBe(0);
    expect(model.changedRows).toEqual([0, 1]);
    expect(model.changedBytes).toBe(2);
  });

  test('a whole 64 KiB page changed: 4,096 rows, all bits set', () => {
    const before = page(65536);
    const after = new Uint8Array(65536).fill(0xff);
    const model = createHexDiffModel(before, after, [{ start: 0, end: 65536 }]);
    expect(model.rowCount).toBe(4096);
    expect(model.changedRows).toHaveLength(4096);
    expect(model.masks.every((m) => m === 0xffff)).toBe(true);
    expect(model.changedBytes).toBe(65536);
  });

  test('a short last row, and ranges past the end are clipped', () => {
    const model = createHexDiffModel(page(20), page(20, { 19: 1 }), [{ start: 19, end: 30 }]);
    expect(model.rowCount).toBe(2);
    expect(model.masks[1]).toBe(1 << 3);
    expect(rowSpans(model, page(20, { 19: 1 }), 1)).toEqual([
      { start: 0, text: '00 00 00', changed: false },
      { start: 3, text: '01', changed: true },
    ]);
  });
});

describe('rowSpans', () => {
  test('runs of equal status, split at the middle of the row', () => {
    const after = page(16, { 2: 0xab, 3: 0xcd, 9: 0x10 });
    const model = createHexDiffModel(page(16), after, [{ start: 2, end: 10 }]);
    expect(rowSpans(model, after, 0)).toEqual([
      { start: 0, text: '00 00', changed: false },
      { start: 2, text: 'ab cd', changed: true },
      { start: 4, text: '00 00 00 00', changed: false },
      { start: 8, text: '00', changed: false },
      { start: 9, text: '10', changed: true },
      { start: 10, text: '00 00 00 00 00 00', changed: false },
    ]);
  });
});

describe('displayRows', () => {
  const after = page(16 * 100, { [16 * 10]: 1, [16 * 12]: 1, [16 * 60]: 1 });
  const model = createHexDiffModel(page(16 * 100), after, [
    { start: 160, end: 161 },
    { start: 192, end: 193 },
    { start: 960, end: 961 },
  ]);

  test('all rows', () => {
    expect(displayRows(model, 'all')).toHaveLength(100);
  });

  test('changed rows with context, the rest folded', () => {
    const rows = displayRows(model, 'changed', 1);
    expect(rows).toEqual([
      { kind: 'gap', from: 0, to: 9 },
      { kind: 'row', row: 9 },
      { kind: 'row', row: 10 },
      { kind: 'row', row: 11 },
      { kind: 'row', row: 12 },
      { kind: 'row', row: 13 },
      { kind: 'gap', from: 14, to: 59 },
      { kind: 'row', row: 59 },
      { kind: 'row', row: 60 },
      { kind: 'row', row: 61 },
      { kind: 'gap', from: 62, to: 100 },
    ]);
    expect(displayIndexOf(rows, 60)).toBe(8);
    expect(displayIndexOf(rows, 30)).toBe(6);
    expect(displayIndexOf(rows, 0)).toBe(0);
  });

  test('nothing changed: nothing to show', () => {
    expect(displayRows(createHexDiffModel(page(32), page(32), []), 'changed')).toEqual([]);
  });
});

describe('rangeAtOrAfter and bytesOfHex', () => {
  test('binary search over ranges', () => {
    const ranges = [
      { start: 4, end: 8 },
      { start: 20, end: 21 },
    ];
    expect(rangeAtOrAfter(ranges, 0)).toBe(0);
    expect(rangeAtOrAfter(ranges, 7)).toBe(0);
    expect(rangeAtOrAfter(ranges, 8)).toBe(1);
    expect(rangeAtOrAfter(ranges, 21)).toBe(2);
  });

  test('hex decoding', () => {
    expect([...bytesOfHex('0x00ff10Ab')]).toEqual([0, 255, 16, 171]);
    expect(bytesOfHex('0x')).toHaveLength(0);
    expect(() => bytesOfHex('0xabc')).toThrow(/odd/);
    expect(() => bytesOfHex('0xzz')).toThrow(/hex digit/);
  });
});

describe('rows that fit the view', () => {
  test('16 bytes where both sides fit, 8 or 4 in a narrower view', () => {
    const ch = 7.2;
    // A 16-byte row: offset 9ch, two sides of 48ch, 3ch gaps, 24 px padding = 111ch + 24 px.
    expect(bytesPerRowFitting(111 * ch + 24, ch)).toBe(16);
    expect(bytesPerRowFitting(111 * ch + 23, ch)).toBe(8);
    expect(bytesPerRowFitting(63 * ch + 24, ch)).toBe(8);
    expect(bytesPerRowFitting(63 * ch + 23, ch)).toBe(4);
    expect(bytesPerRowFitting(100, ch)).toBe(4);
  });
});

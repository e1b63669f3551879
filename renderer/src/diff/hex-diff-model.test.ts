import { describe, expect, test } from 'vitest';
import {
  bytesOfHex,
  bytesPerRowFitting,
  createHexDiffModel,
  displayIndexOf,
  displayRows,
  rangeAtOrAfter,
  rowRuns,
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
    expect(rowRuns(model, page(20, { 19: 1 }), 1)).toEqual([
      { text: '00 00 00 ', changed: false },
      { text: '01', changed: true },
    ]);
  });
});

describe('rowRuns', () => {
  /** The row's text as the user reads it: bytes a space apart, two spaces between the halves. */
  const rowText = (bytes: number[]): string =>
    bytes
      .map(
        (b, i) =>
          (i === 0 ? '' : i === bytes.length / 2 ? '  ' : ' ') + b.toString(16).padStart(2, '0'),
      )
      .join('');

  test('plain bytes are text with their separators; only changed runs are marked', () => {
    const after = page(16, { 2: 0xab, 3: 0xcd, 9: 0x10 });
    const model = createHexDiffModel(page(16), after, [{ start: 2, end: 10 }]);
    expect(rowRuns(model, after, 0)).toEqual([
      { text: '00 00 ', changed: false },
      { text: 'ab cd', changed: true },
      { text: ' 00 00 00 00  00 ', changed: false },
      { text: '10', changed: true },
      { text: ' 00 00 00 00 00 00', changed: false },
    ]);
  });

  test('an unchanged row is one run', () => {
    const bytes = page(32, { 20: 7 });
    const model = createHexDiffModel(bytes, bytes, []);
    expect(rowRuns(model, bytes, 1)).toEqual([
      { text: rowText([...bytes.subarray(16, 32)]), changed: false },
    ]);
  });

  test('a changed run stops at the middle: the wider gap is never marked', () => {
    const after = page(16, { 7: 0x77, 8: 0x88 });
    const model = createHexDiffModel(page(16), after, [{ start: 7, end: 9 }]);
    expect(rowRuns(model, after, 0)).toEqual([
      { text: '00 00 00 00 00 00 00 ', changed: false },
      { text: '77', changed: true },
      { text: '  ', changed: false },
      { text: '88', changed: true },
      { text: ' 00 00 00 00 00 00 00', changed: false },
    ]);
  });

  test('whatever changes, the runs read as the whole row', () => {
    const before = page(64);
    const after = Uint8Array.from({ length: 64 }, (_, i) => ((i * 37) % 5 === 0 ? i : 0));
    const model = createHexDiffModel(before, after, [{ start: 0, end: 64 }], 8);
    for (let row = 0; row < model.rowCount; row++) {
      const runs = rowRuns(model, after, row);
      expect(runs.map((r) => r.text).join('')).toBe(
        rowText([...after.subarray(row * 8, row * 8 + 8)]),
      );
      // Marked text is bytes only, never a separator at its edges.
      for (const run of runs.filter((r) => r.changed))
        expect(run.text).toMatch(/^[0-9a-f].*[0-9a-f]$|^[0-9a-f]{2}$/);
    }
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

  test('bytesOfHex decodes with the platform decoder where there is one', () => {
    const seen: string[] = [];
    const native = (hex: string): Uint8Array => {
      seen.push(hex);
      if (/[^0-9a-f]/i.test(hex)) throw new SyntaxError('not hex');
      return Uint8Array.of(0xaa);
    };
    expect([...bytesOfHex('0x00ff', native)]).toEqual([0xaa]);
    expect(seen).toEqual(['00ff']);
    // Refused by the platform: the error still says where.
    expect(() => bytesOfHex('0x00zz', native)).toThrow(/not a hex digit at 4/);
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

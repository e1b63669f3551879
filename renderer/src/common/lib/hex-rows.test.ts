import { describe, expect, test } from 'vitest';
import {
  addressDigits,
  bytesPerRowFor,
  chunksFor,
  columnOf,
  gridLabel,
  hexRow,
  hexWindow,
  hexRowWidthCh,
  moveCursor,
  parsePageNumber,
  rowCount,
  rowOf,
} from './hex-rows';

// A wasm page as piecrust has it; the page rules follow whatever size the engine sends.
const g = { length: 131072, bytesPerRow: 16, rowHeight: 20, pageSize: 65536 };

describe('hex row layout', () => {
  test('offsets ↔ rows and columns', () => {
    expect(rowCount(g)).toBe(8192);
    expect(rowCount({ ...g, length: 17 })).toBe(2);
    expect(rowOf(1088, 16)).toBe(68);
    expect(columnOf(1090, 16)).toBe(2);
    expect(hexRow(4096, g)).toEqual({ row: 4096, offset: 65536, size: 16, pageStart: true });
    expect(hexRow(256, g).pageStart).toBe(false);
    expect(hexRow(256, { ...g, pageSize: 4096 })).toMatchObject({ offset: 4096, pageStart: true });
    expect(hexRow(1, { ...g, length: 20 })).toMatchObject({
      offset: 16,
      size: 4,
      pageStart: false,
    });
  });

  test('the visible window of rows and bytes for a scroll position', () => {
    const w = hexWindow(g, 68 * 20, 400, 2);
    expect(w.rows[0].row).toBe(66);
    expect(w.rows.length).toBe(2 + 21 + 2);
    expect(w.from).toBe(66 * 16);
    expect(w.to).toBe(w.from + w.rows.length * 16);
  });

  test('a 4 GiB wasm32 memory renders a few dozen rows, even at the very end', () => {
    const huge = { ...g, length: 2 ** 32 };
    const w = hexWindow(huge, 1e12, 600);
    expect(w.rows.length).toBeLessThan(50);
    expect(w.to).toBe(2 ** 32);
    expect(w.rows.at(-1)?.offset).toBe(2 ** 32 - 16);
  });

  test('chunks needed for a byte range', () => {
    expect(chunksFor(0, 0, 4096)).toEqual([]);
    expect(chunksFor(4000, 4200, 4096)).toEqual([0, 1]);
    expect(chunksFor(8192, 12288, 4096)).toEqual([2]);
  });

  test('address width and cursor movement', () => {
    expect(addressDigits(131072)).toBe(8);
    expect(addressDigits(2 ** 32)).toBe(8);
    expect(addressDigits(2 ** 36)).toBe(9);
    expect(moveCursor(0, 'left', g, 10)).toBe(0);
    expect(moveCursor(20, 'up', g, 10)).toBe(4);
    expect(moveCursor(20, 'end', g, 10)).toBe(31);
    expect(moveCursor(20, 'home', g, 10)).toBe(16);
    expect(moveCursor(131070, 'pageDown', g, 10)).toBe(131071);
  });

  test('16 bytes a row when they fit with their offset and ASCII, else 8', () => {
    const ch = 7.2;
    const sixteen = hexRowWidthCh(16, 8) * ch + 2;
    expect(bytesPerRowFor(sixteen, ch, 8)).toBe(16);
    expect(bytesPerRowFor(sixteen - 1, ch, 8)).toBe(8);
    // A wider address (a memory past 4 GiB) needs more room.
    expect(bytesPerRowFor(sixteen, ch, 9)).toBe(8);
    // The memory view's hex pane at 1024×640 (388 px): 8 bytes, which fit.
    expect(bytesPerRowFor(388 - 24, ch, 8)).toBe(8);
    expect(hexRowWidthCh(8, 8) * ch + 2).toBeLessThanOrEqual(388 - 24);
    // Not measured yet (before the first layout): the usual 16.
    expect(bytesPerRowFor(0, ch, 8)).toBe(16);
    expect(bytesPerRowFor(800, 0, 8)).toBe(16);
  });

  test('a typed page number, or why it is not one, with the numbers', () => {
    expect(parsePageNumber('16', 17)).toEqual({ ok: true, page: 16 });
    expect(parsePageNumber(' 0x10 ', 17)).toEqual({ ok: true, page: 16 });
    expect(parsePageNumber('99', 17)).toEqual({
      ok: false,
      error: 'page 99 is past the end: this memory has 17 pages (0–16)',
    });
    expect(parsePageNumber('17', 17)).toMatchObject({ ok: false });
    expect(parsePageNumber('1', 1)).toEqual({
      ok: false,
      error: 'page 1 is past the end: this memory has 1 page (0)',
    });
    expect(parsePageNumber('two', 2)).toEqual({
      ok: false,
      error: '"two" is not a page number: this memory has 2 pages (0–1)',
    });
    expect(parsePageNumber('-1', 2)).toMatchObject({ ok: false, error: /"-1" is not a page/ });
    expect(parsePageNumber('1.5', 2)).toMatchObject({ ok: false, error: /"1.5" is not a page/ });
    expect(parsePageNumber('', 2)).toEqual({
      ok: false,
      error: 'type a page number: this memory has 2 pages (0–1)',
    });
    expect(parsePageNumber('99999999999999999999', 2)).toMatchObject({
      ok: false,
      error: /past the end/,
    });
  });
});

test('the grid says the memory size, singular for one byte', () => {
  expect(gridLabel(1, 0)).toBe('Memory, 1 byte. Cursor at 0x0. Arrow keys move the cursor.');
  expect(gridLabel(65536, 255)).toBe(
    'Memory, 65536 bytes. Cursor at 0xff. Arrow keys move the cursor.',
  );
});

/**
 * The hex view's geometry: memory offsets ↔ rows and columns, the rows to render for a scroll
 * position (through virtualWindow, so a 4 GiB memory renders ~40 rows), and which fixed-size
 * chunks those rows need from `readMemory`. Pure; the component only draws what this returns.
 */
import { plural } from './format';
import { virtualWindow, type VirtualWindow } from './virtual-window';

export interface HexGeometry {
  /** Memory length in bytes. */
  length: number;
  bytesPerRow: number;
  rowHeight: number;
  /** A wasm page's size (the engine's, common/abi.ts): a page rule is drawn above each. */
  pageSize: number;
}

export interface HexRow {
  row: number;
  offset: number;
  /** Bytes in this row (the last row of an odd length is shorter). */
  size: number;
  /** The first row of a page: the view draws a page rule above it. */
  pageStart: boolean;
}

export interface HexWindow extends VirtualWindow {
  rows: HexRow[];
  /** Byte range covered by the rendered rows, [from, to). */
  from: number;
  to: number;
}

export function rowCount(g: HexGeometry): number {
  return Math.ceil(g.length / g.bytesPerRow);
}

export function rowOf(offset: number, bytesPerRow: number): number {
  return Math.floor(offset / bytesPerRow);
}

export function columnOf(offset: number, bytesPerRow: number): number {
  return offset % bytesPerRow;
}

export function hexRow(row: number, g: HexGeometry): HexRow {
  const offset = row * g.bytesPerRow;
  return {
    row,
    offset,
    size: Math.max(0, Math.min(g.bytesPerRow, g.length - offset)),
    pageStart: offset % g.pageSize === 0,
  };
}

/** `topRow`: the row at the viewport's top when the view keeps it (virtualWindow's). */
export function hexWindow(
  g: HexGeometry,
  scrollTop: number,
  viewportHeight: number,
  overscan = 4,
  topRow?: number,
): HexWindow {
  const w = virtualWindow({
    count: rowCount(g),
    rowHeight: g.rowHeight,
    viewportHeight,
    scrollTop,
    overscan,
    topRow,
  });
  const rows: HexRow[] = [];
  for (let r = w.start; r < w.end; r++) rows.push(hexRow(r, g));
  const from = w.start * g.bytesPerRow;
  const to = Math.min(g.length, w.end * g.bytesPerRow);
  return { ...w, rows, from, to };
}

/** Chunk indices (of `chunkSize` bytes) overlapping [from, to). */
export function chunksFor(from: number, to: number, chunkSize: number): number[] {
  if (to <= from) return [];
  const out: number[] = [];
  for (let c = Math.floor(from / chunkSize); c * chunkSize < to; c++) out.push(c);
  return out;
}

/** Hex digits an address needs for this memory (at least 8, as wasm32 tools print them). */
export function addressDigits(length: number): number {
  return Math.max(8, Math.max(0, length - 1).toString(16).length);
}

/** The cursor after a key press in the hex grid, clamped to the memory. */
export function moveCursor(
  cursor: number,
  key: 'left' | 'right' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end',
  g: HexGeometry,
  rowsPerPage: number,
): number {
  const last = Math.max(0, g.length - 1);
  const n = g.bytesPerRow;
  const next = {
    left: cursor - 1,
    right: cursor + 1,
    up: cursor - n,
    down: cursor + n,
    pageUp: cursor - n * rowsPerPage,
    pageDown: cursor + n * rowsPerPage,
    home: cursor - (cursor % n),
    end: cursor - (cursor % n) + n - 1,
  }[key];
  return Math.min(last, Math.max(0, next));
}

/**
 * A hex row's width in `ch`, as HexView draws it (memory/hex-text.ts): the offset (`digits + 2`),
 * the bytes' text (3 a byte less the last space, one more space between the two halves of a
 * 16-byte row), then the ASCII column (2 of margin, 1 of padding, 1 per byte). The row's padding
 * is not included.
 */
export function hexRowWidthCh(bytesPerRow: number, digits: number): number {
  return digits + 2 + bytesPerRow * 3 - 1 + (bytesPerRow > 8 ? 1 : 0) + 3 + bytesPerRow;
}

/**
 * 16 bytes a row when such a row fits `availablePx`, else 8 (a narrow window keeps its ASCII
 * column in view instead of hiding it behind a sideways scroll). 16 while nothing is measured.
 */
export function bytesPerRowFor(availablePx: number, chPx: number, digits: number): 8 | 16 {
  if (availablePx <= 0 || chPx <= 0) return 16;
  // One pixel for the ASCII column's border, one for rounding the measured ch.
  return hexRowWidthCh(16, digits) * chPx + 2 <= availablePx ? 16 : 8;
}

export type PageNumber = { ok: true; page: number } | { ok: false; error: string };

/** "this memory has 17 pages (0–16)", for the errors below. */
function pagesOf(pages: number): string {
  if (pages === 0) return 'this memory has no pages';
  if (pages === 1) return 'this memory has 1 page (0)';
  return `this memory has ${pages} pages (0–${pages - 1})`;
}

/**
 * A typed page number (decimal, or hex with 0x) checked against a memory of `pages` pages; the
 * error says what was wrong, with the numbers that matter.
 */
export function parsePageNumber(text: string, pages: number): PageNumber {
  const t = text.trim();
  if (t === '') return { ok: false, error: `type a page number: ${pagesOf(pages)}` };
  let page: number;
  if (/^\d+$/.test(t)) page = Number(t);
  else if (/^0x[0-9a-f]+$/i.test(t)) page = parseInt(t.slice(2), 16);
  else return { ok: false, error: `"${t}" is not a page number: ${pagesOf(pages)}` };
  if (!Number.isSafeInteger(page) || page >= pages)
    return { ok: false, error: `page ${t} is past the end: ${pagesOf(pages)}` };
  return { ok: true, page };
}

/** What a screen reader hears for the grid: the memory's size and where the cursor is. */
export function gridLabel(length: number, cursor: number): string {
  return `Memory, ${plural(length, 'byte')}. Cursor at 0x${cursor.toString(16)}. Arrow keys move the cursor.`;
}

/**
 * A hex row as text: one string for its bytes ("00 1f 2a …", a second space after the eighth
 * byte of a 16-byte row) and one for their ASCII, each drawn as a single text node in a
 * monospace font. A byte is then a character range of those strings — what the view's marks
 * (CSS Custom Highlights) cover — and a click's x, divided by the character width, is a byte.
 * Pure: the view draws and marks what this returns.
 */
import { asciiOf, byteHex } from '../common/lib/hex';

/** A byte whose chunk is still loading, in each column. */
export const PENDING_HEX = '··';
export const PENDING_ASCII = ' ';

/** The split after the eighth byte only when a row has more than eight. */
function gapAfter(bytesPerRow: number): number {
  return bytesPerRow > 8 ? 8 : Infinity;
}

/** Where column `col`'s two hex digits start in a row's hex text. */
export function hexCharStart(col: number, bytesPerRow: number): number {
  return col * 3 + (col >= gapAfter(bytesPerRow) ? 1 : 0);
}

/** A full row's hex text width in characters (`ch`). */
export function hexTextWidth(bytesPerRow: number): number {
  return hexCharStart(bytesPerRow - 1, bytesPerRow) + 2;
}

/**
 * The column drawn at character `char` of a row's hex text: a byte's digits and the space after
 * them (and the split's second space) are that byte's, so every point of the row is a byte.
 */
export function hexColumnAt(char: number, bytesPerRow: number, size: number): number {
  const gap = gapAfter(bytesPerRow);
  const col = char >= gap * 3 ? Math.floor((char - 1) / 3) : Math.floor(char / 3);
  return Math.min(Math.max(0, size - 1), Math.max(0, col));
}

/** A row's bytes as hex text (undefined: still loading). */
export function hexText(bytes: ReadonlyArray<number | undefined>, bytesPerRow: number): string {
  const gap = gapAfter(bytesPerRow);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) out += i === gap ? '  ' : ' ';
    const b = bytes[i];
    out += b === undefined ? PENDING_HEX : byteHex(b);
  }
  return out;
}

/** A row's bytes as ASCII text, one character a byte. */
export function asciiText(bytes: ReadonlyArray<number | undefined>): string {
  let out = '';
  for (const b of bytes) out += b === undefined ? PENDING_ASCII : asciiOf(b);
  return out;
}

/** A run of consecutive columns [from, to] sharing one mark. */
export interface ColumnRun {
  from: number;
  to: number;
}

/** The runs of consecutive columns of `size` for which `marked(col)` holds. */
export function columnRuns(size: number, marked: (col: number) => boolean): ColumnRun[] {
  const runs: ColumnRun[] = [];
  let start = -1;
  for (let col = 0; col <= size; col++) {
    const on = col < size && marked(col);
    if (on && start < 0) start = col;
    else if (!on && start >= 0) {
      runs.push({ from: start, to: col - 1 });
      start = -1;
    }
  }
  return runs;
}

/** A run's characters in the hex text, [start, end): the spaces between its bytes included. */
export function hexChars(run: ColumnRun, bytesPerRow: number): [number, number] {
  return [hexCharStart(run.from, bytesPerRow), hexCharStart(run.to, bytesPerRow) + 2];
}

/** A run's characters in the ASCII text, [start, end). */
export function asciiChars(run: ColumnRun): [number, number] {
  return [run.from, run.to + 1];
}

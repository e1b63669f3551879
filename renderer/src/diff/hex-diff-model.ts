/**
 * The row model of the side-by-side hex diff: which bytes of which 16-byte rows differ, given
 * the two pages and the changed ranges the engine reported (ranges are merged across short equal
 * gaps, so only the bytes inside them that really differ are marked). Pure: the component only
 * renders the rows in view (a 64 KiB page is 4,096 rows).
 */
export const BYTES_PER_ROW = 16;

export interface ByteRange {
  start: number;
  /** One past the last byte. */
  end: number;
}

export interface HexDiffModel {
  length: number;
  bytesPerRow: number;
  rowCount: number;
  /** Per row: bit i is set when byte i of the row differs. */
  masks: Uint32Array;
  /** Rows with at least one differing byte, ascending. */
  changedRows: number[];
  /** Bytes that differ. */
  changedBytes: number;
  ranges: readonly ByteRange[];
}

export function createHexDiffModel(
  before: Uint8Array,
  after: Uint8Array,
  ranges: readonly ByteRange[],
  bytesPerRow = BYTES_PER_ROW,
): HexDiffModel {
  if (bytesPerRow < 1 || bytesPerRow > 32)
    throw new RangeError(`bytesPerRow must be 1..32, got ${bytesPerRow}`);
  const length = Math.max(before.length, after.length);
  const rowCount = Math.ceil(length / bytesPerRow);
  const masks = new Uint32Array(rowCount);
  const changedRows: number[] = [];
  let changedBytes = 0;
  for (const { start, end } of ranges) {
    for (let i = Math.max(0, start); i < Math.min(end, length); i++) {
      if ((before[i] ?? 0) === (after[i] ?? 0)) continue;
      const row = Math.floor(i / bytesPerRow);
      if (masks[row] === 0) changedRows.push(row);
      masks[row] |= 1 << (i - row * bytesPerRow);
      changedBytes++;
    }
  }
  // Ranges arrive sorted from the engine; sort anyway so the list is a valid search index.
  changedRows.sort((a, b) => a - b);
  return { length, bytesPerRow, rowCount, masks, changedRows, changedBytes, ranges };
}

/** Row widths the view can show, widest first. */
export const ROW_WIDTHS = [16, 8, 4] as const;

/**
 * How many bytes a row shows so that offset, before and after all fit in `widthPx` (a 1024 px
 * window leaves the hex ~480 px): the widest of ROW_WIDTHS that fits, else the narrowest. A row
 * is 9ch of offset, two sides of 3ch per byte, 3ch gaps, and 24 px of padding.
 */
export function bytesPerRowFitting(widthPx: number, chPx: number): number {
  for (const bytes of ROW_WIDTHS) {
    if ((15 + 6 * bytes) * chPx + 24 <= widthPx) return bytes;
  }
  return ROW_WIDTHS[ROW_WIDTHS.length - 1];
}

/** A run of one side of a row: plain bytes with their separators, or changed bytes alone. */
export interface HexRun {
  /** `ab cd ef`, with the spaces around a plain run, and two at the middle of the row. */
  text: string;
  changed: boolean;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * One side of a row as text runs: the plain bytes are text, only each run of changed bytes is
 * its own (marked) element, so an unchanged row side is one text node, not an element per byte
 * or per run. Bytes are one space apart and the two halves of the row two; a changed run stops
 * at the middle, so the wider gap is never marked, nor the spaces beside a changed run.
 */
export function rowRuns(model: HexDiffModel, bytes: Uint8Array, row: number): HexRun[] {
  const { bytesPerRow } = model;
  const offset = row * bytesPerRow;
  const size = Math.min(bytesPerRow, model.length - offset);
  const mask = model.masks[row] ?? 0;
  const half = bytesPerRow >> 1;
  const runs: HexRun[] = [];
  let current: HexRun | undefined;
  for (let i = 0; i < size; i++) {
    const changed = ((mask >>> i) & 1) === 1;
    const gap = i === 0 ? '' : i === half ? '  ' : ' ';
    const hex = BYTE_HEX[bytes[offset + i] ?? 0];
    if (current !== undefined && current.changed === changed && !(changed && i === half)) {
      current.text += gap + hex;
    } else if (!changed) {
      runs.push((current = { text: gap + hex, changed }));
    } else {
      // A changed run starts: the gap before it stays plain, with the run before or on its own.
      if (current !== undefined && !current.changed) current.text += gap;
      else if (gap !== '') runs.push({ text: gap, changed: false });
      runs.push((current = { text: hex, changed }));
    }
  }
  return runs;
}

export type DisplayRow = { kind: 'row'; row: number } | { kind: 'gap'; from: number; to: number };

/**
 * The rows to show: all of them, or only changed rows with `context` rows around each, the
 * skipped stretches folded into gap markers (`to` exclusive).
 */
export function displayRows(
  model: HexDiffModel,
  mode: 'all' | 'changed',
  context = 2,
): DisplayRow[] {
  const out: DisplayRow[] = [];
  if (mode === 'all') {
    for (let row = 0; row < model.rowCount; row++) out.push({ kind: 'row', row });
    return out;
  }
  let next = 0; // first row not yet emitted or folded
  for (const changed of model.changedRows) {
    const from = Math.max(next, changed - context);
    const to = Math.min(model.rowCount, changed + context + 1);
    if (from > next) out.push({ kind: 'gap', from: next, to: from });
    for (let row = from; row < to; row++) out.push({ kind: 'row', row });
    next = Math.max(next, to);
  }
  if (next < model.rowCount && out.length > 0)
    out.push({ kind: 'gap', from: next, to: model.rowCount });
  return out;
}

/** Position in `rows` of the entry showing `row` (or the gap folding it); -1 when absent. */
export function displayIndexOf(rows: readonly DisplayRow[], row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const entry = rows[mid];
    const first = entry.kind === 'row' ? entry.row : entry.from;
    const last = entry.kind === 'row' ? entry.row : entry.to - 1;
    if (row < first) hi = mid - 1;
    else if (row > last) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the range containing `offset`, else of the first range after it (ranges.length if none). */
export function rangeAtOrAfter(ranges: readonly ByteRange[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;
  NIBBLE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

type HexDecoder = (hex: string) => Uint8Array;

/** The platform's decoder where there is one (Uint8Array.fromHex: Chromium 140+, Electron 45). */
const platformFromHex = (Uint8Array as unknown as { fromHex?: HexDecoder }).fromHex?.bind(
  Uint8Array,
);

/**
 * `0x…` → bytes (the API's wire format), by the platform's native decoder when it has one: a
 * 64 KiB page is 131,072 digits, which the loop below takes milliseconds to decode in a page whose
 * code has not been optimised yet. The loop remains for other platforms, and names the bad digit
 * when the native decoder refuses the text.
 */
export function bytesOfHex(
  hex: string,
  native: HexDecoder | undefined = platformFromHex,
): Uint8Array {
  const from = hex.startsWith('0x') || hex.startsWith('0X') ? 2 : 0;
  if ((hex.length - from) % 2 !== 0) throw new RangeError('hex text has an odd number of digits');
  if (native !== undefined) {
    try {
      return native(from === 0 ? hex : hex.slice(from));
    } catch {
      // Decoded again below, which says where the text is not hex.
    }
  }
  const out = new Uint8Array((hex.length - from) / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = NIBBLE[hex.charCodeAt(from + 2 * i)] ?? -1;
    const lo = NIBBLE[hex.charCodeAt(from + 2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) throw new RangeError(`not a hex digit at ${from + 2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

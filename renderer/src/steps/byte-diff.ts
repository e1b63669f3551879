/**
 * Which rows of a page to show for a step's changes: the 16-byte rows holding changed bytes,
 * with a row of context around them, merged where they touch, capped for very busy pages.
 * The step view draws each chosen row twice (before, after) with the changed bytes marked; it
 * fetches only those rows' bytes after the step and puts the changes' old bytes back for before.
 */
import { bytesFromHex } from '../common/lib/hex';

export interface ContextRow {
  /** Offset of the row within the page. */
  offset: number;
  /** Changed byte positions within the row (0..bytesPerRow-1). */
  changed: number[];
  /** True for the first row after a gap (the view draws a separator). */
  gapBefore: boolean;
}

export function changedOffsets(before: Uint8Array, after: Uint8Array): number[] {
  const out: number[] = [];
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) if (before[i] !== after[i]) out.push(i);
  return out;
}

/**
 * The rows shown: 16 bytes each, a row of context either side of a changed one, at most 32. The
 * step's detail comes with the bytes of these rows (stepDetail's `rows`, the same rule).
 */
export const SHOWN_ROWS = { rowBytes: 16, context: 1, maxRows: 32 } as const;

export function contextRows(
  changed: readonly number[],
  pageSize: number,
  bytesPerRow: number = SHOWN_ROWS.rowBytes,
  context: number = SHOWN_ROWS.context,
  maxRows: number = SHOWN_ROWS.maxRows,
): { rows: ContextRow[]; truncated: boolean } {
  const byRow = new Map<number, number[]>();
  for (const offset of changed) {
    const row = Math.floor(offset / bytesPerRow);
    byRow.set(row, [...(byRow.get(row) ?? []), offset % bytesPerRow]);
  }
  const lastRow = Math.ceil(pageSize / bytesPerRow) - 1;
  const wanted = new Set<number>();
  for (const row of byRow.keys()) {
    for (let r = row - context; r <= row + context; r++) if (r >= 0 && r <= lastRow) wanted.add(r);
  }
  const sorted = [...wanted].sort((a, b) => a - b);
  const truncated = sorted.length > maxRows;
  const rows: ContextRow[] = sorted.slice(0, maxRows).map((row, i, all) => ({
    offset: row * bytesPerRow,
    changed: byRow.get(row) ?? [],
    gapBefore: i > 0 && all[i - 1] !== row - 1,
  }));
  return { rows, truncated };
}

/** A step's change to a page, as the step detail lists it (hex before and after). */
export interface ChangedRange {
  offset: number;
  before: string;
  after: string;
}

/** The page offsets a step's changes really changed (a range may hold equal bytes). */
export function changedInRanges(changes: readonly ChangedRange[]): number[] {
  const out: number[] = [];
  for (const c of changes) {
    const before = bytesFromHex(c.before);
    const after = bytesFromHex(c.after);
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) if (before[i] !== after[i]) out.push(c.offset + i);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The bytes the rows shown need: from the first row's start to the last row's end (empty when no
 * row is shown). Only these are fetched, not the 64 KiB page.
 */
export function rowsSpan(
  rows: readonly ContextRow[],
  bytesPerRow: number = SHOWN_ROWS.rowBytes,
): { offset: number; length: number } {
  if (rows.length === 0) return { offset: 0, length: 0 };
  const offset = rows[0].offset;
  return { offset, length: rows[rows.length - 1].offset + bytesPerRow - offset };
}

/**
 * The bytes before the step, from the bytes after it at page offset `from`: each change's
 * `before` put back where it falls in them.
 */
export function bytesBefore(
  after: Uint8Array,
  from: number,
  changes: readonly ChangedRange[],
): Uint8Array {
  const out = after.slice();
  for (const c of changes) {
    const before = bytesFromHex(c.before);
    for (let i = 0; i < before.length; i++) {
      const at = c.offset + i - from;
      if (at >= 0 && at < out.length) out[at] = before[i];
    }
  }
  return out;
}

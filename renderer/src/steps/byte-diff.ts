/**
 * Which rows of a page to show for a step's changes: the 16-byte rows holding changed bytes,
 * with a row of context around them, merged where they touch, capped for very busy pages.
 * The step view draws each chosen row twice (before, after) with the changed bytes marked.
 */

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

export function contextRows(
  changed: readonly number[],
  pageSize: number,
  bytesPerRow = 16,
  context = 1,
  maxRows = 32,
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

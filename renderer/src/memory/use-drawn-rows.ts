/**
 * The Memory view's rows in view as text and their marks (HexView.vue draws them): each row's
 * bytes read from the store in one call, its hex and ASCII text, its class, and the runs of
 * columns each mark covers (hex-marks.ts paints them as highlights).
 */
import { computed, type Ref } from 'vue';
import type { HexGeometry, HexWindow } from '../common/lib/hex-rows';
import type { MarkRuns } from './hex-marks';
import { asciiText, columnRuns, hexText } from './hex-text';
import { useMemoryStore } from './memory-store';

export interface DrawnRowsInput {
  win: Readonly<Ref<HexWindow>>;
  geometry: Readonly<Ref<HexGeometry>>;
  bytesPerRow: Readonly<Ref<number>>;
  /** The argument buffer A's bytes, [argStart, argEnd); -1 when unknown. */
  argStart: Readonly<Ref<number>>;
  argEnd: Readonly<Ref<number>>;
}

export function useDrawnRows({ win, geometry, bytesPerRow, argStart, argEnd }: DrawnRowsInput) {
  const memory = useMemoryStore();

  /**
   * The rows in view as text, built once per change of their bytes (bytes arriving, a scroll):
   * each row's bytes read from the store in one call. The cursor and the marks are not in it, so
   * moving the cursor re-paints highlights without re-rendering a row.
   */
  const drawn = computed(() =>
    win.value.rows.map((row) => {
      const bytes = memory.rowBytes(row.offset, row.size);
      const pending = bytes.includes(undefined);
      // A row all zeros or all loading (most rows of a big memory) is coloured by its class, not
      // by highlight ranges: fewer ranges for the browser to paint each frame.
      const zeros = !pending && bytes.every((b) => b === 0);
      const loading = pending && bytes.every((b) => b === undefined);
      const cls =
        (row.pageStart ? 'page-start' : '') +
        (memory.written.has(Math.floor(row.offset / geometry.value.pageSize)) ? '' : ' unwritten') +
        (pending ? ' pending' : '') +
        (zeros ? ' zeros' : '') +
        (loading ? ' loading' : '');
      const edge = argStart.value - row.offset;
      return {
        ...row,
        bytes,
        zeros,
        loading,
        hex: hexText(bytes, bytesPerRow.value),
        ascii: asciiText(bytes),
        /** The column where A starts, to draw its edge; -1 when it starts in another row. */
        argEdge: edge >= 0 && edge < row.size ? edge : -1,
        cls,
      };
    }),
  );

  // Matched bytes within the rendered window, as a set: one lookup per byte.
  const matched = computed(() => {
    const out = new Set<number>();
    for (const { offset, length } of memory.matches) {
      if (offset + length <= win.value.from || offset >= win.value.to) continue;
      for (let i = 0; i < length; i++) out.add(offset + i);
    }
    return out;
  });

  /** Each drawn row's marks, as runs of columns. */
  const marks = computed(() =>
    drawn.value.map((row): MarkRuns => {
      const at = row.offset;
      const { bytes } = row;
      const cursor = memory.cursor - at;
      return {
        zero: row.zeros ? [] : columnRuns(row.size, (c) => bytes[c] === 0),
        pending: row.loading ? [] : columnRuns(row.size, (c) => bytes[c] === undefined),
        argbuf: columnRuns(row.size, (c) => at + c >= argStart.value && at + c < argEnd.value),
        match:
          matched.value.size === 0 ? [] : columnRuns(row.size, (c) => matched.value.has(at + c)),
        cursor: cursor >= 0 && cursor < row.size ? [{ from: cursor, to: cursor }] : [],
      };
    }),
  );

  return { drawn, marks };
}

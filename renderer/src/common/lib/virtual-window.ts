/**
 * Which rows of a long list are in the DOM for a scroll position. Browsers cap an element's
 * height (Chromium at ~33.5 million px), and a 4 GiB wasm32 memory has 268 million 16-byte rows,
 * so past `maxHeight` the scrollbar is scaled: the spacer is `maxHeight` tall and a scroll
 * position maps proportionally to a (fractional) top row. Below the cap the mapping is exact.
 */

export interface VirtualWindowInput {
  count: number;
  rowHeight: number;
  viewportHeight: number;
  scrollTop: number;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
  /** Tallest spacer allowed; 8 million px stays far from every engine's limit. */
  maxHeight?: number;
  /**
   * The (fractional) row at the viewport's top, when the list keeps it itself: past the cap a
   * pixel of scroll position is several rows, so a list that moves by rows (a wheel notch, a
   * cursor key) cannot say where it is through `scrollTop` alone. `scrollTop` must still be the
   * element's real one (the rows are placed relative to it).
   */
  topRow?: number;
}

export interface VirtualWindow {
  /** First and one-past-last row to render. */
  start: number;
  end: number;
  /** Height of the scroll spacer. */
  totalHeight: number;
  /** Where row `start` goes, in the scroll container's content coordinates. */
  offsetY: number;
  /** The (fractional) row at the top of the viewport. */
  topRow: number;
  /** True when the scrollbar is scaled (rows are not at `row * rowHeight`). */
  scaled: boolean;
}

export const MAX_SCROLL_HEIGHT = 8_000_000;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Rows fully visible at once. */
export function rowsPerViewport(rowHeight: number, viewportHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight));
}

export function virtualWindow(input: VirtualWindowInput): VirtualWindow {
  const { count, rowHeight, viewportHeight } = input;
  const overscan = input.overscan ?? 4;
  const maxHeight = input.maxHeight ?? MAX_SCROLL_HEIGHT;
  const exactHeight = count * rowHeight;
  const scaled = exactHeight > maxHeight;
  const totalHeight = scaled ? maxHeight : exactHeight;
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const scrollTop = clamp(input.scrollTop, 0, maxScroll);
  const maxTopRow = Math.max(0, count - viewportHeight / rowHeight);
  const topRow =
    input.topRow !== undefined
      ? clamp(input.topRow, 0, maxTopRow)
      : scaled
        ? maxScroll === 0
          ? 0
          : (scrollTop / maxScroll) * maxTopRow
        : scrollTop / rowHeight;
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const start = clamp(Math.floor(topRow) - overscan, 0, count);
  const end = clamp(Math.floor(topRow) + visible + overscan, start, count);
  // Row `start` sits (start - topRow) rows below the viewport's top edge.
  const offsetY = scrollTop + (start - topRow) * rowHeight;
  return { start, end, totalHeight, offsetY, topRow, scaled };
}

/** The scroll position that puts `row` at the top (or, with `align: 'center'`, the middle). */
export function scrollTopForRow(
  row: number,
  input: Omit<VirtualWindowInput, 'scrollTop' | 'overscan'>,
  align: 'top' | 'center' = 'top',
): number {
  const { count, rowHeight, viewportHeight } = input;
  const maxHeight = input.maxHeight ?? MAX_SCROLL_HEIGHT;
  const target = align === 'center' ? row - viewportHeight / rowHeight / 2 + 0.5 : row;
  const exactHeight = count * rowHeight;
  if (exactHeight <= maxHeight)
    return clamp(target * rowHeight, 0, Math.max(0, exactHeight - viewportHeight));
  const maxScroll = maxHeight - viewportHeight;
  const maxTopRow = Math.max(1, count - viewportHeight / rowHeight);
  return clamp((target / maxTopRow) * maxScroll, 0, maxScroll);
}

/** The scroll position that brings `row` into view with the least movement (or keeps it). */
export function scrollTopToReveal(row: number, input: VirtualWindowInput): number {
  const window = virtualWindow({ ...input, overscan: 0 });
  const rows = input.viewportHeight / input.rowHeight;
  if (row >= window.topRow && row + 1 <= window.topRow + rows) return input.scrollTop;
  if (row < window.topRow) return scrollTopForRow(row, input);
  return scrollTopForRow(row - rows + 1, input);
}

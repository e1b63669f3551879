/**
 * Where the hex view's top row goes, in rows rather than pixels. Past the browser's element
 * height limit the scrollbar is scaled (common/lib/virtual-window): at 256 MiB one pixel of
 * scroll position is about two rows, so a wheel notch or a cursor key that moved the scroll
 * position would skip rows. The view keeps its top row itself and moves it by these. Pure.
 */

/** The highest top row: the last row at the viewport's bottom. */
export function maxTopRow(count: number, rowsInView: number): number {
  return Math.max(0, count - rowsInView);
}

export function clampTopRow(top: number, count: number, rowsInView: number): number {
  return Math.min(maxTopRow(count, rowsInView), Math.max(0, top));
}

/**
 * The top row that shows `row`: unchanged when it is already wholly in view; else centred for a
 * jump, or moved just enough (a cursor key). `rowsInView` may be fractional.
 */
export function topRowToReveal(
  row: number,
  topRow: number,
  rowsInView: number,
  align: 'center' | 'nearest',
): number {
  if (row >= topRow && row + 1 <= topRow + rowsInView) return topRow;
  if (align === 'center') return row - rowsInView / 2 + 0.5;
  return row < topRow ? row : row - rowsInView + 1;
}

/**
 * The rows a wheel event moves: its pixels at the rows' height (what the same notch scrolls in
 * a memory short enough to need no scaling), a line a row, a page a viewport of rows.
 */
export function wheelRows(
  deltaY: number,
  deltaMode: number,
  rowHeight: number,
  rowsPerPage: number,
): number {
  if (deltaMode === 1) return deltaY;
  if (deltaMode === 2) return deltaY * rowsPerPage;
  return deltaY / rowHeight;
}

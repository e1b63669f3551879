/** What a key does in the focused graph: move the selection, zoom, or open the commit menu. */
export type GraphKeyAction =
  { kind: 'select'; row: number } | { kind: 'zoom'; factor: number } | { kind: 'menu' };

/**
 * `current` is the selected row (-1 for none), `pageRows` the rows that fit the view. Moves are
 * clamped to the graph; the menu needs a selection.
 */
export function graphKeyAction(
  key: string,
  shift: boolean,
  current: number,
  rowCount: number,
  pageRows: number,
): GraphKeyAction | undefined {
  const moves: Record<string, number> = {
    ArrowUp: -1,
    ArrowDown: 1,
    PageUp: -pageRows,
    PageDown: pageRows,
  };
  const clamp = (row: number): GraphKeyAction | undefined =>
    rowCount === 0 ? undefined : { kind: 'select', row: Math.max(0, Math.min(rowCount - 1, row)) };
  if (key in moves) return clamp(current < 0 ? 0 : current + moves[key]);
  if (key === 'Home') return clamp(0);
  if (key === 'End') return clamp(rowCount - 1);
  if (key === '+' || key === '=') return { kind: 'zoom', factor: 1.25 };
  if (key === '-') return { kind: 'zoom', factor: 0.8 };
  if ((key === 'ContextMenu' || (key === 'F10' && shift)) && current >= 0) return { kind: 'menu' };
  return undefined;
}

/**
 * Which bytes of a step's changed pages go with its detail (StepRowsQuery): the pages chosen, and
 * in each the span of the rows a view shows around the changes. The Steps view chooses its rows
 * by the same rule (renderer/src/steps/byte-diff.ts) and checks that the span sent covers them.
 */
import type { ByteChange } from '../journal/types';
import type { StepRowsQuery } from './types';

type RowRule = Pick<StepRowsQuery, 'rowBytes' | 'context' | 'maxRows'>;
type PageRef = { contract: string; page: number };

/** The first `query.pages` of `deltas`, the focused page first when it is one of them. */
export function chosenPages<D extends PageRef>(deltas: readonly D[], query: StepRowsQuery): D[] {
  const { focus } = query;
  const focused = (d: D): number =>
    focus !== undefined && d.contract === focus.contract && d.page === focus.page ? 1 : 0;
  return [...deltas].sort((a, b) => focused(b) - focused(a)).slice(0, query.pages);
}

/**
 * The bytes from the first row chosen to the end of the last (within the page): rows holding a
 * byte whose value changed, with `context` rows either side, the first `maxRows` of them by
 * offset. Empty (length 0) when no byte changed. Counted in row intervals, so a large `context`
 * costs nothing more.
 */
export function changedRowsSpan(
  changes: readonly ByteChange[],
  rule: RowRule,
  pageSize: number,
): { offset: number; length: number } {
  const { rowBytes, context, maxRows } = rule;
  const changedRows = new Set<number>();
  for (const c of changes) {
    const n = Math.max(c.before.length, c.after.length);
    for (let i = 0; i < n; i++)
      if (c.before[i] !== c.after[i]) changedRows.add(Math.floor((c.offset + i) / rowBytes));
  }
  if (changedRows.size === 0 || maxRows === 0) return { offset: 0, length: 0 };
  const lastRow = Math.ceil(pageSize / rowBytes) - 1;
  const rows = [...changedRows].sort((a, b) => a - b);
  const first = Math.max(0, rows[0] - context);
  // Walk the merged intervals [row - context, row + context] until maxRows rows are taken.
  let taken = 0;
  let last = first;
  let end = -1; // the last row of the intervals merged so far
  for (const row of rows) {
    const from = Math.max(end + 1, row - context, 0);
    const to = Math.min(lastRow, row + context);
    if (to < from) continue;
    const room = maxRows - taken;
    if (to - from + 1 >= room) {
      last = from + room - 1;
      taken = maxRows;
      break;
    }
    taken += to - from + 1;
    last = to;
    end = to;
  }
  const offset = first * rowBytes;
  return { offset, length: Math.min(pageSize, (last + 1) * rowBytes) - offset };
}

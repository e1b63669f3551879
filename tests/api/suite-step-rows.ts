/**
 * The InspectorApi suite, continued (see suite.ts): a step's detail with its changed pages' rows
 * (`stepDetail` with `rows`). The Steps view shows the bytes around a step's changes; asked for
 * with the detail, they come in its reply, and a jump waits for one request instead of the
 * detail and then `pageAtStep`. Registered inside apiSuite's describe, on the same connection.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { InspectorApi, StepRowsQuery } from '../../engine/api/types';
import { PAGE, wasmHex, type Connection } from './suite-support';

/** pages.wat's write_many(first, count): the last byte of each page first..first+count-1. */
function writeManyArg(first: number, count: number): string {
  const u32 = (n: number) => n.toString(16).padStart(8, '0').match(/../g)!.reverse().join('');
  return '0x' + u32(first) + u32(count);
}

export function stepRowsTests(connection: () => Connection): void {
  // Its own describe: the session is opened when these tests start, not before the suite's.
  describe("a step's rows with its detail", () => stepRows(connection));
}

function stepRows(connection: () => Connection): void {
  let api: InspectorApi;
  let session: string;
  let contract: string;
  /** The exit of the write_many call: it changed pages 1–5 (and page 0, its argument). */
  const point = { call: 1, step: 1 };
  const rule = { rowBytes: 16, context: 1, maxRows: 32 };

  beforeAll(async () => {
    api = connection().api;
    ({ id: session } = await api.openSession({}));
    contract = (await api.deploy({ session, source: { kind: 'bytes', hex: wasmHex('pages') } }))
      .contractId!;
    const r = await api.call({
      session,
      contract,
      fn: 'write_many',
      arg: { hex: writeManyArg(1, 5) },
    });
    expect(r.ok).toBe(true);
  });

  /** `length` bytes of the page at `offset`, as `pageAtStep` reads them at the point. */
  const pageBytes = (page: number, offset: number, length: number) =>
    api.pageAtStep({ session, point, contract, page, offset, length });

  test("a step's detail with `rows`: the chosen pages' bytes after the step, around their changes, as pageAtStep reads them", async () => {
    const plain = await api.stepDetail({ session, ...point });
    expect(plain.rows).toBeUndefined();
    expect(plain.deltas.map((d) => d.page).sort()).toEqual([0, 1, 2, 3, 4, 5]);

    const query: StepRowsQuery = { pages: 3, focus: { contract, page: 4 }, ...rule };
    const detail = await api.stepDetail({ session, ...point, rows: query });
    // The detail itself as without rows.
    expect({ ...detail, rows: undefined }).toEqual({ ...plain, rows: undefined });
    // The focused page first, then the detail's order, three pages.
    const others = plain.deltas.map((d) => d.page).filter((p) => p !== 4);
    expect(detail.rows!.map((r) => r.page)).toEqual([4, ...others.slice(0, 2)]);
    for (const rows of detail.rows!) {
      expect(rows.contract).toBe(contract);
      // Pages 1–5: their last byte only, in the page's last row: that row and the one before.
      // Page 0: the argument's first 8 bytes, in row 0: rows 0 and 1.
      const span = rows.page === 0 ? { offset: 0, length: 32 } : { offset: PAGE - 32, length: 32 };
      expect({ page: rows.page, offset: rows.offset }).toEqual({
        page: rows.page,
        offset: span.offset,
      });
      expect(rows.after).toBe(await pageBytes(rows.page, span.offset, span.length));
    }
    const page4 = detail.rows!.find((r) => r.page === 4)!;
    expect(page4.after.slice(-2)).toBe('05'); // write_many's byte: page + 1
  });

  test('the rows follow the rule asked for: rows of `rowBytes`, `context` either side, at most `maxRows`, at most `pages` pages', async () => {
    const focus = { contract, page: 2 };
    const rows = async (q: Omit<StepRowsQuery, 'focus'>) =>
      (await api.stepDetail({ session, ...point, rows: { ...q, focus } })).rows!;
    // No context: the changed row alone.
    const [alone] = await rows({ pages: 1, rowBytes: 16, context: 0, maxRows: 32 });
    expect(alone).toMatchObject({ page: 2, offset: PAGE - 16 });
    expect(alone.after).toBe(await pageBytes(2, PAGE - 16, 16));
    // Rows of 64 bytes with two of context: the last three rows of the page (none after it).
    const [wide] = await rows({ pages: 1, rowBytes: 64, context: 2, maxRows: 32 });
    expect(wide).toMatchObject({ page: 2, offset: PAGE - 192 });
    expect(wide.after).toBe(await pageBytes(2, PAGE - 192, 192));
    // At most one row: the first by offset, the context row before the changed one.
    const [first] = await rows({ pages: 1, rowBytes: 16, context: 1, maxRows: 1 });
    expect(first).toMatchObject({ page: 2, offset: PAGE - 32 });
    expect(first.after).toBe(await pageBytes(2, PAGE - 32, 16));
    // Any context: counted in rows of the page, not row by row (a huge one answers at once).
    const huge = Number.MAX_SAFE_INTEGER;
    const [two] = await rows({ pages: 1, rowBytes: 16, context: huge, maxRows: 2 });
    expect(two).toMatchObject({ page: 2, offset: 0 });
    expect(two.after).toBe(await pageBytes(2, 0, 32));
    const [whole] = await rows({ pages: 1, rowBytes: 16, context: huge, maxRows: huge });
    expect(whole).toMatchObject({ page: 2, offset: 0 });
    expect(whole.after).toBe(await pageBytes(2, 0, PAGE));
    // No pages asked for, or more than the step changed.
    expect(await rows({ pages: 0, ...rule })).toEqual([]);
    expect(await rows({ pages: 99, ...rule })).toHaveLength(6);
  });

  test('a commit answers the same rows as the session it was made from', async () => {
    const query: StepRowsQuery = { pages: 6, ...rule };
    const live = await api.stepDetail({ session, ...point, rows: query });
    expect(live.rows).toHaveLength(6);
    const { root } = await api.commit({ session });
    expect(await api.stepDetail({ commit: root, ...point, rows: query })).toEqual(live);
  });
}

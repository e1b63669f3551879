/**
 * The InspectorApi suite, continued (see suite.ts): a long journal read in pieces. `journal`
 * takes an upper bound (`to`, exclusive) and can leave the steps out (`steps: false`, each call
 * then says how many it has), so a client of a session of thousands of calls fetches its call
 * list and the pieces it shows, not the whole journal with every step. Registered inside
 * apiSuite's describe, on the same connection.
 */
import { beforeAll, expect, test } from 'vitest';
import type { InspectorApi } from '../../engine/api/types';
import { PAGE, rejection, type Connection } from './suite-support';

export function journalPieceTests(connection: () => Connection): void {
  let api: InspectorApi;
  beforeAll(() => {
    api = connection().api;
  });

  /** A session with a deploy and `calls` increments: `calls + 1` journal entries. */
  async function counterSession(calls: number): Promise<string> {
    const { id: session } = await api.openSession({});
    const { contractId } = await api.deploy({
      session,
      source: { kind: 'sample', name: 'counter' },
    });
    for (let i = 0; i < calls; i++)
      await api.call({ session, contract: contractId!, fn: 'increment' });
    return session;
  }

  test('a piece of the journal: the calls from `from` up to `to` (exclusive), of a session and of a commit', async () => {
    const session = await counterSession(5);
    const all = await api.journal({ session });
    expect(all.map((j) => j.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await api.journal({ session, from: 2, to: 4 })).toEqual(all.slice(2, 4));
    expect(await api.journal({ session, to: 1 })).toEqual(all.slice(0, 1));
    expect(await api.journal({ session, from: 3, to: 3 })).toEqual([]);
    // Past the end: the journal's end (a client paging through does not know where it is).
    expect(await api.journal({ session, from: 4, to: 1000 })).toEqual(all.slice(4));
    const { root } = await api.commit({ session });
    expect(await api.journal({ commit: root, from: 1, to: 3 })).toEqual(all.slice(1, 3));
  });

  test('the call list without steps: each call as it is, its steps counted, not sent', async () => {
    const session = await counterSession(3);
    const all = await api.journal({ session });
    const list = await api.journal({ session, steps: false });
    expect(list).toEqual(all.map((c) => ({ ...c, steps: [], stepCount: c.steps.length })));
    expect(list.every((c) => c.stepCount! > 0)).toBe(true);
    expect(await api.journal({ session, from: 1, to: 2, steps: false })).toEqual(list.slice(1, 2));
    // Asked for with steps, a call comes as before (no count beside them).
    expect(await api.journal({ session, steps: true })).toEqual(all);
  });

  test('a step of a far call and a page at it answer from that call alone, as from the whole journal', async () => {
    const session = await counterSession(6);
    const all = await api.journal({ session });
    const last = all.at(-1)!;
    const detail = await api.stepDetail({ session, call: last.index, step: last.steps.length - 1 });
    expect(detail.step).toEqual(last.steps.at(-1));
    const written = detail.deltas[0];
    expect(written).toBeDefined();
    // The page after the last call: the counter's value written by the sixth increment.
    const page = await api.pageAtStep({
      session,
      point: { call: last.index, step: last.steps.length - 1 },
      contract: written.contract,
      page: written.page,
    });
    const change = written.changes[0];
    const at = 2 + change.offset * 2; // past the hex's 0x
    expect(page.slice(at, at + change.after.length - 2)).toBe(change.after.slice(2));
    const missing = await rejection(api.stepDetail({ session, call: all.length + 5, step: 0 }));
    expect(missing).toMatchObject({ code: 'InvalidInput' });
    expect(missing.message).toBe(`no call ${all.length + 5} in the journal`);
    const noStep = await rejection(api.stepDetail({ session, call: 1, step: 99 }));
    expect(noStep.message).toBe(`no step 99 in call 1 (${all[1].steps.length} steps)`);
  });

  test('a range of a page at a step: those bytes of the whole page, and a range past the page refused', async () => {
    const session = await counterSession(3);
    const list = await api.journal({ session, steps: false });
    const last = list.at(-1)!;
    const point = { call: last.index, step: last.stepCount! - 1 };
    const detail = await api.stepDetail({ session, ...point });
    const { contract, page, changes } = detail.deltas[0];
    const whole = await api.pageAtStep({ session, point, contract, page });
    const offset = changes[0].offset - (changes[0].offset % 16);
    const range = await api.pageAtStep({ session, point, contract, page, offset, length: 48 });
    expect(range).toBe('0x' + whole.slice(2 + offset * 2, 2 + (offset + 48) * 2));
    const past = await rejection(
      api.pageAtStep({ session, point, contract, page, offset: PAGE - 8, length: 16 }),
    );
    expect(past).toMatchObject({ code: 'InvalidInput' });
    expect(past.message).toBe(
      `page range of 16 bytes at ${PAGE - 8} is past the page's ${PAGE} bytes`,
    );
  });

  test('a page at a step whose last version lies far back is read back to it, not from the last calls alone', async () => {
    const { id: session } = await api.openSession({});
    const deploy = async (id: string) =>
      (
        await api.deploy({
          session,
          source: { kind: 'sample', name: 'counter' },
          contractId: id.repeat(32),
        })
      ).contractId!;
    const a = await deploy('a1');
    const b = await deploy('b2');
    await api.call({ session, contract: a, fn: 'increment' });
    // More calls to b than the first look back (32 calls) and its double.
    for (let i = 0; i < 100; i++) await api.call({ session, contract: b, fn: 'increment' });
    const journal = await api.journal({ session, steps: false });
    const writes = await api.stepsWritingPage({ session, contract: a, page: 1 });
    expect(writes.at(-1)!.call).toBe(2); // a's last write: its increment, 100 calls back
    const last = journal.at(-1)!;
    const page = await api.pageAtStep({
      session,
      point: { call: last.index, step: last.stepCount! - 1 },
      contract: a,
      page: 1,
    });
    const now = await api.readMemory({ session, contract: a, offset: PAGE, length: PAGE });
    expect(page).toBe(now);
    // Before its increment, a's page was as its deploy left it: not the same bytes.
    const before = await api.pageAtStep({
      session,
      point: { call: 2, step: -1 },
      contract: a,
      page: 1,
    });
    expect(before).not.toBe(now);
  });

  test('a piece that ends before it starts, is refused with the numbers', async () => {
    const session = await counterSession(2);
    const backwards = await rejection(api.journal({ session, from: 2, to: 1 }));
    expect(backwards).toMatchObject({ code: 'InvalidInput' });
    expect(backwards.message).toBe('journal piece ends before it starts: to 1 < from 2');
    // Mistyped bounds are refused by the transports' param check (rpc-params.test.ts); a bound
    // past any journal is its end.
    expect(await api.journal({ session, from: 1, to: Number.MAX_SAFE_INTEGER })).toEqual(
      (await api.journal({ session })).slice(1),
    );
  });
}

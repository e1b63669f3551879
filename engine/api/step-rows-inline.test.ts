// A step's rows (stepDetail's `rows`) from a journal recorded before page references: its page
// changes are inline, so the page after the step is rebuilt from the calls back to the start
// (pageAtStep), not read as a version. A page that cannot be rebuilt is left out, and the detail
// still comes (the client asks pageAtStep for that page, which names the cause).
import { describe, expect, test } from 'vitest';
import { PiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import type { Journal, JournalCall } from '../journal/types';
import { stepDetail } from './journal-queries';
import type { WorkspaceState } from './workspace-state';

const contract = 'cd'.repeat(32) as ContractId;
const rule = { pages: 4, rowBytes: 16, context: 1, maxRows: 32 };

/** A call whose one exit step changed one byte of page 1, inline. */
function call(index: number, offset: number, after: number): JournalCall {
  return {
    index,
    kind: 'call',
    contract,
    fn: 'f',
    arg: new Uint8Array(0),
    gasLimit: 1000n,
    gasSpent: 10n,
    result: undefined,
    error: undefined,
    micros: 1,
    steps: [
      {
        kind: 'exit',
        depth: 0,
        contract,
        fn: 'f',
        gas: 10n,
        deltas: [
          {
            contract,
            page: 1,
            changes: [{ offset, before: Uint8Array.of(0), after: Uint8Array.of(after) }],
          },
        ],
        events: [],
        debug: [],
      },
    ],
  };
}

/** A commit's state whose journal is `calls` (no base), read in pieces; `fails` refuses some. */
function workspace(calls: JournalCall[], fails = (_from: number) => false): WorkspaceState {
  const view = {
    journal: async (from = 0, to?: number): Promise<Journal> => {
      if (fails(from)) throw new PiecrustError('PersistenceError', `piece at ${from} is lost`, {});
      return { base: null, calls: calls.slice(from, to) };
    },
    journalPages: async () => ({ page: () => undefined }),
  };
  return { vm: { at: () => view } } as unknown as WorkspaceState;
}

const source = { commit: 'ab'.repeat(32) };

describe("a step's rows from inline page changes", () => {
  test('the page after the step, rebuilt from every call before it', async () => {
    // Call 0 wrote offset 190, call 1 offset 200: both lie in call 1's rows (176..223).
    const ws = workspace([call(0, 190, 7), call(1, 200, 9)]);
    const detail = await stepDetail(ws, source, 1, 0, rule);
    const expected = new Uint8Array(48);
    expected[190 - 176] = 7;
    expected[200 - 176] = 9;
    expect(detail.rows).toEqual([
      { contract, page: 1, offset: 176, after: '0x' + Buffer.from(expected).toString('hex') },
    ]);
  });

  test('a page that cannot be rebuilt is left out; the detail comes all the same', async () => {
    const ws = workspace([call(0, 190, 7), call(1, 200, 9)], (from) => from === 0);
    const detail = await stepDetail(ws, source, 1, 0, rule);
    expect(detail.rows).toEqual([]);
    expect(detail.deltas).toEqual([
      { contract, page: 1, changes: [{ offset: 200, before: '0x00', after: '0x09' }] },
    ]);
  });
});

// The commit list read in pieces (`listCommits({ after, limit })`), in memory and in a store
// file (in the index and after reopening it): the pieces put together are the whole list, in
// order, with later labels; an `after` the store does not hold is refused with its root.
import { afterEach, describe, expect, test } from 'vitest';
import type { ContractId, Root } from '../core/ids';
import { createVm, type Vm } from '../vm/vm';
import type { CommitPage, CommitRecord } from './commit-store';
import { tempStore } from '../testing/fault-testing';
import { counterBytecode, GAS, increment, OWNER } from '../testing/store-testing';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const storePath = (): string => tempStore(cleanups, 'state.pcstore');

/** A chain of `n` increments after the deploy (n + 1 commits), the 3rd state labelled twice. */
async function history(vm: Vm, n: number): Promise<void> {
  const g = vm.session();
  const counter: ContractId = g.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
  let head: Root = await g.commit('deployed');
  let third: Root | undefined;
  for (let i = 1; i <= n; i++) {
    const base = head;
    const s = vm.session({ base });
    increment(s, counter);
    head = await s.commit(`c${i}`);
    if (i === 2) third = head;
  }
  // The 3rd state committed again under another label (a later label).
  const again = vm.session({ base: vm.store.getCommit(third!)!.parent! });
  increment(again, counter);
  expect(await again.commit('again')).toBe(third);
}

/** Every piece of `limit` commits, each after the previous piece's last. */
function inPieces(vm: Vm, limit: number): CommitRecord[][] {
  const pieces: CommitRecord[][] = [];
  let page: CommitPage = { limit };
  for (;;) {
    const piece = vm.commitRecords(page);
    if (piece.length === 0) return pieces;
    pieces.push(piece);
    if (pieces.length > 100) throw new Error(`over 100 pieces of ${limit}: the limit is ignored`);
    page = { after: piece.at(-1)!.root, limit };
  }
}

describe.each([
  ['in memory', () => undefined],
  ['in a store file', storePath],
])('the commit list in pieces, %s', (_name, path) => {
  test('the pieces are the whole list, in order, with later labels', async () => {
    const vm = await createVm({ store: path() });
    cleanups.push(() => vm.close());
    await history(vm, 6);
    const all = vm.commitRecords();
    expect(all).toHaveLength(7);
    const pieces = inPieces(vm, 3);
    expect(pieces.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pieces.flat()).toEqual(all);
    expect(pieces[0][2].laterLabels).toEqual(['again']);
    expect(vm.commitRecords({ limit: 2 })).toEqual(all.slice(0, 2));
    expect(vm.commitRecords({ after: all[4].root })).toEqual(all.slice(5));
    expect(vm.commitRecords({ after: all[6].root, limit: 5 })).toEqual([]);
  });

  test('an after the store does not hold is refused, naming it', async () => {
    const vm = await createVm({ store: path() });
    cleanups.push(() => vm.close());
    await history(vm, 2);
    const gone = 'ab'.repeat(32) as Root;
    expect(() => vm.commitRecords({ after: gone, limit: 2 })).toThrow(
      expect.objectContaining({ code: 'PersistenceError', message: expect.stringContaining(gone) }),
    );
  });
});

test('a reopened store file lists the same pieces (read from the checkpoint and the log)', async () => {
  const path = storePath();
  const vm = await createVm({ store: path });
  await history(vm, 5);
  const all = vm.commitRecords();
  await vm.close();
  const reopened = await createVm({ store: path });
  cleanups.push(() => reopened.close());
  expect(inPieces(reopened, 2).flat()).toEqual(all);
});

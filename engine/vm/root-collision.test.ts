// Two different states under one piecrust root (spec §6.2: the root covers contract memories,
// not ids or owners): the second is refused with the contracts that differ, never dropped in
// silence; the session that made it stays open.
import { describe, expect, test } from 'vitest';
import { isPiecrustError, type PiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import { contractWat, wat } from '../testing/wat';
import { createVm } from './vm';

const OWNER = new Uint8Array(32);
const idOf = (byte: number) => Buffer.alloc(32, byte).toString('hex') as ContractId;

async function twoStates() {
  const vm = await createVm();
  const bytecode = await wat(
    contractWat('(func (export "f") (param i32) (result i32) (i32.const 0))'),
  );
  const first = vm.session();
  first.deploy(bytecode, { owner: OWNER, contractId: idOf(1) }, 1_000_000n);
  const second = vm.session();
  second.deploy(bytecode, { owner: OWNER, contractId: idOf(2) }, 1_000_000n);
  return { vm, first, second };
}

describe('one root, two states', () => {
  test('the second commit is refused, names the contracts that differ, and keeps the session', async () => {
    const { vm, first, second } = await twoStates();
    expect(second.root()).toBe(first.root());
    const root = await first.commit('first');
    let error: unknown;
    try {
      await second.commit('second');
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'CommitError')).toBe(true);
    const message = (error as PiecrustError).message;
    expect(message).toContain(`commit "first" (${root.slice(0, 12)}…)`);
    expect(message).toContain(`here: ${idOf(2).slice(0, 8)}…`);
    expect(message).toContain(`there: ${idOf(1).slice(0, 8)}…`);
    expect(second.isClosed).toBe(false);
    expect(vm.commits()).toEqual([root]);
    expect(vm.store.getCommit(root)?.label).toBe('first');
  });

  test('the same state committed twice is one commit, as before', async () => {
    const vm = await createVm();
    const bytecode = await wat(
      contractWat('(func (export "f") (param i32) (result i32) (i32.const 0))'),
    );
    const roots = [];
    for (let i = 0; i < 2; i++) {
      const s = vm.session();
      s.deploy(bytecode, { owner: OWNER, contractId: idOf(1) }, 1_000_000n);
      roots.push(await s.commit());
    }
    expect(roots[1]).toBe(roots[0]);
    expect(vm.commits()).toEqual([roots[0]]);
  });

  test('two sessions reaching one root at once: the write that comes second is refused', async () => {
    const { vm, first, second } = await twoStates();
    const results = await Promise.allSettled([first.commit(), second.commit()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isPiecrustError(refused.reason, 'CommitError')).toBe(true);
    expect(vm.commits()).toHaveLength(1);
  });
});

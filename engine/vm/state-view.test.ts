// A StateView reads a state the same whether a committed state or a live session holds it;
// genesis is the empty state; a session diffs only against its base.
import { describe, expect, test } from 'vitest';
import { toRoot, ZERO_ROOT, type ContractId } from '../core/ids';
import { PAGE_SIZE } from '../core/abi';
import { contractWat, wat } from '../testing/wat';
import { localSession } from './async-session';
import { sessionStateView } from './session-state-view';
import type { ContractState, StateView } from './state-view';
import { createVm, type Vm } from './vm';

const OWNER = new Uint8Array(32).fill(9);
const GAS = 1_000_000n;
const idOf = (byte: number) => Buffer.alloc(32, byte).toString('hex') as ContractId;

/** `poke` writes 0xab at 64 KiB + 7: page 1 of its memory. */
const POKE = contractWat(
  '(func (export "poke") (param i32) (result i32) (i32.store8 (i32.const 65543) (i32.const 0xab)) (i32.const 0))',
);

const viewOf = (vm: Vm, session: ReturnType<Vm['session']>, name = 's1'): StateView =>
  sessionStateView(localSession(session), {
    id: name,
    name: `session ${name}`,
    loadModule: (bytecode) => vm.loadModule(bytecode),
  });

/** What a view says about a contract, in plain data (modules compared by what the API shows). */
async function reading(view: StateView, id: ContractId) {
  const shown = (c: ContractState) => ({
    id: c.id,
    owner: [...c.owner],
    codeHash: c.codeHash,
    memoryLen: c.memoryLen,
    is64: c.is64,
    exports: [...c.module().functions].sort(),
    argBuffer: c.module().argBuffer,
  });
  return {
    contracts: (await view.contracts()).map(shown),
    contract: shown(await view.contract(id)),
    written: await view.writtenPages(id),
    page1: [...(await view.pageBytes(id, 1)).subarray(0, 16)],
  };
}

async function poked() {
  const vm = await createVm();
  const bytecode = await wat(POKE);
  const session = vm.session({ journal: true });
  session.deploy(bytecode, { owner: OWNER, contractId: idOf(1) }, GAS);
  session.callRaw(idOf(1), 'poke', new Uint8Array(0), GAS);
  return { vm, bytecode, session };
}

describe('a committed state and the session that made it read the same', () => {
  test('contracts, one contract, written pages and page bytes', async () => {
    const { vm, session } = await poked();
    const live = await reading(viewOf(vm, session), idOf(1));
    const root = await session.commit();
    const committed = await reading(vm.at(root), idOf(1));
    expect(committed).toEqual(live);
    expect(live.written).toEqual([1]);
    expect(live.page1[7]).toBe(0xab);
    expect(live.contracts.map((c) => c.id)).toEqual([idOf(1)]);
  });

  test('a contract the state lacks is ContractDoesNotExist, naming the commit when committed', async () => {
    const { vm, session } = await poked();
    await expect(viewOf(vm, session).contract(idOf(2))).rejects.toThrow(
      `Contract does not exist: ${idOf(2)}`,
    );
    const root = await session.commit();
    await expect(vm.at(root).contract(idOf(2))).rejects.toThrow(
      `Contract does not exist: ${idOf(2)} in commit ${root}`,
    );
  });
});

describe('genesis and unknown roots', () => {
  test('genesis is the empty state: no contracts, zero pages, no journal', async () => {
    const vm = await createVm();
    const genesis = vm.at(ZERO_ROOT);
    expect(await genesis.contracts()).toEqual([]);
    expect(await genesis.pageBytes(idOf(1), 3)).toEqual(new Uint8Array(PAGE_SIZE));
    await expect(genesis.contract(idOf(1))).rejects.toThrow('Contract does not exist');
    expect(await genesis.journal()).toBeUndefined();
    expect(await genesis.lineage()).toEqual({ commit: null });
  });

  test('a root the store lacks fails at its first read', async () => {
    const vm = await createVm();
    const root = toRoot('07'.repeat(32));
    const gone = vm.at(root);
    await expect(gone.contracts()).rejects.toThrow(`No such commit: ${root}`);
    await expect(gone.pageBytes(idOf(1), 0)).rejects.toThrow(`No such commit: ${root}`);
  });
});

describe('changes between states', () => {
  test('two commits: the contract-index diff, either way round', async () => {
    const { vm, session } = await poked();
    const a = await session.commit();
    const next = vm.session({ base: a });
    next.deploy(await wat(POKE), { owner: OWNER, contractId: idOf(2) }, GAS);
    const b = await next.commit();
    const forward = await vm.at(b).changesSince(vm.at(a));
    expect(forward).toEqual(vm.diffCommits(a, b));
    expect(forward.map((d) => [d.contract, d.status])).toEqual([[idOf(2), 'added']]);
    expect((await vm.at(a).changesSince(vm.at(b))).map((d) => d.status)).toEqual(['removed']);
  });

  test('a session against its base (genesis as ZERO_ROOT), and the base against it swapped', async () => {
    const { vm, session } = await poked();
    const view = viewOf(vm, session);
    const forward = await view.changesSince(vm.at(ZERO_ROOT));
    expect(forward).toEqual(session.diffBase());
    expect(forward.map((d) => [d.contract, d.status])).toEqual([[idOf(1), 'added']]);
    const back = await vm.at(ZERO_ROOT).changesSince(view);
    expect(back).toEqual([
      {
        contract: idOf(1),
        status: 'removed',
        before: forward[0].after,
        after: undefined,
        pages: { added: [], removed: forward[0].pages.added, changed: [] },
      },
    ]);
  });

  test('a session against any other state is refused, naming its base and its id', async () => {
    const { vm, session } = await poked();
    const root = await session.commit();
    const other = vm.session({ base: root });
    const view = viewOf(vm, other, 's7');
    const refusal = `a session is diffed against its base commit (${root}); commit it to diff against others`;
    await expect(view.changesSince(vm.at(ZERO_ROOT))).rejects.toThrow(refusal);
    await expect(vm.at(ZERO_ROOT).changesSince(view)).rejects.toThrow(refusal);
    await expect(view.changesSince(viewOf(vm, vm.session({ base: root }), 's8'))).rejects.toThrow(
      refusal,
    );
    await expect(view.changesSince(vm.at(ZERO_ROOT))).rejects.toMatchObject({
      code: 'InvalidInput',
      details: { session: 's7' },
    });
    expect(await view.changesSince(vm.at(root))).toEqual([]);
  });
});

test('lineage: a session goes on from its base with its own calls; a commit is its own', async () => {
  const { vm, session } = await poked();
  const lineage = await viewOf(vm, session, 's3').lineage();
  expect(lineage.commit).toBeNull();
  expect(lineage.uncommitted?.session).toBe('s3');
  expect(lineage.uncommitted?.name).toBe('session s3');
  expect(lineage.uncommitted?.journal.calls.map((c) => c.fn)).toEqual(['', 'poke']);
  const root = await session.commit();
  expect(await vm.at(root).lineage()).toEqual({ commit: root });
  expect((await vm.at(root).journal())?.calls.map((c) => c.fn)).toEqual(['', 'poke']);
});

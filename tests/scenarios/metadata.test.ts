// spec §9.20, §9.22 (piecrust tests/metadata.rs, persistence.rs)
import { describe, expect, test } from 'vitest';
import { MemoryCommitStore } from '../../engine/store/memory-store';
import type { ContractId, Root } from '../../engine/core/ids';
import { createVm, type Vm } from '../../engine/vm/vm';
import {
  bytecode,
  call,
  deploy,
  expectError,
  expectRejection,
  idFromBytes,
  idOf,
  LIMIT,
  newVm,
  OWNER,
  t,
} from './support';

const owner = (b: number, n = 33): Uint8Array => new Uint8Array(n).fill(b);
const ID_A = idFromBytes([]);
const ID_B = idFromBytes([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);

/** PERSIST-4/5/6's base: a counter owned by `[1; 33]`, committed, to be migrated to metadata. */
async function counterWithOwner(vm: Vm): Promise<{ counter: ContractId; root: Root }> {
  const g = vm.session();
  const counter = deploy(g, 'counter', { owner: owner(1) });
  return { counter, root: await g.commit() };
}

describe('metadata', () => {
  test('META-1 metadata survives a commit', async () => {
    const vm = await newVm();
    const s = vm.session();
    const id = deploy(s, 'metadata', { owner: owner(3) });
    expect(call(s, id, 'read_owner', t.unit, null, t.array(t.u8, 33))).toEqual(owner(3));
    expect(call(s, id, 'read_id', t.unit, null, t.contractId)).toBe(id);
    const r = await s.commit();
    const s2 = vm.session({ base: r });
    expect(call(s2, id, 'read_owner', t.unit, null, t.array(t.u8, 33))).toEqual(owner(3));
    expect(call(s2, id, 'read_id', t.unit, null, t.contractId)).toBe(id);
    expect(s2.contractMetadata(id)).toEqual({ contractId: id, owner: owner(3) });
  });

  test('META-2 owner_of', async () => {
    const s = (await newVm()).session();
    deploy(s, 'metadata', { contractId: idOf(1), owner: owner(3) });
    deploy(s, 'metadata', { contractId: idOf(2), owner: owner(4) });
    const ownerOf = t.option(t.array(t.u8, 33));
    expect(call(s, idOf(1), 'read_owner_of', t.contractId, idOf(2), ownerOf)).toEqual(owner(4));
    expect(call(s, idOf(2), 'read_owner_of', t.contractId, idOf(1), ownerOf)).toEqual(owner(3));
    expect(call(s, idOf(1), 'read_owner_of', t.contractId, idOf(3), ownerOf)).toBeNull();
  });

  test('META-3 owner_wrong_n_panics', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'metadata', { owner: owner(5) });
    expectError(
      () => call(s, id, 'read_owner_wrong_n', t.unit, null, t.array(t.u8, 32)),
      'Panic',
      'does not match host owner length',
    );
    expectError(
      () => call(s, id, 'read_owner_of_wrong_n', t.contractId, id, t.option(t.array(t.u8, 32))),
      'Panic',
      'does not match host owner length',
    );
  });
});

describe('persistence', () => {
  test('PERSIST-1 session_commits_persistence: a second VM on the same store sees both commits', async () => {
    const store = new MemoryCommitStore();
    const vm = await createVm({ store });
    const s = vm.session();
    const counter = deploy(s, 'counter');
    const box = deploy(s, 'box');
    call(s, counter, 'increment', t.unit, null, t.unit);
    call(s, box, 'set', t.i16, 0x11, t.unit);
    const c1 = await s.commit();
    const s2 = vm.session({ base: c1 });
    call(s2, counter, 'increment', t.unit, null, t.unit);
    call(s2, box, 'set', t.i16, 0x12, t.unit);
    expect(call(s2, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfen);
    const c2 = await s2.commit();

    const second = await createVm({ store });
    const on1 = second.session({ base: c1 });
    expect(call(on1, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
    expect(call(on1, box, 'get', t.unit, null, t.option(t.i16))).toBe(0x11);
    const third = await createVm({ store });
    const on2 = third.session({ base: c2 });
    expect(call(on2, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfen);
    expect(call(on2, box, 'get', t.unit, null, t.option(t.i16))).toBe(0x12);
  });

  test('PERSIST-2 contracts_persistence', async () => {
    const store = new MemoryCommitStore();
    const vm = await createVm({ store });
    const s = vm.session();
    const counter = deploy(s, 'counter');
    const box = deploy(s, 'box');
    call(s, counter, 'increment', t.unit, null, t.unit);
    call(s, box, 'set', t.i16, 0x11, t.unit);
    const c1 = await s.commit();
    const again = (await createVm({ store })).session({ base: c1 });
    expect(call(again, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
    expect(call(again, box, 'get', t.unit, null, t.option(t.i16))).toBe(0x11);
  });

  test('PERSIST-3 migration keeps the state prepared in the closure', async () => {
    const vm = await newVm();
    const g = vm.session();
    const counter = deploy(g, 'counter');
    call(g, counter, 'increment', t.unit, null, t.unit);
    call(g, counter, 'increment', t.unit, null, t.unit);
    const r = await g.commit();
    const s = await vm
      .session({ base: r })
      .migrate(counter, bytecode('double_counter'), {}, LIMIT, (next, session) => {
        const old = call(session, counter, 'read_value', t.unit, null, t.i64);
        expect(old).toBe(0xfen);
        const [left, right] = call(
          session,
          next,
          'read_values',
          t.unit,
          null,
          t.tuple(t.i64, t.i64),
        );
        expect([left, right]).toEqual([0xfcn, 0xcfn]);
        for (let i = 0n; i < old - left; i++)
          call(session, next, 'increment_left', t.unit, null, t.unit);
      });
    const r2 = await s.commit();
    const after = vm.session({ base: r2 });
    expect(call(after, counter, 'read_values', t.unit, null, t.tuple(t.i64, t.i64))).toEqual([
      0xfen,
      0xcfn,
    ]);
  });

  test('PERSIST-4 migration_new_owner', async () => {
    const vm = await newVm();
    const { counter, root } = await counterWithOwner(vm);
    const migrated = await vm
      .session({ base: root })
      .migrate(counter, bytecode('metadata'), { owner: owner(2) }, LIMIT, () => {});
    expect(call(migrated, counter, 'read_owner', t.unit, null, t.array(t.u8, 33))).toEqual(
      owner(2),
    );
  });

  test('PERSIST-5 migration_old_owner', async () => {
    const vm = await newVm();
    const { counter, root } = await counterWithOwner(vm);
    const migrated = await vm
      .session({ base: root })
      .migrate(counter, bytecode('metadata'), {}, LIMIT, () => {});
    expect(call(migrated, counter, 'read_owner', t.unit, null, t.array(t.u8, 33))).toEqual(
      owner(1),
    );
  });

  test('PERSIST-6 migration_self_id_remains_same', async () => {
    const vm = await newVm();
    const { counter, root } = await counterWithOwner(vm);
    const migrated = await vm
      .session({ base: root })
      .migrate(counter, bytecode('metadata'), {}, LIMIT, () => {});
    expect(call(migrated, counter, 'read_id', t.unit, null, t.contractId)).toBe(counter);
  });

  test('PERSIST-7 migration_to_contract_id_pos_collision_is_rejected', async () => {
    const vm = await newVm();
    const g = vm.session();
    deploy(g, 'counter', { contractId: ID_B });
    const r = await g.commit();
    const s = vm.session({ base: r });
    await expectRejection(
      () => s.migrate(ID_A, bytecode('box'), { owner: OWNER }, LIMIT, () => {}),
      'ContractPositionCollision',
      `Contract '${ID_A}' collides at Merkle position 0`,
    );
    expect(s.isClosed).toBe(true);
  });

  test('PERSIST-8 migration_to_pending_id_pos_collision_is_rejected', async () => {
    const s = (await newVm()).session();
    deploy(s, 'counter', { contractId: ID_B });
    await expectRejection(
      () =>
        s.migrate(
          ID_A,
          bytecode('box'),
          { owner: OWNER, contractId: idFromBytes([2]) },
          LIMIT,
          () => {},
        ),
      'ContractPositionCollision',
      'position 0',
    );
  });

  test('PERSIST-9 migration_allows_replacement_contract_at_target_pos', async () => {
    const s = (await newVm()).session();
    const migrated = await s.migrate(
      ID_A,
      bytecode('box'),
      { owner: OWNER, contractId: ID_B },
      LIMIT,
      () => {},
    );
    call(migrated, ID_A, 'set', t.i16, 0x11, t.unit);
    expect(call(migrated, ID_A, 'get', t.unit, null, t.option(t.i16))).toBe(0x11);
    expect(migrated.loadedContracts()).toEqual([ID_A]);
  });
});

describe('stored modules', () => {
  test('a commit stores the instrumented module; a new VM reuses it, or rewrites a damaged one', async () => {
    const store = new MemoryCommitStore();
    const vm = await createVm({ store });
    const s = vm.session();
    const counter = deploy(s, 'counter');
    const root = await s.commit();
    const { moduleKey } = await import('../../engine/vm/contract-module');
    const codeHash = counter; // default id = blake3(bytecode) = code hash
    const stored = store.getModule(moduleKey(codeHash, 'head'));
    expect(stored).toBeInstanceOf(Uint8Array);
    const again = (await createVm({ store })).session({ base: root });
    expect(call(again, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    stored!.fill(0, 8, 40); // damage it: the VM must fall back to instrumenting anew
    const third = (await createVm({ store })).session({ base: root });
    expect(call(third, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });
});

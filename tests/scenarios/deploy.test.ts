// spec §9.9 and §9.18 (piecrust tests/deploy.rs, initializer.rs)
import { describe, expect, test } from 'vitest';
import { encode } from '../../engine/rkyv';
import {
  call,
  deploy,
  deployFull,
  expectError,
  idFromBytes,
  idOf,
  LIMIT,
  newVm,
  OWNER,
  t,
  bytecode,
} from './support';

const ID_A = idFromBytes([]); // 32 × 00: position 0
const ID_B = idFromBytes([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]); // 1 + 0xFFFFFFFF = 0 (mod 2^32)

describe('deploy', () => {
  test('DEPLOY-1 deploy_with_id', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'counter', { contractId: idOf(1) });
    expect(id).toBe(idOf(1));
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    call(s, id, 'increment', t.unit, null, t.unit);
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
  });

  test('DEPLOY-2 call_non_deployed: the failed ICC returns DoesNotExist, the caller keeps its write', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'double_counter', { contractId: idOf(1) });
    expect(call(s, id, 'read_values', t.unit, null, t.tuple(t.i64, t.i64))[0]).toBe(0xfcn);
    const result = call(
      s,
      id,
      'increment_left_and_call',
      t.contractId,
      idOf(255),
      t.result(t.unit, t.contractError),
    );
    expect(result).toEqual({ err: 'DoesNotExist' });
    expect(call(s, id, 'read_values', t.unit, null, t.tuple(t.i64, t.i64))[0]).toBe(0xfdn);
  });

  test('DEPLOY-3 contract_id_position_collision_is_rejected', async () => {
    const s = (await newVm()).session();
    deploy(s, 'counter', { contractId: ID_A });
    const e = expectError(
      () => deploy(s, 'box', { contractId: ID_B }),
      'ContractPositionCollision',
    );
    expect(e.message).toBe(`Contract '${ID_B}' collides at Merkle position 0`);
  });

  test('DEPLOY-4 contract_id_position_collision_with_base_is_rejected', async () => {
    const vm = await newVm();
    const g = vm.session();
    deploy(g, 'counter', { contractId: ID_A });
    const r = await g.commit();
    const s = vm.session({ base: r });
    expectError(
      () => deploy(s, 'box', { contractId: ID_B }),
      'ContractPositionCollision',
      'position 0',
    );
  });

  test('deploying the same bytecode twice in one lineage fails; the session stays usable', async () => {
    const vm = await newVm();
    const s = vm.session();
    const id = deploy(s, 'counter');
    expectError(() => deploy(s, 'counter'), 'InitalizationError', 'Deployed error already exists');
    const r = await s.commit();
    const s2 = vm.session({ base: r });
    expectError(() => deploy(s2, 'counter'), 'InitalizationError');
    expect(call(s2, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });

  test('the owner is mandatory', async () => {
    const s = (await newVm()).session();
    expectError(
      () => s.deploy(bytecode('counter'), {} as unknown as { owner: Uint8Array }, LIMIT),
      'InvalidInput',
      'Owner must be specified',
    );
  });
});

describe('initializer', () => {
  test('INIT-1 init runs once at deploy and never again', async () => {
    const vm = await newVm();
    const s = vm.session();
    const { contractId: id, receipt } = deployFull(s, 'initializer', {
      initArg: encode(t.u8, 0xab),
    });
    expect(receipt).toBeDefined();
    expect(receipt!.gasSpent).toBeGreaterThan(0n);
    expect(receipt!.gasSpent).toBeLessThanOrEqual(LIMIT);
    expect(call(s, id, 'read_value', t.unit, null, t.u8)).toBe(0xab);
    call(s, id, 'increment', t.unit, null, t.unit);
    expect(call(s, id, 'read_value', t.unit, null, t.u8)).toBe(0xac);
    expectError(
      () => call(s, id, 'init', t.u8, 0xaa, t.unit),
      'InitalizationError',
      'init call not allowed',
    );
    expect(call(s, id, 'read_value', t.unit, null, t.u8)).toBe(0xac);
    const r = await s.commit();
    const s2 = vm.session({ base: r });
    expect(call(s2, id, 'read_value', t.unit, null, t.u8)).toBe(0xac);
    expectError(() => call(s2, id, 'init', t.u8, 0xae, t.unit), 'InitalizationError');
  });

  test('INIT-2 init_indirect_call_blocked', async () => {
    const s = (await newVm()).session();
    const { contractId: empty, receipt } = deployFull(s, 'empty_initializer');
    expect(receipt).toBeDefined();
    const center = deployFull(s, 'callcenter');
    expect(center.receipt).toBeUndefined();
    expectError(
      () => call(s, center.contractId, 'call_init', t.contractId, empty, t.unit),
      'Panic',
    );
  });

  test('INIT-3 empty_init_argument', async () => {
    const s = (await newVm()).session();
    const { contractId: id, receipt } = deployFull(s, 'empty_initializer');
    expect(receipt!.gasSpent).toBeGreaterThan(0n);
    expect(call(s, id, 'read_value', t.unit, null, t.u8)).toBe(0x10);
  });

  test('INIT-4 deploy_raw_with_init_returns_receipt', async () => {
    const s = (await newVm()).session();
    const { contractId: id, receipt } = s.deploy(
      bytecode('initializer'),
      { owner: OWNER, initArg: new Uint8Array([0xab]) },
      LIMIT,
    );
    expect(receipt!.gasSpent).toBeGreaterThan(0n);
    expect(call(s, id, 'read_value', t.unit, null, t.u8)).toBe(0xab);
  });

  test('a failing init removes the contract and keeps the session usable', async () => {
    const s = (await newVm()).session();
    expectError(
      () => deployFull(s, 'initializer', { initArg: encode(t.u8, 1), gas: 1n }),
      'OutOfGas',
    );
    const id = deploy(s, 'initializer', { initArg: encode(t.u8, 7) });
    expect(call(s, id, 'read_value', t.unit, null, t.u8)).toBe(7);
  });
});

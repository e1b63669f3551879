// spec §9.29: the test files only piecrust v0.19.0 (OLD) has — constructor.rs and the OLD
// deploy.rs. OLD's `constructor` / `empty_constructor` contracts are HEAD's `initializer` /
// `empty_initializer` (spec §8), and its `constructor_arg` is HEAD's `init_arg` (`initArg`).
// OLD `deploy` returned only the id, so these tests ignore the receipt HEAD adds.
import { describe, expect, test } from 'vitest';
import { encode } from '../../engine/rkyv';
import type { ContractId } from '../../engine/core/ids';
import type { Session } from '../../engine/vm/session';
import { call, deploy, expectError, idOf, newVm, t } from './support';

const readU8 = (s: Session, id: ContractId): number =>
  call(s, id, 'read_value', t.unit, null, t.u8);

describe('OLD constructor.rs', () => {
  test('OLD-CONSTRUCTOR-1 constructor', async () => {
    const vm = await newVm();
    const s = vm.session();
    const id = deploy(s, 'initializer', { initArg: encode(t.u8, 0xab) });
    expect(readU8(s, id)).toBe(0xab);
    call(s, id, 'increment', t.unit, null, t.unit);
    expect(readU8(s, id)).toBe(0xac);
    // The constructor ran at deploy; calling it again is refused every time.
    for (let attempt = 0; attempt < 2; attempt++) {
      expectError(
        () => call(s, id, 'init', t.u8, 0xaa, t.unit),
        'InitalizationError',
        'init call not allowed',
      );
    }
    expect(readU8(s, id)).toBe(0xac);
    const root = await s.commit();
    const next = vm.session({ base: root });
    expect(readU8(next, id)).toBe(0xac);
    expectError(() => call(next, id, 'init', t.u8, 0xae, t.unit), 'InitalizationError');
    expect(readU8(next, id)).toBe(0xac);
  });

  test('OLD-CONSTRUCTOR-2 empty_constructor_argument', async () => {
    const s = (await newVm()).session();
    // No constructor argument: the contract's `init(())` sets 0x10 over its static 0x00.
    const id = deploy(s, 'empty_initializer');
    expect(readU8(s, id)).toBe(0x10);
  });
});

describe('OLD deploy.rs', () => {
  test('OLD-DEPLOYID-1 deploy_with_id', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'counter', { contractId: idOf(1) });
    expect(id).toBe(idOf(1));
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    call(s, id, 'increment', t.unit, null, t.unit);
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
  });
});

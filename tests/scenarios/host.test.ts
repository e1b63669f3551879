// spec §9.17 (piecrust tests/host.rs); HOST-7 uses a mock of the PLONK verifier query.
import { describe, expect, test } from 'vitest';
import { blake3 } from '../../engine/hash/blake3';
import { decode, encode } from '../../engine/rkyv';
import type { Vm } from '../../engine/vm/vm';
import { call, deploy, expectError, idOf, newVm, t } from './support';

function panicking(where: 'price' | 'execute') {
  return {
    price: (): bigint => {
      if (where === 'price') throw new Error('pricing exploded');
      return 0n;
    },
    execute: (): number => {
      throw new Error('execution exploded');
    },
  };
}

async function vmWith(register: (vm: Vm) => void): Promise<Vm> {
  const vm = await newVm();
  register(vm);
  return vm;
}

describe('host queries', () => {
  test('HOST-1 pricing_panic_is_contained', async () => {
    const vm = await vmWith((v) => v.registerHostQuery('very_expensive', panicking('price')));
    const s = vm.session();
    const id = deploy(s, 'host');
    const e = expectError(() => call(s, id, 'host_very_expensive', t.unit, null, t.unit), 'Panic');
    expect(e.message).toBe('Panic: host query panicked');
  });

  test('HOST-2 execute_panic_is_contained', async () => {
    const vm = await vmWith((v) => v.registerHostQuery('very_expensive', panicking('execute')));
    const s = vm.session();
    const id = deploy(s, 'host');
    expectError(
      () => call(s, id, 'host_very_expensive', t.unit, null, t.unit),
      'Panic',
      'host query panicked',
    );
  });

  test('HOST-3 nested_host_query_panic_uses_deterministic_message', async () => {
    const vm = await vmWith((v) => v.registerHostQuery('very_expensive', panicking('execute')));
    const s = vm.session();
    const callee = deploy(s, 'host');
    const caller = deploy(s, 'host', { contractId: idOf(1) });
    const result = call(
      s,
      caller,
      'delegate_host_very_expensive',
      t.contractId,
      callee,
      t.result(t.unit, t.contractError),
    );
    expect(result).toEqual({ err: { panic: 'host query panicked' } });
  });

  test('HOST-4 panic_propagates_when_containment_is_disabled', async () => {
    const vm = await vmWith((v) => v.registerHostQuery('very_expensive', panicking('execute')));
    const s = vm.session({ containHostQueryPanics: false });
    const id = deploy(s, 'host');
    const before = s.root();
    expect(() => call(s, id, 'host_very_expensive', t.unit, null, t.unit)).toThrow(
      'execution exploded',
    );
    expect(s.root()).toBe(before);
  });

  test('HOST-5 host_hash', async () => {
    const vm = await vmWith((v) =>
      v.registerHostQuery('hash', {
        price: () => 0n,
        execute: (arg, buffer) => {
          buffer.set(blake3(decode(t.bytes, arg)));
          return 32;
        },
      }),
    );
    const s = vm.session();
    const id = deploy(s, 'host');
    const digest = call(s, id, 'host_hash', t.bytes, new Uint8Array([0, 1, 2]), t.array(t.u8, 32));
    expect(digest).toEqual(blake3(new Uint8Array([0, 1, 2])));
  });

  test('HOST-6 host_very_expensive_oog: a price of u64::MAX is out of gas', async () => {
    const vm = await vmWith((v) =>
      v.registerHostQuery('very_expensive', { price: () => (1n << 64n) - 1n, execute: () => 0 }),
    );
    const s = vm.session();
    const id = deploy(s, 'host');
    expectError(() => call(s, id, 'host_very_expensive', t.unit, null, t.unit), 'OutOfGas');
  });

  test('HOST-7 host_proof (mock verifier): the query result flows back as rkyv bool', async () => {
    const vm = await vmWith((v) =>
      v.registerHostQuery('verify_proof', {
        // Stand-in for the PLONK verifier: a "proof" is valid when its last byte is non-zero.
        execute: (arg) => {
          const proof = decode(t.bytes, arg);
          return encode(t.bool, proof.length > 0 && proof[proof.length - 1] !== 0);
        },
      }),
    );
    const s = vm.session();
    const id = deploy(s, 'host');
    expect(call(s, id, 'host_verify', t.bytes, new Uint8Array([1, 2, 3]), t.string)).toBe(
      'PROOF IS VALID',
    );
    expect(call(s, id, 'host_verify', t.bytes, new Uint8Array([1, 2, 0]), t.string)).toBe(
      'PROOF IS INVALID',
    );
  });

  test('a missing or excluded host query traps with its name', async () => {
    const vm = await vmWith((v) => v.registerHostQuery('hash', { execute: () => 0 }));
    const s = vm.session({ excludeHostQueries: ['hash'] });
    const id = deploy(s, 'host');
    expectError(
      () => call(s, id, 'host_hash', t.bytes, new Uint8Array(1), t.array(t.u8, 32)),
      'MissingHostQuery',
      'hash',
    );
  });

  test('the host query price is charged as gas', async () => {
    const price = 12_345n;
    const vm = await vmWith((v) => {
      v.registerHostQuery('very_expensive', { price: () => 0n, execute: () => 0 });
    });
    const vm2 = await vmWith((v) => {
      v.registerHostQuery('very_expensive', { price: () => price, execute: () => 0 });
    });
    const spent = (x: Vm): bigint => {
      const s = x.session();
      const id = deploy(s, 'host');
      return s.call(id, 'host_very_expensive', t.unit, null, t.unit, 1_000_000n).gasSpent;
    };
    expect(spent(vm2) - spent(vm)).toBe(price);
  });
});

// Bad input never crashes the process and always gets a clear error with the numbers.
import { describe, expect, test } from 'vitest';
import { encode } from '../../engine/rkyv';
import { hexToBytes } from '../../engine/core/ids';
import { wat } from '../../engine/testing/wat';
import { bytecode, call, deploy, expectError, LIMIT, newVm, OWNER, t } from './support';

const NONE = new Uint8Array(0);

async function session() {
  return (await newVm()).session();
}

describe('bad bytecode is refused at deploy, the session stays usable', () => {
  test.each([
    ['no_arg_buffer', 'InvalidArgumentBuffer', 'no exported global `A`'],
    ['mutable_arg_buffer', 'InvalidArgumentBuffer', '`A` is mutable'],
    ['arg_buffer_wrong_type', 'InvalidArgumentBuffer', '`A` must be i32'],
    ['arg_buffer_past_max', 'InvalidArgumentBuffer', 'A = 100 needs 65536 bytes'],
    [
      'arg_buffer_near_end',
      'InvalidArgumentBuffer',
      'A = 60000 needs 65536 bytes, but memory is 65536 bytes',
    ],
    ['unknown_import', 'InvalidFunction', 'Invalid function: foo'],
    ['wrong_import_type', 'RuntimeError', 'import env.c has type'],
    ['no_memory', 'PersistenceError', 'exactly one memory'],
    ['unexported_memory', 'PersistenceError', 'exactly one memory'],
    ['two_memories', 'RuntimeError', 'memor'],
    ['invalid', 'InvalidFunction', 'bad_function'],
  ] as const)('%s → %s', async (name, code, part) => {
    const s = await session();
    expectError(() => deploy(s, name), code, part);
    expect(s.loadedContracts()).toEqual([]);
    const counter = deploy(s, 'counter');
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });

  test('malformed wasm: not a module, truncated, garbage in a section', async () => {
    const s = await session();
    expectError(
      () => s.deploy(new Uint8Array([1, 2, 3]), { owner: OWNER }, LIMIT),
      'RuntimeError',
      'not a WebAssembly module',
    );
    const counter = bytecode('counter');
    expectError(
      () => s.deploy(counter.slice(0, counter.length - 7), { owner: OWNER }, LIMIT),
      'RuntimeError',
      'at byte',
    );
    const garbled = counter.slice();
    garbled[20] ^= 0xff;
    expectError(() => s.deploy(garbled, { owner: OWNER }, LIMIT), 'RuntimeError');
  });

  test('relaxed SIMD and start functions are refused', async () => {
    const s = await session();
    const relaxed =
      await wat(`(module (memory (export "memory") 2) (global (export "A") i32 (i32.const 0))
      (func (export "f") (param i32) (result i32)
        (drop (f32x4.relaxed_madd (v128.const i64x2 0 0) (v128.const i64x2 0 0) (v128.const i64x2 0 0))) (i32.const 0)))`);
    expectError(() => s.deploy(relaxed, { owner: OWNER }, LIMIT), 'RuntimeError', 'relaxed SIMD');
    // A start function runs with zero gas at instantiation (at deploy) and traps (spec §5).
    expectError(() => deploy(s, 'start_fn'), 'RuntimeError', 'start function');
    expect(s.loadedContracts()).toEqual([]);
  });
});

describe('bad calls', () => {
  test('an argument over 64 KiB is refused before anything runs', async () => {
    const s = await session();
    const id = deploy(s, 'counter');
    const root = s.root();
    const e = expectError(
      () => s.callRaw(id, 'increment', new Uint8Array(65537), LIMIT),
      'MemoryAccessOutOfBounds',
    );
    expect(e.message).toContain('65537');
    expect(s.root()).toBe(root);
  });

  test('unknown function and unknown contract', async () => {
    const s = await session();
    const id = deploy(s, 'counter');
    expectError(() => s.callRaw(id, 'nope', NONE, LIMIT), 'RuntimeError', 'does not export `nope`');
    const missing = id.replace(/^../, '00') as typeof id;
    expectError(
      () => s.callRaw(missing, 'read_value', NONE, LIMIT),
      'ContractDoesNotExist',
      missing,
    );
  });

  test('pointers out of bounds trap the contract with the numbers; nothing changes', async () => {
    const s = await session();
    const id = deploy(s, 'oob_pointer');
    const root = s.root();
    const e = expectError(() => s.callRaw(id, 'emit_oob', NONE, LIMIT), 'MemoryAccessOutOfBounds');
    expect(e.message).toContain(`offset ${0xfffffff0}, len 32, memory ${2 ** 32}`);
    expectError(
      () => s.callRaw(id, 'store_oob', NONE, LIMIT),
      'RuntimeError',
      'memory access out of bounds',
    );
    expect(s.root()).toBe(root);
  });

  test('impossible result lengths', async () => {
    const s = await session();
    const id = deploy(s, 'bad_return');
    expectError(
      () => s.callRaw(id, 'too_long', NONE, LIMIT),
      'RuntimeError',
      'returned length 70000',
    );
    expectError(() => s.callRaw(id, 'negative', NONE, LIMIT), 'RuntimeError', 'returned length -5');
  });

  test('an infinite loop runs out of gas; unbounded recursion fails without crashing', async () => {
    const s = await session();
    const id = deploy(s, 'spin');
    expectError(() => s.callRaw(id, 'spin', NONE, 10_000_000n), 'OutOfGas');
    expectError(() => s.callRaw(id, 'recurse', NONE, 1_000n), 'OutOfGas');
    expectError(
      () => s.callRaw(id, 'recurse', NONE, 1n << 62n),
      'RuntimeError',
      'call stack exhausted',
    );
    // The session still works after a stack overflow.
    const counter = deploy(s, 'counter');
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });

  test('growth beyond the maximum is refused by memory.grow; a failed call gives back its growth', async () => {
    const s = await session();
    const id = deploy(s, 'grow');
    expect(s.memoryLen(id)).toBe(65536);
    expect(call(s, id, 'grow', t.u32, 2, t.u32)).toBe(3);
    expect(s.memoryLen(id)).toBe(3 * 65536);
    expectError(() => call(s, id, 'grow', t.u32, 2, t.u32), 'Panic', 'memory.grow failed');
    expect(s.memoryLen(id)).toBe(3 * 65536);
  });

  test('a wrong base commit', async () => {
    const vm = await newVm();
    expectError(
      () => vm.session({ base: '11'.repeat(32) as never }),
      'PersistenceError',
      `No such base commit: ${'11'.repeat(32)}`,
    );
    expectError(
      () => vm.session({ base: 'not a root' as never }),
      'InvalidInput',
      'root must be 32 bytes',
    );
  });

  test('gas limits outside u64 and calls on a closed session', async () => {
    const s = await session();
    const id = deploy(s, 'counter');
    expectError(
      () => s.callRaw(id, 'increment', NONE, -1n),
      'InvalidInput',
      'gas limit must be a u64',
    );
    expectError(() => s.callRaw(id, 'increment', NONE, 1n << 64n), 'InvalidInput');
    s.close();
    expectError(() => s.callRaw(id, 'increment', NONE, LIMIT), 'SessionClosed');
  });

  test('u64::MAX gas works (REBOOT-1 uses it)', async () => {
    const s = await session();
    const max = (1n << 64n) - 1n;
    const { contractId: id } = s.deploy(
      bytecode('counter'),
      { owner: OWNER, contractId: ('63' + '00'.repeat(31)) as never },
      max,
    );
    const r = s.callRaw(id, 'increment', NONE, max);
    expect(r.gasLimit).toBe(max);
    expect(r.gasSpent).toBeGreaterThan(0n);
    expect(call(s, id, 'read_value', t.unit, null, t.i64, max)).toBe(0xfdn);
  });

  test('metadata over 64 KiB is refused', async () => {
    const vm = await newVm();
    expectError(
      () => vm.session({ meta: { big: new Uint8Array(65537) } }),
      'CompositeSerializerError',
      '65537',
    );
    void encode;
  });
});

describe('ABI variants', () => {
  test('the pre-0.16 `caller` ABI writes 32 bytes, zeros without a caller', async () => {
    const s = await session();
    const a = deploy(s, 'old_caller');
    expect(call(s, a, 'return_caller', t.unit, null, t.contractId)).toBe('00'.repeat(32));
    const center = deploy(s, 'callcenter');
    void center;
    const b = deploy(s, 'old_caller', { contractId: ('01' + '00'.repeat(31)) as never });
    expect(call(s, b, 'call_other', t.contractId, a, t.contractId)).toBe(b);
  });

  test('wasm64: every pointer-taking import works with 64-bit pointers', async () => {
    const vm = await newVm();
    vm.registerHostQuery('hash', { execute: (_arg, buffer) => (buffer.fill(7, 0, 32), 32) });
    const s = vm.session({ meta: { height: encode(t.u64, 5n) } });
    const id = deploy(s, 'counter64', { owner: new Uint8Array(3).fill(9) });
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    call(s, id, 'increment', t.unit, null, t.unit);
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
    const emitted = s.call(id, 'emit_one', t.unit, null, t.unit, LIMIT);
    expect(emitted.events.map((e) => [e.topic, e.data.length])).toEqual([['x', 4]]);
    expect(s.callRaw(id, 'read_meta', NONE, LIMIT).data).toEqual(encode(t.u64, 5n));
    expect(s.callRaw(id, 'read_owner', NONE, LIMIT).data).toEqual(new Uint8Array(3).fill(9));
    expect(s.callRaw(id, 'read_self', NONE, LIMIT).data).toEqual(hexToBytes(id));
    expect(s.callRaw(id, 'query', NONE, LIMIT).data).toEqual(new Uint8Array(32).fill(7));
  });
});

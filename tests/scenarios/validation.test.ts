// spec §9.10, §9.26, §9.30 (deserialization.rs, validation.rs, unit tests) and bad input of every kind.
import { describe, expect, test } from 'vitest';
import { checkPtr } from '../../engine/vm/host-memory';
import { MAX_CALL_DEPTH } from '../../engine/vm/call-context';
import { call, deploy, expectError, LIMIT, newVm, t } from './support';

describe('deserialization', () => {
  test('DESER-1 inter_contract_call_validates_return_bytes', async () => {
    const s = (await newVm()).session();
    const bad = deploy(s, 'badreturn');
    const center = deploy(s, 'callcenter');
    const ret = t.result(t.bool, t.contractError);
    const garbage = call(
      s,
      center,
      'try_query_bool',
      t.tuple(t.contractId, t.string),
      [bad, 'garbage_value'],
      ret,
    );
    expect(
      'err' in garbage &&
        typeof garbage.err === 'object' &&
        garbage.err.panic.startsWith('Callee return value failed validation:'),
    ).toBe(true);
    expect(
      call(s, center, 'try_query_bool', t.tuple(t.contractId, t.string), [bad, 'valid_bool'], ret),
    ).toEqual({ ok: true });
  });

  test('DESER-2 host_call_rejects_garbage_return (after the call was applied)', async () => {
    const s = (await newVm()).session();
    const bad = deploy(s, 'badreturn');
    const e = expectError(
      () => call(s, bad, 'garbage_value', t.unit, null, t.bool),
      'ValidationError',
    );
    expect(e.message).toBe('ValidationError');
  });
});

describe('validation', () => {
  test('VALID-1 out_of_bounds: a wasm64 host read beyond 4 TiB traps', async () => {
    const s = (await newVm()).session();
    const c = deploy(s, 'c_example');
    expectError(
      () => s.callRaw(c, 'out_of_bounds', new Uint8Array(0), LIMIT),
      'MemoryAccessOutOfBounds',
    );
  });

  test('VALID-2 not_out_of_bounds: reads past the memory but below the maximum are zeros', async () => {
    const s = (await newVm()).session();
    const c = deploy(s, 'c_example');
    expect(s.callRaw(c, 'not_out_of_bounds', new Uint8Array(0), LIMIT).data.length).toBe(0);
  });

  test('VALID-3 bad_contract: an export that is not (i32) -> i32', async () => {
    const s = (await newVm()).session();
    const e = expectError(
      () => deploy(s, 'invalid'),
      'InvalidFunction',
      'Invalid function: bad_function',
    );
    expect(e.message).toBe('Invalid function: bad_function');
  });

  test('UNIT-1 check_ptr bounds are the maximum memory, not the current length', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'counter');
    const contract = s.contract(id)!;
    const max = 2 ** 32;
    expect(() => checkPtr(contract, 0, max)).not.toThrow();
    try {
      checkPtr(contract, 0, max + 1);
      expect.unreachable();
    } catch (e) {
      expect((e as { details: unknown }).details).toEqual({ offset: 0, len: max + 1, memLen: max });
    }
  });

  test(`UNIT-2 ${MAX_CALL_DEPTH} frames succeed, the next is refused with i32::MIN`, async () => {
    const s = (await newVm()).session();
    const depth = deploy(s, 'depth');
    // descend(n) is n nested self-calls: n + 1 frames in all.
    expect(call(s, depth, 'descend', t.u32, MAX_CALL_DEPTH - 1, t.i32, 1n << 50n)).toBe(0);
    expect(call(s, depth, 'descend', t.u32, MAX_CALL_DEPTH, t.i32, 1n << 50n)).toBe(-2147483648);
  });

  test('UNIT-4 call-tree spent is exclusive: children are subtracted from parents', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const center = deploy(s, 'callcenter');
    const r = s.call(center, 'query_counter', t.contractId, counter, t.i64, LIMIT);
    const child = r.callTree.children[0];
    expect(r.callTree.spent + child.spent).toBe(r.gasSpent);
    expect(child.limit).toBeLessThan(LIMIT);
  });
});

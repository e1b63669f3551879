// spec §9.5, §9.6 (piecrust tests/counter.rs, counter_float.rs)
import { describe, expect, test } from 'vitest';
import { call, deploy, expectError, newVm, t } from './support';

describe('counter', () => {
  test('COUNTER-1 counter_read_simple', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'counter');
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });

  test('COUNTER-2 counter_read_write_simple', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'counter');
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    call(s, id, 'increment', t.unit, null, t.unit);
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
  });

  test('COUNTER-3 call_through_c (wasm64 caller)', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const c = deploy(s, 'c_example');
    expect(call(s, c, 'increment_and_read', t.contractId, counter, t.i64)).toBe(0xfdn);
  });

  test('COUNTER-4 increment_panic', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'fallible_counter');
    const e = expectError(() => call(s, id, 'increment', t.bool, true, t.unit), 'Panic');
    expect(e.message).toBe('Panic: Incremental panic');
    expect(call(s, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });

  test('FLOAT-1 counter_float reads 252.0', async () => {
    const s = (await newVm()).session();
    const id = deploy(s, 'counter_float');
    expect(call(s, id, 'read_value', t.unit, null, t.f64)).toBe(252.0);
    call(s, id, 'increment', t.unit, null, t.unit);
    expect(call(s, id, 'read_value', t.unit, null, t.f64)).toBe(253.0);
  });
});

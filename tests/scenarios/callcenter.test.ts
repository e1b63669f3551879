// spec §9.3 (piecrust tests/callcenter.rs)
import { describe, expect, test } from 'vitest';
import { decode } from '../../engine/rkyv';
import { call, deploy, newVm, t } from './support';

const delegateArg = t.tuple(t.contractId, t.string, t.bytes);
const delegateRet = t.result(t.bytes, t.contractError);

describe('callcenter', () => {
  test('CC-1 cc_read_counter', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    const center = deploy(s, 'callcenter');
    expect(call(s, center, 'query_counter', t.contractId, counter, t.i64)).toBe(0xfcn);
  });

  test('CC-2 cc_direct', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const center = deploy(s, 'callcenter');
    call(s, center, 'increment_counter', t.contractId, counter, t.unit);
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
    expect(call(s, center, 'query_counter', t.contractId, counter, t.i64)).toBe(0xfdn);
  });

  test('CC-3 cc_passthrough', async () => {
    const s = (await newVm()).session();
    const center = deploy(s, 'callcenter');
    const arg = t.tuple(t.string, t.bytes);
    const value: [string, Uint8Array] = ['read_value', new Uint8Array(0)];
    expect(call(s, center, 'query_passthrough', arg, value, arg)).toEqual(value);
  });

  test('CC-4 cc_delegated_read', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const center = deploy(s, 'callcenter');
    const result = call(
      s,
      center,
      'delegate_query',
      delegateArg,
      [counter, 'read_value', new Uint8Array(0)],
      delegateRet,
    );
    expect('ok' in result).toBe(true);
    if (!('ok' in result)) return;
    expect(Buffer.from(result.ok).toString('hex')).toBe('fc00000000000000');
    expect(decode(t.i64, result.ok)).toBe(0xfcn);
  });

  test('CC-5 cc_delegated_write', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const center = deploy(s, 'callcenter');
    const bytes = call(
      s,
      center,
      'delegate_transaction',
      delegateArg,
      [counter, 'increment', new Uint8Array(0)],
      t.bytes,
    );
    expect(bytes.length).toBe(0);
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
  });

  test('CC-6 cc_self', async () => {
    const s = (await newVm()).session();
    const center = deploy(s, 'callcenter');
    expect(call(s, center, 'calling_self', t.contractId, center, t.bool)).toBe(true);
  });

  test('CC-7 cc_caller (re-entrant self call sees itself as caller)', async () => {
    const s = (await newVm()).session();
    const center = deploy(s, 'callcenter');
    expect(call(s, center, 'call_self', t.unit, null, t.result(t.bool, t.contractError))).toEqual({
      ok: true,
    });
  });

  test('CC-8 cc_caller_uninit', async () => {
    const s = (await newVm()).session();
    const center = deploy(s, 'callcenter');
    expect(call(s, center, 'return_caller', t.unit, null, t.option(t.contractId))).toBeNull();
  });

  test('CC-9 cc_callstack', async () => {
    const s = (await newVm()).session();
    const center = deploy(s, 'callcenter');
    const callstack = deploy(s, 'callstack');
    expect(call(s, callstack, 'return_callstack', t.unit, null, t.vec(t.contractId))).toEqual([]);
    const self = call(s, center, 'return_self_id', t.unit, null, t.contractId);
    const stack = call(s, center, 'call_self_n_times', t.u32, 5, t.vec(t.contractId));
    expect(stack).toEqual([self, self, self, self, self]);
    const result = call(
      s,
      center,
      'delegate_query',
      delegateArg,
      [callstack, 'return_callstack', new Uint8Array(0)],
      delegateRet,
    );
    if (!('ok' in result)) throw new Error('expected Ok');
    expect(decode(t.vec(t.contractId), result.ok)).toEqual([center]);
  });

  test('CC-10 cc_self_id', async () => {
    const s = (await newVm()).session();
    const center = deploy(s, 'callcenter');
    expect(call(s, center, 'return_self_id', t.unit, null, t.contractId)).toBe(center);
  });

  // piecrust maps "no gas left" to OutOfGas only for a callee that ran: one refused before it
  // is given its limit is Unknown, whatever its fresh instance's gas reads (spec §3.5 step 8).
  // The wasmtime oracle found the engine saying OutOfGas here (tests/oracle).
  test('an inter-contract call to a missing export or to init is Unknown, not OutOfGas', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const empty = deploy(s, 'empty_initializer');
    const center = deploy(s, 'callcenter');
    for (const [callee, fn] of [
      [counter, 'no_such_function'],
      [empty, 'init'],
    ] as const) {
      const result = call(
        s,
        center,
        'delegate_query',
        delegateArg,
        [callee, fn, new Uint8Array(0)],
        delegateRet,
      );
      expect(result).toEqual({ err: 'Unknown' });
    }
  });
});

/**
 * Inter-contract calls against the mock host: callcenter (CC-*, DESER-1, EVREV-1, SPEND-3) and
 * crossover's re-entrancy (XOVER-1/2).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, failure, i64At, id, idArg, u32At, wasm } from './harness';
import { MockHost, hex } from './mock-host';
import { bytes, encode, i32, Reader, str, tuple, u32, u64, vecU8 } from './rkyv';

beforeAll(ensureBuilt);

describe('callcenter', () => {
  function setup() {
    const vm = new MockHost();
    const counter = vm.deploy(wasm('counter'));
    const center = vm.deploy(wasm('callcenter'));
    return { vm, counter, center };
  }
  const delegation = (target: Uint8Array, fn: string, arg: Uint8Array = new Uint8Array()) =>
    encode(tuple(bytes(target), str(fn), vecU8(arg)));

  it('queries and increments a counter (CC-1/2)', () => {
    const { vm, counter, center } = setup();
    expect(i64At(vm.call(center, 'query_counter', idArg(counter)))).toBe(0xfcn);
    vm.call(center, 'increment_counter', idArg(counter));
    expect(i64At(vm.call(counter, 'read_value'))).toBe(0xfdn);
    expect(i64At(vm.call(center, 'query_counter', idArg(counter)))).toBe(0xfdn);
  });

  it('passes (String, Vec<u8>) through unchanged (CC-3)', () => {
    const { vm, center } = setup();
    const arg = encode(tuple(str('read_value'), vecU8(new Uint8Array())));
    expect(hex(vm.call(center, 'query_passthrough', arg))).toBe(hex(arg));
    expect(vm.debugLog).toEqual(['q passthrough read_value']);
  });

  it('delegates raw queries and transactions (CC-4/5)', () => {
    const { vm, counter, center } = setup();
    const r = vm.call(center, 'delegate_query', delegation(counter, 'read_value'));
    expect(hex(r)).toBe('fc0000000000000000000000f4ffffff0800000000000000');
    expect(vm.debugLog).toEqual([`raw query read_value at ${hex(counter)}`]);
    expect(hex(vm.call(center, 'delegate_transaction', delegation(counter, 'increment')))).toBe(
      '0000000000000000',
    );
    expect(i64At(vm.call(counter, 'read_value'))).toBe(0xfdn);
  });

  it('knows itself, its caller and its call stack (CC-6..10)', () => {
    const { vm, center } = setup();
    expect(hex(vm.call(center, 'calling_self', idArg(center)))).toBe('01');
    expect(hex(vm.call(center, 'calling_self', idArg(id(9))))).toBe('00');
    expect(hex(vm.call(center, 'call_self'))).toBe('00010000000000000000000000000000');
    expect(hex(vm.call(center, 'return_caller'))).toBe('00'.repeat(33));
    expect(hex(vm.call(center, 'return_self_id'))).toBe(hex(center));
    expect(hex(vm.call(center, 'return_callstack'))).toBe('0000000000000000');
    const stack = new Reader(vm.call(center, 'call_self_n_times', encode(u32(5))));
    const ids = stack.vec(stack.root(8), 32);
    expect(ids.length).toBe(5 * 32);
    expect(hex(ids)).toBe(hex(center).repeat(5));
    const callstack = vm.deploy(wasm('callstack'));
    const r = new Reader(
      vm.call(center, 'delegate_query', delegation(callstack, 'return_callstack')),
    );
    const inner = new Reader(r.vec(r.root(16) + 4));
    expect(hex(inner.vec(inner.root(8), 32))).toBe(hex(center));
  });

  it('panics with "panik" whatever the argument', () => {
    const { vm, counter, center } = setup();
    expect(failure(() => vm.call(center, 'panik', idArg(counter))).detail).toBe('panik');
  });

  it('cannot call init (INIT-2)', () => {
    const { vm, center } = setup();
    const empty = vm.deploy(wasm('empty_initializer'));
    expect(failure(() => vm.call(center, 'call_init', idArg(empty))).detail).toBe(
      'called `Result::unwrap()` on an `Err` value: Unknown',
    );
  });

  it('reports the spender panic and logs it (SPEND-3)', () => {
    const { vm, center } = setup();
    const spender = vm.deploy(wasm('spender'));
    const r = vm.call(center, 'call_spend_with_limit', encode(tuple(bytes(spender), u64(5345))));
    expect(hex(r)).toBe(
      '49206c696b65207370656e64696e6700' + '01000000' + '00000000' + '0f000000e8ffffff',
    );
    expect(vm.debugLog).toEqual(['spend call: Err(Panic("I like spending"))']);
  });

  it('validates typed results of callees (DESER-1)', () => {
    const { vm, center } = setup();
    const bad = vm.deploy(wasm('badreturn'));
    const garbage = new Reader(
      vm.call(center, 'try_query_bool', encode(tuple(bytes(bad), str('garbage_value')))),
    );
    expect(garbage.contractError(garbage.root(16))).toMatch(
      /^Panic\("Callee return value failed validation: check bytes error: check failed for bool: expected 0 or 1, found 153"\)$/,
    );
    expect(
      hex(vm.call(center, 'try_query_bool', encode(tuple(bytes(bad), str('valid_bool'))))),
    ).toBe('00010000000000000000000000000000');
  });

  it('marks the events of a reverted delegation (EVREV-1)', () => {
    const { vm, center } = setup();
    const eventer = vm.deploy(wasm('eventer'));
    const reverter = vm.deploy(wasm('event_reverter'));
    const r = new Reader(
      vm.call(
        center,
        'delegate_query_with_event',
        delegation(reverter, 'emit_then_panic', eventer),
      ),
    );
    expect(r.contractError(r.root(16))).toBe('Panic("event reverter panic")');
    expect(u32At(vm.call(eventer, 'read_value'))).toBe(0);
    expect(vm.events.map((e) => [e.source, e.topic, e.reverted])).toEqual([
      [hex(center), 'callcenter-before', false],
      [hex(eventer), 'number', true],
      [hex(center), 'callcenter-after', false],
    ]);
  });
});

describe('crossover (XOVER-1/2)', () => {
  function setup() {
    const vm = new MockHost();
    const one = vm.deploy(wasm('crossover'), { id: Uint8Array.from([1, ...new Uint8Array(31)]) });
    const two = vm.deploy(wasm('crossover'), { id: Uint8Array.from([2, ...new Uint8Array(31)]) });
    return { vm, one, two };
  }

  it('reverts re-entrant writes of a failed call', () => {
    const { vm, one, two } = setup();
    vm.call(
      one,
      'check_consistent_state_on_errors',
      encode(tuple(bytes(two), i32(42), i32(314), i32(272))),
    );
    expect(u32At(vm.call(one, 'crossover'))).toBe(42);
    expect(vm.debugLog).toContain('setting crossover from 0 to 272');
    expect(vm.debugLog).toContain('setting crossover from 0 to 42');
  });

  it("keeps the caller's writes made before a failing call", () => {
    const { vm, one, two } = setup();
    vm.call(one, 'check_iccs_dont_rollback', encode(tuple(bytes(two), i32(42))));
    expect(u32At(vm.call(one, 'crossover'))).toBe(42);
  });
});

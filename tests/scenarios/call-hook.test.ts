// spec §9.2 (piecrust tests/call_hook.rs)
import { describe, expect, test } from 'vitest';
import { decode, encode } from '../../engine/rkyv';
import type { ContractId } from '../../engine/core/ids';
import type { Session } from '../../engine/vm/session';
import { call, deploy, expectError, idOf, newVm, t } from './support';

interface Seen {
  callee: ContractId;
  fn: string;
  arg: Uint8Array;
  stack: ContractId[];
}

function record(s: Session): Seen[] {
  const seen: Seen[] = [];
  s.setCallHook((callee, fn, arg, stack) => {
    seen.push({ callee, fn, arg: arg.slice(), stack: [...stack] });
    return undefined;
  });
  return seen;
}

async function setup(): Promise<{ s: Session; counter: ContractId; center: ContractId }> {
  const s = (await newVm()).session();
  return { s, counter: deploy(s, 'counter'), center: deploy(s, 'callcenter') };
}

describe('call hooks', () => {
  test('HOOK-1 observes_inter_contract_call', async () => {
    const { s, counter, center } = await setup();
    const seen = record(s);
    expect(call(s, center, 'query_counter', t.contractId, counter, t.i64)).toBe(0xfcn);
    expect(seen.map(({ callee, fn, stack }) => ({ callee, fn, stack }))).toEqual([
      { callee: counter, fn: 'read_value', stack: [center] },
    ]);
  });

  test('HOOK-2 not_called_for_direct_calls', async () => {
    const { s, counter } = await setup();
    const seen = record(s);
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    expect(seen).toHaveLength(0);
  });

  test('HOOK-3 observes_multiple_iccs', async () => {
    const { s, counter, center } = await setup();
    const seen = record(s);
    call(s, center, 'query_counter', t.contractId, counter, t.i64);
    call(s, center, 'increment_counter', t.contractId, counter, t.unit);
    call(s, center, 'query_counter', t.contractId, counter, t.i64);
    expect(seen.map((x) => x.fn)).toEqual(['read_value', 'increment', 'read_value']);
    for (const x of seen) {
      expect(x.callee).toBe(counter);
      expect(x.stack).toEqual([center]);
    }
  });

  test('HOOK-4 can_deserialize_fn_args', async () => {
    const { s, center } = await setup();
    const seen = record(s);
    call(s, center, 'call_self_n_times', t.u32, 3, t.vec(t.contractId));
    expect(seen).toHaveLength(3);
    seen.forEach((x, i) => {
      expect(x.callee).toBe(center);
      expect(x.fn).toBe('call_self_n_times');
      expect(decode(t.u32, x.arg)).toBe(2 - i);
      expect(x.stack).toEqual(Array(i + 1).fill(center));
    });
  });

  test('HOOK-5 stack_is_immediate_caller_first', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const outer = deploy(s, 'callcenter', { contractId: idOf(0x11) });
    const inner = deploy(s, 'callcenter', { contractId: idOf(0x22) });
    const seen = record(s);
    const delegate = t.tuple(t.contractId, t.string, t.bytes);
    const innerArg = encode(delegate, [counter, 'read_value', new Uint8Array(0)]);
    const result = call(
      s,
      outer,
      'delegate_query',
      delegate,
      [inner, 'delegate_query', innerArg],
      t.result(t.bytes, t.contractError),
    );
    if (!('ok' in result)) throw new Error('expected Ok');
    const nested = decode(t.result(t.bytes, t.contractError), result.ok);
    if (!('ok' in nested)) throw new Error('expected nested Ok');
    expect(decode(t.i64, nested.ok)).toBe(0xfcn);
    expect(seen.map(({ callee, fn, stack }) => ({ callee, fn, stack }))).toEqual([
      { callee: inner, fn: 'delegate_query', stack: [outer] },
      { callee: counter, fn: 'read_value', stack: [inner, outer] },
    ]);
  });

  test('HOOK-6 can_reject_call', async () => {
    const { s, counter, center } = await setup();
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
    s.setCallHook((callee, fn) =>
      callee === counter && fn === 'increment' ? 'increment rejected by test hook' : undefined,
    );
    const e = expectError(
      () => call(s, center, 'increment_counter', t.contractId, counter, t.unit),
      'Panic',
    );
    expect(e.message).toContain('increment rejected by test hook');
    expect(call(s, counter, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);
  });

  test('HOOK-7 no_hook_set_works_normally', async () => {
    const { s, counter, center } = await setup();
    expect(call(s, center, 'query_counter', t.contractId, counter, t.i64)).toBe(0xfcn);
  });

  test('HOOK-8 set_and_clear_return_previous_hook', async () => {
    const { s } = await setup();
    const hook = () => undefined;
    expect(s.setCallHook(hook)).toBeUndefined();
    expect(s.setCallHook(hook)).toBe(hook);
    expect(s.clearCallHook()).toBe(hook);
    expect(s.clearCallHook()).toBeUndefined();
  });

  test('HOOK-9 clear_allows_previously_rejected_call', async () => {
    const { s, counter, center } = await setup();
    s.setCallHook(() => 'everything rejected');
    expectError(() => call(s, center, 'query_counter', t.contractId, counter, t.i64), 'Panic');
    s.clearCallHook();
    expect(call(s, center, 'query_counter', t.contractId, counter, t.i64)).toBe(0xfcn);
  });
});

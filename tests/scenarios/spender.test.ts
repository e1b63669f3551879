// spec §9.24 (piecrust tests/spender.rs); SPEND-3 needs the exact Rust binary's gas and is left out.
import { describe, expect, test } from 'vitest';
import { callTreeOrder } from '../../engine/vm/types';
import { defaultCalleeLimit } from '../../engine/vm/inter-contract-call';
import { call, deploy, expectError, newVm, receipt, t } from './support';

describe('spender', () => {
  test('SPEND-1 gas_get_used: a call through callcenter costs more', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const center = deploy(s, 'callcenter');
    const direct = receipt(s, counter, 'read_value', t.unit, null, t.i64).gasSpent;
    const via = receipt(s, center, 'query_counter', t.contractId, counter, t.i64).gasSpent;
    expect(direct).toBeLessThan(via);
  });

  test('SPEND-2 call_receipt: call tree in piecrust iteration order, exclusive spent adds up', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    const center = deploy(s, 'callcenter');
    const r = receipt(s, center, 'query_counter', t.contractId, counter, t.i64);
    const order = callTreeOrder(r.callTree);
    expect(order.map((n) => n.contractId)).toEqual([counter, center]);
    expect(order.reduce((sum, n) => sum + n.spent, 0n)).toBe(r.gasSpent);
    expect(r.callTree.limit).toBe(1_000_000n);
    expect(r.callTree.children[0].fn).toBe('read_value');
  });

  test('SPEND-4 fails_with_out_of_gas', async () => {
    const s = (await newVm()).session();
    const counter = deploy(s, 'counter');
    expectError(() => call(s, counter, 'read_value', t.unit, null, t.i64, 1n), 'OutOfGas');
  });

  test('SPEND-5 contract_sets_call_limit: a failed ICC burns exactly the limit handed to it', async () => {
    const run = async (limit: bigint) => {
      const s = (await newVm()).session();
      const spender = deploy(s, 'spender');
      const center = deploy(s, 'callcenter');
      return receipt(
        s,
        center,
        'call_spend_with_limit',
        t.tuple(t.contractId, t.u64),
        [spender, limit],
        t.result(t.unit, t.contractError),
      );
    };
    const [small, large] = [await run(1175n), await run(2175n)];
    expect('err' in small.value).toBe(true);
    expect(large.value).toEqual(small.value); // failed the same way
    expect(large.gasSpent - small.gasSpent).toBe(1000n);
  });

  test('SPEND-3 (shape) panic messages get through an ICC with enough gas', async () => {
    const s = (await newVm()).session();
    const spender = deploy(s, 'spender');
    const center = deploy(s, 'callcenter');
    const r = call(
      s,
      center,
      'call_spend_with_limit',
      t.tuple(t.contractId, t.u64),
      [spender, 100_000n],
      t.result(t.unit, t.contractError),
    );
    expect(r).toEqual({ err: { panic: 'I like spending' } });
    expect(s.debugLog().at(-1)).toBe('spend call: Err(Panic("I like spending"))');
  });

  test('SPEND-6 limit_and_spent: the 93% rule and spent() inside frames', async () => {
    const vm = await newVm();
    const s = vm.session();
    const spender = deploy(s, 'spender', { gas: 10_000n });
    const [limit, spentBefore, spentAfter, calleeLimit, calleeSpentBefore] = call(
      s,
      spender,
      'get_limit_and_spent',
      t.unit,
      null,
      t.tuple(t.u64, t.u64, t.u64, t.u64, t.u64),
      10_000n,
    );
    expect(limit).toBe(10_000n);
    expect(spentBefore).toBeLessThan(spentAfter);
    expect(calleeLimit).toBeLessThanOrEqual(defaultCalleeLimit(limit - spentBefore));
    expect(calleeLimit).toBeGreaterThan(defaultCalleeLimit(limit - spentBefore) - 100n);
    expect(calleeSpentBefore).toBeGreaterThan(0n);
    expect(calleeSpentBefore).toBeLessThan(calleeLimit);
  });
});

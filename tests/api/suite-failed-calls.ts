/**
 * The InspectorApi suite, continued (see suite.ts): failed calls. piecrust returns no receipt
 * for them, yet they spent gas; the API reports one figure for it in the call's result, its
 * journal entry and its steps, with the frames that ran and the writes the revert undid.
 * Expected gas comes from the cost table (engine/testing/failing-contract.ts).
 */
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ContractIdHex, InspectorApi, SessionInfo } from '../../engine/api/types';
import {
  CALL_TRAP_THEN_PANIC_GAS,
  CALLEE_LIMIT,
  failingContract,
  selfArg,
  WRITE_PANIC_GAS,
  WRITE_TRAP_GAS,
} from '../../engine/testing/failing-contract';
import type { Connection } from './suite-support';

const hexOf = (bytes: Uint8Array): string => '0x' + Buffer.from(bytes).toString('hex');

export function failedCallTests(connection: () => Connection): void {
  describe('failed calls', () => failedCalls(connection));
}

function failedCalls(connection: () => Connection): void {
  let api: InspectorApi;
  let session: SessionInfo;
  let contract: ContractIdHex;
  beforeAll(() => {
    api = connection().api;
  });
  // Each test on a fresh session (the suite's other tests close and reopen workspaces).
  beforeEach(async () => {
    session = await api.openSession({ name: 'failing' });
    const deployed = await api.deploy({
      session: session.id,
      source: { kind: 'bytes', hex: hexOf(await failingContract()), name: 'failing' },
    });
    expect(deployed.ok).toBe(true);
    contract = deployed.contractId!;
  });

  test('failed call: the gas it spent is one figure in its result, its journal entry and its exit step', async () => {
    const r = await api.call({ session: session.id, contract, fn: 'write_panic', gas: '10000' });
    expect(r).toMatchObject({ ok: false, gasLimit: '10000', error: { code: 'Panic' } });
    expect(r.gasSpent).toBe(WRITE_PANIC_GAS.toString());
    expect(r.journalIndex).toBeGreaterThan(0);
    const journal = await api.journal({ session: session.id });
    const call = journal[r.journalIndex];
    expect(call).toMatchObject({ fn: 'write_panic', gasSpent: r.gasSpent, gasLimit: '10000' });
    const exit = call.steps.at(-1)!;
    expect(exit).toMatchObject({ kind: 'exit', gas: r.gasSpent, pagesReverted: 2 });

    // Its tree: the one frame, failed, with what it spent.
    expect(r.callTree).toMatchObject({
      fn: 'write_panic',
      limit: '10000',
      spent: r.gasSpent,
      error: { code: 'Panic' },
      children: [],
    });
    // The writes the revert undid: page 1's word at 70000 and the message at A.
    const page1 = r.reverted!.find((d) => d.page === 1)!;
    expect(page1.changes).toContainEqual({
      offset: 70000 - 65536,
      before: '0x00',
      after: '0x07',
    });
    const page0 = r.reverted!.find((d) => d.page === 0)!;
    expect(page0.changes[0]).toMatchObject({ offset: 0, after: hexOf(Buffer.from('oops')) });

    // The step's detail shows the same writes.
    const detail = await api.stepDetail({
      session: session.id,
      call: r.journalIndex,
      step: call.steps.length - 1,
    });
    expect(detail.reverted).toEqual(r.reverted);
  });

  test('out of gas: the whole limit', async () => {
    const r = await api.call({ session: session.id, contract, fn: 'write_spin', gas: '3333' });
    expect(r).toMatchObject({ ok: false, gasSpent: '3333', error: { code: 'OutOfGas' } });
  });

  test('nested failure: the frames that ran, the callee failed with its own spend', async () => {
    const r = await api.call({
      session: session.id,
      contract,
      fn: 'call_trap_then_panic',
      arg: { hex: hexOf(selfArg(contract)) },
      gas: '100000',
    });
    expect(r.gasSpent).toBe(CALL_TRAP_THEN_PANIC_GAS.toString());
    // Exclusive spend, as in a receipt's tree: the caller's own part includes the callee's limit
    // it was charged and the callee did not spend.
    expect(r.callTree).toMatchObject({
      fn: 'call_trap_then_panic',
      spent: (CALL_TRAP_THEN_PANIC_GAS - WRITE_TRAP_GAS).toString(),
      error: { code: 'Panic' },
      children: [
        {
          fn: 'write_trap',
          limit: CALLEE_LIMIT.toString(),
          spent: WRITE_TRAP_GAS.toString(),
          error: { code: 'RuntimeError' },
          children: [],
        },
      ],
    });
    const journal = await api.journal({ session: session.id });
    const inner = journal[r.journalIndex].steps[2];
    expect(inner).toMatchObject({ kind: 'exit', fn: 'write_trap', gas: WRITE_TRAP_GAS.toString() });

    // Where each frame failed, by function (no name section here: export names): the caller's
    // panic in its own function; the callee's trap above the caller's frame that called it.
    const at = (name: string) => ({ contract, name });
    expect(r.error?.backtrace).toMatchObject([at('call_trap_then_panic')]);
    expect(r.callTree?.children[0].error?.backtrace).toMatchObject([
      at('write_trap'),
      at('call_trap_then_panic'),
    ]);
    expect(inner.error?.backtrace).toEqual(r.callTree?.children[0].error?.backtrace);
  });

  test('a call that failed before it ran: no gas, and no journal entry to step through', async () => {
    const before = (await api.journal({ session: session.id })).length;
    const r = await api.call({ session: session.id, contract, fn: 'missing', gas: '10000' });
    expect(r).toMatchObject({ ok: false, journalIndex: -1 });
    expect(r.gasSpent).toBeUndefined();
    expect(await api.journal({ session: session.id })).toHaveLength(before);
  });
}

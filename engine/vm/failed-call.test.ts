// A failed call's gas and what it wrote (spec §3.4–3.6, §4.1): piecrust returns no receipt, yet
// the call spent `limit − remaining` at its failure (its whole limit when out of gas). The engine
// puts that figure in the error and in the journal, records each failed frame's own spend, and
// keeps what the failed frames wrote before the revert put it back. Every expected figure is the
// cost table term by term (testing/failing-contract.ts), never a number read off the engine.
import { describe, expect, test } from 'vitest';
import { isPiecrustError, PiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import { decodeJournal, encodeJournal } from '../journal/codec';
import type { PageSource } from '../journal/page-spill';
import { deltaChanges } from '../journal/replay';
import type { JournalCall, JournalStep, PageDelta } from '../journal/types';
import {
  CALL_TRAP_THEN_PANIC_GAS,
  CALL_TRAP_THEN_RETURN_GAS,
  CALLEE_LIMIT,
  ENTRY,
  failingContract,
  ICC,
  selfArg,
  STORE_STMT,
  WRITE_PANIC_GAS,
  WRITE_TRAP_GAS,
} from '../testing/failing-contract';
import { contractWat, wat } from '../testing/wat';
import { failedCallGasSpent } from './failed-call-gas';
import type { Session } from './session';
import { createVm } from './vm';

const OWNER = new Uint8Array(32);
const NONE = new Uint8Array(0);

async function deployed(): Promise<{ s: Session; id: ContractId }> {
  const vm = await createVm();
  const s = vm.session({ journal: true });
  const bytecode = await failingContract();
  return { s, id: s.deploy(bytecode, { owner: OWNER }, 1_000_000n).contractId };
}

function failure(run: () => unknown): PiecrustError {
  try {
    run();
  } catch (e) {
    if (e instanceof PiecrustError) return e;
    throw e;
  }
  throw new Error('the call succeeded');
}

const pagesOf = (s: Session): PageSource => ({ page: (h) => s.journalPages([h])[0] });

/** The bytes at `offset` (within the page) before and after a recorded page change. */
function bytesAt(delta: PageDelta, s: Session, offset: number, length: number) {
  const pages = pagesOf(s);
  const before = pages.page((delta as { before: string }).before)!;
  const after = pages.page((delta as { after: string }).after)!;
  return {
    before: [...before.subarray(offset, offset + length)],
    after: [...after.subarray(offset, offset + length)],
  };
}

const lastCall = (s: Session): JournalCall => s.journal()!.calls.at(-1)!;
const failedExits = (call: JournalCall): JournalStep[] =>
  call.steps.filter((st) => st.kind === 'exit' && st.error !== undefined);

describe('the gas of a failed top-level call', () => {
  test('a trap spends limit − remaining at the trap: in the error and in the journal', async () => {
    const { s, id } = await deployed();
    const root = s.root();
    const e = failure(() => s.callRaw(id, 'write_trap', NONE, 10_000n));
    expect(e.code).toBe('RuntimeError');
    expect(failedCallGasSpent(e)).toBe(WRITE_TRAP_GAS);
    expect(e.details.gasLimit).toBe('10000');
    const call = lastCall(s);
    expect(call.gasSpent).toBe(WRITE_TRAP_GAS);
    expect(call.error?.code).toBe('RuntimeError');
    const exit = call.steps.at(-1)!;
    expect(exit.gas).toBe(WRITE_TRAP_GAS);
    expect(s.root()).toBe(root);
  });

  test('a panic spends limit − remaining at the panic', async () => {
    const { s, id } = await deployed();
    const e = failure(() => s.callRaw(id, 'write_panic', NONE, 10_000n));
    expect(e.code).toBe('Panic');
    expect(e.message).toContain('oops');
    expect(failedCallGasSpent(e)).toBe(WRITE_PANIC_GAS);
    expect(lastCall(s).gasSpent).toBe(WRITE_PANIC_GAS);
    expect(lastCall(s).steps.at(-1)!.gas).toBe(WRITE_PANIC_GAS);
  });

  test('out of gas spends the whole limit (the counter is at 0)', async () => {
    const { s, id } = await deployed();
    const e = failure(() => s.callRaw(id, 'write_spin', NONE, 1_234n));
    expect(e.code).toBe('OutOfGas');
    expect(failedCallGasSpent(e)).toBe(1_234n);
    expect(lastCall(s).gasSpent).toBe(1_234n);
    expect(lastCall(s).steps.at(-1)!.gas).toBe(1_234n);
  });

  test('a missing export fails before anything runs: nothing spent, nothing recorded', async () => {
    const { s, id } = await deployed();
    const calls = s.journal()!.calls.length;
    const e = failure(() => s.callRaw(id, 'nope', NONE, 10_000n));
    expect(e.code).toBe('RuntimeError');
    expect(s.journal()!.calls).toHaveLength(calls);
  });

  test('a failed init: the deploy records the gas its init spent', async () => {
    const vm = await createVm();
    const s = vm.session({ journal: true });
    const bytecode = await wat(
      contractWat(`(func (export "init") (param i32) (result i32)
        (i32.store (i32.const 3000) (i32.const 1)) (unreachable))`),
    );
    const e = failure(() => s.deploy(bytecode, { owner: OWNER }, 50_000n));
    expect(failedCallGasSpent(e)).toBe(ENTRY + STORE_STMT);
    const deploy = lastCall(s);
    expect(deploy.kind).toBe('deploy');
    expect(deploy.gasSpent).toBe(ENTRY + STORE_STMT);
  });
});

describe('the call tree and the writes of a failed call', () => {
  test('nested failure then panic: each frame with its gas, the callee charged in full', async () => {
    const { s, id } = await deployed();
    const root = s.root();
    const e = failure(() => s.callRaw(id, 'call_trap_then_panic', selfArg(id), 100_000n));
    expect(e.code).toBe('Panic');
    // The caller pays the callee's whole limit for its failure (spec §3.5 step 11).
    const outer = CALL_TRAP_THEN_PANIC_GAS;
    expect(failedCallGasSpent(e)).toBe(outer);

    const call = lastCall(s);
    expect(call.gasSpent).toBe(outer);
    expect(call.steps.map((st) => [st.kind, st.depth, st.fn, st.gas, st.error?.code])).toEqual([
      ['enter', 0, 'call_trap_then_panic', 100_000n, undefined],
      ['enter', 1, 'write_trap', CALLEE_LIMIT, undefined],
      ['exit', 1, 'write_trap', WRITE_TRAP_GAS, 'RuntimeError'],
      ['exit', 0, 'call_trap_then_panic', outer, 'Panic'],
    ]);

    // What each failed frame wrote, kept from before its revert.
    const [inner, top] = failedExits(call);
    expect(inner.reverted).toHaveLength(1);
    expect(inner.reverted![0]).toMatchObject({ contract: id, page: 0 });
    expect(bytesAt(inner.reverted![0], s, 1024, 4)).toEqual({
      before: [0, 0, 0, 0],
      after: [42, 0, 0, 0],
    });
    // The top frame: the argument written into A, its own stores, not the callee's (reverted
    // already at the callee's failure).
    const page0 = top.reverted!.find((d) => d.page === 0)!;
    expect(bytesAt(page0, s, 4096, 4)).toEqual({ before: [0, 0, 0, 0], after: [5, 0, 0, 0] });
    expect(bytesAt(page0, s, 0, 4).after).toEqual([...Buffer.from('oops')]);
    expect(bytesAt(page0, s, 128, 32).after).toEqual([...Buffer.from(id, 'hex')]);
    expect(bytesAt(page0, s, 1024, 4).after).toEqual([0, 0, 0, 0]);
    expect(top.reverted!.map((d) => d.page)).toEqual([0]);
    expect(
      deltaChanges(page0, pagesOf(s)).some(
        (c) => c.offset <= 4096 && c.offset + c.after.length > 4096,
      ),
    ).toBe(true);
    // …and the state is as before the call.
    expect(s.root()).toBe(root);
  });

  test('a failed callee inside a successful call: its spend and its reverted writes are kept', async () => {
    const { s, id } = await deployed();
    const receipt = s.callRaw(id, 'call_trap_then_return', selfArg(id), 100_000n);
    expect(receipt.gasSpent).toBe(CALL_TRAP_THEN_RETURN_GAS);
    const [inner] = failedExits(lastCall(s));
    expect(inner.gas).toBe(WRITE_TRAP_GAS);
    expect(bytesAt(inner.reverted![0], s, 1024, 4).after).toEqual([42, 0, 0, 0]);
  });

  test('the writes of a page written on two pages survive the journal codec', async () => {
    const { s, id } = await deployed();
    expect(() => s.callRaw(id, 'write_panic', NONE, 10_000n)).toThrow('oops');
    const call = lastCall(s);
    const top = failedExits(call)[0];
    expect(top.reverted!.map((d) => d.page)).toEqual([0, 1]);
    expect(bytesAt(top.reverted![1], s, 70000 - 65536, 4).after).toEqual([7, 0, 0, 0]);
    const decoded = decodeJournal(encodeJournal(s.journal()!)).calls.at(-1)!;
    expect(decoded.gasSpent).toBe(WRITE_PANIC_GAS);
    expect(decoded.steps.at(-1)!.reverted).toEqual(top.reverted);
    expect(decoded.steps.at(-1)!.gasNotRecorded).toBeUndefined();
  });

  test('an interrupt crossing frames: each frame spent what ran in it and its callee', async () => {
    const { s, id } = await deployed();
    s.setCallTimeout(200);
    // call_spin calls write_spin on itself (re-entrant, 93 % of its gas): the callee loops until
    // the time limit stops both frames.
    const e = failure(() => s.callRaw(id, 'call_spin', selfArg(id), 1n << 40n));
    expect(isPiecrustError(e, 'Interrupted')).toBe(true);
    const [inner, outer] = failedExits(lastCall(s));
    expect(inner.fn).toBe('write_spin');
    expect(inner.gas).toBeGreaterThan(STORE_STMT);
    // The caller had spent its entry and the `c` call when it called.
    expect(outer.gas).toBe(ENTRY + ICC + inner.gas);
    expect(failedCallGasSpent(e)).toBe(outer.gas);
    expect(lastCall(s).gasSpent).toBe(outer.gas);
  });
});

// A failed call's backtrace crosses the worker thread with its error (ErrorData.backtrace).
import { expect, test } from 'vitest';
import { PiecrustError } from '../core/errors';
import { calleeContract, INNER_DEMANGLED } from '../testing/backtrace-contracts';
import { resultOf } from '../vm/async-session';
import { createVm } from '../vm/vm';
import { WorkerSession } from './worker-session';

const OWNER = new Uint8Array(32);
const LIMIT = 1_000_000n;

test('a trap in a session on a worker thread: the error keeps its frames by name', async () => {
  const vm = await createVm();
  const s = await WorkerSession.open(vm, { journal: true });
  try {
    const id = resultOf(await s.deploy(await calleeContract(), { owner: OWNER }, LIMIT)).contractId;
    const outcome = await s.call(id, 'trap_deep', new Uint8Array(0), LIMIT);
    expect(outcome.error?.backtrace?.map((f) => [f.contract, f.name])).toEqual([
      [id, INNER_DEMANGLED],
      [id, 'middle'],
      [id, 'outer'],
    ]);
    let thrown: unknown;
    try {
      resultOf(outcome);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PiecrustError);
    expect((thrown as PiecrustError).backtrace).toEqual(outcome.error?.backtrace);
  } finally {
    await s.close();
  }
});

import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { decode, encode, t, type RkyvType, type ValueOf } from '../rkyv';
import { blake3 } from '../hash/blake3';
import type { ContractId, Root } from '../core/ids';
import { bytecode, call, deploy, LIMIT, newVm, OWNER } from '../../tests/scenarios/support';
import { checkStore } from '../store/check';
import { tempDir } from '../testing/store-testing';
import { createVm, type Vm } from '../vm/vm';
import { STALLING_WORKER } from '../testing/stalling-worker';
import { startWorker } from './started-worker';
import { resultOf } from '../vm/async-session';
import type { CallReceipt } from '../vm/types';
import { WorkerSession } from './worker-session';

const NONE = new Uint8Array(0);
/** A call's receipt, or its error thrown. */
const callRaw = async (
  s: WorkerSession,
  id: ContractId,
  fn: string,
  arg: Uint8Array,
  gas: bigint,
): Promise<CallReceipt> => resultOf(await s.call(id, fn, arg, gas));
/** A call with an rkyv argument and result, as piecrust's `call::<A, R>`. */
const typedCall = async <A extends RkyvType, R extends RkyvType>(
  s: WorkerSession,
  id: ContractId,
  fn: string,
  argType: A,
  arg: ValueOf<A>,
  ret: R,
): Promise<ValueOf<R>> => decode(ret, (await callRaw(s, id, fn, encode(argType, arg), LIMIT)).data);
const deployed = async (s: WorkerSession, code: Uint8Array): Promise<ContractId> =>
  resultOf(await s.deploy(code, { owner: OWNER }, LIMIT)).contractId;
const readValue = (s: WorkerSession, id: ContractId): Promise<bigint> =>
  typedCall(s, id, 'read_value', t.unit, null, t.i64);

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A VM on a fresh store file, removed after the test; `reopen` closes it and opens it again. */
async function fileVm(): Promise<{ vm: Vm; reopen: () => Promise<Vm> }> {
  const { dir, remove } = tempDir('pi-worker-');
  cleanups.push(remove);
  const path = join(dir, 'state.pis');
  const vm = await createVm({ store: path });
  return {
    vm,
    reopen: async () => {
      await vm.close();
      return createVm({ store: path });
    },
  };
}

describe('sessions on worker threads', () => {
  test.each([
    ['in memory', async () => ({ vm: await newVm(), reopen: undefined })],
    ['on a store file', fileVm],
  ])(
    'COMMIT-6 concurrent_sessions on real threads, %s: six roots, deletes wait for their sessions',
    async (_, open) => {
      const { vm, reopen } = await open();
      const g = vm.session();
      const id = deploy(g, 'counter');
      const base = await g.commit();

      // Six worker sessions on the same base, incrementing n times concurrently, then committing.
      const six = await Promise.all([1, 2, 3, 4, 5, 6].map(() => WorkerSession.open(vm, { base })));
      expect(vm.holders(base)).toBe(6);
      const roots = await Promise.all(
        six.map(async (s, i) => {
          for (let k = 0; k <= i; k++) await callRaw(s, id, 'increment', NONE, LIMIT);
          return s.commit();
        }),
      );
      expect(new Set(roots).size).toBe(6);
      expect(vm.commits()).toHaveLength(7);
      expect(vm.holders(base)).toBe(0);

      // A session per new root, a hundred increments each, while every root is being deleted.
      const next = await Promise.all(roots.map((root) => WorkerSession.open(vm, { base: root })));
      // Each delete completes only once the session on that root has committed its child.
      const childOf = (root: Root): boolean => vm.commitRecords().some((c) => c.parent === root);
      const deletions = roots.map((root) =>
        vm.deleteCommit(root).then(() => {
          expect(childOf(root)).toBe(true);
        }),
      );
      const newRoots = await Promise.all(
        next.map(async (s) => {
          for (let k = 0; k < 100; k++) await callRaw(s, id, 'increment', NONE, LIMIT);
          return s.commit();
        }),
      );
      await Promise.all(deletions);
      expect(new Set(newRoots).size).toBe(6);
      const listed = vm.commits();
      expect(listed).toHaveLength(7);
      for (const r of roots) expect(listed).not.toContain(r);
      const expectValues = (on: Vm) => {
        for (const [i, root] of newRoots.entries()) {
          expect(call(on.session({ base: root }), id, 'read_value', t.unit, null, t.i64)).toBe(
            0xfcn + BigInt(i + 1) + 100n,
          );
        }
      };
      expectValues(vm);
      if (reopen === undefined) return;
      // The store owner wrote what the workers committed: all of it is on disk, intact.
      const reopened = await reopen();
      expect(new Set(reopened.commits())).toEqual(new Set(listed));
      expectValues(reopened);
      const report = checkStore(reopened.store);
      expect(report.problems).toEqual([]);
      expect(report.commits).toBe(7);
      await reopened.close();
    },
  );

  test('a worker session deploys, calls, sees host queries and metadata, and diffs like a local one', async () => {
    const vm = await newVm();
    vm.registerHostQuery('hash', { execute: (arg, buffer) => (buffer.set(blake3(arg)), 32) });
    const s = await WorkerSession.open(vm, { meta: { height: encode(t.u64, 7n) }, journal: true });
    const host = await deployed(s, bytecode('host'));
    const digest = await typedCall(
      s,
      host,
      'host_hash',
      t.bytes,
      new Uint8Array([1, 2]),
      t.array(t.u8, 32),
    );
    expect(digest).toEqual(blake3(encode(t.bytes, new Uint8Array([1, 2]))));
    const everest = await deployed(s, bytecode('everest'));
    expect(await typedCall(s, everest, 'get_height', t.unit, null, t.option(t.u64))).toBe(7n);
    expect((await s.diffBase()).map((d) => d.status)).toEqual(['added', 'added']);
    expect((await s.journal())!.calls.length).toBe(4);
    const root = await s.commit('from a worker');
    expect(vm.commitRecords().find((c) => c.root === root)?.label).toBe('from a worker');
    expect(vm.journal(root)!.calls.length).toBe(4);
  });

  test("a deploy or call answers with its whole outcome: result or error, root, debug output, journal place, the session's summary", async () => {
    const vm = await newVm();
    const s = await WorkerSession.open(vm, { journal: true });
    const deployOutcome = await s.deploy(bytecode('fallible_counter'), { owner: OWNER }, LIMIT);
    const counter = resultOf(deployOutcome).contractId;
    expect(deployOutcome).toMatchObject({ journalIndex: 0, session: { calls: 1, deploys: 1 } });
    const ok = await s.call(counter, 'increment', encode(t.bool, false), LIMIT);
    expect(ok).toMatchObject({ journalIndex: 1, debug: [], session: { calls: 2, deploys: 1 } });
    expect(ok.session).toEqual(await s.summary());
    expect(ok.session.contracts).toEqual([counter]);
    // Refused before it ran: no place in the journal, nothing recorded.
    const refused = await s.call(counter, 'no_such_fn', NONE, LIMIT);
    expect(refused).toMatchObject({ error: { code: 'RuntimeError' }, journalIndex: -1 });
    expect(refused.failure).toBeUndefined();
    // A panic ran and is recorded: its journal entry comes along, with what the revert undid.
    const panicked = await s.call(counter, 'increment', encode(t.bool, true), LIMIT);
    expect(panicked).toMatchObject({ error: { code: 'Panic' }, journalIndex: 2 });
    expect(panicked.failure?.call).toEqual((await s.journal(2))!.calls[0]);
    expect(panicked.session).toMatchObject({ calls: 3, deploys: 1, root: ok.session.root });
    await s.close();
  });

  test('errors cross the thread as PiecrustErrors; interrupt stops an endless call and keeps the session', async () => {
    const vm = await newVm();
    const g = vm.session();
    const spin = deploy(g, 'spin');
    const counter = deploy(g, 'counter');
    const base = await g.commit();
    const s = await WorkerSession.open(vm, { base });
    await expect(callRaw(s, counter, 'nope', NONE, LIMIT)).rejects.toMatchObject({
      code: 'RuntimeError',
    });
    await callRaw(s, counter, 'increment', NONE, LIMIT);
    expect(await s.interrupt()).toBe('idle'); // nothing runs: nothing happens
    const endless = callRaw(s, spin, 'spin', NONE, (1n << 64n) - 1n);
    const deleting = vm.deleteCommit(base); // waits for the session
    // The worker looks at the flag between gas slices: the call stops, the session goes on.
    expect(await s.interrupt()).toBe('stopped');
    await expect(endless).rejects.toMatchObject({ code: 'Interrupted' });
    expect(s.isClosed).toBe(false);
    expect(await readValue(s, counter)).toBe(0xfdn); // the earlier increment is kept
    // A flag left over from an interrupt does not stop the next call.
    await callRaw(s, counter, 'increment', NONE, LIMIT);
    expect(await readValue(s, counter)).toBe(0xfen);
    await s.close();
    await deleting;
    expect(vm.commits()).toEqual([]);
  });

  test('a call that does not stop is reported stuck and left running: only close() ends it, discarding the session', async () => {
    const vm = await newVm();
    const g = vm.session();
    const host = deploy(g, 'host');
    const counter = deploy(g, 'counter');
    const base = await g.commit();
    const s = await WorkerSession.open(vm, { base, entry: STALLING_WORKER });
    await callRaw(s, counter, 'increment', NONE, LIMIT);
    // Blocked inside a host query, outside any gas slice: the flag is never looked at.
    const stuck = callRaw(s, host, 'host_very_expensive', NONE, LIMIT);
    expect(s.callRunning).toBe(true);
    expect(await s.interrupt(20)).toBe('stuck');
    // Nothing was discarded on the interrupt's own account: the call still runs, the base is held.
    expect(s.isClosed).toBe(false);
    expect(s.callRunning).toBe(true);
    expect(vm.holders(base)).toBe(1);
    await s.close();
    await expect(stuck).rejects.toMatchObject({
      code: 'SessionClosed',
      details: { reason: 'terminated' },
    });
    expect(s.isClosed).toBe(true);
    expect(vm.holders(base)).toBe(0);
  });

  test("a worker session meters with its VM's gas table, or the one it asks for, and commits it", async () => {
    const vm = await createVm({ gasTable: '0.19' });
    const g = vm.session();
    const counter = deploy(g, 'counter');
    const base = await g.commit();
    const gasOf = async (s: WorkerSession) =>
      (await callRaw(s, counter, 'increment', NONE, LIMIT)).gasSpent;
    const flat = await WorkerSession.open(vm, { base });
    const head = await WorkerSession.open(vm, { base, gasTable: 'head' });
    // increment (contracts/src/counter.ts) makes one i64.store: 1 under 0.19, 32 under head.
    expect((await gasOf(head)) - (await gasOf(flat))).toBe(32n - 1n);
    const root = await flat.commit();
    await head.close();
    expect(vm.store.getCommit(root)?.gasTable).toBe('0.19');
    // On that commit, in a VM whose default is head, a worker session goes on in 0.19.
    const headVm = await createVm({ store: vm.store, gasTable: 'head' });
    const inherits = await WorkerSession.open(headVm, { base: root });
    const again = vm.session({ base: root, gasTable: 'head' });
    expect(
      (await gasOf(inherits)) - again.callRaw(counter, 'increment', NONE, LIMIT).gasSpent,
    ).toBe(1n - 32n);
    again.close();
    await inherits.close();
    await vm.close();
  });

  test('a session opens in a spare thread started for its VM, never in one started for another', async () => {
    const vm = await newVm();
    const g = vm.session();
    const counter = deploy(g, 'counter');
    const base = await g.commit();
    const other = await newVm();

    const spare = startWorker(vm);
    const s = await WorkerSession.open(vm, { base }, spare);
    expect(s.threadId).toBe(spare.worker.threadId);
    expect(await readValue(s, counter)).toBe(252n);

    // A spare of another VM reads another store: the session gets a thread of its own.
    const foreign = startWorker(other);
    const t2 = await WorkerSession.open(vm, { base }, foreign);
    expect(t2.threadId).not.toBe(foreign.worker.threadId);
    expect(await readValue(t2, counter)).toBe(252n);

    // A spare whose thread has ended is not used either.
    const ended = startWorker(vm);
    await ended.worker.terminate();
    expect(ended.exited).toBe(true);
    const t3 = await WorkerSession.open(vm, { base }, ended);
    expect(t3.threadId).not.toBe(ended.worker.threadId);
    expect(await readValue(t3, counter)).toBe(252n);

    for (const x of [s, t2, t3]) await x.close();
    await foreign.worker.terminate();
    expect(vm.holders(base)).toBe(0);
  });
});

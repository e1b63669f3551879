// spec §1.1 `finalize_commit` and §6.6: finalizing a commit is deferred, like deleting one, while
// sessions hold it (the deleteCommit counterpart is the last test of commit.test.ts).
import { describe, expect, test } from 'vitest';
import { call, deploy, expectError, newVm, t } from './support';

/** Let queued promise callbacks and timers run, so a finalize that could proceed would. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('finalizeCommit', () => {
  test('waits for every session holding the commit, without blocking their commits', async () => {
    const vm = await newVm();
    const g = vm.session();
    const id = deploy(g, 'counter');
    const r1 = await g.commit();
    const committing = vm.session({ base: r1 });
    const closing = vm.session({ base: r1 });
    expect(vm.holders(r1)).toBe(2);

    let finalized = false;
    const finalizing = vm.finalizeCommit(r1).then(() => {
      finalized = true;
    });
    await settle();
    expect(finalized).toBe(false);
    expect(vm.commits()).toEqual([r1]); // still listed: the finalize waits for both sessions

    // Sessions on the commit keep working, and committing one is not held up by the finalize.
    call(committing, id, 'increment', t.unit, null, t.unit);
    const r2 = await committing.commit();
    await settle();
    expect(finalized).toBe(false);
    expect(vm.holders(r1)).toBe(1);
    expect(call(closing, id, 'read_value', t.unit, null, t.i64)).toBe(0xfcn);

    closing.close();
    await finalizing;
    expect(finalized).toBe(true);
    expect(vm.holders(r1)).toBe(0);
    expect(vm.commits()).toEqual([r2]);
    expectError(() => vm.session({ base: r1 }), 'PersistenceError', `No such base commit: ${r1}`);
    // The finalized commit's descendant still works.
    expect(call(vm.session({ base: r2 }), id, 'read_value', t.unit, null, t.i64)).toBe(0xfdn);
  });

  test('runs at once when no session holds the commit', async () => {
    const vm = await newVm();
    const g = vm.session();
    deploy(g, 'counter');
    const r1 = await g.commit();
    expect(vm.holders(r1)).toBe(0);
    await vm.finalizeCommit(r1);
    expect(vm.commits()).toEqual([]);
  });
});

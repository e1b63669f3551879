// A writer whose admission (writer-admission.ts) runs after the open (`admission:
// 'first-write'`; createVm and so the app admit at the open): the store is readable
// at once, and a damaged one refuses every write with the open's message, writing nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { createVm } from '../vm/vm';
import { openFileStore } from './file-store';
import { RecordKind } from './file-format';
import {
  CONTRACT,
  flipBit,
  makeHistory,
  recordsOf,
  tempStore,
  writerError,
} from '../testing/fault-testing';
import { fill } from '../testing/store-testing';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A store of 3 commits, checkpointed twice (the older checkpoint is a dead record). */
async function twoCheckpoints(path: string) {
  const history = await makeHistory(path, 2);
  const vm = await createVm({ store: path });
  const s = vm.session({ base: history.roots[1] });
  fill(s, CONTRACT, 2, 102);
  history.roots.push(await s.commit('c2'));
  await vm.close();
  return history;
}

describe('a writer admitted after its open', () => {
  test('a damaged store opens, reads, and refuses each write with the open-time refusal', async () => {
    const path = tempStore(cleanups);
    const { roots } = await twoCheckpoints(path);
    const [old] = recordsOf(path, RecordKind.Checkpoint);
    flipBit(path, old.offset + 100, 5);
    const refusal = await writerError(path);
    expect(refusal).toContain('refusing to write to a damaged store');
    const before = readFileSync(path);

    // createVm (the app) admits at the open: a store whose commits it would refuse is refused
    // before anyone works on it.
    await expect(createVm({ store: path })).rejects.toThrow(refusal);
    const vm = await createVm({ store: await openFileStore(path, { admission: 'first-write' }) });
    expect(vm.commitRecords().map((c) => c.root)).toEqual(roots);
    for (const label of ['first', 'second']) {
      const s = vm.session({ base: roots[2] });
      fill(s, CONTRACT, 3, 103);
      await expect(s.commit(label)).rejects.toThrow(refusal);
    }
    await vm.close();
    expect(readFileSync(path).equals(before), 'nothing written').toBe(true);
  });

  test('a sound store: writes go through once admitted, a torn tail dropped first', async () => {
    const path = tempStore(cleanups);
    const { roots } = await twoCheckpoints(path);
    const durable = readFileSync(path).length;
    // Bytes past the durable length that no slot acknowledged: a crash mid-append.
    const torn = Buffer.concat([readFileSync(path), Buffer.alloc(300, 7)]);
    writeFileSync(path, torn);
    const store = await openFileStore(path, { admission: 'first-write' });
    const vm = await createVm({ store });
    const s = vm.session({ base: roots[2] });
    fill(s, CONTRACT, 3, 103);
    const c3 = await s.commit('c3');
    await vm.close();
    const reader = await openFileStore(path, { readOnly: true });
    expect(reader.listCommits().map((c) => c.root)).toEqual([...roots, c3]);
    expect(reader.inspectFile().problems).toEqual([]);
    expect(reader.stats().fileBytes).toBeGreaterThan(durable);
    await reader.close();
  });

  test('closed before the admission is done: nothing written, the lock released', async () => {
    const path = tempStore(cleanups);
    await twoCheckpoints(path);
    const before = readFileSync(path);
    const store = await openFileStore(path, { admission: 'first-write' });
    await store.close();
    expect(readFileSync(path).equals(before)).toBe(true);
    await (await openFileStore(path)).close();
  });
});

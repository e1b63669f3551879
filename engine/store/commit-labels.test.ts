// The same state committed twice under two labels is one commit (one root) with both labels, in
// memory and in a store file: through reopen (checkpointed or replayed), compaction, a rebuild of
// the index from the log, and deletion.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ContractId, Root } from '../core/ids';
import { createVm, type Vm } from '../vm/vm';
import { checkStore } from './check';
import { commitLabels } from './commit-store';
import { openFileStore } from './file-store';
import { rebuildIndex } from './log-rebuild';
import { StoreFile } from './store-file';
import { counterBytecode, GAS, increment, OWNER, tempDir } from '../testing/store-testing';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function storePath(): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, 'state.pcstore');
}

/** A deployed counter, committed as "deployed". */
async function deployed(vm: Vm): Promise<{ base: Root; counter: ContractId }> {
  const s = vm.session();
  const counter = s.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
  return { base: await s.commit('deployed'), counter };
}

/** One increment on `base`, committed under `label`: the same state (root) every time. */
function incrementOn(vm: Vm, base: Root, counter: ContractId, label: string): Promise<Root> {
  const s = vm.session({ base });
  increment(s, counter);
  return s.commit(label);
}

const labelsOf = (vm: Vm, root: Root): string[] => commitLabels(vm.store.getCommit(root)!);

describe.each([
  ['in memory', () => undefined],
  ['in a store file', storePath],
])('the same state committed again, %s', (_name, path) => {
  test('keeps every label, once each, on the one commit', async () => {
    const vm = await createVm({ store: path() });
    cleanups.push(() => vm.close());
    const { base, counter } = await deployed(vm);
    const first = await incrementOn(vm, base, counter, 'one');
    expect(await incrementOn(vm, base, counter, 'two')).toBe(first);
    await incrementOn(vm, base, counter, 'one'); // a label it has: nothing new
    await incrementOn(vm, base, counter, ''); // no label: nothing new
    expect(labelsOf(vm, first)).toEqual(['one', 'two']);
    expect(vm.store.getCommit(first)?.label).toBe('one');
    expect(vm.commitRecords().map((c) => commitLabels(c))).toEqual([['deployed'], ['one', 'two']]);
  });
});

describe('later labels in a store file', () => {
  test('survive a reopen, checkpointed or replayed from the log', async () => {
    for (const checkpoint of [true, false]) {
      const path = storePath();
      const store = await openFileStore(path);
      const vm = await createVm({ store });
      const { base, counter } = await deployed(vm);
      const root = await incrementOn(vm, base, counter, 'one');
      await incrementOn(vm, base, counter, 'two');
      await store.close({ checkpoint });

      const reopened = await createVm({ store: path });
      expect(labelsOf(reopened, root), `checkpoint: ${checkpoint}`).toEqual(['one', 'two']);
      expect(checkStore(reopened.store).ok).toBe(true);
      await reopened.close();
    }
  });

  test('survive compaction and a rebuild of the index from the log alone', async () => {
    const path = storePath();
    const store = await openFileStore(path);
    const vm = await createVm({ store });
    const { base, counter } = await deployed(vm);
    const root = await incrementOn(vm, base, counter, 'one');
    await incrementOn(vm, base, counter, 'two');
    // Something to compact away, so that the file is rewritten.
    const doomed = vm.session({ base: root });
    increment(doomed, counter);
    await vm.deleteCommit(await doomed.commit('doomed'));
    await store.compact();
    expect(labelsOf(vm, root)).toEqual(['one', 'two']);
    expect(store.stats().deadBytes).toBe(0); // the label's record is counted as live
    await vm.close();

    const file = StoreFile.open(path, true);
    const rebuilt = await rebuildIndex(file);
    file.close();
    expect(rebuilt.damaged).toEqual([]);
    expect(rebuilt.index.listCommits().map((c) => commitLabels(c))).toEqual([
      ['deployed'],
      ['one', 'two'],
    ]);
    rebuilt.index.close();
  });

  test('go with their commit when it is deleted; the state committed anew starts afresh', async () => {
    const path = storePath();
    const vm = await createVm({ store: path });
    cleanups.push(() => vm.close());
    const { base, counter } = await deployed(vm);
    const root = await incrementOn(vm, base, counter, 'one');
    await incrementOn(vm, base, counter, 'two');
    await vm.deleteCommit(root);
    expect(await incrementOn(vm, base, counter, 'three')).toBe(root);
    expect(labelsOf(vm, root)).toEqual(['three']);
  });
});

// What a writer's open does not do at scale: sum the bytes of every indexed record (seconds at
// 25k commits). The store's live and dead byte counts stay exact all the same: the sum is taken
// when first needed and kept up to date from then on, whichever comes first.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createVm } from '../vm/vm';
import { openFileStore, type FileCommitStore } from './file-store';
import { SqlIndex } from './sql-index';
import { LOG_START } from './superblock';
import { fill, GAS, OWNER, pagesBytecode, tempDir } from '../testing/store-testing';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.restoreAllMocks();
  cleanups.splice(0).forEach((c) => c());
});

/** A store of 4 commits in a chain, closed. */
async function smallHistory(): Promise<string> {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  const path = join(dir, 'open-cost.pcstore');
  const vm = await createVm({ store: path });
  let s = vm.session();
  const id = s.deploy(await pagesBytecode(), { owner: OWNER }, GAS).contractId;
  let head = await s.commit('c0');
  for (let page = 1; page <= 3; page++) {
    s = vm.session({ base: head });
    fill(s, id, page, page);
    head = await s.commit(`c${page}`);
  }
  await vm.close();
  return path;
}

const internals = (store: FileCommitStore) =>
  store as unknown as { index: SqlIndex; file: { superblock: { checkpointLength: number } } };

/** The referenced bytes the store counts (its live bytes less the header and checkpoint)… */
const counted = (store: FileCommitStore): number =>
  store.stats().liveBytes - LOG_START - internals(store).file.superblock.checkpointLength;
/** …and the same summed afresh from its index. */
const summed = (store: FileCommitStore): number => internals(store).index.referencedBytes();

async function openWithVm(path: string) {
  const store = await openFileStore(path);
  const vm = await createVm({ store });
  cleanups.push(() => void vm.close());
  const roots = vm.commitRecords().map((c) => c.root);
  const probe = vm.session({ base: roots[0] });
  const [id] = probe.contractIds();
  probe.close();
  return { store, vm, roots, id };
}

describe('a writer opening a store', () => {
  test('does not sum the bytes of the indexed records; stats() sums them once', async () => {
    const path = await smallHistory();
    const sums = vi.spyOn(SqlIndex.prototype, 'referencedBytes');
    const { store, vm, roots, id } = await openWithVm(path);
    expect(sums, 'summed at open').not.toHaveBeenCalled();
    const s = vm.session({ base: roots[3] });
    fill(s, id, 4, 4);
    await s.commit('c4');
    expect(sums).not.toHaveBeenCalled();
    store.stats();
    store.stats();
    expect(sums).toHaveBeenCalledTimes(1);
  });

  test('the count stays exact through commits, labels, deletes and collection, summed first or last', async () => {
    const path = await smallHistory();
    for (const sumFirst of [true, false]) {
      const copy = `${path}-${sumFirst}`;
      copyFileSync(path, copy);
      const { store, vm, roots, id } = await openWithVm(copy);
      if (sumFirst) expect(counted(store)).toBe(summed(store));
      let s = vm.session({ base: roots[3] });
      fill(s, id, 5, 5);
      const c4 = await s.commit('c4');
      s = vm.session({ base: roots[3] });
      fill(s, id, 5, 5);
      await s.commit('c4 again'); // the same state: a label record
      await vm.deleteCommit(roots[1]);
      await store.collectGarbage();
      await vm.deleteCommit(c4);
      await vm.setContractName(id, 'pages');
      expect(counted(store), sumFirst ? 'summed at the start' : 'summed at the end').toBe(
        summed(store),
      );
      await vm.close();
    }
  });
});

// Lifecycle on the file store: delete never breaks descendants, finalize keeps data readable,
// garbage is collected and compaction gives the space back.
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { ContractId, Root } from '../core/ids';
import { createVm, type Vm } from '../vm/vm';
import { checkStore } from './check';
import { openFileStore, type FileCommitStore, type FileStoreOptions } from './file-store';
import {
  fill,
  firstWord,
  GAS,
  OWNER,
  pagesBytecode,
  peek,
  tempDir,
} from '../testing/store-testing';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const FULL = 16384; // a whole page of random words: 64 KiB that do not compress

interface History {
  vm: Vm;
  store: FileCommitStore;
  id: ContractId;
  /** c0 (deploy) → c1 → c2 → c3 fill pages 1, 2, 3; b1 (from c0) fills pages 4..9. */
  roots: Record<'c0' | 'c1' | 'c2' | 'c3' | 'b1', Root>;
}

async function history(options: FileStoreOptions = {}): Promise<History & { path: string }> {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  const path = join(dir, 'history.pcstore');
  const store = await openFileStore(path, options);
  const vm = await createVm({ store });
  let s = vm.session();
  const id = s.deploy(await pagesBytecode(), { owner: OWNER }, GAS).contractId;
  const c0 = await s.commit();
  const chain = [c0];
  for (let page = 1; page <= 3; page++) {
    s = vm.session({ base: chain.at(-1) });
    fill(s, id, page, 100 + page, FULL);
    chain.push(await s.commit());
  }
  s = vm.session({ base: c0 });
  for (let page = 4; page <= 9; page++) fill(s, id, page, 200 + page, FULL);
  const b1 = await s.commit();
  return { vm, store, id, path, roots: { c0, c1: chain[1], c2: chain[2], c3: chain[3], b1 } };
}

/** Pages 1..3 as c3 sees them: each written by a different ancestor. */
function expectChain(vm: Vm, root: Root, id: ContractId, pages: number): void {
  const s = vm.session({ base: root });
  for (let page = 1; page <= 3; page++)
    expect(peek(s, id, page, 0)).toBe(page <= pages ? firstWord(100 + page) : 0);
  s.close();
}

describe('delete, finalize, collect, compact', () => {
  test('deleting ancestors and a branch keeps descendants whole; compaction reclaims the branch', async () => {
    const { vm, store, id, path, roots } = await history();
    await vm.deleteCommit(roots.c1);
    await vm.deleteCommit(roots.b1);
    await vm.deleteCommit(roots.b1); // unknown now: a no-op
    expect(vm.commits()).toEqual([roots.c0, roots.c2, roots.c3].sort());
    expectChain(vm, roots.c3, id, 3);
    expectChain(vm, roots.c2, id, 2);

    const before = store.stats();
    // The branch's six random pages (~6 × 64 KiB) are dead; c1's page lives on in c2 and c3.
    expect(before.deadBytes).toBeGreaterThan(6 * 65536);
    const { bytesBefore, bytesAfter } = await store.compact();
    // Less the new file's checkpoint of the index (the old one had none yet).
    expect(bytesBefore - bytesAfter).toBeGreaterThan(6 * 65536 - 32 * 1024);
    expect(statSync(path).size).toBe(bytesAfter);
    expect(store.stats()).toMatchObject({ deadBytes: 0, commits: 3 });
    expectChain(vm, roots.c3, id, 3);
    expect(checkStore(store).problems).toEqual([]);

    // New commits after compaction, then a reopen: all still there.
    const s = vm.session({ base: roots.c3 });
    fill(s, id, 1, 999);
    const c4 = await s.commit();
    await vm.close();
    const again = await createVm({ store: path });
    expect(again.commits()).toEqual([roots.c0, roots.c2, roots.c3, c4].sort());
    expectChain(again, roots.c3, id, 3);
    expect(checkStore(again.store).ok).toBe(true);
    await again.close();
  });

  test('a reader opened before a compaction keeps its snapshot', async () => {
    const { vm, store, id, path, roots } = await history();
    const reader = await createVm({ store: await openFileStore(path, { readOnly: true }) });
    await vm.deleteCommit(roots.b1);
    await store.compact();
    const s = reader.session({ base: roots.b1 });
    expect(peek(s, id, 9, 0)).toBe(firstWord(209));
    s.close();
    await reader.close();
    await vm.close();
  });

  test('finalized commits leave the VM list but stay readable, also after reopen', async () => {
    const { vm, id, path, roots } = await history();
    await vm.finalizeCommit(roots.c2);
    expect(vm.commits()).not.toContain(roots.c2);
    expect(vm.commitRecords().find((c) => c.root === roots.c2)?.finalized).toBe(true);
    await vm.deleteCommit(roots.c1);
    expectChain(vm, roots.c3, id, 3);
    await vm.close();
    const again = await createVm({ store: path });
    expect(again.commitRecords().find((c) => c.root === roots.c2)?.finalized).toBe(true);
    expect(again.commits()).toEqual([roots.c0, roots.b1, roots.c3].sort());
    expectChain(again, roots.c3, id, 3);
    expect(checkStore(again.store).ok).toBe(true);
    await again.close();
  });

  test('deletes trigger collection, and compaction once enough of the file is dead', async () => {
    const { vm, store, path, roots } = await history({
      compactMinBytes: 64 * 1024,
      compactDeadFraction: 0.3,
    });
    const size = statSync(path).size;
    await vm.deleteCommit(roots.b1);
    expect(statSync(path).size).toBeLessThan(size - 6 * 65536 + 32 * 1024);
    expect(store.stats().deadBytes).toBe(0);
    await vm.close();
  });
});

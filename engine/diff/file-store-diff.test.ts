// Diffs read back from a store file after it was closed and reopened: the same contracts, pages
// and bytes as the same history gives on the in-memory store.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { call, deploy, t } from '../../tests/scenarios/support';
import type { ContractId, Root } from '../core/ids';
import { openFileStore } from '../store/file-store';
import { tempDir } from '../testing/store-testing';
import { createVm, type Vm } from '../vm/vm';
import { changedRanges } from './byte-ranges';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

interface History {
  base: Root;
  left: Root;
  right: Root;
  counter: ContractId;
  box: ContractId;
  grower: ContractId;
}

/** A base with counter and box; a left branch that increments; a right one that sets the box
 *  and deploys the grower. */
async function branches(vm: Vm): Promise<History> {
  const g = vm.session();
  const counter = deploy(g, 'counter');
  const box = deploy(g, 'box');
  const base = await g.commit('base');
  const l = vm.session({ base });
  call(l, counter, 'increment', t.unit, null, t.unit);
  const left = await l.commit('left');
  const r = vm.session({ base });
  call(r, box, 'set', t.i16, 0x11, t.unit);
  const grower = deploy(r, 'grower');
  const right = await r.commit('right');
  return { base, left, right, counter, box, grower };
}

describe('diffs on a store file', () => {
  test('across branches, after reopening the file: as on the in-memory store', async () => {
    const { dir, remove } = tempDir('pi-diff-file-');
    cleanups.push(remove);
    const path = join(dir, 'state.pis');
    const writer = await createVm({ store: path });
    const h = await branches(writer);
    await writer.close();

    const memory = await createVm();
    expect(await branches(memory)).toEqual(h); // deterministic roots and ids
    const file = await createVm({ store: await openFileStore(path, { readOnly: true }) });
    try {
      const diff = file.diffCommits(h.left, h.right);
      expect(diff).toEqual(memory.diffCommits(h.left, h.right));
      const byId = new Map(diff.map((d) => [d.contract, d]));
      expect(byId.get(h.counter)?.status).toBe('changed');
      expect(byId.get(h.box)?.status).toBe('changed');
      expect(byId.get(h.grower)?.status).toBe('added');
      expect(byId.get(h.grower)!.pages.added.length).toBeGreaterThan(0);
      expect(file.diffCommits(h.base, h.left).map((d) => d.contract)).toEqual([h.counter]);

      // The bytes behind the counter's change come from the file: 0xfd on the left, 0xfc on
      // the right (the right branch never incremented).
      const pages = byId.get(h.counter)!.pages;
      const changed = [...pages.changed, ...pages.added, ...pages.removed];
      const ranges = changed.flatMap((page) => {
        const before = file.pageBytes(h.left, h.counter, page);
        const after = file.pageBytes(h.right, h.counter, page);
        expect(before).toEqual(memory.pageBytes(h.left, h.counter, page));
        return changedRanges(before, after).map((r) => [before[r.start], after[r.start]]);
      });
      expect(ranges).toContainEqual([0xfd, 0xfc]);
    } finally {
      await file.close();
      await memory.close();
    }
  });
});

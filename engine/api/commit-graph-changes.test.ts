// Each commit's change against its parent (contracts touched, pages changed) is recorded when it
// is written and kept by the store through reopen, replay, compaction and repair; the commit
// graph shows it without diffing again, and diffs as before when it is missing (old stores) or
// the parent was deleted (then against genesis). Expected values are diffs of the stored trees.
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { hexToBytes, type ContractId, type Root } from '../core/ids';
import { diffIndexes } from '../diff/state-diff';
import type { CommitRecord, CommitStore } from '../store/commit-store';
import { openFileStore, type FileCommitStore } from '../store/file-store';
import { repairStoreFile } from '../store/repair';
import {
  counterBytecode,
  fill,
  GAS,
  increment,
  OWNER,
  pagesBytecode,
  tempDir,
} from '../testing/store-testing';
import { createVm, type Vm } from '../vm/vm';
import { commitGraph } from './commit-graph';
import { WorkspaceState } from './workspace-state';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** What the graph showed before changes were recorded: a diff against the parent, or genesis. */
function diffed(store: CommitStore, root: Root): { contractsTouched: ContractId[]; pages: number } {
  const commit = store.getCommit(root)!;
  const parent = commit.parent === null ? undefined : store.getCommit(commit.parent);
  const from = parent === undefined ? new Uint8Array(32) : hexToBytes(parent.indexRoot);
  const diffs = diffIndexes(store, from, hexToBytes(commit.indexRoot));
  return {
    contractsTouched: diffs.map((d) => d.contract),
    pages: diffs.reduce(
      (n, d) => n + d.pages.added.length + d.pages.changed.length + d.pages.removed.length,
      0,
    ),
  };
}

/** The graph of a fresh workspace (nothing cached), as change summaries by root. */
function graphChanges(vm: Vm): Map<string, { contractsTouched: string[]; pages: number }> {
  const nodes = commitGraph(new WorkspaceState(vm, vm.store.location));
  return new Map(
    nodes.map((n) => [n.root, { contractsTouched: n.contractsTouched, pages: n.pagesChanged }]),
  );
}

/** Every commit's recorded change, or undefined where none is. */
const recorded = (store: CommitStore) =>
  new Map(store.listCommits().map((c) => [c.root, c.changes]));

/** A second counter's id (the same bytecode's default id is the first counter's). */
const LATE = '07'.repeat(32) as ContractId;

interface History {
  roots: Record<string, Root>;
  ids: { pages: ContractId; counter: ContractId; late: ContractId };
}

/**
 * A branched history over several contracts: pages added, changed, rewritten unchanged; a
 * contract deployed later; the same state committed again under a second label.
 */
async function writeHistory(vm: Vm): Promise<History> {
  const roots: Record<string, Root> = {};
  let s = vm.session();
  const pages = s.deploy(await pagesBytecode(), { owner: OWNER }, GAS).contractId;
  const counter = s.deploy(await counterBytecode(), { owner: OWNER }, GAS).contractId;
  roots.genesis = await s.commit('genesis');
  s = vm.session({ base: roots.genesis });
  fill(s, pages, 1, 11);
  fill(s, pages, 2, 12);
  roots.c1 = await s.commit('c1');
  s = vm.session({ base: roots.c1 });
  increment(s, counter);
  fill(s, pages, 1, 21); // changed
  fill(s, pages, 2, 12); // written again, the same bytes: not a change
  fill(s, pages, 5, 25); // added
  roots.c2 = await s.commit('c2');
  s = vm.session({ base: roots.c1 });
  const late = s.deploy(
    await counterBytecode(),
    { owner: OWNER, contractId: LATE },
    GAS,
  ).contractId;
  increment(s, late);
  fill(s, pages, 3, 33);
  roots.c3 = await s.commit('c3');
  s = vm.session({ base: roots.c3 });
  increment(s, counter);
  roots.c4 = await s.commit('c4');
  // c2's state again, under another label: one commit, its first parent kept.
  s = vm.session({ base: roots.c1 });
  increment(s, counter);
  fill(s, pages, 1, 21);
  fill(s, pages, 2, 12);
  fill(s, pages, 5, 25);
  expect(await s.commit('c2 again')).toBe(roots.c2);
  return { roots, ids: { pages, counter, late } };
}

/** Each recorded change equals the diff against the parent, and the graph shows the diffs. */
function expectRecordedAsDiffed(vm: Vm, roots: Root[]): void {
  for (const root of roots) {
    const commit = vm.store.getCommit(root)!;
    const expected = diffed(vm.store, root);
    expect(commit.changes, commit.label).toEqual({
      contractsTouched: expected.contractsTouched,
      pagesChanged: expected.pages,
    });
  }
  const graph = graphChanges(vm);
  for (const c of vm.store.listCommits())
    expect(graph.get(c.root), c.label).toEqual(diffed(vm.store, c.root));
}

test('a commit records its change against its parent; the file keeps it through reopen, replay, compaction and repair', async () => {
  const { dir, remove } = tempDir('pi-changes-');
  cleanups.push(remove);
  const path = join(dir, 'state.pis');
  let store = await openFileStore(path);
  let vm = await createVm({ store });
  const { roots, ids } = await writeHistory(vm);
  const all = Object.values(roots);
  expectRecordedAsDiffed(vm, all);
  // The history is varied: several contracts at once, pages added and changed, a rewrite that
  // changes nothing, a contract deployed on a branch.
  const c2 = vm.store.getCommit(roots.c2)!.changes!;
  expect(c2.contractsTouched).toEqual([ids.pages, ids.counter].sort());
  expect(vm.store.getCommit(roots.c3)!.changes!.contractsTouched).toContain(ids.late);
  const before = recorded(vm.store);

  // Reopened from its checkpoint.
  await store.close();
  store = await openFileStore(path);
  vm = await createVm({ store });
  expect(recorded(vm.store)).toEqual(before);
  // A commit the next open replays from the log (no checkpoint at close).
  const s = vm.session({ base: roots.c4 });
  fill(s, ids.pages, 4, 44);
  increment(s, ids.counter);
  roots.c5 = await s.commit('c5');
  await store.close({ checkpoint: false });
  store = await openFileStore(path);
  vm = await createVm({ store });
  expectRecordedAsDiffed(vm, Object.values(roots));
  const withC5 = recorded(vm.store);
  expect(withC5.get(roots.c5)).toBeDefined();

  // Compaction copies the records and the index as they are.
  await (store as FileCommitStore).compact();
  expect(recorded(vm.store)).toEqual(withC5);
  await store.close();

  // A repair rebuilds the index from the log alone.
  const repaired = join(dir, 'repaired.pis');
  await repairStoreFile(path, repaired);
  const fixed = await openFileStore(repaired);
  cleanups.push(() => fixed.close());
  expect(recorded(fixed)).toEqual(withC5);
});

test('with its parent deleted, a node is against genesis, as before; the recorded change is not used', async () => {
  const { dir, remove } = tempDir('pi-changes-');
  cleanups.push(remove);
  const vm = await createVm({ store: join(dir, 'state.pis') });
  cleanups.push(() => vm.close());
  const { roots } = await writeHistory(vm);
  const recordedC4 = vm.store.getCommit(roots.c4)!.changes!;
  await vm.deleteCommit(roots.c3);
  const c4 = graphChanges(vm).get(roots.c4)!;
  // c4 (on c3) now shows everything since genesis, not its recorded change against c3.
  expect(c4).toEqual(diffed(vm.store, roots.c4));
  expect(c4.contractsTouched.length).toBeGreaterThan(recordedC4.contractsTouched.length);
  expect(vm.store.getCommit(roots.c4)!.changes).toEqual(recordedC4);
});

test('the graph reads no node for commits whose change is recorded (memory store), and diffs when the parent is gone', async () => {
  const vm = await createVm();
  cleanups.push(() => vm.close());
  const { roots } = await writeHistory(vm);
  const reads = vi.spyOn(vm.store, 'getNode');
  const lookups = vi.spyOn(vm.store, 'getCommit');
  const graph = graphChanges(vm);
  expect(reads).not.toHaveBeenCalled();
  // Parents listed in the same piece are not looked up either.
  expect(lookups).not.toHaveBeenCalled();
  for (const c of vm.store.listCommits())
    expect(graph.get(c.root)).toEqual(diffed(vm.store, c.root));

  await vm.deleteCommit(roots.c1);
  reads.mockClear();
  const after = graphChanges(vm);
  // c2 and c3 (on c1) are diffed against genesis; the others still read nothing.
  expect(reads).toHaveBeenCalled();
  expect(after.get(roots.c2)).toEqual(diffed(vm.store, roots.c2));
  expect(after.get(roots.c3)).toEqual(diffed(vm.store, roots.c3));
  reads.mockClear();
  const c4 = vm.store.getCommit(roots.c4)!;
  commitGraph(new WorkspaceState(vm, ''), { after: roots.c3, limit: 1 });
  expect(c4.parent).toBe(roots.c3);
  expect(reads).not.toHaveBeenCalled();
});

/** A store as an older build wrote it: index schema 5, commit records without a change. */
function asOldBuild(store: FileCommitStore): CommitStore {
  const strip = ({ changes: _, ...commit }: CommitRecord): CommitRecord => commit;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'writeCommit')
        return (batch: Parameters<CommitStore['writeCommit']>[0]) =>
          target.writeCommit({ ...batch, commit: strip(batch.commit) });
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

test('an older store opens migrated: its commits are diffed as before, new ones are recorded', async () => {
  const { dir, remove } = tempDir('pi-changes-');
  cleanups.push(remove);
  const path = join(dir, 'old.pis');
  const old = await openFileStore(path, { schemaVersion: 5 });
  const oldVm = await createVm({ store: asOldBuild(old) });
  const { roots, ids } = await writeHistory(oldVm);
  await old.checkpoint();
  // One commit after the checkpoint: the next open replays its (version 2) record.
  const s = oldVm.session({ base: roots.c2 });
  increment(s, ids.counter);
  roots.c5 = await s.commit('c5');
  await old.close({ checkpoint: false });

  const store = await openFileStore(path);
  const vm = await createVm({ store });
  cleanups.push(() => vm.close());
  expect(store.stats().schemaVersion).toBe(6);
  expect([...recorded(store).values()].every((c) => c === undefined)).toBe(true);
  const reads = vi.spyOn(store, 'getNode');
  const graph = graphChanges(vm);
  expect(reads).toHaveBeenCalled();
  for (const c of store.listCommits()) expect(graph.get(c.root)).toEqual(diffed(store, c.root));

  const next = vm.session({ base: roots.c5 });
  fill(next, ids.pages, 6, 66);
  const c6 = await next.commit('c6');
  expectRecordedAsDiffed(vm, [c6]);
});

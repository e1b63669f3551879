import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CommitNode } from '../../../engine/api/types';
import { useCommitStore } from './commit-store';
import { useWorkspaceStore } from '../workspace/workspace-store';
import { provideApiClient } from '../api/instance';
import { fakeClient, type FakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { startLiveUpdates } from '../app/event-router';

function node(
  root: string,
  parent: string | null,
  createdAt: number,
  contracts: string[] = ['0xc1'],
): CommitNode {
  return {
    root,
    parent,
    label: root,
    labels: [root],
    createdAt,
    finalized: false,
    contractsTouched: contracts,
    pagesChanged: 1,
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('useCommitStore', () => {
  let transport: FakeClient;
  let stopEvents: () => void;
  let graph: CommitNode[];

  beforeEach(() => {
    setActivePinia(createPinia());
    graph = [node('a', null, 1), node('b', 'a', 2, ['0xc1', '0xc2']), node('c', 'a', 3, ['0xc2'])];
    transport = fakeClient({
      commitGraph: () => graph,
      deleteCommit: () => undefined,
      finalizeCommit: () => undefined,
    });
    provideApiClient(transport.client);
    // Pushed events reach the store through the page's one router, as in the app.
    stopEvents = startLiveUpdates();
  });
  afterEach(() => stopEvents());

  test('loads the graph and lays it out, newest first', async () => {
    const store = useCommitStore();
    await store.ensureLoaded();
    expect(store.layout.commits.map((c) => c.node.root)).toEqual(['c', 'b', 'a']);
    expect(store.contracts).toEqual([
      { contract: '0xc1', commits: 2 },
      { contract: '0xc2', commits: 2 },
    ]);
  });

  test('commits landing together are applied in one batch; deletes and finalizes follow', async () => {
    const store = useCommitStore();
    await store.ensureLoaded();
    let layouts = 0;
    const { watch } = await import('vue');
    const stop = watch(
      () => store.layout,
      () => layouts++,
      { flush: 'sync' },
    );
    transport.emit('commitCreated', node('d', 'b', 4));
    transport.emit('commitCreated', node('e', 'c', 5));
    await tick();
    expect(store.nodes.map((n) => n.root)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(layouts).toBe(1);

    store.select('e');
    transport.emit('commitsChanged', { reason: 'deleted', root: 'e' });
    transport.emit('commitsChanged', { reason: 'finalized', root: 'a' });
    await tick();
    expect(store.nodes.map((n) => n.root)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.byRoot.get('a')?.finalized).toBe(true);
    expect(store.selection).toEqual([]); // the deleted commit is no longer picked
    stop();
    // The router stopped (the page went away): later events change nothing.
    stopEvents();
    transport.emit('commitCreated', node('f', 'd', 6));
    await tick();
    expect(store.nodes).toHaveLength(4);
  });

  test('live commits never move a listed commit to another lane; a state committed again is updated in place', async () => {
    const store = useCommitStore();
    await store.ensureLoaded();
    const lanes = (): Record<string, number> =>
      Object.fromEntries(store.layout.commits.map((c) => [c.node.root, c.lane]));
    // a ─ b (lane 0), c forked off a (lane 1).
    const before = lanes();
    expect(before).toEqual({ a: 0, b: 0, c: 1 });

    // A commit on the side branch, then the state of b committed again under another label.
    transport.emit('commitCreated', node('d', 'c', 4));
    await tick();
    expect(lanes()).toMatchObject(before);
    transport.emit('commitCreated', { ...node('b', 'a', 2), labels: ['b', 'again'] });
    await tick();
    expect(lanes()).toMatchObject({ ...before, d: 1 });
    expect(store.nodes.map((n) => n.root)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.byRoot.get('b')?.labels).toEqual(['b', 'again']);
    // Tabs, pickers and the palette name it by both labels.
    expect(useWorkspaceStore().commitLabel('b')).toBe('b, again');
  });

  test('overlapping loads keep the latest answer; a started, loaded store does not refetch', async () => {
    const store = useCommitStore();
    // The first load answers last, with what the store held before a commit landed.
    const answers: Array<() => void> = [];
    const snapshots = [graph.slice(0, 2), graph];
    transport.handlers.set('commitGraph', () => {
      const answer = snapshots.shift();
      return new Promise((resolve) => answers.push(() => resolve(answer)));
    });
    const first = store.load();
    const second = store.load();
    answers[1]();
    await second;
    answers[0]();
    await first;
    expect(store.nodes.map((n) => n.root)).toEqual(['a', 'b', 'c']);
    expect(store.loading).toBe(false);

    const fetched = () => transport.calls.filter((c) => c.method === 'commitGraph').length;
    await store.ensureLoaded();
    await store.ensureLoaded(); // a second view mounting
    expect(fetched()).toBe(2);
  });

  test('a commit made by this page is listed at once, and once when its event follows', async () => {
    const store = useCommitStore();
    const workspace = useWorkspaceStore();
    const info = { path: ':memory:', commits: 4, sessions: 0, abi: TEST_ABI };
    transport.handlers.set('workspace', () => info);
    await store.ensureLoaded();
    const d = node('d', 'b', 4);
    workspace.onCommitCreated(d);
    // The pickers' view of the same list, newest first, with no fetch.
    expect(workspace.commits.map((n) => n.root)).toEqual(['d', 'c', 'b', 'a']);
    expect(workspace.commitLabel('d')).toBe('d');
    transport.emit('commitCreated', d);
    await tick();
    expect(store.nodes.map((n) => n.root)).toEqual(['a', 'b', 'c', 'd']);
    expect(transport.calls.filter((c) => c.method === 'commitGraph')).toHaveLength(1);
    expect(workspace.info).toEqual(info);
  });

  test('picking: plain replaces, additive toggles and keeps at most two', async () => {
    const store = useCommitStore();
    await store.load();
    store.select('a');
    store.select('b', true);
    expect(store.selection).toEqual(['a', 'b']);
    store.select('c', true);
    expect(store.selection).toEqual(['b', 'c']);
    store.select('b', true);
    expect(store.selection).toEqual(['c']);
    store.select('a');
    expect(store.selection).toEqual(['a']);
  });

  test('the contract filter marks the rows that touched it', async () => {
    const store = useCommitStore();
    await store.load();
    expect(store.matches).toBeNull();
    store.contractFilter = '0xc2';
    expect([...store.matches!]).toEqual([1, 1, 0]);
    expect(store.matchRows).toEqual([0, 1]);
  });

  test('delete and finalize call the API and update at once; errors are kept for the view', async () => {
    const store = useCommitStore();
    await store.load();
    await store.finalizeCommit('b');
    expect(store.byRoot.get('b')?.finalized).toBe(true);
    await expect(store.openSession('b')).rejects.toThrow(/finalized/);
    await store.deleteCommit('c');
    expect(store.byRoot.has('c')).toBe(false);
    expect(transport.calls.map((c) => c.method)).toEqual([
      'commitGraph',
      'finalizeCommit',
      'deleteCommit',
    ]);

    transport.handlers.set('deleteCommit', () => {
      throw new Error('store is busy');
    });
    await expect(store.deleteCommit('a')).rejects.toThrow();
    expect(store.error).toContain('store is busy');
    expect(store.pending).toEqual({});
  });
});

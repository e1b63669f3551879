/**
 * The InspectorApi suite, continued (see suite.ts): who wrote a page, as one side of a diff has
 * it. A commit's journal holds only the calls since its parent, so the writers of a page on the
 * viewed side are searched from that side back to the commit the two sides share — never the
 * other side's journal, never only one journal. On a branchy history:
 *
 *   deployed (counter) ─┬─ left   (1 increment)
 *                       ├─ right  (2 increments) ── right2 (1 increment)
 *                       └─ boxed  (box deployed, set)
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommitNode, InspectorApi, PageWriters, StateRef } from '../../engine/api/types';
import { storePath, type Connection } from './suite-support';

const GENESIS = '0'.repeat(64);

export function pageWriterTests(connection: () => Connection): void {
  describe('page writers across a lineage', () => pageWriters(connection));
}

function pageWriters(connection: () => Connection): void {
  let api: InspectorApi;
  let counter: string;
  let box: string;
  const c: Record<'deployed' | 'left' | 'right' | 'right2' | 'boxed', CommitNode> = {} as never;

  async function commitOn(
    base: string,
    label: string,
    calls: Array<{ contract: () => string; fn: string; arg?: unknown }>,
  ): Promise<CommitNode> {
    const s = await api.openSession({ base, name: label });
    for (const k of calls) {
      const r = await api.call({
        session: s.id,
        contract: k.contract(),
        fn: k.fn,
        ...(k.arg === undefined ? {} : { arg: { value: k.arg } }),
      });
      expect(r.ok).toBe(true);
    }
    return api.commit({ session: s.id, label });
  }

  beforeAll(async () => {
    api = connection().api;
    // A store of its own: the suites share a service, and a state another suite committed too
    // (the counter deployed, then incremented) is one commit with that suite's parent, so this
    // lineage would not be the one drawn above.
    await api.newWorkspace({ path: storePath('page-writers.pis') });
    const setup = await api.openSession({ name: 'setup' });
    const deployed = await api.deploy({
      session: setup.id,
      source: { kind: 'sample', name: 'counter' },
    });
    counter = deployed.contractId!;
    c.deployed = await api.commit({ session: setup.id, label: 'deployed' });
    const inc = { contract: () => counter, fn: 'increment' };
    c.left = await commitOn(c.deployed.root, 'left', [inc]);
    c.right = await commitOn(c.deployed.root, 'right', [inc, inc]);
    const boxing = await api.openSession({ base: c.deployed.root, name: 'boxing' });
    const boxDeployed = await api.deploy({
      session: boxing.id,
      source: { kind: 'sample', name: 'box' },
    });
    box = boxDeployed.contractId!;
    expect(
      (await api.call({ session: boxing.id, contract: box, fn: 'set', arg: { value: { i16: 7 } } }))
        .ok,
    ).toBe(true);
    c.boxed = await api.commit({ session: boxing.id, label: 'boxed' });
    // The newest commit last: the old query followed the newer commit whatever the side.
    c.right2 = await commitOn(c.right.root, 'right2', [inc]);
  });
  afterAll(async () => {
    await api.closeWorkspace();
  });

  async function changedPage(from: StateRef, to: StateRef, contract: string): Promise<number> {
    const d = (await api.diff({ from, to })).find((x) => x.contract === contract)!;
    return [...d.pagesChanged, ...d.pagesAdded, ...d.pagesRemoved][0];
  }

  async function writers(
    from: StateRef,
    to: StateRef,
    side: 'from' | 'to',
    contract: string,
  ): Promise<PageWriters> {
    const page = await changedPage(from, to, contract);
    return api.pageWriters({ from, to, side, contract, page });
  }

  /**
   * Each journal as [the label this suite gave its commit (or the session's name), its steps]; a
   * commit's journal is named by every label of its state, checked here against the graph.
   */
  const named = async (w: PageWriters) => {
    const graph = await api.commitGraph();
    return w.journals.map(({ source, name, steps }) => {
      const j = { name, steps };
      const node = 'commit' in source ? graph.find((n) => n.root === source.commit) : undefined;
      if (node === undefined) return [j.name, j.steps.length];
      expect(j.name).toBe(node.labels.join(', '));
      return [node.labels.find((l) => l in c) ?? j.name, j.steps.length];
    });
  };

  test('the "to" side: every commit from it back to the common ancestor, newest first', async () => {
    const w = await writers({ commit: c.left.root }, { commit: c.right2.root }, 'to', counter);
    expect(await named(w)).toEqual([
      ['right2', 1],
      ['right', 2],
    ]);
    expect(w.journals.map((j) => j.source)).toEqual([
      { commit: c.right2.root },
      { commit: c.right.root },
    ]);
    expect(w.ancestor).toBe(c.deployed.root);
    expect(w.journals[0].steps[0]).toMatchObject({ callFn: 'increment', stepKind: 'exit' });
  });

  test('the side looked at is followed, not the newer commit', async () => {
    // left is older than right2: the "to" side (left) has its own one increment.
    const to = await writers({ commit: c.right2.root }, { commit: c.left.root }, 'to', counter);
    expect(await named(to)).toEqual([['left', 1]]);
    const from = await writers({ commit: c.right2.root }, { commit: c.left.root }, 'from', counter);
    expect(await named(from)).toEqual([
      ['right2', 1],
      ['right', 2],
    ]);
  });

  test('a contract added on the other branch: its writers are on that side', async () => {
    const from: StateRef = { commit: c.boxed.root };
    const to: StateRef = { commit: c.right2.root };
    const d = (await api.diff({ from, to })).find((x) => x.contract === box)!;
    expect(d.status).toBe('removed');
    const kinds = new Set<string>();
    for (const page of d.pagesRemoved) {
      const w = await api.pageWriters({ from, to, side: 'from', contract: box, page });
      expect(w.journals.map((j) => j.name)).toEqual(['boxed']);
      for (const step of w.journals[0].steps) kinds.add(`${step.callKind} ${step.callFn}`);
      // On the side without the contract nobody wrote it; the search says where it stopped.
      const none = await api.pageWriters({ from, to, side: 'to', contract: box, page });
      expect(none).toMatchObject({ journals: [], ancestor: c.deployed.root });
    }
    // Its deploy (the data segments) and its `set` wrote its pages.
    expect([...kinds].sort()).toEqual(['call set', 'deploy ']);
  });

  test('from genesis: the whole lineage, down to the deploy', async () => {
    const w = await writers({ commit: GENESIS }, { commit: c.right2.root }, 'to', counter);
    expect((await named(w)).map(([name]) => name)).toEqual(['right2', 'right', 'deployed']);
    expect(w.ancestor).toBeNull();
  });

  test('a live session on the viewed side: its journal, under its name', async () => {
    const s = await api.openSession({ base: c.right2.root, name: 'c' });
    await api.call({ session: s.id, contract: counter, fn: 'increment' });
    const w = await writers({ commit: c.right2.root }, { session: s.id }, 'to', counter);
    expect(w.journals).toMatchObject([{ source: { session: s.id }, name: 'c', steps: [{}] }]);
    await api.closeSession({ session: s.id });
  });
}

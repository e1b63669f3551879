import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import type { CommitNode, ContractDiffView, PageWriters } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { fakeClient, type FakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { startLiveUpdates } from '../app/event-router';
import { useCommitStore } from '../graph/commit-store';
import { useDiffStore } from './diff-store';

const A = 'aa'.repeat(32);
const B = 'bb'.repeat(32);
const C = '0x' + 'cc'.repeat(32);

function page(edits: Record<number, number>): string {
  const bytes = new Uint8Array(65536);
  for (const [at, v] of Object.entries(edits)) bytes[Number(at)] = v;
  return '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 0));
};

describe('useDiffStore', () => {
  let transport: FakeClient;
  const diff: ContractDiffView[] = [
    { contract: C, status: 'changed', pagesAdded: [], pagesRemoved: [], pagesChanged: [2, 1] },
  ];
  const graph: CommitNode[] = [
    {
      root: A,
      parent: null,
      label: 'a',
      labels: ['a'],
      createdAt: 1,
      finalized: false,
      contractsTouched: [C],
      pagesChanged: 1,
    },
    {
      root: B,
      parent: A,
      label: 'b',
      labels: ['b'],
      createdAt: 2,
      finalized: false,
      contractsTouched: [C],
      pagesChanged: 1,
    },
  ];

  /** What the engine answers for each side: a journal on the "to" side, none on "from". */
  const writersOf = (side: 'from' | 'to'): PageWriters => ({
    side,
    journals:
      side === 'to'
        ? [
            {
              source: { commit: A },
              name: 'a',
              steps: [
                {
                  point: { call: 0, step: 1 },
                  callKind: 'call',
                  callFn: 'increment',
                  stepKind: 'exit',
                  stepFn: 'increment',
                  contract: C,
                },
              ],
            },
          ]
        : [],
    ancestor: null,
  });
  const writerRequests = () =>
    transport.calls.filter((c) => c.method === 'pageWriters').map((c) => c.params);

  beforeEach(async () => {
    setActivePinia(createPinia());
    transport = fakeClient({
      commitGraph: () => graph,
      diff: () => diff,
      pageDiff: (p) => ({
        before: page({}),
        after: page({ 5: 1, 6: 2, 40: 9 }),
        ranges: [
          { start: 5, end: 7 },
          { start: 40, end: 41 },
        ],
        page: p.page,
      }),
      pageWriters: (p) => writersOf(p.side as 'from' | 'to'),
    });
    provideApiClient(transport.client);
    await useCommitStore().load();
  });

  test('compare loads the contracts and opens the lowest changed page with its row model and writers', async () => {
    const store = useDiffStore();
    await store.compare({ commit: B }, { commit: A });
    expect(store.contracts).toEqual(diff);
    expect(store.totals).toEqual({ added: 0, removed: 0, changed: 2 });
    await until(() => store.writers !== null);
    expect(store.page).toEqual({ contract: C, page: 1 });
    expect(store.pageData?.model.changedRows).toEqual([0, 2]);
    expect(store.pageData?.model.changedBytes).toBe(3);
    // The side looked at ("to", here the older commit A) is followed, not the newer commit.
    expect(writerRequests()).toEqual([
      { from: { commit: B }, to: { commit: A }, side: 'to', contract: C, page: 1 },
    ]);
    expect(store.writerSide).toBe('to');
    expect(store.writers).toEqual(writersOf('to'));
    expect(store.loading).toBe(false);
  });

  test('the other side on request; a contract only on the "from" side starts there', async () => {
    const store = useDiffStore();
    await store.compare({ commit: A }, { session: 's3' }, { openFirstPage: false });
    await store.openPage(C, 1);
    await until(() => store.writers !== null);
    await store.showWritersOf('from');
    expect(store.writers).toEqual(writersOf('from'));
    expect(writerRequests().map((r) => [r.side, r.to])).toEqual([
      ['to', { session: 's3' }],
      ['from', { session: 's3' }],
    ]);

    transport.handlers.set('diff', () => [{ ...diff[0], status: 'removed' }]);
    await store.compare({ commit: B }, { commit: A });
    await until(() => store.writers !== null);
    expect(store.writerSide).toBe('from');
    expect(writerRequests().at(-1)?.side).toBe('from');
  });

  test('a slow page answer for a page the user left is dropped', async () => {
    const store = useDiffStore();
    await store.compare({ commit: A }, { commit: B }, { openFirstPage: false });
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const fast = transport.handlers.get('pageDiff')!;
    transport.handlers.set('pageDiff', async (p) => {
      if (p.page === 1) await slow;
      return {
        ...(fast(p) as object),
        ranges: [{ start: p.page as number, end: (p.page as number) + 1 }],
      };
    });
    const first = store.openPage(C, 1);
    await store.openPage(C, 2);
    release();
    await first;
    expect(store.page).toEqual({ contract: C, page: 2 });
    expect(store.pageData?.model.ranges).toEqual([{ start: 2, end: 3 }]);
    expect(store.pageLoading).toBe(false);
  });

  test('errors are kept as text', async () => {
    transport.handlers.set('diff', () => {
      throw new Error('a session is diffed against its base commit');
    });
    const store = useDiffStore();
    await store.compare({ commit: A }, { session: 's1' });
    expect(store.error).toContain('base commit');
    expect(store.loading).toBe(false);
  });
});

describe('useDiffStore and the workspace', () => {
  test('opening another store file forgets the comparison', async () => {
    setActivePinia(createPinia());
    const transport = fakeClient({
      commitGraph: () => [],
      diff: () => [],
      listSessions: () => [],
    });
    provideApiClient(transport.client);
    const stopEvents = startLiveUpdates();
    const commits = useCommitStore();
    await commits.ensureLoaded();
    const store = useDiffStore();
    await store.compare({ commit: A }, { commit: B });
    expect(store.from).not.toBeNull();
    transport.emit('workspaceChanged', {
      path: '/tmp/other.pis',
      commits: 0,
      sessions: 0,
      abi: TEST_ABI,
    });
    await until(() => store.from === null);
    expect(store.to).toBeNull();
    stopEvents();
  });
});

/**
 * The profile store: a profiled call adds its profile first and shows it (the call's result goes
 * back to the caller, as a plain call's), at most as many as the engine keeps; a diff's answer to
 * an earlier pick is dropped; the diff tab starts on the two newest; profiles are forgotten when
 * the workspace changes (their ids belong to the engine of the store before).
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CallRequest, ProfileDiffView, ProfileView } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { startLiveUpdates } from '../app/event-router';
import { fakeClient, settle, type FakeClient } from '../../testing/fake-client';
import { TEST_ABI } from '../../testing/abi';
import { useNavigationStore } from '../common/navigation-store';
import { KEPT_PROFILES, useProfileStore } from './profile-store';

const REQ: CallRequest = {
  session: 's1',
  contract: '0x' + '11'.repeat(32),
  fn: 'nth',
  gas: '1000',
};

function profileView(id: string, gasSpent = '10'): ProfileView {
  return {
    id,
    label: `fib.nth #${id}`,
    root: { kind: 'contract', name: 'fib', self: '0', total: gasSpent, calls: 1, children: [] },
    gasSpent,
    gasLimit: '1000',
    functions: [],
  };
}

describe('the profile store', () => {
  let fake: FakeClient;
  let stopEvents: () => void;
  let next = 0;
  const diffs: Array<(d: ProfileDiffView) => void> = [];

  beforeEach(() => {
    setActivePinia(createPinia());
    next = 0;
    diffs.length = 0;
    fake = fakeClient({
      profileCall: () => {
        next++;
        return {
          result: { ok: true, gasSpent: String(next), journalIndex: next },
          profile: profileView(`p${next}`),
        };
      },
      profileDiff: ({ a, b }) =>
        new Promise<ProfileDiffView>((resolve) => diffs.push(resolve)).then((d) => ({
          ...d,
          a,
          b,
        })),
      listSessions: () => [],
      commitGraph: () => [],
      workspace: () => ({ path: ':memory:', commits: 0, sessions: 0, abi: TEST_ABI }),
    });
    provideApiClient(fake.client);
    stopEvents = startLiveUpdates();
  });
  afterEach(() => stopEvents());

  test('a profiled call gives its result and profile id; the profile is listed first and shown', async () => {
    const store = useProfileStore();
    const first = await store.profileCall(REQ);
    expect(first).toMatchObject({ result: { ok: true, gasSpent: '1' }, profileId: 'p1' });
    await store.profileCall(REQ);
    expect(store.profiles.map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(store.selected?.id).toBe('p2');
    expect(fake.calls.filter((c) => c.method === 'profileCall')[0].params).toMatchObject(REQ);
    store.select('p1');
    expect(store.selected?.id).toBe('p1');
    // Two calls of one function, told apart by where they are in the journal.
    expect(store.profiles.map((p) => store.optionLabel(p))).toEqual([
      'fib.nth #p2 (call #2) · 10 gas',
      'fib.nth #p1 (call #1) · 10 gas',
    ]);
  });

  test(`no more than the engine keeps (${KEPT_PROFILES})`, async () => {
    const store = useProfileStore();
    for (let i = 0; i < KEPT_PROFILES + 3; i++) await store.profileCall(REQ);
    expect(store.profiles).toHaveLength(KEPT_PROFILES);
    expect(store.profiles[0].id).toBe(`p${KEPT_PROFILES + 3}`);
    expect(store.has('p1')).toBe(false);
  });

  test('the diff tab compares the two newest (newest as B); an earlier answer is dropped', async () => {
    const store = useProfileStore();
    for (let i = 0; i < 3; i++) await store.profileCall(REQ);
    const opened = store.openDiff();
    expect([store.diffA, store.diffB]).toEqual(['p2', 'p3']);
    const swapped = store.swap();
    // The later pick (swapped) answers first, then the earlier one: the swapped stays.
    const tree = { name: 'x', kind: 'contract', side: 'both' } as ProfileDiffView['tree'];
    diffs[1]({ a: '', b: '', functions: [], tree });
    await swapped;
    diffs[0]({ a: '', b: '', functions: [], tree });
    await opened;
    expect(store.diff).toMatchObject({ a: 'p3', b: 'p2' });
    expect([store.diffA, store.diffB]).toEqual(['p3', 'p2']);
    expect(store.diffLoading).toBe(false);
  });

  test('a recorded call profiled again: asked by its journal and index, shown in the Profile view', async () => {
    fake.handlers.set('profileJournalCall', ({ call }: { call: number }) => ({
      ...profileView('r1', '42'),
      recordedGas: '42',
      matched: true,
      journalCall: { source: { session: 's1' }, call },
    }));
    const store = useProfileStore();
    await store.profileRecorded({ session: 's1' }, 3);
    expect(fake.calls.find((c) => c.method === 'profileJournalCall')?.params).toEqual({
      session: 's1',
      call: 3,
    });
    expect(useNavigationStore().view).toBe('profile');
    expect(store.selected).toMatchObject({ id: 'r1', matched: true, recordedGas: '42' });
    expect(store.loading).toBe(false);

    fake.handlers.set('profileJournalCall', () => {
      throw new Error('call 9 is not in the journal (3 calls)');
    });
    await store.profileRecorded({ session: 's1' }, 9);
    expect(store.error?.message).toContain('call 9 is not in the journal');
    expect(store.profiles).toHaveLength(1);
  });

  test('a workspace switch forgets every profile', async () => {
    const store = useProfileStore();
    await store.profileCall(REQ);
    store.search = 'inc';
    fake.emit('workspaceChanged', { path: '/tmp/b.pis', commits: 0, sessions: 0, abi: TEST_ABI });
    await settle();
    expect(store.profiles).toEqual([]);
    expect(store.selected).toBeNull();
    expect(store.search).toBe('');
  });
});

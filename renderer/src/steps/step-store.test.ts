import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { receiveAbi } from '../common/abi';
import { TEST_ABI } from '../../testing/abi';
import type { JournalCallView } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useStepStore } from './step-store';
import { useSessionStore } from '../workspace/session-store';
import { fakeClient, settle } from '../../testing/fake-client';
import { followed, journal, piecedJournal, session } from '../../testing/step-journals';

describe('step store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    // As the app has them once the workspace info arrived (the shown rows lie within a page).
    receiveAbi(TEST_ABI);
  });

  test('goToPoint switches journal and lands on the point', async () => {
    provideApiClient(
      fakeClient({
        journal: async () => journal,
        stepDetail: async (req) => ({ step: journal[req.call].steps[req.step], deltas: [] }),
      }).client,
    );
    const steps = useStepStore();
    steps.goToPoint({ call: 0, step: 1 }, { commit: 'abc' });
    await settle();
    expect(steps.choice).toEqual({ commit: 'abc' });
    expect(steps.current).toMatchObject({ call: 0, step: 1, kind: 'exit' });
  });

  test('goToPoint on a live journal that grew since it was loaded fetches it again first', async () => {
    // The session recorded one call when the journal was loaded, two when the point is asked for
    // (its sessionChanged not yet seen, as when a script step has just run).
    let recorded = 1;
    const fake = fakeClient({
      journal: async () => journal.slice(0, recorded),
      stepDetail: async (req) => ({ step: journal[req.call].steps[req.step], deltas: [] }),
    });
    provideApiClient(fake.client);
    const steps = useStepStore();
    steps.setChoice({ session: 's1' });
    await settle();
    expect(steps.timeline).toHaveLength(3);
    recorded = 2;
    steps.goToPoint({ call: 1, step: -1 }, { session: 's1' });
    await settle();
    expect(steps.timeline).toHaveLength(6);
    expect(steps.current).toMatchObject({ call: 1, step: -1 });
  });

  test('goToPoint on a session the store did not follow lands on the point, not at the end', async () => {
    // The session is listed with its calls (so both the source and its call count change at
    // once): one load, on the point.
    const fake = fakeClient({
      journal: async () => journal,
      stepDetail: async (req) => ({ step: journal[req.call].steps[req.step], deltas: [] }),
    });
    provideApiClient(fake.client);
    const sessions = useSessionStore();
    const steps = useStepStore();
    sessions.onSessionChanged(session(2, null));
    await settle();
    steps.goToPoint({ call: 0, step: -1 }, { session: 's1' });
    await settle();
    expect(steps.current).toMatchObject({ call: 0, step: -1 });
    expect(fake.calls.filter((c) => c.method === 'journal')).toHaveLength(1);
  });

  test('two loads of a journal not yet shown: the later one keeps the point the first landed on', async () => {
    // The first load of a followed session is in flight when a point is asked for and the
    // session records a call: both loads began before the journal was shown, and the later
    // one must not open it at the end, over the point.
    const answers: Array<(calls: JournalCallView[]) => void> = [];
    const fake = fakeClient({
      journal: () => new Promise<JournalCallView[]>((resolve) => answers.push(resolve)),
      stepDetail: async (req) => ({ step: journal[req.call].steps[req.step], deltas: [] }),
    });
    const { sessions, steps } = await followed(fake.client, session(1, null));
    steps.goToPoint({ call: 1, step: -1 }, { session: 's1' });
    sessions.onSessionChanged(session(2, null));
    await settle();
    expect(answers).toHaveLength(2);
    answers[0](journal);
    await settle();
    expect(steps.current).toMatchObject({ call: 1, step: -1 });
    answers[1](journal);
    await settle();
    expect(steps.current).toMatchObject({ call: 1, step: -1 });
  });

  test('a followed session that records more calls: only its new calls are fetched, all of them again once its calls were replaced', async () => {
    let recorded = 1;
    const fake = fakeClient({
      journal: async (req) =>
        journal.slice(0, recorded).filter((c) => c.index >= ((req as { from?: number }).from ?? 0)),
      stepDetail: async (req) => ({ step: journal[req.call].steps[req.step], deltas: [] }),
    });
    const { sessions, steps } = await followed(fake.client, session(1, null));
    expect(steps.journal.map((c) => c.index)).toEqual([0]);

    recorded = 2;
    sessions.onSessionChanged(session(2, null));
    await settle();
    const requests = () => fake.calls.filter((c) => c.method === 'journal').map((c) => c.params);
    expect(requests()).toEqual([
      { session: 's1', steps: false },
      { session: 's1', from: 1, steps: false },
    ]);
    expect(steps.journal.map((c) => c.index)).toEqual([0, 1]);
    expect(steps.timeline).toHaveLength(6);
    expect(steps.index).toBe(5); // it was at the end: it stays there

    // Re-created without a call (terminateSession): fewer calls, maybe others: all fetched again.
    recorded = 1;
    sessions.onSessionChanged(session(1, null));
    await settle();
    expect(requests().at(-1)).toEqual({ session: 's1', steps: false });
    expect(steps.journal.map((c) => c.index)).toEqual([0]);
  });

  test('a session re-created with as many calls or more is fetched whole again: its calls may be others', async () => {
    // Re-created after a stuck call: the new thread ran the earlier calls again without the
    // stuck one, then the user made another call: the count is back where it was, the calls
    // are not the ones the store holds.
    let current = journal.slice(0, 2);
    const fake = fakeClient({
      journal: async (req) =>
        current.filter((c) => c.index >= ((req as { from?: number }).from ?? 0)),
      stepDetail: async (req) => ({ step: current[req.call].steps[req.step], deltas: [] }),
    });
    const { sessions, steps } = await followed(fake.client, session(2, null));
    expect(steps.journal.map((c) => c.fn)).toEqual(journal.slice(0, 2).map((c) => c.fn));

    const replayed = { ...journal[1], index: 0 };
    const another = { ...journal[0], index: 1, fn: 'another' };
    current = [replayed, another];
    sessions.onSessionChanged(session(2, null, 1));
    await settle();
    const requests = fake.calls.filter((c) => c.method === 'journal').map((c) => c.params);
    expect(requests).toEqual([
      { session: 's1', steps: false },
      { session: 's1', steps: false },
    ]);
    expect(steps.journal.map((c) => c.fn)).toEqual([replayed.fn, 'another']);
  });

  test('a long journal: its call list without steps, then only the piece of a point jumped to', async () => {
    const long: JournalCallView[] = Array.from({ length: 1000 }, (_, index) => ({
      ...journal[0],
      index,
    }));
    const fake = fakeClient({
      ...piecedJournal(() => long),
    });
    const { steps } = await followed(fake.client, session(1000, null));
    const requests = () => fake.calls.filter((c) => c.method === 'journal').map((c) => c.params);
    // The list (every point's place), and the steps around the end where it opens.
    expect(steps.timeline).toHaveLength(3000);
    expect(requests()[0]).toEqual({ session: 's1', steps: false });
    expect(requests().slice(1)).toEqual([{ session: 's1', from: 992, to: 1000 }]);
    expect(steps.current).toMatchObject({ call: 999, step: 1, kind: 'exit' });
    expect(steps.timeline[3 * 500 + 2].kind).toBe('pending');

    steps.goToPoint({ call: 500, step: 1 });
    await settle();
    expect(steps.current).toMatchObject({ call: 500, step: 1, kind: 'exit' });
    expect(steps.detail?.step).toEqual(long[500].steps[1]);
    // Only the pieces of the call and its neighbours: no call's steps fetched twice.
    expect(requests().slice(2)).toEqual([{ session: 's1', from: 480, to: 512 }]);
    expect(steps.timeline[3 * 10 + 2].kind).toBe('pending');
  });

  test("a jump's piece is merged with the step's detail, in the same tick, not before it", async () => {
    const long: JournalCallView[] = Array.from({ length: 100 }, (_, index) => ({
      ...journal[0],
      index,
    }));
    let release = (): void => undefined;
    const fake = fakeClient({
      ...piecedJournal(() => long),
      stepDetail: async (req: { call: number; step: number }) => {
        if (req.call === 40) await new Promise<void>((r) => (release = r));
        return { step: long[req.call].steps[req.step], deltas: [] };
      },
    });
    const { steps } = await followed(fake.client, session(100, null));
    steps.goToPoint({ call: 40, step: 1 });
    await settle();
    // The piece of call 40 came (calls 32–63), its detail did not: the piece waits for it.
    const requests = fake.calls.filter((c) => c.method === 'journal').map((c) => c.params);
    expect(requests.at(-1)).toEqual({ session: 's1', from: 32, to: 64 });
    expect(steps.current).toMatchObject({ call: 40, step: 1, kind: 'pending' });
    expect(steps.detailLoading).toBe(true);

    release();
    await settle();
    expect(steps.current).toMatchObject({ call: 40, step: 1, kind: 'exit' });
    expect(steps.detail?.step).toEqual(long[40].steps[1]);
    expect(steps.detailPoint).toEqual({ call: 40, step: 1 });
    expect(steps.timeline[3 * 63 + 2].kind).toBe('exit'); // the whole piece
  });

  test("a live session's last piece is fetched again once more calls are recorded into it", async () => {
    let recorded = 1;
    const fake = fakeClient({
      ...piecedJournal(() => journal.slice(0, recorded)),
    });
    const { sessions, steps } = await followed(fake.client, session(1, null));
    expect(steps.current).toMatchObject({ call: 0, step: 1, kind: 'exit' });
    recorded = 2;
    sessions.onSessionChanged(session(2, null));
    await settle();
    // Call 1 is in the piece fetched when it held call 0 only: its steps are fetched now.
    expect(steps.current).toMatchObject({ call: 1, step: 1, kind: 'exit' });
    expect(steps.timeline.filter((e) => e.kind === 'pending')).toEqual([]);
  });
});

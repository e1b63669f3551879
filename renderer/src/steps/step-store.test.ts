import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { receiveAbi } from '../common/abi';
import { TEST_ABI } from '../../testing/abi';
import type { JournalCallView, SessionInfo, StepView } from '../../../engine/api/types';
import { provideApiClient } from '../api/instance';
import { useSessionStore } from '../workspace/session-store';
import { useStepStore } from './step-store';
import { SHOWN_ROWS } from './byte-diff';
import { MAX_PAGES_LOADED } from './step-pages';
import { fakeClient, settle } from '../../testing/fake-client';

const step = (index: number, kind: 'enter' | 'exit'): StepView => ({
  index,
  kind,
  depth: 0,
  contract: 'c1',
  fn: 'increment',
  gas: '43',
  pagesChanged: kind === 'exit' ? 1 : 0,
  events: [],
  debug: [],
});
const journal: JournalCallView[] = [0, 1].map((index) => ({
  index,
  kind: 'call',
  contract: 'c1',
  fn: 'increment',
  arg: '0x',
  gasLimit: '1000',
  gasSpent: '43',
  steps: [step(0, 'enter'), step(1, 'exit')],
}));
/**
 * A fake engine's `journal` and `stepDetail` over `calls()` (read at each request: a live
 * session's grows), answering pieces (`from`, `to`) and the call list (`steps: false`) as the
 * engine does.
 */
function piecedJournal(calls: () => JournalCallView[]) {
  return {
    journal: async (req: unknown) => {
      const { from = 0, to, steps } = req as { from?: number; to?: number; steps?: boolean };
      const piece = calls().slice(from, to);
      return steps === false
        ? piece.map((c) => ({ ...c, steps: [], stepCount: c.steps.length }))
        : piece;
    },
    stepDetail: async (req: { call: number; step: number }) => ({
      step: calls()[req.call].steps[req.step],
      deltas: [],
    }),
  };
}

const session = (calls: number, base: string | null, recreations = 0): SessionInfo => ({
  id: 's1',
  name: 's1',
  base,
  root: 'r',
  contracts: ['c1'],
  calls,
  deploys: 0,
  busy: false,
  gasTable: 'head',
  recreations,
});

/** The step store following session `info`, selected, with `client` as the engine. */
async function followed(client: Parameters<typeof provideApiClient>[0], info: SessionInfo) {
  provideApiClient(client);
  const sessions = useSessionStore();
  const steps = useStepStore();
  sessions.onSessionChanged(info);
  sessions.select('s1');
  await settle();
  return { sessions, steps };
}

describe('step store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    // As the app has them once the workspace info arrived (the shown rows lie within a page).
    receiveAbi(TEST_ABI);
  });

  test('follows the base commit of a fresh session, opens at the end, and loads the changed rows before and after', async () => {
    const fake = fakeClient({
      journal: async () => journal,
      stepDetail: async (req) => ({
        step: journal[req.call].steps[req.step],
        deltas:
          req.step === 1
            ? [{ contract: 'c1', page: 1, changes: [{ offset: 8, before: '0xfc', after: '0xfd' }] }]
            : [],
      }),
      // The page (64 KiB) at the step, or the range asked for.
      pageAtStep: async (req) => {
        const page = new Uint8Array(65536);
        page[8] = req.point.step === 1 ? 0xfd : 0xfc;
        page[20] = 0x77; // unchanged, in the row after the change's
        const from = req.offset ?? 0;
        const bytes = page.subarray(from, from + (req.length ?? page.length - from));
        return '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      },
    });
    const { sessions, steps } = await followed(fake.client, session(0, 'c0ffee'));
    expect(steps.source).toEqual({ commit: 'c0ffee' });
    expect(fake.calls[0]).toEqual({
      method: 'journal',
      params: { commit: 'c0ffee', steps: false },
    });
    expect(steps.timeline).toHaveLength(6);
    expect(steps.index).toBe(5);
    expect(steps.pages).toHaveLength(1);
    // The change's row and the one after it (a row of context; none before row 0), after the
    // step as fetched and before it rebuilt from the change.
    expect(steps.pages[0]).toMatchObject({ from: 0, changed: [8] });
    expect(steps.pages[0].before?.[8]).toBe(0xfc);
    expect(steps.pages[0].after?.[8]).toBe(0xfd);
    expect(steps.pages[0].before?.[20]).toBe(0x77);
    expect(steps.pages[0].after).toHaveLength(32);
    // One request, for those rows after the step: not the whole page before and after.
    const pageRequests = fake.calls
      .filter((c) => c.method === 'pageAtStep')
      .map((c) => {
        const { point, offset, length } = c.params as {
          point: unknown;
          offset: number;
          length: number;
        };
        return { point, offset, length };
      });
    expect(pageRequests).toEqual([{ point: { call: 1, step: 1 }, offset: 0, length: 32 }]);

    steps.move('prevCall');
    await settle();
    expect(steps.current).toMatchObject({ call: 1, step: -1 });
    expect(steps.detail).toBeNull(); // "before" points have no step detail

    // Once the session records a call, the live journal replaces the base's.
    sessions.onSessionChanged(session(1, 'c0ffee'));
    await settle();
    expect(steps.source).toEqual({ session: 's1' });
  });

  test("the shown rows' bytes come with the step's detail: no request for the page after it", async () => {
    const change = { offset: 40, before: '0xaa', after: '0xbb' };
    const fake = fakeClient({
      ...piecedJournal(() => journal),
      stepDetail: async (req) => ({
        step: journal[req.call].steps[req.step],
        deltas: [{ contract: 'c1', page: 1, changes: [change] }],
        reverted: [],
        // Rows 1–3 of the page (the change's row 2, a row of context either side), and more
        // before them: the store takes the rows it shows out of what was sent.
        rows: [
          {
            contract: 'c1',
            page: 1,
            offset: 0,
            after: '0x' + Array.from({ length: 64 }, (_, i) => (i === 40 ? 'bb' : '11')).join(''),
          },
        ],
      }),
    });
    const { steps } = await followed(fake.client, session(2, null));
    expect(steps.detailPoint).toEqual({ call: 1, step: 1 });
    // The store asked for the rows it shows, with the detail.
    expect(fake.calls.find((c) => c.method === 'stepDetail')?.params).toEqual({
      session: 's1',
      call: 1,
      step: 1,
      rows: { pages: MAX_PAGES_LOADED, ...SHOWN_ROWS },
    });
    expect(fake.calls.filter((c) => c.method === 'pageAtStep')).toEqual([]);
    expect(steps.pages).toHaveLength(1);
    expect(steps.pages[0]).toMatchObject({ from: 16, changed: [40] });
    expect(steps.pages[0].after).toHaveLength(48);
    expect(steps.pages[0].after?.[24]).toBe(0xbb);
    expect(steps.pages[0].before?.[24]).toBe(0xaa);
    expect(steps.pages[0].before?.[0]).toBe(0x11);
  });

  test('a page the detail came without, or with fewer rows than shown, is fetched alone', async () => {
    const fake = fakeClient({
      ...piecedJournal(() => journal),
      stepDetail: async (req) => ({
        step: journal[req.call].steps[req.step],
        deltas: [1, 2].map((page) => ({
          contract: 'c1',
          page,
          changes: [{ offset: 40, before: '0xaa', after: '0xbb' }],
        })),
        reverted: [],
        // Page 1's rows stop short of the last row shown; page 2 did not come.
        rows: [{ contract: 'c1', page: 1, offset: 16, after: '0x' + '11'.repeat(32) }],
      }),
      pageAtStep: async (req) => '0x' + '22'.repeat(req.length ?? 0),
    });
    const { steps } = await followed(fake.client, session(2, null));
    const fetched = fake.calls
      .filter((c) => c.method === 'pageAtStep')
      .map((c) => [c.params.page, c.params.offset, c.params.length]);
    expect(fetched).toEqual([
      [1, 16, 48],
      [2, 16, 48],
    ]);
    expect(steps.pages.map((p) => p.after?.[0])).toEqual([0x22, 0x22]);
  });

  test("a step's detail and its pages' bytes are shown together, never the detail alone", async () => {
    // The page's bytes are held back: until they come, the store keeps the point it showed.
    let release = (): void => undefined;
    const fake = fakeClient({
      ...piecedJournal(() => journal),
      stepDetail: async (req) => ({
        step: journal[req.call].steps[req.step],
        deltas: [
          {
            contract: 'c1',
            page: 1,
            changes: [{ offset: 8, before: `0x0${req.call}`, after: `0x1${req.call}` }],
          },
        ],
      }),
      pageAtStep: async (req) => {
        if (req.point.call === 0) await new Promise<void>((r) => (release = r));
        // The rows asked for, the changed byte (offset 8) as the step left it.
        const bytes = Array.from({ length: req.length ?? 0 }, (_, i) =>
          (req.offset ?? 0) + i === 8 ? `1${req.point.call}` : '00',
        );
        return '0x' + bytes.join('');
      },
    });
    const { steps } = await followed(fake.client, session(2, null));
    expect(steps.current).toMatchObject({ call: 1, step: 1, kind: 'exit' });
    expect(steps.detailPoint).toEqual({ call: 1, step: 1 });
    expect(steps.pages[0].after?.[8]).toBe(0x11);

    steps.goToPoint({ call: 0, step: 1 });
    await settle();
    // The detail of call 0 is in, its page is not: the detail and pages are still call 1's.
    expect(fake.calls.filter((c) => c.method === 'pageAtStep')).toHaveLength(2);
    expect(steps.detailLoading).toBe(true);
    expect(steps.detailPoint).toEqual({ call: 1, step: 1 });
    expect(steps.detail?.deltas[0].changes[0].after).toBe('0x11');
    expect(steps.pages[0].after?.[8]).toBe(0x11);

    release();
    await settle();
    expect(steps.detailLoading).toBe(false);
    expect(steps.detailPoint).toEqual({ call: 0, step: 1 });
    expect(steps.detail?.deltas[0].changes[0].after).toBe('0x10');
    expect(steps.pages[0].after?.[8]).toBe(0x10);
    expect(steps.pages[0].before?.[8]).toBe(0x00);
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

import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import { receiveAbi } from '../common/abi';
import { TEST_ABI } from '../../testing/abi';
import { SHOWN_ROWS } from './byte-diff';
import { MAX_PAGES_LOADED } from './step-pages';
import { fakeClient, settle } from '../../testing/fake-client';
import { followed, journal, piecedJournal, session } from '../../testing/step-journals';

/** The Steps store and a step's changed pages: their rows before and after, and how they come. */
describe("step store: a step's pages", () => {
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
});

/**
 * A long session in Steps (issue 14, item 6): a session of thousands of recorded calls opens
 * with its call list (every point in its place) and fetches steps in pieces: the calls in view
 * and the one jumped to. Jumping far shows that step; no request asks for the whole journal
 * with its steps.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
/** Increments recorded after the deploy. */
const CALLS = 3000;
/** The widest piece the view may ask for with steps (journal-pieces.ts PIECE_CALLS). */
const PIECE = 32;
const ROW = 26; // StepTimeline's row height

describe.skipIf(missing !== undefined)('a long journal in Steps', () => {
  let e2e: E2E;
  const journalRequests: Array<{ from?: number; to?: number; steps?: boolean }> = [];
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = async (testid: string) => (await id(testid).innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    e2e = await startE2E();
    const session = await e2e.service.openSession({ name: 'long' });
    const { contractId } = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'sample', name: 'counter' },
    });
    for (let i = 0; i < CALLS; i++)
      await e2e.service.call({ session: session.id, contract: contractId!, fn: 'increment' });
    e2e.page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        const message = JSON.parse(payload.toString()) as { method?: string; params?: never };
        if (message.method === 'journal') journalRequests.push(message.params!);
      }),
    );
    await e2e.page.reload(); // the socket opens again, watched
    await id('session-item').filter({ hasText: 'long' }).click();
    await id('contract-item').first().waitFor();
  }, 180_000);
  afterAll(async () => {
    await e2e?.close();
  });

  test('opens at the end, jumps far to the step asked for, and never fetches every step', async () => {
    const page = e2e.page;
    const session = (await e2e.service.listSessions())[0].id;
    const listed = await e2e.service.journal({ session, steps: false });
    const points = listed.reduce((n, c) => n + 1 + c.stepCount!, 0);
    await id('view-tab-steps').click();
    await id('steps-tab-journal').click();
    // Every point has its place from the start; it opens at the end, on the last call's last step.
    await expect.poll(() => text('step-position')).toBe(`${points} / ${points}`);
    await expect.poll(() => text('step-kind')).toBe('exit');
    // The timeline shows where the cursor is: the last call's exit row, selected.
    await page
      .locator(`[data-testid="step-row"][data-call="${CALLS}"][aria-selected="true"]`)
      .waitFor();

    // Far back: scroll the timeline to call 1234's rows and click its exit.
    const target = 1234;
    const before = listed.slice(0, target).reduce((n, c) => n + 1 + c.stepCount!, 0);
    const exitStep = listed[target].stepCount! - 1;
    await id('step-timeline').evaluate((el, top) => (el.scrollTop = top), (before - 3) * ROW);
    const row = page.locator(
      `[data-testid="step-row"][data-call="${target}"][data-step="${exitStep}"]`,
    );
    await row.click();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => text('step-kind')).toBe('exit');
    await expect.poll(() => row.innerText()).toContain('← increment');
    await expect.poll(() => text('step-position')).toBe(`${before + 1 + exitStep + 1} / ${points}`);
    // The call's "before" row, just above, is the call jumped to.
    await expect
      .poll(() => page.locator(`[data-testid="step-row-call"][data-call="${target}"]`).innerText())
      .toContain(`#${target} increment`);
    await e2e.screenshot('steps-long-journal');

    // Then the first call, with Home: its steps fetched as it comes into view.
    await id('step-timeline').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => text('step-position')).toBe(`1 / ${points}`);
    await expect.poll(() => text('step-kind')).toBe('before call #0');

    // The list once without steps; every request with steps is one piece, not the journal.
    expect(journalRequests.filter((r) => r.steps === false && r.to === undefined)).toHaveLength(1);
    const withSteps = journalRequests.filter((r) => r.steps !== false);
    expect(withSteps.length).toBeGreaterThan(0);
    for (const r of withSteps) {
      expect(r.to).toBeDefined();
      expect(r.to! - (r.from ?? 0)).toBeLessThanOrEqual(PIECE);
    }
  });
});

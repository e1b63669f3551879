/**
 * A jump in Steps as the page renders it (issue 14, item 6: step_jump_ms). The app's socket is
 * routed through the test, which can hold back the requests of one method, so what the user sees
 * while a step loads can be looked at: the timeline patches its rows in place (no row moved in
 * the DOM), the detail keeps its parts (hidden) while the clicked call's steps come, and a step's
 * changed pages show with its detail (their bytes in its reply), never the previous step's nor a
 * page still loading.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
/** Increments after the deploy: four pieces of 32 calls (journal-pieces.ts). */
const CALLS = 120;
const ROW = 26; // StepTimeline's row height

describe.skipIf(missing !== undefined)('a jump in Steps', () => {
  let e2e: E2E;
  /** Methods whose requests are held back, and the held requests, to send on release. */
  const holding = new Set<string>();
  const held: Array<{ method: string; send: () => void }> = [];
  /** The methods of every request the page sent, in order. */
  const sent: string[] = [];
  /** The timeline index of each call's "before" row, and each call's step count. */
  const firstRow: number[] = [];
  const stepCount: number[] = [];
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const exitRow = (call: number) =>
    e2e.page.locator(
      `[data-testid="step-row"][data-call="${call}"][data-step="${stepCount[call] - 1}"]`,
    );

  function release(method: string): void {
    for (const h of held.filter((x) => x.method === method)) {
      held.splice(held.indexOf(h), 1);
      h.send();
    }
    holding.delete(method);
  }

  beforeAll(async () => {
    e2e = await startE2E();
    const session = await e2e.service.openSession({ name: 'jumps' });
    const { contractId } = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'sample', name: 'counter' },
    });
    for (let i = 0; i < CALLS; i++)
      await e2e.service.call({ session: session.id, contract: contractId!, fn: 'increment' });
    let rows = 0;
    for (const c of await e2e.service.journal({ session: session.id, steps: false })) {
      firstRow.push(rows);
      stepCount.push(c.stepCount!);
      rows += 1 + c.stepCount!;
    }
    await e2e.page.routeWebSocket(/.*/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const { method, params } = JSON.parse(String(message)) as {
          method: string;
          params?: { to?: number };
        };
        sent.push(method);
        // Of `journal`, only pieces (the call list is never held).
        const hold = holding.has(method) && (method !== 'journal' || params?.to !== undefined);
        if (hold) held.push({ method, send: () => server.send(message) });
        else server.send(message);
      });
      server.onMessage((message) => ws.send(message));
    });
    await e2e.page.reload(); // the socket opens again, routed
    await id('session-item').filter({ hasText: 'jumps' }).click();
    await id('contract-item').first().waitFor();
    await id('view-tab-steps').click();
    await id('steps-tab-journal').click();
    await e2e.page
      .locator(`[data-testid="step-row"][data-call="${CALLS}"][aria-selected="true"]`)
      .waitFor();
    await id('step-kind').filter({ hasText: 'exit' }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await e2e?.close();
  });

  test('scrolling, near or far, moves no row of the timeline in the DOM: they are patched in place', async () => {
    const timeline = id('step-timeline');
    // Count the rows taken out of the list (a moved node is taken out and put back).
    await timeline.evaluate((el) => {
      const w = window as unknown as { rowsRemoved: number };
      w.rowsRemoved = 0;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.removedNodes) if (n instanceof HTMLElement) w.rowsRemoved++;
      }).observe(el.querySelector('.spacer-box')!, { childList: true });
    });
    const rowsRemoved = () =>
      e2e.page.evaluate(() => (window as unknown as { rowsRemoved: number }).rowsRemoved);
    // Pieces 1, 0 and 3 (calls 32–63, 0–31, 96–127); piece 2 stays for the next test.
    for (const call of [40, 10, 100]) {
      for (const extra of [0, 1, 2]) {
        const top = (firstRow[call] - 3 + extra) * ROW;
        await timeline.evaluate((el, at) => (el.scrollTop = at), top);
        await e2e.page.locator(`[data-testid="step-row-call"][data-call="${call}"]`).waitFor();
      }
    }
    expect(await rowsRemoved()).toBe(0);
  });

  test("while the clicked call's steps load, the detail says so and shows nothing of the last step; the same elements then show the new one", async () => {
    const kind = await id('step-kind').elementHandle();
    holding.add('journal');
    await id('step-timeline').evaluate((el, top) => (el.scrollTop = top), (firstRow[80] - 3) * ROW);
    await exitRow(80).click();
    await expect.poll(() => id('step-pending').innerText()).toBe("Loading call #80's steps…");
    expect(await id('step-kind').isVisible()).toBe(false);
    expect(await e2e.page.locator('[data-testid="step-page"]:visible').count()).toBe(0);

    release('journal');
    await expect.poll(() => id('step-kind').isVisible()).toBe(true);
    expect(await id('step-kind').innerText()).toBe('exit');
    await id('step-pending').waitFor({ state: 'detached' });
    // Patched in place, not unmounted and mounted again.
    expect(await kind!.evaluate((el) => el.isConnected)).toBe(true);
  });

  test("a step's changed pages show with its detail, never the last step's nor a page still loading", async () => {
    await expect.poll(() => id('step-page').isVisible()).toBe(true);
    holding.add('stepDetail');
    sent.length = 0;
    await exitRow(81).click();
    await expect.poll(() => held.some((h) => h.method === 'stepDetail')).toBe(true);
    const visiblePages = e2e.page.locator('[data-testid="step-page"]:visible');
    expect(await visiblePages.count()).toBe(0);
    expect(await e2e.page.locator('[aria-label="Loading step"]').count()).toBe(1);

    release('stepDetail'); // the detail, with its page's bytes
    await expect.poll(() => visiblePages.count()).toBe(1);
    await e2e.page.locator('[aria-label="Loading step"]').waitFor({ state: 'detached' });
    expect(await visiblePages.innerText()).toContain('changed');
    // The page's bytes came in the detail's reply: no request for them after it.
    expect(sent.filter((m) => m === 'stepDetail' || m === 'pageAtStep')).toEqual(['stepDetail']);
  });
});

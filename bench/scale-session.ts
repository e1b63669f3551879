/**
 * A long session in the Steps view (issue 14, item 6), in the `scale` group: a real engine and
 * store served in browser mode (the e2e harness: `npm run build` first, for out/renderer and the
 * session worker), driven in Debian's Chromium through the real Steps view.
 *
 * - `step_jump_ms`: a session of 10,000 recorded calls (a counter's `increment`, two steps each)
 *   open in Steps, its call list loaded. A jump = setting the timeline's scroll position to a far
 *   call's rows and clicking that call's exit step once its row is rendered, as a user scrolling
 *   there and clicking does. Timed in the page (performance.now()) from setting the scroll
 *   position to the frame painted after the detail shows that step: the step's kind, its row
 *   selected, no step detail loading (the detail and its changed pages fetched), no point
 *   pending (the panel keeps the last point, hidden, while the clicked call's steps load).
 *   Median of JUMPS jumps to random calls, each at least FAR calls from the last and in a
 *   piece not yet fetched (cold for the journal; the page, socket and engine are warm).
 * - `step_jump_journal_bytes`: the median bytes of the `journal` replies the page received per
 *   jump (the pieces of the rows scrolled into view and of the call jumped to and its
 *   neighbours), measured on the socket's frames.
 * - `step_jump_bytes`: all the socket bytes the page received per jump, median: the journal's
 *   pieces and the step's detail, which carries the bytes of its changed pages' shown rows after
 *   the step (stepDetail's `rows`: one reply, no `pageAtStep` after it).
 * - `step_list_10k_bytes` / `step_list_10k_ms`: the call list the view opens with (the journal
 *   without steps, one request) — its size on the socket, and the time from the Steps tab's
 *   click to the painted detail of the last step (one run).
 *
 * Nothing here asserts a time.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM, e2eAvailable, startE2E } from '../tests/e2e/harness';
import { report } from './measure';
import { TIME_UNTIL_PAINTED } from './time-until-painted';

const CALLS = Number(process.env.SCALE_SESSION_CALLS ?? 10_000);
const JUMPS = 15;
const FAR = 1000;
const ROW = 26; // StepTimeline's row height

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** A small deterministic generator, so runs jump to the same calls. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Jump {
  top: number;
  call: number;
  step: number;
}

/**
 * In the page: scroll the timeline, click the step's row once rendered, resolve with the ms to
 * the frame painted after the detail shows it (time-until-painted.ts).
 */
const JUMP_IN_PAGE = `({ top, call, step }) => {
  const timeline = document.querySelector('[data-testid="step-timeline"]');
  const selector = '[data-testid="step-row"][data-call="' + call + '"][data-step="' + step + '"]';
  let clicked = false;
  const shown = () => {
    if (!clicked) {
      const row = document.querySelector(selector);
      if (row === null) return false;
      clicked = true;
      row.click();
    }
    const row = document.querySelector(selector);
    const kind = document.querySelector('[data-testid="step-kind"]');
    return row !== null && row.getAttribute('aria-selected') === 'true' &&
      kind !== null && kind.textContent.trim() === 'exit' &&
      document.querySelector('[data-testid="step-pending"]') === null &&
      document.querySelector('[aria-label="Loading step"]') === null;
  };
  return (${TIME_UNTIL_PAINTED})(() => { timeline.scrollTop = top; }, shown);
}`;

function jumpInPage(page: Page, jump: Jump): Promise<number> {
  return page.evaluate(`(${JUMP_IN_PAGE})(${JSON.stringify(jump)})`) as Promise<number>;
}

export async function scaleSessionBench(): Promise<void> {
  const missing = e2eAvailable();
  if (missing !== undefined || !existsSync(CHROMIUM)) {
    console.log(`scale-session: skipped (${missing ?? 'no Chromium'})`);
    return;
  }
  const e2e = await startE2E();
  try {
    const session = await e2e.service.openSession({ name: 'long' });
    const { contractId } = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'sample', name: 'counter' },
    });
    for (let i = 0; i < CALLS; i++)
      await e2e.service.call({ session: session.id, contract: contractId!, fn: 'increment' });
    const listed = await e2e.service.journal({ session: session.id, steps: false });
    /** The timeline index of each call's "before" row. */
    const firstRow: number[] = [];
    let rows = 0;
    for (const c of listed) {
      firstRow.push(rows);
      rows += 1 + c.stepCount!;
    }

    const page = e2e.page;
    let received = 0;
    let journalBytes = 0;
    let listBytes = 0;
    /** Request ids of `journal` calls: their replies are the journal's bytes. */
    const journalIds = new Set<number>();
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => {
        const m = JSON.parse(payload.toString()) as { id?: number; method?: string };
        if (m.method === 'journal' && m.id !== undefined) journalIds.add(m.id);
      });
      ws.on('framereceived', ({ payload }) => {
        const text = payload.toString();
        received += text.length;
        const { id } = JSON.parse(text) as { id?: number };
        if (id === undefined || !journalIds.has(id)) return;
        journalBytes += text.length;
        listBytes = Math.max(listBytes, text.length); // the call list: the biggest journal reply
      });
    });
    await page.reload();
    const id = (testid: string) => page.getByTestId(testid);
    await id('session-item').filter({ hasText: 'long' }).click();
    await id('contract-item').first().waitFor();
    await id('view-tab-steps').click();
    const opened = Date.now();
    await id('steps-tab-journal').click();
    const last = `[data-testid="step-row"][data-call="${listed.length - 1}"][aria-selected="true"]`;
    await page
      .locator(last)
      .waitFor()
      .catch(async (e: unknown) => {
        await e2e.screenshot('scale-session-open');
        throw e;
      });
    await page.getByText('exit', { exact: true }).first().waitFor();
    await page.locator('[aria-label="Loading step"]').waitFor({ state: 'detached' });
    const openMs = Date.now() - opened;

    const next = random(14);
    const times: number[] = [];
    const bytes: number[] = [];
    const journalPerJump: number[] = [];
    const seenPieces = new Set<number>([Math.floor((listed.length - 1) / 32)]);
    let previous = listed.length - 1;
    while (times.length < JUMPS) {
      const call = 1 + Math.floor(next() * (listed.length - 2));
      const piece = Math.floor(call / 32);
      if (Math.abs(call - previous) < FAR || seenPieces.has(piece)) continue;
      seenPieces.add(piece);
      previous = call;
      const step = listed[call].stepCount! - 1;
      received = 0;
      journalBytes = 0;
      times.push(await jumpInPage(page, { top: (firstRow[call] - 3) * ROW, call, step }));
      bytes.push(received);
      journalPerJump.push(journalBytes);
    }
    report('step_jump_ms', median(times));
    report('step_jump_journal_bytes', median(journalPerJump), 0);
    report('step_jump_bytes', median(bytes), 0);
    report('step_list_10k_bytes', listBytes, 0);
    report('step_list_10k_ms', openMs, 0);
    console.log(`  (jumps: ${times.map((t) => t.toFixed(1)).join(' ')})`);
  } finally {
    await e2e.close();
  }
}

/**
 * The workbench end to end, as a user drives it in browser mode, through the UI only: deploy the
 * counter sample, call it, decode a result, commit, open a session on the commit, step back
 * through the recorded calls, read memory with the argument buffer marked, commit again twice on
 * the first commit, see the two branches in the graph and diff them down to the changed bytes,
 * and run the example script step by step. (The service is only read, to name commits by root.)
 * Screenshots of every view (light and dark) go to test-artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';
import { shownByte } from './memory-bytes';

const missing = e2eMissing();

const EXAMPLE = fileURLToPath(new URL('../../examples/sessions.json', import.meta.url));
/** How many steps the example has: every one of them must run and pass. */
const EXAMPLE_STEPS = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: unknown[] }).steps
  .length;

/** How long the whole-script test may take on a loaded machine. */
const SCRIPT_TEST_MS = 180_000;

describe.skipIf(missing !== undefined)('workbench (browser mode)', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();

  beforeAll(async () => {
    e2e = await startE2E();
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('a new user is told what to do first', async () => {
    await id('calls-empty').waitFor();
    expect(await text('calls-empty')).toContain('Open a session, then deploy the counter sample');
    expect(await text('workspace-path')).toContain('state.pis');
    await e2e.screenshot('empty');
  });

  test('deploy counter, increment three times, read_value decodes as i64 = 255', async () => {
    const page = e2e.page;
    await id('calls-empty-new-session').click();
    await id('session-tab').waitFor();
    await id('deploy-sample').selectOption('counter');
    await id('deploy-submit').click();
    await id('contract-item').waitFor();
    expect(await text('contract-exports')).toContain('increment');
    expect(await text('contract-memory')).toContain('128 KiB');

    await id('call-fn').selectOption('increment');
    for (let i = 1; i <= 3; i++) {
      await id('call-submit').click();
      // The deploy is counted apart from the calls (History lists calls only).
      await expect
        .poll(() => text('session-item'))
        .toContain(`1 deploy · ${i} call${i === 1 ? '' : 's'}`);
    }
    await id('call-fn').selectOption('read_value');
    await page.keyboard.press('Control+Enter'); // the call shortcut, from anywhere in the form
    await expect.poll(() => text('result-panel')).toContain('counter.read_value');
    // read_value takes no argument; the preview says so at once, not after a debounce.
    expect(await text('call-arg-preview')).toContain('(no bytes)');
    expect(await id('result-hex').getAttribute('data-hex')).toBe('0xff00000000000000');
    await id('result-decode-type').fill('i64');
    await id('result-decode-type').press('Enter');
    await expect.poll(() => text('result-decoded')).toBe('255');
    expect(await text('status-gas')).toMatch(/read_value · [\d,]+ gas/);
    await id('call-tree-frame').first().waitFor();
    await e2e.screenshot('calls');
  });

  test('a failed call explains itself and keeps the form filled', async () => {
    await id('call-fn').selectOption('increment');
    await id('call-gas').fill('10');
    await id('call-submit').click();
    await id('result-error').waitFor();
    expect(await text('result-error')).toContain('Out of gas');
    expect(await text('result-error-code')).toBe('OutOfGas');
    expect(await id('call-gas').inputValue()).toBe('10');
    await e2e.screenshot('calls-error');
    await id('call-gas').fill('1000000000');
  });

  test('commit with a label, then open a session on that commit', async () => {
    await id('commit-open').click();
    await id('commit-label').fill('three increments');
    await id('commit-continue').uncheck();
    await id('commit-submit').click();
    await expect.poll(() => id('session-tab').count()).toBe(0);
    const [commit] = await e2e.service.commitGraph();
    expect(commit.label).toBe('three increments');

    await id('session-new').click();
    await id('session-base').selectOption(commit.root);
    await id('session-name').fill('after-commit');
    await id('session-open').click();
    await expect.poll(() => text('session-tab')).toContain('after-commit');
    expect(await text('session-tab')).toContain('three increments');
  });

  test('step back through the committed calls and see the bytes they changed', async () => {
    const page = e2e.page;
    await id('view-tab-steps').click();
    // The new session has no calls yet, so the view follows its base commit's journal: deploy
    // (2 points), three increments, read_value and the failed increment (3 points each).
    await expect.poll(() => text('step-position')).toBe('17 / 17');
    const exitOf = (call: number) =>
      page.locator(`[data-testid="step-row"][data-call="${call}"][data-step="1"]`);
    await exitOf(3).click(); // the third increment returns
    await expect.poll(() => text('step-position')).toBe('11 / 17');
    const hit = (which: 'before' | 'after') =>
      page.locator(`[data-testid="step-change-${which}"] .hit`).first().innerText();
    await expect.poll(() => hit('after')).toBe('ff');
    expect(await hit('before')).toBe('fe');

    await id('step-back').click(); // enter increment #3
    await id('step-back').click(); // before call #3
    expect(await text('step-kind')).toBe('before call #3');
    await id('step-back').click(); // exit of increment #2
    await expect.poll(() => text('step-position')).toBe('8 / 17');
    await expect.poll(() => hit('after')).toBe('fe');
    expect(await hit('before')).toBe('fd');

    await id('step-timeline').focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => text('step-kind')).toBe('enter');
    await id('step-slider').fill('1');
    await expect.poll(() => text('step-position')).toBe('2 / 17');
    await id('step-last').click();
    await expect.poll(() => text('step-position')).toBe('17 / 17');
    expect(await text('step-error')).toContain('Out of gas');
    await exitOf(3).click();
    await expect.poll(() => id('step-change-after').count()).toBeGreaterThan(0);
    await e2e.screenshot('steps');
  });

  test('memory: the argument buffer A is marked and the counter reads 255', async () => {
    const page = e2e.page;
    await id('view-tab-memory').click();
    await id('memory-grid').waitFor();
    await id('memory-goto-argbuf').click();
    await expect.poll(() => text('memory-cursor')).toContain('0x00000440');
    const a = async () => (await shownByte(page, 1088))?.marks ?? [];
    await expect.poll(a).toContain('argbuf');
    expect(await a()).toContain('cursor');

    await id('memory-goto').fill('0x10868');
    await id('memory-goto-submit').click();
    await expect.poll(() => text('inspector-i64')).toContain('255');
    await id('memory-search').fill('ff 00 00 00 00 00 00 00');
    await id('memory-search-go').click();
    await expect.poll(() => text('memory-search-result')).toMatch(/of \d+/);
    await id('memory-goto-argbuf').click();
    await e2e.screenshot('memory');
  });

  test(
    'run examples/sessions.json one step at a time, then to the end',
    async () => {
      await id('view-tab-steps').click();
      await id('steps-tab-script').click();
      await id('script-path').fill(EXAMPLE);
      await id('script-load').click();
      await expect.poll(() => text('script-position')).toBe(`0 / ${EXAMPLE_STEPS}`);
      for (let i = 1; i <= 4; i++) {
        await id('script-step').click();
        await expect.poll(() => text('script-position')).toBe(`${i} / ${EXAMPLE_STEPS}`);
      }
      expect(await id('script-result').count()).toBe(4);
      expect(
        await e2e.page.locator('[data-testid="script-result"][data-passed="false"]').count(),
      ).toBe(0);
      await e2e.screenshot('script-stepping');
      // Step 3 (the increment) is call #2 of the session "scratch": step through it from there.
      await id('script-result-step-through').nth(2).click();
      await expect.poll(() => text('step-kind')).toBe('before call #2');
      expect(await text('step-position')).toBe('6 / 8'); // 2 points for the deploy, 3 per call
      await id('step-forward').click();
      await expect.poll(() => text('step-detail')).toContain('increment');
      await id('steps-tab-script').click();
      expect(await text('script-position')).toBe(`4 / ${EXAMPLE_STEPS}`);
      await id('script-run').click();
      // The rest of the script (132 steps, 29 sessions) takes seconds on a quiet machine and far
      // longer on a busy one: wait as long as the test may run, as a user watching it would.
      await id('script-done').waitFor({ timeout: SCRIPT_TEST_MS });
      expect(await text('script-passed')).toBe(`${EXAMPLE_STEPS} passed`);
      expect(await text('script-failed')).toBe('0 failed');
      await e2e.screenshot('script');
    },
    SCRIPT_TEST_MS,
  );

  test('commit again twice on the first commit: two branches in the graph, diffed down to the byte', async () => {
    const page = e2e.page;
    const [first] = await e2e.service.commitGraph();
    const short = (root: string) => root.replace(/^0x/, '').slice(0, 8);
    const node = (root: string) => id(`graph-node-${short(root)}`);
    /** Increment `times` in the active session, then commit it under `label` and close it. */
    const incrementAndCommit = async (times: number, label: string) => {
      await id('view-tab-calls').click();
      await id('contract-item').first().click();
      await id('call-fn').selectOption('increment');
      for (let i = 1; i <= times; i++) {
        await id('call-submit').click();
        await expect.poll(() => text('session-item')).toContain(`${i} call`);
      }
      await id('commit-open').click();
      await id('commit-label').fill(label);
      await id('commit-continue').uncheck();
      await id('commit-submit').click();
      await expect.poll(() => id('session-tab').count()).toBe(0);
      const made = (await e2e.service.commitGraph()).find((c) => c.label === label);
      expect(made?.parent).toBe(first.root);
      return made!.root;
    };

    // The session opened on the first commit: one more increment (256 = 00 01 …).
    const left = await incrementAndCommit(1, 'left');
    // The first commit again, from its node in the graph: two increments (257 = 01 01 …).
    await id('view-tab-graph').click();
    await node(first.root).click();
    await id('commit-open-session').click();
    await id('session-tab').waitFor();
    const right = await incrementAndCommit(2, 'right');

    await id('view-tab-graph').click();
    await node(right).waitFor();
    const lane = async (root: string) => Number(await node(root).getAttribute('data-lane'));
    expect(await lane(left)).not.toBe(await lane(right));
    await node(left).click();
    await node(right).click({ modifiers: ['Shift'] });
    await e2e.screenshot('branches-graph');

    await id('graph-diff-selected').click();
    await id('diff-view').waitFor();
    expect(await text('diff-from-label')).toContain(short(left));
    expect(await text('diff-to-label')).toContain(short(right));
    // The counter's first byte is the only one that differs: 00 on the left, 01 on the right.
    const marked = (side: 'before' | 'after') =>
      page.locator(`[data-testid="hexdiff"] .${side} mark`).allTextContents();
    await expect.poll(() => marked('before')).toEqual(['00']);
    expect(await marked('after')).toEqual(['01']);
    expect(await text('diff-range-0')).toContain('00010868');
    await e2e.screenshot('branches-diff');
  });

  test('a store that cannot be opened is explained, and the typed path stays', async () => {
    await id('workspace-toggle').click();
    await id('workspace-path-input').fill('/nonexistent/dir/state.pis');
    await id('workspace-open').click();
    await id('workspace-error').waitFor();
    expect(await text('workspace-error-raw')).toContain(
      'no store file at /nonexistent/dir/state.pis',
    );
    expect(await id('workspace-path-input').inputValue()).toBe('/nonexistent/dir/state.pis');
    expect(await text('workspace-path')).toContain('state.pis');
    await id('workspace-toggle').click();
  });

  test('help overlay, command palette and the dark theme', async () => {
    const page = e2e.page;
    await id('view-tab-calls').click();
    await page.keyboard.press('Shift+?');
    await id('help-overlay').waitFor();
    expect(await text('help-overlay')).toContain('Step back');
    await e2e.screenshot('help');
    // Modal: the page behind is inert, so Tab never reaches it. Focus cycles through the
    // overlay, passing by the browser's own UI (the body, headless) between rounds.
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        if (active === null || active === document.body) return 'browser';
        const overlay = document.querySelector('[data-testid="help-overlay"]');
        return overlay?.contains(active) === true ? 'overlay' : active.outerHTML.slice(0, 80);
      });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(seen.filter((f) => f !== 'overlay' && f !== 'browser')).toEqual([]);
    expect(seen.filter((f) => f === 'overlay').length).toBeGreaterThanOrEqual(2);
    // A click beside the panel closes it, as Escape does.
    await page.mouse.click(5, 5);
    await expect.poll(() => id('help-overlay').count()).toBe(0);
    await page.keyboard.press('Shift+?');
    await id('help-overlay').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => id('help-overlay').count()).toBe(0);

    await page.keyboard.press('Control+k');
    await id('palette-input').fill('theme dark');
    await e2e.screenshot('palette');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe('dark');
    // Named apart from graph.test's graph-dark (the OS theme there; the toggle here).
    for (const view of ['calls', 'steps', 'memory', 'graph'] as const) {
      await id(`view-tab-${view}`).click();
      if (view === 'steps') await id('steps-tab-journal').click();
      await page.waitForTimeout(300);
      await e2e.screenshot(view === 'graph' ? 'branches-graph-dark' : `${view}-dark`);
    }
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

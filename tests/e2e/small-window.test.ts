/**
 * The app in the smallest window it supports, 1024×640: every view's panels side by side without
 * overlapping, nothing pushed past the window's right edge, and in the Diff the "after" column of
 * the page in view. Boxes are measured in the browser (getBoundingClientRect), so the checks hold
 * whatever fonts the machine has.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { e2eMissing, startE2E, type E2E } from './harness';
import { makeHistory, showView, type History } from './history';

const missing = e2eMissing();
const WIDTH = 1024;
const HEIGHT = 640;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x + 0.5 < b.x + b.width &&
  b.x + 0.5 < a.x + a.width &&
  a.y + 0.5 < b.y + b.height &&
  b.y + 0.5 < a.y + a.height;

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

const WINDOW: Box = { x: 0, y: 0, width: WIDTH, height: HEIGHT };

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (b === null) throw new Error(`${locator.toString()} is not visible`);
  return b;
}

describe.skipIf(missing !== undefined)('the app at 1024×640', () => {
  let e2e: E2E;
  let h: History;
  const id = (testid: string) => e2e.page.getByTestId(testid);

  beforeAll(async () => {
    e2e = await startE2E({ viewport: { width: WIDTH, height: HEIGHT } });
    h = await makeHistory(e2e.service);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** The shell: sidebar, the view, the status bar — side by side, inside the window. */
  async function shellFits(view: string): Promise<void> {
    const sidebar = await box(e2e.page.locator('aside.sidebar'));
    const main = await box(id(`${view}-view`));
    const status = await box(id('status-bar'));
    for (const b of [sidebar, main, status]) expect(inside(b, WINDOW)).toBe(true);
    expect(overlap(sidebar, main)).toBe(false);
    expect(overlap(main, status)).toBe(false);
  }

  /** The direct children of `parent` that are shown do not overlap one another. */
  async function childrenApart(parent: Locator): Promise<void> {
    const boxes = await parent.evaluate((el) =>
      [...el.children]
        .map((c) => c.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
    );
    expect(boxes.length).toBeGreaterThan(1);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
  }

  test('Diff: both panes side by side, the "after" column in view, nothing overlapping', async () => {
    await showView(e2e.page, 'diff');
    await id('diff-from').selectOption(`c:${h.left.root}`);
    await id('diff-to').selectOption(`c:${h.right.root}`);
    await id('diff-compare').click();
    const hex = id('hexdiff');
    await hex.locator('mark').first().waitFor();
    await shellFits('diff');

    const bar = await box(e2e.page.locator('.diff-view > .bar'));
    const contracts = await box(e2e.page.getByRole('complementary', { name: 'Changed contracts' }));
    const pagePanel = await box(id('diff-page-panel'));
    for (const b of [bar, contracts, pagePanel]) expect(inside(b, WINDOW)).toBe(true);
    expect(overlap(bar, contracts)).toBe(false);
    expect(overlap(bar, pagePanel)).toBe(false);
    expect(overlap(contracts, pagePanel)).toBe(false);
    await childrenApart(e2e.page.locator('.page-panel header'));

    // The changed row's "after" bytes: inside the hex view's visible box and the window.
    const hexBox = await box(hex);
    const after = await box(hex.locator('.row.changed .after').first());
    const before = await box(hex.locator('.row.changed .before').first());
    expect(inside(after, hexBox)).toBe(true);
    expect(inside(after, WINDOW)).toBe(true);
    expect(overlap(before, after)).toBe(false);
    expect(await hex.locator('.row.changed .after mark').first().isVisible()).toBe(true);
    await e2e.screenshot('diff-1024x640');
  });

  test('Calls, Steps and Memory of a session: panels apart, nothing past the right edge', async () => {
    const session = await e2e.service.openSession({ base: h.right.root, name: 'small' });
    await e2e.service.call({ session: session.id, contract: h.counter, fn: 'increment' });
    await id('session-item').filter({ hasText: 'small' }).click();

    await e2e.page.locator('[data-testid="view-tab-calls"]').click();
    await id('contract-item').first().waitFor();
    await shellFits('calls');
    await childrenApart(e2e.page.locator('.calls-view > .columns'));

    await e2e.page.locator('[data-testid="view-tab-steps"]').click();
    await id('step-detail').waitFor();
    await shellFits('steps');
    await childrenApart(e2e.page.locator('.steps-view .split'));

    await e2e.page.locator('[data-testid="view-tab-memory"]').click();
    const row = id('memory-row').first();
    await row.waitFor();
    await shellFits('memory');
    await childrenApart(e2e.page.locator('.memory-view .split'));
    // A row's last column (its ASCII) is in the hex view, not cut off by the inspector beside it.
    const grid = await box(id('memory-grid'));
    const ascii = await box(row.locator('.ascii'));
    expect(inside(ascii, grid)).toBe(true);
    await e2e.screenshot('memory-1024x640');
  });

  test('Graph: its toolbar and commit list inside the window', async () => {
    await showView(e2e.page, 'graph');
    await shellFits('graph');
    await childrenApart(id('graph-view'));
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

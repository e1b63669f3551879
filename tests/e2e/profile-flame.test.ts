/**
 * The Profile view's flame graph, as a user sees it (issue 13, item 5): fibonacci's `nth`
 * profiled from the Calls view (a recursion: many frames), opened in the Profile view. Frames
 * are as wide as their gas, a click zooms (breadcrumb, full width), Reset and Escape zoom out,
 * the search highlights and sums the matched gas once (the figure the table of functions gives
 * for that function), and the diff of a smaller and a bigger `nth` colours the frames that
 * spent more red.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploySample } from './deploy-sample';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();

/** fibonacci's recursive helper: the AssemblyScript samples have no name section. */
const RECURSIVE = 'func[9]';

describe.skipIf(missing !== undefined)('the flame graph of a profiled call', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const frames = (name: string) =>
    e2e.page.locator(`[data-testid="flame-frame"][data-name="${name}"]`);
  const rectWidth = async (frame: Locator) =>
    (await frame.locator('rect').evaluate((r) => r.getBoundingClientRect().width)) + 1;
  const gasOf = (text: string) => BigInt(text.replace(/,/g, ''));

  async function profileNth(n: number): Promise<void> {
    await id('view-tab-calls').click();
    await id('call-arg-mode-value').check({ force: true }); // a visually hidden radio
    await id('call-arg').fill(`u32 ${n}`);
    await id('call-profile').click();
    await expect.poll(() => id('result-open-profile').count()).toBe(1);
  }

  beforeAll(async () => {
    e2e = await startE2E();
    await id('calls-empty-new-session').click();
    await id('session-tab').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('frames are as wide as their gas: the entry frame spans the graph, callees narrower', async () => {
    await deploySample(e2e.page, 'fibonacci');
    await id('call-fn').selectOption('nth');
    await profileNth(12);
    await id('result-open-profile').click();
    await id('profile-view').waitFor();
    const root = frames('fibonacci.nth');
    await expect.poll(() => root.count()).toBe(1);
    const svgWidth = await e2e.page
      .locator('[data-testid="flame-graph"] svg')
      .evaluate((s) => s.getBoundingClientRect().width);
    const rootWidth = await rectWidth(root);
    expect(rootWidth).toBeCloseTo(svgWidth, 0);
    const rootGas = Number(await root.getAttribute('data-total'));
    expect(String(rootGas)).toBe((await id('profile-gas').innerText()).replace(/,/g, ''));
    // Every callee of nth: width ∝ its total gas, and narrower than the whole.
    const outer = frames(RECURSIVE).first();
    for (const frame of [outer, frames('func[8]').first()]) {
      const gas = Number(await frame.getAttribute('data-total'));
      const width = await rectWidth(frame);
      expect(width).toBeLessThan(rootWidth);
      expect(width).toBeCloseTo((gas / rootGas) * rootWidth, 0);
    }
    await e2e.screenshot('profile-flame');
  });

  test('a click zooms into a frame (breadcrumb, full width); Reset and Escape zoom out', async () => {
    const root = frames('fibonacci.nth');
    const fullWidth = await rectWidth(root);
    // The third level of the recursion.
    const inner = frames(RECURSIVE).nth(2);
    const before = await rectWidth(inner);
    expect(before).toBeLessThan(fullWidth - 2);
    await inner.click();
    await expect
      .poll(() => id('flame-breadcrumb').innerText())
      .toMatch(/func\[9\][^]*func\[9\][^]*func\[9\]/);
    await expect.poll(() => rectWidth(frames(RECURSIVE).nth(2))).toBeCloseTo(fullWidth, 0);
    // Its ancestors stay above it, full width and dimmed; frames beside it are gone.
    await expect.poll(() => frames('nth').getAttribute('class')).toContain('dim');
    expect(await frames('func[8]').count()).toBe(0);
    await e2e.screenshot('profile-flame-zoomed');

    await id('flame-reset').click();
    await expect.poll(() => id('flame-breadcrumb').innerText()).toBe('fibonacci.nth');
    await expect.poll(() => rectWidth(frames(RECURSIVE).nth(2))).toBeCloseTo(before, 0);

    // The keyboard: arrows move between frames (↓ to the first callee, ↑ back), Enter on a
    // focused frame zooms, Escape zooms out.
    const focused = () =>
      e2e.page.evaluate(() => document.activeElement?.getAttribute('data-key') ?? null);
    const first = frames(RECURSIVE).first();
    await first.focus();
    const firstKey = await first.getAttribute('data-key');
    await e2e.page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(await frames(RECURSIVE).nth(1).getAttribute('data-key'));
    await e2e.page.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe(firstKey);
    await e2e.page.keyboard.press('Enter');
    await expect.poll(() => id('flame-breadcrumb').innerText()).toContain(RECURSIVE);
    await e2e.page.keyboard.press('Escape');
    await expect.poll(() => id('flame-breadcrumb').innerText()).toBe('fibonacci.nth');
  });

  test("the search highlights the function's frames and sums its gas once, as the table does", async () => {
    await id('profile-search').fill(RECURSIVE);
    const status = id('flame-search-status');
    await expect.poll(() => status.count()).toBe(1);
    const [, count, gas, percent] =
      /^(\d+) frames? match(?:es)? · ([\d,]+) gas \(([\d.]+)% of the call\)$/.exec(
        await status.innerText(),
      ) ?? [];
    // Every recursion level is a frame of its own; the table merges them into one row.
    expect(Number(count)).toBeGreaterThan(5);
    expect(Number(count)).toBeGreaterThanOrEqual(await frames(RECURSIVE).count());
    const row = id('function-row').filter({
      has: e2e.page.getByTestId('function-name').getByText(RECURSIVE, { exact: true }),
    });
    await expect.poll(() => row.count()).toBe(1);
    expect(gasOf(gas)).toBe(gasOf(await row.getByTestId('function-total').innerText()));
    const spent = gasOf(await id('profile-gas').innerText());
    expect(Number(percent)).toBeCloseTo((Number(gasOf(gas)) / Number(spent)) * 100, 1);
    // Matches outlined, the rest dimmed.
    expect(await frames(RECURSIVE).first().getAttribute('class')).toContain('match');
    expect(await frames('nth').getAttribute('class')).toContain('unmatched');
    await e2e.screenshot('profile-flame-search');
    await id('profile-search').fill('');
    await expect.poll(() => status.count()).toBe(0);
  });

  test('the diff of nth(12) and nth(15) colours the frames that spent more red', async () => {
    await profileNth(15);
    await id('view-tab-profile').click();
    await id('profile-mode-diff').check({ force: true });
    await expect.poll(() => id('flame-legend').count()).toBe(1);
    // Each frame's change of its own gas is in its label; its fill follows it.
    const tones = await e2e.page.locator('[data-testid="flame-frame"]').evaluateAll((els) =>
      els.map((el) => {
        const fill = getComputedStyle(el.querySelector('rect') as Element).fill;
        const [r, g, b] = (fill.match(/[\d.]+/g) ?? []).slice(-4).map(Number);
        const delta = /Δ self ([+−±])/.exec(el.getAttribute('aria-label') ?? '')?.[1];
        return {
          name: el.getAttribute('data-name'),
          side: el.getAttribute('data-side'),
          r,
          g,
          b,
          delta,
        };
      }),
    );
    const more = tones.filter((t) => t.delta === '+');
    const same = tones.filter((t) => t.delta === '±');
    expect(more.length).toBeGreaterThan(0);
    expect(same.length).toBeGreaterThan(0);
    for (const t of more) expect(t.r, `${t.name}: ${t.r},${t.g},${t.b}`).toBeGreaterThan(t.b);
    for (const t of same)
      expect(Math.abs(t.r - t.b), `${t.name} is grey`).toBeLessThan(0.1 * Math.max(t.r, t.b, 1));
    // The deeper recursion of nth(15): frames only in B, marked new.
    expect(tones.some((t) => t.side === 'b')).toBe(true);
    await e2e.screenshot('profile-flame-diff');

    // Hovering a frame details it: A, B and the differences.
    const grown = frames(RECURSIVE).nth(10);
    await grown.hover();
    const detail = id('flame-detail');
    await expect.poll(() => detail.innerText()).toContain(RECURSIVE);
    const total = BigInt((await grown.getAttribute('data-total')) ?? '');
    expect(gasOf(/· B ([\d,]+)/.exec(await detail.innerText())?.[1] ?? '')).toBe(total);
    expect(await detail.innerText()).toMatch(/Δ self \+[\d,]+/);

    // Zoomed, then drawn with A's widths: the same diff, so the zoom stays.
    await frames(RECURSIVE).nth(3).click();
    const crumbs = await id('flame-breadcrumb').innerText();
    expect(crumbs).toContain(RECURSIVE);
    const drawnB = await frames(RECURSIVE).first().getAttribute('data-total');
    await id('diff-side-a').check({ force: true });
    await expect.poll(() => frames(RECURSIVE).first().getAttribute('data-total')).not.toBe(drawnB);
    await expect.poll(() => id('flame-breadcrumb').innerText()).toBe(crumbs);
    expect(await frames(RECURSIVE).nth(3).getAttribute('class')).toContain('zoomed');
  });
});

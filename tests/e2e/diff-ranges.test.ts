/**
 * The changed-ranges list of a page with a thousand changes: only the entries in view are in the
 * DOM (renderer/src/diff/ChangeRanges.vue), yet every range is reachable: scrolled to, followed by
 * next/previous change, and walked with the keyboard, each entry reading the range the engine
 * reports.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StateRef } from '../../engine/api/types';
import { contractWat, wat } from '../../engine/testing/wat';
import { e2eMissing, startE2E, type E2E } from './harness';
import { showView } from './history';

const missing = e2eMissing();

const CHANGES = 1000;
/** `scatter()` sets one byte every 64 from offset 1024 of page 0: 1,000 ranges (never merged). */
const SCATTER = `(func (export "scatter") (param i32) (result i32) (local $i i32)
  (block $done (loop $l
    (br_if $done (i32.ge_u (local.get $i) (i32.const ${CHANGES})))
    (i32.store8
      (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 6)))
      (i32.or (local.get $i) (i32.const 1)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l)))
  (i32.const 0))`;

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

describe.skipIf(missing !== undefined)('changed ranges of a page with many changes', () => {
  let e2e: E2E;
  let ranges: Array<{ start: number; end: number }>;
  const page = () => e2e.page;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const entryText = (i: number) =>
    id(`diff-range-${i}`)
      .textContent()
      .then((t) => t?.replace(/\s+/g, ' ').trim());
  const expectedText = (i: number) =>
    `${hex8(ranges[i].start)}–${hex8(ranges[i].end - 1)} ${ranges[i].end - ranges[i].start} B`;
  /** Whether entry `i` is rendered and lies whole inside the list's visible box. */
  const inView = (i: number) =>
    id('diff-ranges').evaluate((list, index) => {
      const entry = list.querySelector(`[data-index="${index}"]`);
      if (entry === null) return false;
      const box = list.getBoundingClientRect();
      const at = entry.getBoundingClientRect();
      return at.top >= box.top - 0.5 && at.bottom <= box.bottom + 0.5;
    }, i);

  beforeAll(async () => {
    e2e = await startE2E();
    const setup = await e2e.service.openSession({ name: 'setup' });
    const module = await wat(contractWat(SCATTER));
    const deployed = await e2e.service.deploy({
      session: setup.id,
      source: { kind: 'bytes', hex: '0x' + Buffer.from(module).toString('hex'), name: 'scatter' },
    });
    if (!deployed.ok || deployed.contractId === undefined)
      throw new Error(`deploy failed: ${deployed.error?.message}`);
    const contract = deployed.contractId;
    const base = await e2e.service.commit({ session: setup.id, label: 'deployed' });
    const session = await e2e.service.openSession({ base: base.root, name: 'scatter' });
    const called = await e2e.service.call({ session: session.id, contract, fn: 'scatter' });
    if (!called.ok) throw new Error(`scatter failed: ${called.error?.message}`);
    const scattered = await e2e.service.commit({ session: session.id, label: 'scattered' });
    const from: StateRef = { commit: base.root };
    const to: StateRef = { commit: scattered.root };
    ranges = (await e2e.service.pageDiff({ from, to, contract, page: 0 })).ranges;

    await showView(e2e.page, 'diff');
    await id('diff-from').selectOption(`c:${base.root}`);
    await id('diff-to').selectOption(`c:${scattered.root}`);
    await id('diff-compare').click();
    await id('diff-range-0').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('only the entries in view are rendered; the last one, scrolled to, reads its range and opens it', async () => {
    expect(ranges.length).toBeGreaterThanOrEqual(CHANGES);
    const last = ranges.length - 1;
    expect(await page().locator('.ranges h3').textContent()).toContain(
      `(${ranges.length.toLocaleString('en-US')})`,
    );
    const rendered = await page().locator('[data-testid^="diff-range-"]').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
    expect(await entryText(0)).toBe(expectedText(0));

    await id('diff-ranges').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => inView(last)).toBe(true);
    expect(await entryText(last)).toBe(expectedText(last));
    await id(`diff-range-${last}`).click();
    await expect
      .poll(() => id('diff-change-position').textContent())
      .toContain(`change ${last + 1} of ${ranges.length.toLocaleString('en-US')}`);
    // The hex view went there: the row of the range's first byte is shown, its byte marked.
    const row = hex8(ranges[last].start - (ranges[last].start % 16));
    await expect
      .poll(() =>
        page()
          .locator('[data-testid="hexdiff"] .row')
          .filter({ hasText: row })
          .locator('.after mark')
          .count(),
      )
      .toBeGreaterThan(0);
  });

  test('next and previous change keep the current entry in the list’s view', async () => {
    await id('diff-ranges').evaluate((el) => (el.scrollTop = 0));
    await id('diff-range-0').click();
    for (let i = 0; i < 40; i++) await id('diff-next-change').click();
    await expect.poll(() => id('diff-change-position').textContent()).toContain('change 41 of');
    await expect.poll(() => inView(40)).toBe(true);
    expect(await id('diff-range-40').getAttribute('aria-current')).toBe('true');
    for (let i = 0; i < 3; i++) await id('diff-prev-change').click();
    await expect.poll(() => inView(37)).toBe(true);
  });

  test('the arrow keys, Page Down, Home and End walk the entries, focus following the current one', async () => {
    await id('diff-ranges').evaluate((el) => (el.scrollTop = 0));
    await id('diff-range-0').click();
    for (let i = 0; i < 30; i++) await page().keyboard.press('ArrowDown');
    await expect.poll(() => id('diff-change-position').textContent()).toContain('change 31 of');
    const focused = () =>
      page().evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    await expect.poll(focused).toBe('diff-range-30');
    expect(await inView(30)).toBe(true);
    expect(await entryText(30)).toBe(expectedText(30));

    await page().keyboard.press('End');
    const last = ranges.length - 1;
    await expect.poll(focused).toBe(`diff-range-${last}`);
    expect(await inView(last)).toBe(true);

    await page().keyboard.press('ArrowUp');
    await expect.poll(focused).toBe(`diff-range-${last - 1}`);
    await page().keyboard.press('Home');
    await expect.poll(focused).toBe('diff-range-0');
    await expect.poll(() => id('diff-change-position').textContent()).toMatch(/^\s*change 1 of/);
    await page().keyboard.press('PageDown');
    await expect.poll(focused).not.toBe('diff-range-0');
    const after = Number((await focused()).replace('diff-range-', ''));
    expect(after).toBeGreaterThan(1);
    expect(await inView(after)).toBe(true);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

/**
 * Toolbars stay one line at 1024×640 (issue 10, item 13): a highlight or two picked commits in
 * the Graph's toolbar, a bad address in the Memory toolbar, a bad query in its search or a page
 * that is not one: the bar keeps its height, nothing spills past its edge, and an error is shown
 * over the layout, moving nothing. A text that does not fit is cut and keeps its full text in its
 * title.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';
import { makeHistory, short, showView, type History } from './history';

const missing = e2eMissing();

/** The box's height, and whether its content spills past its right edge. */
const shape = (box: Locator) =>
  box.evaluate((el) => ({
    height: Math.round(el.getBoundingClientRect().height),
    spills: el.scrollWidth > el.clientWidth,
  }));

/** How many distinct rows the bar's visible items sit on (by their vertical centre). */
const rows = (bar: Locator) =>
  bar.evaluate((el) => {
    const centres = new Set<number>();
    for (const item of el.querySelectorAll<HTMLElement>('button, select, input, span, strong')) {
      const r = item.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || item.closest('.sr-only, .bubble') !== null) continue;
      centres.add(Math.round((r.top + r.bottom) / 2 / 8));
    }
    return centres.size;
  });

describe.skipIf(missing !== undefined)('toolbars stay one line at 1024×640', () => {
  let e2e: E2E;
  let h: History;
  const id = (testid: string) => e2e.page.getByTestId(testid);

  beforeAll(async () => {
    e2e = await startE2E({ viewport: { width: 1024, height: 640 } });
    h = await makeHistory(e2e.service);
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('the Graph toolbar: a contract highlight and two picked commits change neither its height nor its line', async () => {
    await showView(e2e.page, 'graph');
    const bar = e2e.page.getByRole('toolbar', { name: 'Commit graph tools' });
    await id(`graph-node-${short(h.right.root)}`).waitFor();
    const before = await shape(bar);
    expect(before.spills).toBe(false);
    expect(await rows(bar)).toBe(1);

    await id('graph-contract-filter').selectOption(h.counter);
    await expect.poll(() => id('graph-match-count').textContent()).toContain('3 commits');
    expect(await shape(bar)).toEqual(before);
    expect(await rows(bar)).toBe(1);

    await id(`graph-node-${short(h.left.root)}`).click();
    await id(`graph-node-${short(h.right.root)}`).click({ modifiers: ['Shift'] });
    await expect.poll(() => id('graph-diff-selected').isEnabled()).toBe(true);
    expect(await shape(bar)).toEqual(before);
    expect(await rows(bar)).toBe(1);
    // Every button is reachable, inside the bar; a cut text keeps its full text in its title.
    const edge = (await bar.boundingBox())!;
    for (const testid of ['graph-diff-selected', 'graph-clear-selection', 'graph-zoom-reset']) {
      const b = (await id(testid).boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(edge.x + edge.width);
    }
    expect(await id('graph-selection').getAttribute('title')).toBe(
      `${short(h.left.root)} ↔ ${short(h.right.root)}`,
    );
    for (const testid of ['graph-count', 'graph-match-count'])
      expect(await id(testid).getAttribute('title')).toBe(await id(testid).textContent());
    await e2e.screenshot('graph-toolbar-1024');
    await id('graph-clear-selection').click();
    await id('graph-contract-filter').selectOption('');
  });

  test('the Memory toolbar and its side panels: an error is a bubble that moves nothing', async () => {
    await id(`graph-node-${short(h.right.root)}`).click();
    await id('commit-memory').click();
    await id('memory-grid').waitFor();
    const bar = e2e.page.locator('[data-testid="memory-view"] > .toolbar');
    const search = e2e.page.locator('section[aria-labelledby="search-title"]');
    const pages = id('memory-pages');
    const grid = id('memory-grid');
    const before = {
      bar: await shape(bar),
      search: await shape(search),
      pages: await shape(pages),
      grid: await grid.boundingBox(),
    };
    expect(before.bar.spills).toBe(false);
    expect(await rows(bar)).toBe(1);

    await id('memory-goto').fill('zzz');
    await id('memory-goto-submit').click();
    await id('memory-goto-error').waitFor();
    expect(await shape(bar)).toEqual(before.bar);
    expect(await rows(bar)).toBe(1);
    expect(await grid.boundingBox()).toEqual(before.grid);

    await id('memory-search-mode').selectOption('hex');
    await id('memory-search').fill('zz');
    await id('memory-search-go').click();
    await search.locator('.bad').waitFor();
    expect(await shape(search)).toEqual(before.search);
    expect(await id('memory-search').getAttribute('aria-invalid')).toBe('true');
    // Typing again takes the complaint back.
    await id('memory-search').fill('fc');
    expect(await search.locator('.bad').count()).toBe(0);

    await id('memory-page-input').fill('99');
    await id('memory-page-go').click();
    await id('memory-page-error').waitFor();
    expect(await shape(pages)).toEqual(before.pages);
    await e2e.screenshot('memory-errors-1024');

    // The pickers shrink and cannot cut their text: the whole is in their title.
    expect(await id('memory-source').getAttribute('title')).toBe(`Commit right — ${h.right.root}`);
    expect(await id('memory-contract').getAttribute('title')).toContain(h.counter);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';
import { commitOn, makeHistory, short, showView, type History } from './history';

const missing = e2eMissing();

describe.skipIf(missing !== undefined)('commit graph in the browser', () => {
  let e2e: E2E;
  let h: History;
  const node = (root: string) => e2e.page.getByTestId(`graph-node-${short(root)}`);

  beforeAll(async () => {
    e2e = await startE2E();
    h = await makeHistory(e2e.service);
    await showView(e2e.page, 'graph');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('both branches are drawn on their own lanes, and a new commit appears live', async () => {
    for (const c of [h.base, h.left, h.right]) await node(c.root).waitFor();
    const lane = async (root: string) => Number(await node(root).getAttribute('data-lane'));
    expect(await lane(h.left.root)).not.toBe(await lane(h.right.root));
    expect(await e2e.page.getByTestId('graph-count').textContent()).toContain('3 commits');
    // Newest first: right, left, deployed.
    expect(Number(await node(h.right.root).getAttribute('data-row'))).toBeLessThan(
      Number(await node(h.left.root).getAttribute('data-row')),
    );

    // Three more increments: a state no other commit has (equal states share a root).
    const more = await commitOn(e2e.service, h.left.root, 'left 2', h.counter, 3);
    await node(more.root).waitFor();
    expect(await lane(more.root)).toBe(await lane(h.left.root));
    await expect
      .poll(() => e2e.page.getByTestId('graph-count').textContent())
      .toContain('4 commits');
  });

  test('details of a commit, and a contract highlight', async () => {
    // The filter's options (a tally over every commit, made when it is wanted, not before the
    // first paint) are there once it is focused, each with its count.
    const filter = e2e.page.getByTestId('graph-contract-filter');
    await filter.focus();
    await expect
      .poll(() => filter.locator(`option[value="${h.counter}"]`).textContent())
      .toContain('4 commits');
    await node(h.right.root).click();
    const details = e2e.page.getByTestId('commit-details');
    await details.waitFor();
    expect(await e2e.page.getByTestId('commit-details-root').textContent()).toBe(h.right.root);
    expect(await e2e.page.getByTestId('commit-details-parent').textContent()).toContain(
      short(h.base.root),
    );
    expect(await e2e.page.getByTestId('commit-details-finalized').textContent()).toContain('no');
    await e2e.page.getByTestId(`commit-details-contract-${short(h.counter)}`).click();
    expect(await e2e.page.getByTestId('graph-contract-filter').inputValue()).toBe(h.counter);
    expect(await e2e.page.getByTestId('graph-match-count').textContent()).toContain('4 commits');
    await e2e.page.getByTestId('graph-contract-filter').selectOption('');
  });

  test('from a commit: step through the calls that made it, and read its memory', async () => {
    const page = e2e.page;
    await node(h.right.root).click();
    await page.getByTestId('commit-step-through').click();
    await page.getByTestId('steps-view').waitFor();
    expect(await page.getByTestId('steps-source').inputValue()).toBe(`commit:${h.right.root}`);
    // "right" is two increments on its base: 3 points each, from the first.
    await expect.poll(() => page.getByTestId('step-position').textContent()).toBe('1 / 6');
    expect(await page.getByTestId('step-kind').textContent()).toBe('before call #0');

    // The context menu offers the same.
    await showView(page, 'graph');
    await node(h.right.root).click({ button: 'right' });
    await page.getByTestId('commit-menu-memory').click();
    await page.getByTestId('memory-view').waitFor();
    expect(await page.getByTestId('memory-source').inputValue()).toBe(`commit:${h.right.root}`);
    expect(await page.getByTestId('memory-contract').inputValue()).toBe(h.counter);
    await showView(page, 'graph');
  });

  test('the two branch heads are picked and diffed: the changed bytes are highlighted', async () => {
    await node(h.left.root).click();
    await node(h.right.root).click({ modifiers: ['Shift'] });
    const picked = await e2e.page.getByTestId('graph-selection').textContent();
    expect(picked).toContain(short(h.left.root));
    expect(picked).toContain(short(h.right.root));
    await e2e.screenshot('graph');
    await e2e.page.emulateMedia({ colorScheme: 'dark' });
    await e2e.screenshot('graph-dark');
    await e2e.page.emulateMedia({ colorScheme: 'light' });

    await e2e.page.getByTestId('graph-diff-selected').click();
    await e2e.page.getByTestId('diff-view').waitFor();
    await e2e.page.getByTestId(`diff-contract-${short(h.counter)}`).waitFor();
    const marks = e2e.page.locator('[data-testid="hexdiff"] mark');
    await marks.first().waitFor();
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await e2e.page.getByTestId('diff-from-label').textContent()).toContain(
      short(h.left.root),
    );
    expect(await e2e.page.getByTestId('diff-to-label').textContent()).toContain(
      short(h.right.root),
    );
    await showView(e2e.page, 'graph');
  });

  test('finalize from the context menu asks first; a finalized commit cannot be a session base', async () => {
    await node(h.base.root).click({ button: 'right' });
    await e2e.page.getByTestId('commit-menu-finalize').click();
    await e2e.page.getByTestId('confirm-cancel').click();
    expect(await e2e.page.getByTestId('confirm-dialog').count()).toBe(0);
    expect((await e2e.service.commitGraph()).find((c) => c.root === h.base.root)?.finalized).toBe(
      false,
    );

    await node(h.base.root).click({ button: 'right' });
    await e2e.page.getByTestId('commit-menu-finalize').click();
    await e2e.page.getByTestId('confirm-accept').click();
    await expect
      .poll(
        async () =>
          (await e2e.service.commitGraph()).find((c) => c.root === h.base.root)?.finalized,
      )
      .toBe(true);
    await node(h.base.root).click();
    await expect
      .poll(() => e2e.page.getByTestId('commit-details-finalized').textContent())
      .toContain('yes');
    expect(await e2e.page.getByTestId('commit-open-session').isDisabled()).toBe(true);
    await node(h.base.root).click({ button: 'right' });
    expect(await e2e.page.getByTestId('commit-menu-open-session').isDisabled()).toBe(true);
    await e2e.page.keyboard.press('Escape');
  });

  test('delete from the context menu removes the commit after confirmation', async () => {
    const doomed = await commitOn(e2e.service, h.right.root, 'doomed', h.counter, 1);
    await node(doomed.root).click({ button: 'right' });
    await e2e.page.getByTestId('commit-menu-delete').click();
    await e2e.page.getByTestId('confirm-accept').click();
    await expect.poll(() => node(doomed.root).count()).toBe(0);
    expect((await e2e.service.commitGraph()).map((c) => c.root)).not.toContain(doomed.root);
  });

  test('a session opened on a commit shows up in the calls view', async () => {
    await node(h.right.root).click();
    await e2e.page.getByTestId('commit-open-session').click();
    await expect
      .poll(async () => (await e2e.service.listSessions()).some((s) => s.base === h.right.root))
      .toBe(true);
    await e2e.page.getByTestId('graph-view').waitFor({ state: 'hidden' });
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';
import { makeHistory, short, showView, type History } from './history';

const missing = e2eMissing();

describe.skipIf(missing !== undefined)('diff view in the browser', () => {
  let e2e: E2E;
  let h: History;
  const page = () => e2e.page;

  beforeAll(async () => {
    e2e = await startE2E();
    h = await makeHistory(e2e.service);
    await showView(e2e.page, 'diff');
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('two commits picked in the view: per-contract pages, side-by-side hex with marked bytes, change navigation', async () => {
    await page().getByTestId('diff-empty').waitFor();
    await page().getByTestId('diff-from').selectOption(`c:${h.left.root}`);
    await page().getByTestId('diff-to').selectOption(`c:${h.right.root}`);
    await page().getByTestId('diff-compare').click();

    const contract = page().getByTestId(`diff-contract-${short(h.counter)}`);
    await contract.waitFor();
    expect(await contract.textContent()).toContain('1 changed');
    await expect
      .poll(() => page().getByTestId('diff-summary').textContent())
      .toContain('1 contract differ');

    // The first changed page opens by itself; its changed bytes are marked on both sides.
    await page().locator('[data-testid="hexdiff"] mark').first().waitFor();
    const before = await page().locator('[data-testid="hexdiff"] .before mark').allTextContents();
    const after = await page().locator('[data-testid="hexdiff"] .after mark').allTextContents();
    expect(before.length).toBeGreaterThan(0);
    expect(before).not.toEqual(after);
    expect(await page().getByTestId('diff-change-position').textContent()).toMatch(
      /change 1 of \d+/,
    );
    expect(await page().getByTestId('diff-range-0').textContent()).toMatch(
      /[0-9a-f]{8}–[0-9a-f]{8}/,
    );

    // Ranges are clickable; next/previous stay within bounds.
    await page().getByTestId('diff-range-0').click();
    expect(await page().getByTestId('diff-prev-change').isDisabled()).toBe(true);
    await page().getByTestId('diff-only-changed').check();
    expect(await page().locator('[data-testid="hexdiff-changed-row"]').count()).toBeGreaterThan(0);
    await page().getByTestId('diff-only-changed').uncheck();
    await e2e.screenshot('diff');
    await page().emulateMedia({ colorScheme: 'dark' });
    await e2e.screenshot('diff-dark');
    await page().emulateMedia({ colorScheme: 'light' });
  });

  test('the steps that wrote the page are listed and open the Steps view', async () => {
    // The later commit (right) made two increments: both wrote the counter's page.
    const steps = page().locator('[data-testid^="diff-step-"]');
    await expect.poll(() => steps.count()).toBe(2);
    await steps.first().click();
    await page().getByTestId('diff-view').waitFor({ state: 'hidden' });
    await showView(page(), 'diff');
  });

  test('the page still open shows its ranges and writers; a swap is followed by both selects', async () => {
    // The view was left and shown again (above): its page, ranges and writers are back at once.
    await page().getByTestId('diff-range-0').waitFor();
    await page().getByTestId('diff-writers').waitFor();
    await page().getByTestId('diff-swap').click();
    await expect.poll(() => page().getByTestId('diff-from').inputValue()).toBe(`c:${h.right.root}`);
    expect(await page().getByTestId('diff-to').inputValue()).toBe(`c:${h.left.root}`);
    expect(await page().getByTestId('diff-compare').isDisabled()).toBe(false);
    await expect
      .poll(() => page().getByTestId('diff-to-label').textContent())
      .toContain(short(h.left.root));
    await page().getByTestId('diff-range-0').waitFor();
    await expect.poll(() => page().locator('[data-testid^="diff-step-"]').count()).toBe(1);
  });

  test('a session is diffed against its base commit', async () => {
    const session = await e2e.service.openSession({ base: h.right.root, name: 'live' });
    await e2e.service.call({ session: session.id, contract: h.counter, fn: 'increment' });
    await page().getByTestId('diff-refresh-sessions').click();
    await page().getByTestId('diff-to').selectOption(`s:${session.id}`);
    // The base is fixed on the left.
    await expect.poll(() => page().getByTestId('diff-from').inputValue()).toBe(`c:${h.right.root}`);
    expect(await page().getByTestId('diff-from').isDisabled()).toBe(true);
    await page().getByTestId('diff-compare').click();
    await expect
      .poll(() => page().getByTestId('diff-to-label').textContent())
      .toContain('session live');
    await page()
      .getByTestId(`diff-contract-${short(h.counter)}`)
      .waitFor();
    await page().locator('[data-testid="hexdiff"] mark').first().waitFor();
    await expect.poll(() => page().locator('[data-testid^="diff-step-"]').count()).toBe(1);
  });

  test('a session opened on nothing is diffed against genesis: every contract is added', async () => {
    const session = await e2e.service.openSession({ name: 'fresh' });
    await e2e.service.deploy({ session: session.id, source: { kind: 'sample', name: 'box' } });
    await page().getByTestId('diff-refresh-sessions').click();
    await page().getByTestId('diff-to').selectOption(`s:${session.id}`);
    await expect
      .poll(() => page().getByTestId('diff-from').inputValue())
      .toBe(`c:${'0'.repeat(64)}`);
    await page().getByTestId('diff-compare').click();
    await expect
      .poll(() => page().getByTestId('diff-to-label').textContent())
      .toContain('session fresh');
    await page().locator('[data-testid^="diff-contract-"]').first().waitFor();
    await page().locator('[data-testid="hexdiff"] mark').first().waitFor();
    await e2e.screenshot('diff-genesis');
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

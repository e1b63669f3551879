/**
 * A state committed under two labels is one commit with both (issue 10, item 5), and everything
 * that names a commit outside the graph names it by both: the new-session base picker, the
 * Memory, Steps and Diff pickers, the Diff's header, a session tab's base, and the command
 * palette, where either label finds it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';
import { commitOn, makeHistory, type History } from './history';

const missing = e2eMissing();

describe.skipIf(missing !== undefined)('every label of a commit, wherever it is named', () => {
  let e2e: E2E;
  let h: History;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const option = (select: string, value: string) =>
    e2e.page.locator(`[data-testid="${select}"] option[value="${value}"]`).textContent();

  beforeAll(async () => {
    e2e = await startE2E();
    h = await makeHistory(e2e.service);
    // The state of "left" committed again under another label: the same root.
    const again = await commitOn(e2e.service, h.base.root, 'left again', h.counter, 1);
    expect(again.root).toBe(h.left.root);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('pickers and tabs name it “left, left again”; the palette finds it by its second label', async () => {
    const page = e2e.page;
    await id('session-new').click();
    await expect.poll(() => option('session-base', h.left.root)).toMatch(/^\s*left, left again — /);

    // The palette: the second label alone finds the commit.
    await page.keyboard.press('Control+k');
    await id('palette-input').fill('left again');
    const first = id('palette-item').first();
    await expect
      .poll(() => first.locator('.cmd-label').textContent())
      .toBe('Open session on commit: left, left again');
    await first.click();
    await expect
      .poll(() => page.locator('[data-testid="session-tab"] .tab-base').allInnerTexts())
      .toEqual(['left, left again']);

    await id('view-tab-memory').click();
    expect(await option('memory-source', `commit:${h.left.root}`)).toMatch(
      /^\s*left, left again — /,
    );
    await id('view-tab-steps').click();
    expect(await option('steps-source', `commit:${h.left.root}`)).toMatch(
      /^\s*left, left again — /,
    );

    // The Diff: its pickers, and the header of a diff of that commit against its parent.
    await id('view-tab-diff').click();
    expect(await option('diff-to', `c:${h.left.root}`)).toContain(' · left, left again · ');
    await id('diff-from').selectOption(`c:${h.base.root}`);
    await id('diff-to').selectOption(`c:${h.left.root}`);
    await id('diff-compare').click();
    await expect.poll(() => id('diff-view').innerText()).toContain('“left, left again”');
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

/**
 * The Diff view on a branchy history (branchy-history.ts): "written by" follows the side the
 * user looks at and searches that side's lineage back to the commit both sides share, naming
 * sessions and commits as the rest of the app does; "From" offers genesis; next/previous change
 * go on across pages and contracts and stop, saying so, at the ends. Expected pages and changes
 * come from the API (diff, pageDiff), never from the view itself.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StateRef } from '../../engine/api/types';
import { changedPageOrder } from '../../renderer/src/diff/change-order';
import { makeBranchyHistory, type BranchyHistory } from './branchy-history';
import { e2eMissing, startE2E, type E2E } from './harness';
import { short, showView } from './history';

const missing = e2eMissing();
const GENESIS = '0'.repeat(64);

describe.skipIf(missing !== undefined)(
  'diff: writers along a lineage, genesis, change navigation',
  () => {
    let e2e: E2E;
    let h: BranchyHistory;
    const id = (testid: string) => e2e.page.getByTestId(testid);
    const text = async (testid: string) =>
      ((await id(testid).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const sources = async () =>
      (await id('diff-writers-source').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

    beforeAll(async () => {
      e2e = await startE2E();
      h = await makeBranchyHistory(e2e.service);
      await showView(e2e.page, 'diff');
    });
    afterAll(async () => {
      await e2e?.close();
    });

    async function compare(from: string, to: string): Promise<void> {
      await id('diff-from').selectOption(from);
      await id('diff-to').selectOption(to);
      await id('diff-compare').click();
      await id('diff-summary').waitFor();
    }

    test('"written by" searches the "to" side back to the commit both sides share', async () => {
      await compare(`c:${h.left.root}`, `c:${h.right2.root}`);
      await expect
        .poll(sources)
        .toEqual([
          `commit ${short(h.right2.root)} “right2” · calls since its parent`,
          `commit ${short(h.right.root)} “right” · calls since its parent`,
        ]);
      // One increment in right2, two in right: each wrote the counter's page once.
      expect(await e2e.page.locator('[data-testid^="diff-step-"]').count()).toBe(3);
      expect(await text('diff-writers-stop')).toBe(
        `Searched back to ${short(h.deployed.root)} “deployed”, the commit both sides share.`,
      );
    });

    test('the side looked at is followed, not the newer commit; the other side on request', async () => {
      await id('diff-swap').click(); // from right2 (newer) to left
      await expect.poll(() => text('diff-to-label')).toContain('left');
      await expect
        .poll(sources)
        .toEqual([`commit ${short(h.left.root)} “left” · calls since its parent`]);
      await id('diff-writers-side-from').click();
      await expect
        .poll(sources)
        .toEqual([
          `commit ${short(h.right2.root)} “right2” · calls since its parent`,
          `commit ${short(h.right.root)} “right” · calls since its parent`,
        ]);
    });

    test('a contract added on the other branch: its writers, on its side', async () => {
      await compare(`c:${h.boxed.root}`, `c:${h.right2.root}`);
      await id(`diff-contract-${short(h.box)}`).waitFor();
      expect(await text(`diff-contract-${short(h.box)}`)).toContain('removed');
      await id(`diff-contract-${short(h.box)}`)
        .locator('button.page')
        .first()
        .click();
      await expect
        .poll(sources)
        .toEqual([`commit ${short(h.boxed.root)} “boxed” · calls since its parent`]);
      // The other side has no such contract: said so, with the way back.
      await id('diff-writers-side-to').click();
      await expect
        .poll(() => text('diff-writers-none'))
        .toContain(
          `No recorded step on the to side (${short(h.right2.root)} “right2”) wrote this page.`,
        );
      await id('diff-writers-other').click();
      await expect.poll(() => sources()).toHaveLength(1);
      // A writer opens the Steps view on its own journal.
      await e2e.page.locator('[data-testid^="diff-step-"]').first().click();
      await id('steps-view').waitFor();
      await showView(e2e.page, 'diff');
    });

    test('a session is named as the user named it, never by its internal id', async () => {
      const session = await e2e.service.openSession({ base: h.right2.root, name: 'c' });
      await e2e.service.call({ session: session.id, contract: h.counter, fn: 'increment' });
      await id('diff-refresh-sessions').click();
      await id('diff-to').selectOption(`s:${session.id}`);
      await id('diff-compare').click();
      await expect.poll(() => text('diff-to-label')).toBe('session c');
      await expect.poll(sources).toEqual(['session c · its calls so far']);
      expect(await text('diff-writers')).not.toMatch(/\bs\d+\b/);
      await e2e.service.closeSession({ session: session.id });
      await id('diff-refresh-sessions').click();
    });

    test('"From" offers genesis, the empty state before any commit', async () => {
      await compare(`c:${GENESIS}`, `c:${h.boxed.root}`);
      expect(await text('diff-from-label')).toBe('genesis (empty state)');
      expect(await text('diff-summary')).toMatch(/^2 contracts differ/);
    });

    test('next/previous change go on across pages and contracts, and stop at the ends', async () => {
      const from: StateRef = { commit: GENESIS };
      const to: StateRef = { commit: h.boxed.root };
      // The changed pages in the listed order, and each page's number of changes, from the API.
      const order = changedPageOrder(await e2e.service.diff({ from, to }));
      const changes = await Promise.all(
        order.map(
          async (p) =>
            (await e2e.service.pageDiff({ from, to, contract: p.contract, page: p.page })).ranges
              .length,
        ),
      );
      expect(new Set(order.map((p) => p.contract)).size).toBe(2);
      const panel = id('diff-page-panel');
      const at = async (i: number) => {
        const p = order[i];
        await expect
          .poll(() => panel.getAttribute('aria-label'))
          .toBe(`Page ${p.page} of ${p.contract}`);
      };
      const position = () => text('diff-change-position');
      // The list renders only the entries in view: scrolled to its end, the last one is there.
      const pickRange = async (index: number) => {
        await id('diff-ranges').evaluate((el) => (el.scrollTop = el.scrollHeight));
        await id(`diff-range-${index}`).click();
      };

      // The first change of all: previous is off.
      await at(0);
      await expect.poll(position).toMatch(/^change 1 of /);
      expect(await id('diff-prev-change').isDisabled()).toBe(true);

      // From each page's last change, next opens the next changed page (and contract) at its
      // first change; previous goes back to the last change of the page before.
      for (let i = 0; i + 1 < order.length; i++) {
        await at(i);
        await pickRange(changes[i] - 1);
        await id('diff-next-change').click();
        await at(i + 1);
        await expect
          .poll(position)
          .toBe(
            `change 1 of ${changes[i + 1].toLocaleString('en-US')} · page ${i + 2} of ${order.length}`,
          );
        if (i === 0) {
          await id('diff-prev-change').click();
          await at(0);
          await expect
            .poll(position)
            .toMatch(new RegExp(`^change ${changes[0]} of ${changes[0]} `));
          await id('diff-next-change').click();
        }
      }
      // The last change of all: next is off, and the position says so.
      const last = order.length - 1;
      await pickRange(changes[last] - 1);
      await expect.poll(position).toContain('the last change');
      expect(await id('diff-next-change').isDisabled()).toBe(true);
      await e2e.screenshot('diff-across-pages');
    });
  },
);

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

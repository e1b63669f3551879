/**
 * A small commit history made through the service, as a user's sessions would make it, and the
 * view switching the graph and diff tests share.
 */
import type { Page } from 'playwright-core';
import type { CommitNode } from '../../engine/api/types';
import type { InspectorService } from '../../engine/api/service';

// The history made through the service, as a user's sessions would make it:
//     deployed ─┬─ left   (counter incremented once)
//               └─ right  (counter incremented twice)
export interface History {
  counter: string;
  base: CommitNode;
  left: CommitNode;
  right: CommitNode;
}

export const short = (hex: string): string => hex.replace(/^0x/i, '').slice(0, 8);

export async function commitOn(
  service: InspectorService,
  base: string,
  label: string,
  counter: string,
  increments: number,
): Promise<CommitNode> {
  const session = await service.openSession({ base, name: label });
  for (let i = 0; i < increments; i++)
    await service.call({ session: session.id, contract: counter, fn: 'increment' });
  return service.commit({ session: session.id, label });
}

export async function makeHistory(service: InspectorService): Promise<History> {
  const setup = await service.openSession({ name: 'setup' });
  const deployed = await service.deploy({
    session: setup.id,
    source: { kind: 'sample', name: 'counter' },
  });
  if (!deployed.ok || deployed.contractId === undefined)
    throw new Error(`deploy failed: ${deployed.error?.message}`);
  const counter = deployed.contractId;
  const base = await service.commit({ session: setup.id, label: 'deployed' });
  const left = await commitOn(service, base.root, 'left', counter, 1);
  const right = await commitOn(service, base.root, 'right', counter, 2);
  return { counter, base, left, right };
}

/** Switches the app to a view through its view switcher (`nav-<view>` or the view bar's `view-tab-<view>`). */
export async function showView(page: Page, view: 'graph' | 'diff'): Promise<void> {
  await page
    .locator(`[data-testid="nav-${view}"], [data-testid="view-tab-${view}"]`)
    .first()
    .click();
  await page.getByTestId(`${view}-view`).waitFor({ state: 'visible' });
}

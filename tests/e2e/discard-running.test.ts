/**
 * Discarding a tab asks first whenever work would be lost (issue 10, items 1 and 13): a running
 * call is work in progress even in a session with nothing recorded yet, so the tab's inline
 * question names the call it stops, and Esc keeps the session, still running. What a discard
 * loses is said as the sidebar counts it: "1 deploy · 1 call", never "2 calls" or "1 calls".
 *
 * The service's session workers block forever in the host query "very_expensive" (see
 * tests/e2e/lost-work.test.ts): `host_very_expensive` is a call that runs until it is ended.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STALLING_WORKER } from '../../engine/testing/stalling-worker';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
const HOST_WASM = fileURLToPath(new URL('../../contracts/build/host.wasm', import.meta.url));

describe.skipIf(missing !== undefined)('discarding a tab (browser mode)', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const tab = (name: string) =>
    e2e.page.locator('[data-testid="session-tab"]', {
      has: e2e.page.locator('.tab-name', { hasText: name }),
    });
  const tabNames = () => e2e.page.locator('[data-testid="session-tab"] .tab-name').allInnerTexts();
  /** The tab's inline question, if it asks one (read without waiting for it). */
  const question = (name: string) => tab(name).locator('.confirm').allTextContents();

  beforeAll(async () => {
    e2e = await startE2E({ service: { workerEntry: STALLING_WORKER, interruptGraceMs: 300 } });
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('a running call in a session with nothing recorded: asked first, naming the call; Esc keeps it running', async () => {
    // A commit holding the host contract; a session on it has recorded nothing yet.
    const setup = await e2e.service.openSession({ name: 'setup' });
    const deployed = await e2e.service.deploy({
      session: setup.id,
      source: { kind: 'file', path: HOST_WASM },
    });
    if (!deployed.ok || deployed.contractId === undefined)
      throw new Error(`deploy failed: ${deployed.error?.message}`);
    const hosted = await e2e.service.commit({ session: setup.id, label: 'hosted' });
    const probe = await e2e.service.openSession({ base: hosted.root, name: 'probe' });
    await tab('probe').locator('[role="tab"]').click();
    await id('view-tab-calls').click();
    await e2e.page
      .locator(`[data-testid="contract-item"][data-contract="${deployed.contractId}"]`)
      .click();
    await id('call-fn').selectOption('host_very_expensive');
    await id('call-submit').click();
    await id('status-running').waitFor();
    expect((await e2e.service.listSessions())[0]).toMatchObject({ id: probe.id, calls: 0 });

    await tab('probe').getByTestId('session-discard').click();
    await expect
      .poll(() => question('probe'))
      .toEqual(['Stop the running call host_very_expensive and discard?']);
    await e2e.screenshot('discard-running-call');
    // Asking cost nothing: the session is there, still running its call.
    expect(await e2e.service.listSessions()).toMatchObject([{ id: probe.id, busy: true }]);

    await e2e.page.keyboard.press('Escape');
    await expect.poll(() => question('probe')).toEqual([]);
    expect(await tabNames()).toEqual(['probe']);
    expect(await id('status-running').count()).toBe(1);
    expect(await e2e.service.listSessions()).toMatchObject([{ id: probe.id, busy: true }]);

    // Asked again and answered: the session goes, with its call.
    await tab('probe').getByTestId('session-discard').click();
    await tab('probe').getByTestId('session-discard-confirm').click();
    await expect.poll(tabNames).toEqual([]);
    await expect.poll(() => e2e.service.listSessions()).toEqual([]);
  });

  test('what a discard loses is counted as deploys and calls, singular for one', async () => {
    const before = await tabNames();
    await id('session-new-tab').click();
    await expect.poll(tabNames).toEqual([...before, 'on genesis']);
    await tab('on genesis').locator('[role="tab"]').click();
    await id('view-tab-calls').click();
    await id('deploy-sample').selectOption('counter');
    await id('deploy-submit').click();
    await id('call-fn').selectOption('increment');
    await id('call-submit').click();
    const counts = e2e.page
      .locator('[data-testid="session-item"]', { hasText: 'on genesis' })
      .getByTestId('session-item-counts');
    await expect.poll(() => counts.textContent()).toBe('1 deploy · 1 call');

    await tab('on genesis').getByTestId('session-discard').click();
    await expect.poll(() => question('on genesis')).toEqual(['Discard 1 deploy · 1 call?']);
    await tab('on genesis').getByTestId('session-discard-confirm').click();
    await expect.poll(tabNames).toEqual(before);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

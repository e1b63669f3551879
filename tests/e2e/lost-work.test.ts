/**
 * No lost work (issue 10, items 1-3 and 9), as a user meets it in browser mode: Ctrl+. with
 * nothing running does nothing; a call that will not stop is put to the user before anything
 * costs the session, and the session comes back with its earlier calls; a script's sessions
 * still open at its end stay as tabs; Esc or another view takes back a tab's "Discard?"; a
 * session opened from the graph is named after its commit, never by an internal id.
 *
 * The service's session workers block forever in the host query "very_expensive"
 * (engine/testing/stalling-session-worker.mjs): the host contract's `host_very_expensive` is then
 * a call no interrupt can stop, as a long host function would be.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STALLING_WORKER } from '../../engine/testing/stalling-worker';
import { e2eMissing, startE2E, type E2E } from './harness';
import { makeHistory, short, showView } from './history';

const missing = e2eMissing();
const BUILD = fileURLToPath(new URL('../../contracts/build/', import.meta.url));

describe.skipIf(missing !== undefined)('no lost work (browser mode)', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();
  const tabNames = () => e2e.page.locator('[data-testid="session-tab"] .tab-name').allInnerTexts();
  const toasts = () => id('toast').allInnerTexts();

  beforeAll(async () => {
    e2e = await startE2E({
      service: { workerEntry: STALLING_WORKER, interruptGraceMs: 300 },
    });
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** Pick `fn` of the contract `contract` and call it from the form. */
  const callFn = async (contract: string, fn: string) => {
    await id('view-tab-calls').click();
    await e2e.page.locator(`[data-testid="contract-item"][data-contract="${contract}"]`).click();
    await id('call-fn').selectOption(fn);
    await id('call-submit').click();
  };

  test('Ctrl+. with nothing running does nothing, in a field or not; a new session is named, not numbered', async () => {
    await id('calls-empty-new-session').click();
    await expect.poll(tabNames).toEqual(['on genesis']);
    await id('deploy-sample').selectOption('counter');
    await id('deploy-submit').click();
    await id('contract-item').waitFor();
    await id('call-fn').selectOption('increment');
    await id('call-submit').click();
    await expect.poll(() => text('session-item')).toContain('1 deploy · 1 call');

    await id('call-gas').focus();
    await e2e.page.keyboard.press('Control+.');
    await e2e.page.locator('body').click({ position: { x: 600, y: 5 } });
    await e2e.page.keyboard.press('Control+.');
    // Give an answer the time to come if one were coming: the session's list round trip.
    const [session] = await e2e.service.listSessions();
    expect(session).toMatchObject({ name: 'on genesis', calls: 2, busy: false });
    expect(await tabNames()).toEqual(['on genesis']);
    expect(await id('stuck-dialog').count()).toBe(0);
    expect(await toasts()).toEqual([]);
    expect(await text('session-item')).toContain('1 deploy · 1 call');
  });

  test('a call that does not stop: the app says what stopping it costs, first, and re-creates the session with its earlier calls', async () => {
    const page = e2e.page;
    await id('contract-deploy-open').click();
    await page.locator('label', { hasText: 'Path on host' }).click();
    await id('deploy-path').fill(`${BUILD}host.wasm`);
    await id('deploy-submit').click();
    await expect.poll(() => id('contract-item').count()).toBe(2);
    await expect.poll(() => text('session-item')).toContain('2 deploys · 1 call');
    const [session] = await e2e.service.listSessions();
    const contracts = await e2e.service.contracts({ session: session.id });
    const host = contracts.find((c) => c.exports.includes('host_very_expensive'))!.id;
    const counter = contracts.find((c) => c.exports.includes('increment'))!.id;

    await callFn(host, 'host_very_expensive');
    await id('status-running').waitFor();
    await page.keyboard.press('Control+.');
    const dialog = id('stuck-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('discards session “on genesis”');
    expect(await text('stuck-recreatable')).toContain('Its 3 calls before this one');
    expect(await text('stuck-recreate')).toBe('Terminate and re-create with 3 calls');
    await e2e.screenshot('stuck-call');
    // Asking costs nothing: the session is there, still running the call.
    expect((await e2e.service.listSessions())[0]).toMatchObject({ id: session.id, busy: true });

    // Keep waiting (Esc): nothing is done; asked again from the Interrupt button.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await id('status-running').count()).toBe(1);
    expect(await tabNames()).toEqual(['on genesis']);
    await id('status-interrupt').click();
    await dialog.waitFor();

    await id('stuck-recreate').click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(toasts)
      .toContainEqual(expect.stringContaining('re-created with its 3 earlier calls'));
    expect(await tabNames()).toEqual(['on genesis']);
    await expect.poll(() => id('status-running').count()).toBe(0);
    expect(await text('session-item')).toContain('2 deploys · 1 call');
    // The cut-short call says what happened to it.
    expect(await text('result-panel')).toContain('Terminated');
    // The earlier increment is there: 252 + 1.
    await callFn(counter, 'read_value');
    await expect.poll(() => id('result-hex').getAttribute('data-hex')).toBe('0xfd00000000000000');
    expect(await e2e.service.listSessions()).toMatchObject([{ id: session.id, calls: 4 }]);
  });

  test('Terminate alone discards the session, and says so', async () => {
    const [session] = await e2e.service.listSessions();
    const contracts = await e2e.service.contracts({ session: session.id });
    const host = contracts.find((c) => c.exports.includes('host_very_expensive'))!.id;
    await callFn(host, 'host_very_expensive');
    await id('status-running').waitFor();
    await id('status-interrupt').click();
    await id('stuck-terminate').click();
    await expect.poll(tabNames).toEqual([]);
    await expect
      .poll(toasts)
      .toContainEqual(expect.stringContaining('“on genesis” was terminated with its running call'));
    expect(await e2e.service.listSessions()).toEqual([]);
  });

  test('a script’s sessions still open at its end stay as tabs, and it says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-e2e-script-'));
    const path = join(dir, 'leaves-one-open.json');
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        steps: [
          { op: 'session', name: 'kept by the script', base: 'genesis' },
          { op: 'deploy', session: 'kept by the script', wasm: `${BUILD}counter.wasm`, name: 'c' },
          { op: 'call', session: 'kept by the script', contract: 'c', fn: 'increment' },
          { op: 'session', name: 'dropped by the script', base: 'genesis' },
          { op: 'drop', session: 'dropped by the script' },
        ],
      }),
    );
    await id('view-tab-steps').click();
    await id('steps-tab-script').click();
    await id('script-path').fill(path);
    await id('script-load').click();
    await id('script-run').click();
    await id('script-done').waitFor();
    expect(await text('script-failed')).toBe('0 failed');
    await expect.poll(tabNames).toEqual(['kept by the script']);
    expect(await text('script-left-open')).toContain('kept by the script');
    await expect
      .poll(toasts)
      .toContainEqual(expect.stringContaining('ended with 1 session open (“kept by the script”)'));
    await id('script-left-open-session').click();
    await id('calls-view').waitFor();
    await expect.poll(() => text('session-item')).toContain('1 deploy · 1 call');
  });

  test('Esc, or another view, takes back a tab’s “Discard?” and keeps the session', async () => {
    const discard = id('session-discard');
    const confirm = id('session-discard-confirm');
    await discard.click();
    await confirm.waitFor();
    await e2e.page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    await discard.click();
    await confirm.waitFor();
    await id('view-tab-memory').click();
    await expect.poll(() => confirm.count()).toBe(0);
    await id('view-tab-calls').click();
    expect(await confirm.count()).toBe(0);
    expect(await tabNames()).toEqual(['kept by the script']);
    // Asked again, the question still works.
    await discard.click();
    await confirm.click();
    await expect.poll(tabNames).toEqual([]);
  });

  test('a session opened from a commit in the graph is named after the commit, numbered when taken', async () => {
    const h = await makeHistory(e2e.service);
    await showView(e2e.page, 'graph');
    const node = e2e.page.getByTestId(`graph-node-${short(h.right.root)}`);
    await node.click();
    const onRight = async () => (await tabNames()).filter((n) => n.includes('right'));
    await id('commit-open-session').click();
    await expect.poll(onRight).toEqual(['on right']);
    expect(await text('status-session')).toContain('on right');
    await showView(e2e.page, 'graph');
    await node.click();
    await id('commit-open-session').click();
    await expect.poll(onRight).toEqual(['on right', 'on right (2)']);
    for (const name of await tabNames()) expect(name).not.toMatch(/^s\d+$/);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

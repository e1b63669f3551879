/**
 * Values decoded by the contracts' data-drivers, as a user sees them: box and eventer deployed
 * with our drivers (contracts/build/drivers, built by `npm run build`), then `box.set(-300)`,
 * `box.get`, `eventer.emit_events(3)` from the call form. The result panel, the history, the
 * events and every step show the drivers' JSON, the raw bytes one click (or key) away; a value
 * the driver refuses (a 1-byte `i16`) shows the driver's error beside its raw bytes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();
const DRIVERS = fileURLToPath(new URL('../../contracts/build/drivers/', import.meta.url));
const driverHex = (name: string): string =>
  '0x' + readFileSync(`${DRIVERS}${name}.wasm`).toString('hex');

/** -300 as a little-endian i16: the bytes box keeps, whatever rkyv wraps around them. */
const MINUS_300 = 'd4fe';

describe.skipIf(missing !== undefined)('decoded values in the browser', () => {
  let e2e: E2E;
  let sessionId: string;
  /** The contracts' ids by sample name (the list shows ids until names reach it). */
  const ids: Record<string, string> = {};
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = async (testid: string) =>
    (await id(testid).first().innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    e2e = await startE2E();
    const session = await e2e.service.openSession({ name: 'drivers' });
    sessionId = session.id;
    for (const name of ['box', 'eventer']) {
      const deployed = await e2e.service.deploy({
        session: session.id,
        source: { kind: 'sample', name },
        name,
        driver: { hex: driverHex(name) },
      });
      ids[name] = deployed.contractId!;
    }
    // counter without a driver, until a test attaches one.
    const counter = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'sample', name: 'counter' },
    });
    ids.counter = counter.contractId!;
    await id('session-item').filter({ hasText: 'drivers' }).click();
    await contractItem('eventer').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const contractItem = (name: string) =>
    e2e.page.locator(`[data-testid="contract-item"][data-contract="${ids[name]}"]`);

  let callsMade = 0;
  async function call(contract: string, fn: string, argHex?: string): Promise<void> {
    await contractItem(contract).click();
    await id('call-fn').selectOption(fn);
    if (argHex === undefined) await id('call-arg-mode-none').check({ force: true });
    else {
      await id('call-arg-mode-hex').check({ force: true });
      await id('call-arg').fill(argHex);
    }
    await id('call-submit').click();
    await expect.poll(() => text('result-panel')).toContain(`.${fn}`);
    // The session has counted it (its journal reloads then; stepping through before that can
    // land where the reload opens, at the journal's end).
    callsMade++;
    await expect.poll(() => text('session-item')).toContain(`· ${callsMade} call`);
  }

  /**
   * The Steps view before the last call (journal index: the three deploys, then the calls), picked
   * in the timeline.
   */
  async function stepThroughLast(): Promise<number> {
    const n = 2 + callsMade;
    await id('view-tab-steps').click();
    await e2e.page.locator(`[data-testid="step-row-call"][data-call="${n}"]`).click();
    await expect.poll(() => text('step-kind')).toBe(`before call #${n}`);
    return n;
  }

  async function goToStep(call: number, step: number): Promise<void> {
    await e2e.page
      .locator(`[data-testid="step-row"][data-call="${call}"][data-step="${step}"]`)
      .click();
  }

  test('box.set(-300) and box.get: decoded argument and result, raw bytes one click away', async () => {
    await call('box', 'set', MINUS_300);
    const arg = id('result-arg');
    await expect.poll(() => arg.getAttribute('data-status')).toBe('decoded');
    expect(await arg.getByTestId('decoded-json').innerText()).toBe('-300');

    await call('box', 'get');
    const result = id('result-output');
    await expect.poll(() => result.getAttribute('data-status')).toBe('decoded');
    expect(await result.getByTestId('decoded-json').innerText()).toBe('-300');
    expect(await id('result-hex').count()).toBe(0);
    await e2e.screenshot('decoded-result');

    // The raw bytes, one click away, and back.
    await result.getByTestId('decoded-toggle').click();
    expect(await id('result-hex').getAttribute('data-hex')).toContain(MINUS_300);
    expect(await result.getByTestId('decoded-json').count()).toBe(0);
    await result.getByTestId('decoded-toggle').click();
    await expect.poll(() => id('result-hex').count()).toBe(0);

    // The history: each call with its decoded argument and result.
    const summaries = id('call-history-item').getByTestId('decoded-call-summary');
    await expect.poll(() => summaries.allInnerTexts()).toEqual(['→ -300', '(-300) → null']);
  });

  test('box in Steps: the call, its enter and its exit decoded', async () => {
    await call('box', 'set', MINUS_300);
    const n = await stepThroughLast();
    await expect.poll(() => text('step-arg-value')).toContain('-300');
    await expect.poll(() => text('step-result-value')).toContain('null');

    await goToStep(n, 1); // exit set: its result, ()
    await expect.poll(() => id('step-data-value').getAttribute('data-status')).toBe('decoded');
    expect(await id('step-data-value').getByTestId('decoded-json').innerText()).toBe('null');

    await goToStep(n, 0); // enter set: its argument
    await expect.poll(() => text('step-data-value')).toContain('-300');
    expect(await id('step-data-value').getByTestId('decoded-json').innerText()).toBe('-300');
    // The raw bytes from the keyboard: the toggle is a button in the tab order.
    await id('step-data-value').getByTestId('decoded-toggle').focus();
    await e2e.page.keyboard.press('Enter');
    expect(await id('step-data').getAttribute('data-hex')).toContain(MINUS_300);
    await id('view-tab-calls').click();
  });

  test('eventer.emit_events(3): the events decoded in Calls and in Steps', async () => {
    await call('eventer', 'emit_events', '03000000');
    const events = id('result-panel').getByTestId('event-data');
    await expect.poll(() => events.count()).toBe(3);
    await expect
      .poll(() => events.getByTestId('decoded-json').allInnerTexts())
      .toEqual(['0', '1', '2']);
    await e2e.screenshot('decoded-events');

    // One event's raw bytes: 2 as a little-endian u32.
    await events.nth(2).getByTestId('decoded-toggle').click();
    expect(await events.nth(2).innerText()).toContain('02 00 00 00');

    const n = await stepThroughLast();
    await goToStep(n, 1); // the exit, with the events
    const stepEvents = id('step-detail').getByTestId('event-data');
    await expect
      .poll(() => stepEvents.getByTestId('decoded-json').allInnerTexts())
      .toEqual(['0', '1', '2']);
    await id('view-tab-calls').click();
  });

  test('a value the driver refuses: its error beside the raw bytes', async () => {
    await call('box', 'set', 'd4'); // one byte: not an i16 (the contract panics too)
    const arg = id('result-arg');
    await expect.poll(() => arg.getAttribute('data-status')).toBe('failed');
    expect(await arg.getByTestId('decoded-error').innerText()).toContain('i16 is 2 bytes, got 1');
    expect(await arg.innerText()).toContain('d4');

    await stepThroughLast();
    const stepArg = id('step-arg-value');
    await expect.poll(() => stepArg.getAttribute('data-status')).toBe('failed');
    expect(await stepArg.getByTestId('decoded-error').innerText()).toContain('i16 is 2 bytes');
    expect(await id('step-arg').getAttribute('data-hex')).toBe('0xd4');
    await e2e.screenshot('decoded-refused');
  });

  test("the Diff view's writing steps: each with its call decoded", async () => {
    await id('view-tab-diff').click();
    await id('diff-refresh-sessions').click();
    await id('diff-to').selectOption(`s:${sessionId}`);
    await id('diff-compare').click();
    const box = ids.box.replace(/^0x/i, '').slice(0, 8);
    await id(`diff-contract-${box}`).waitFor();
    // Each of box's changed pages, until one that set wrote (the boxed value's).
    const pages = e2e.page.locator(`[data-testid^="diff-page-${box}-"]`);
    const writes = e2e.page
      .locator('[data-testid^="diff-step-"]')
      .getByTestId('decoded-call-summary');
    await expect.poll(() => pages.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await pages.count()); i++) {
      await pages.nth(i).click();
      await id('diff-writers-stop').waitFor();
      if ((await id('diff-writers').innerText()).includes('enters set')) break;
    }
    // The set that stored -300 there, its result () as null.
    await expect.poll(() => writes.allInnerTexts()).toContain('set(-300) → null');
    await e2e.screenshot('decoded-diff-writers');
  });

  test('a driver attached while its values are shown: they show decoded, no reload', async () => {
    await id('view-tab-calls').click();
    await call('counter', 'read_value');
    const result = id('result-output');
    await expect.poll(() => result.getAttribute('data-status')).toBe('no-driver');
    expect(await id('result-hex').getAttribute('data-hex')).toBe('0xfc00000000000000'); // 252

    // Attached through the engine's API (as the attach UI or another window would): the engine
    // says contractChanged, and the value on screen is decoded again.
    await e2e.service.attachDriver({
      contract: ids.counter,
      driver: { hex: driverHex('counter') },
    });
    await expect.poll(() => result.getAttribute('data-status')).toBe('decoded');
    expect(await result.getByTestId('decoded-json').innerText()).toBe('"252"');
  });
});

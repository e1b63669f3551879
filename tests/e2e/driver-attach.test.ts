/**
 * Data-drivers in the browser (issue 12, item 4): a driver is attached on the contract's card by
 * picking its .wasm and by dropping it on the card (which says so while it is dragged over, and
 * does not deploy it); a module that is not a driver is refused with its error and nothing is
 * stored; a contract with a driver is called with JSON — pre-filled from the driver's schema,
 * its bytes previewed by the driver, a JSON error shown with its position before anything is
 * sent — and the call goes out as JSON the driver encodes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploySample } from './deploy-sample';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();

const DRIVERS = new URL('../../contracts/build/drivers/', import.meta.url);
const driverBytes = (name: string): Buffer => readFileSync(new URL(`${name}.wasm`, DRIVERS));

describe.skipIf(missing !== undefined)('attaching data-drivers and calling with JSON', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();
  const argText = () => id('call-arg').inputValue();

  async function selectContract(name: string): Promise<void> {
    await id('contract-item').filter({ hasText: name }).click();
    // The card's title: the contract's name, then its short id.
    await expect
      .poll(() => e2e.page.locator('#contract-title').innerText())
      .toMatch(new RegExp(`^${name} \\([0-9a-f]{8}…\\)$`));
  }

  /** Drag files over the card (checking what it says meanwhile), then drop them on it. */
  async function dragOverCard(name: string, bytes: Buffer): Promise<void> {
    await e2e.page.evaluate(
      ({ name, bytes }) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], name));
        (window as unknown as { dragged: DataTransfer }).dragged = data;
        const card = document.querySelector('[data-testid="contract-card"] dl')!;
        for (const type of ['dragenter', 'dragover'])
          card.dispatchEvent(
            new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
          );
      },
      { name, bytes: [...bytes] },
    );
  }
  async function dropOnCard(): Promise<void> {
    await e2e.page.evaluate(() => {
      const data = (window as unknown as { dragged: DataTransfer }).dragged;
      const card = document.querySelector('[data-testid="contract-card"] dl')!;
      card.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    });
  }

  /** Call, and wait for this call's result (the history list shows from the second call on). */
  async function callAndWait(fn: string): Promise<void> {
    await id('call-submit').click();
    await expect.poll(() => text('result-header')).toContain(`.${fn}`);
  }

  beforeAll(async () => {
    e2e = await startE2E();
    await id('calls-empty-new-session').click();
    await id('session-tab').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('a driver picked on the card is attached; counter.increment is called with JSON', async () => {
    await deploySample(e2e.page, 'counter');
    await deploySample(e2e.page, 'box');
    await selectContract('counter');
    expect(await id('contract-driver-none').count()).toBe(1);
    // Without a driver there is no JSON mode.
    expect(await id('call-arg-mode-json').count()).toBe(0);
    const bytes = driverBytes('counter');
    await id('driver-file').setInputFiles({
      name: 'counter.wasm',
      mimeType: 'application/wasm',
      buffer: bytes,
    });
    await expect.poll(() => id('contract-driver-info').count()).toBe(1);
    const [session] = await e2e.service.listSessions();
    const counter = (await e2e.service.contracts({ session: session.id })).find((c) =>
      c.exports.includes('increment'),
    )!;
    expect(counter.driver?.bytes).toBe(bytes.length);
    const shown = await text('contract-driver-info');
    expect(shown).toContain(counter.driver!.hash.slice(0, 8));
    expect(shown).toMatch(/^v\S+ ·/);

    await id('call-fn').selectOption('increment');
    // JSON by default with a driver, pre-filled from the schema: increment takes ().
    await expect.poll(() => id('call-arg-mode-json').isChecked()).toBe(true);
    await expect.poll(argText).toBe('null');
    await callAndWait('increment');
    expect(await id('result-panel').getAttribute('data-ok')).toBe('true');
  });

  test('a module that is not a driver is refused with its error, and nothing is stored', async () => {
    await selectContract('box');
    const contractWasm = fileURLToPath(new URL('../../contracts/build/box.wasm', import.meta.url));
    await id('driver-path-toggle').click();
    await id('driver-path').fill(contractWasm);
    await id('driver-path-attach').click();
    await id('driver-error').waitFor();
    expect((await text('driver-error')).length).toBeGreaterThan(10);
    expect(await id('contract-driver-none').count()).toBe(1);
    const [session] = await e2e.service.listSessions();
    const box = (await e2e.service.contracts({ session: session.id })).find((c) =>
      c.exports.includes('set'),
    )!;
    expect(box.driver).toBeUndefined();
  });

  test('a driver dropped on the card is attached, not deployed', async () => {
    const before = await id('contract-item').count();
    expect(await id('deploy-submit').count()).toBe(0); // the deploy form is folded
    await dragOverCard('box.wasm', driverBytes('box'));
    // The card says what a drop does; the window's "drop to deploy" overlay steps aside.
    await id('driver-drop-hint').waitFor();
    expect(await text('driver-drop-hint')).toContain('data-driver of box');
    expect(await e2e.page.locator('.drop-overlay').count()).toBe(0);
    await e2e.screenshot('driver-drop-on-card');
    await dropOnCard();
    await expect.poll(() => id('contract-driver-info').count()).toBe(1);
    expect(await id('driver-drop-hint').count()).toBe(0);
    expect(await id('driver-error').count()).toBe(0);
    // Attached, not deployed: no new contract, the deploy form not opened with the file.
    expect(await id('contract-item').count()).toBe(before);
    expect(await id('deploy-submit').count()).toBe(0);
  });

  test('box.set is called with JSON -300 and box.get returns it', async () => {
    await id('call-fn').selectOption('set');
    await expect.poll(() => id('call-arg-mode-json').isChecked()).toBe(true);
    // Pre-filled with an example of set's input type (i16).
    await expect.poll(argText).toBe('0');
    // A JSON error shows its position, before anything is sent.
    await id('call-arg').fill('{"a": }');
    await expect.poll(() => text('call-arg-error')).toContain('line 1, column 7');
    await id('call-submit').click();
    await expect.poll(() => text('call-error')).toContain('line 1, column 7');
    // Still only counter's call: no history list yet, and its result shown.
    expect(await id('call-history-count').count()).toBe(0);
    expect(await text('result-header')).toContain('.increment');

    await id('call-arg').fill('-300');
    // The driver's encoding of -300 as an i16: 0xfed4, little-endian.
    await expect.poll(() => id('call-arg-bytes').getAttribute('data-hex')).toBe('0xd4fe');
    expect(await text('call-arg-type')).toBe('i16');
    await callAndWait('set');
    expect(await id('result-panel').getAttribute('data-ok')).toBe('true');

    await id('call-fn').selectOption('get');
    await expect.poll(argText).toBe('null');
    // get takes (): the driver encodes null as no bytes.
    await expect.poll(() => id('call-arg-bytes').getAttribute('data-hex')).toBe('0x');
    await callAndWait('get');
    await expect.poll(() => text('call-history-count')).toBe('3 calls');
    expect(await id('result-panel').getAttribute('data-ok')).toBe('true');
    // Decoded by box's driver: the JSON argument of set, and what get returned.
    const output = id('result-output');
    await expect.poll(() => output.getAttribute('data-status')).toBe('decoded');
    expect(await output.getByTestId('decoded-json').innerText()).toBe('-300');
    await e2e.screenshot('driver-json-call');
    // The raw bytes one click away. Option<i16>: tag 1, a byte of padding to the i16's
    // alignment, then -300.
    await output.getByTestId('decoded-toggle').click();
    await expect.poll(() => id('result-hex').getAttribute('data-hex')).toBe('0x0100d4fe');
    // The history decodes both calls' arguments and results, the JSON one included.
    const summaries = id('call-history-item').getByTestId('decoded-call-summary');
    await expect
      .poll(async () => (await summaries.allInnerTexts()).slice(0, 2))
      .toEqual(['→ -300', '(-300) → null']);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

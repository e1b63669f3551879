/**
 * Files dropped on the window in browser mode: a script is loaded from its text, a store is
 * refused with the reason (a browser does not reveal a dropped file's path), anything else is
 * refused naming the kinds accepted. The events are the ones a real drag-and-drop dispatches.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';

const missing = e2eMissing();

const SCRIPT = readFileSync(new URL('../../examples/sessions.json', import.meta.url), 'utf8');
const scriptSteps = (JSON.parse(SCRIPT) as { steps: unknown[] }).steps.length;

describe.skipIf(missing !== undefined)('dropping files on the window', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);

  /** Drag a file with this name and text over the window and drop it, as a user would. */
  async function drop(name: string, text: string): Promise<void> {
    await e2e.page.evaluate(
      ({ name, text }) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name));
        const target = document.querySelector('.app')!;
        for (const type of ['dragenter', 'dragover', 'drop'])
          target.dispatchEvent(
            new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
          );
      },
      { name, text },
    );
  }

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('a dropped .json script is loaded from its text into the Steps view', async () => {
    await drop('sessions.json', SCRIPT);
    await id('script-panel').waitFor();
    await expect.poll(() => id('script-position').innerText()).toBe(`0 / ${scriptSteps}`);
    expect(await e2e.page.locator('.drop-overlay').count()).toBe(0);
  });

  test('a dropped store is refused in a browser, with the reason and what to do instead', async () => {
    const before = await e2e.service.workspace();
    await drop('other.pis', 'not really a store');
    const toast = id('toast').filter({ hasText: 'other.pis' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain('type its path in the Store section');
    expect(await e2e.service.workspace()).toEqual(before); // the open store is untouched
  });

  test('any other file is refused naming the kinds accepted', async () => {
    await drop('notes.txt', 'hello');
    const toast = id('toast').filter({ hasText: 'notes.txt' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain('a .wasm contract, a .pis store or a .json script');
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

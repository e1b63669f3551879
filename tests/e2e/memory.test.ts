/**
 * The Memory view in the browser, at the smallest window the app supports (1024×640): a
 * committed counter's memory, read through the view's own pickers. Clicking a byte hands the
 * keyboard to the grid; a page number out of range is explained with the numbers; text is found
 * in UTF-8 and in UTF-16LE (AssemblyScript's strings); a viewed commit that is deleted is said so
 * and never left on screen. The service is only used to make the history, read expected bytes
 * and delete commits, as another window or the CLI would.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { e2eMissing, startE2E, type E2E } from './harness';
import { makeHistory, short, type History } from './history';
import { bytesPerShownRow, clickByte, markedBytes, shownByte } from './memory-bytes';

const missing = e2eMissing();

const PAGE_SIZE = 65536;
/** A message the counter sample's SDK keeps as an AssemblyScript string literal (UTF-16LE). */
const SDK_TEXT = 'PANIC INFO TOO LONG';
/** The counter's i64 (contracts/src/counter.ts `VALUE`; the workbench test reads 255 there). */
const COUNTER_AT = 0x10868;

describe.skipIf(missing !== undefined)('memory view in the browser (1024×640)', () => {
  let e2e: E2E;
  let h: History;
  const id = (testid: string) => e2e.page.getByTestId(testid);
  const text = (testid: string) => id(testid).first().innerText();
  const byte = (offset: number) => shownByte(e2e.page, offset);
  const cursorText = () => text('memory-cursor');
  const hex8 = (n: number) => n.toString(16).padStart(8, '0');
  const focusedTestid = () =>
    e2e.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  /** The committed bytes, read through the service (what the view must show). */
  const committed = async (root: string, offset: number, length: number) => {
    const hex = await e2e.service.readMemory({ commit: root, contract: h.counter, offset, length });
    return Buffer.from(hex.replace(/^0x/, ''), 'hex');
  };

  beforeAll(async () => {
    e2e = await startE2E({ viewport: { width: 1024, height: 640 } });
    h = await makeHistory(e2e.service);
    await e2e.page
      .locator('[data-testid="nav-memory"], [data-testid="view-tab-memory"]')
      .first()
      .click();
    await id('memory-view').waitFor();
    await id('memory-source')
      .locator(`option[value="commit:${h.left.root}"]`)
      .waitFor({ state: 'attached' });
    await id('memory-source').selectOption(`commit:${h.left.root}`);
    await id('memory-contract').selectOption(h.counter);
    await id('memory-grid').waitFor();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  test('clicking a byte gives the grid the keyboard: arrows move the selection, not a caret', async () => {
    await id('memory-goto').fill(`0x${COUNTER_AT.toString(16)}`);
    await id('memory-goto-submit').click();
    await expect.poll(cursorText).toContain(hex8(COUNTER_AT));
    // Typing somewhere else first: the caret is in the address field when the byte is clicked.
    await id('memory-goto').fill('0x1');
    await clickByte(e2e.page, COUNTER_AT + 2);
    await expect.poll(cursorText).toContain(hex8(COUNTER_AT + 2));
    expect(await focusedTestid()).toBe('memory-grid');
    await e2e.page.keyboard.press('ArrowRight');
    await expect.poll(cursorText).toContain(hex8(COUNTER_AT + 3));
    // Down moves one row: as many bytes as a row shows (8 or 16, by the pane's width).
    const perRow = await bytesPerShownRow(e2e.page);
    await e2e.page.keyboard.press('ArrowDown');
    await expect.poll(cursorText).toContain(hex8(COUNTER_AT + 3 + perRow));
    expect(await id('memory-goto').inputValue()).toBe('0x1');
    // The ASCII column's characters select their byte the same way.
    await clickByte(e2e.page, COUNTER_AT, 'ascii');
    await expect.poll(cursorText).toContain(hex8(COUNTER_AT));
    expect(await focusedTestid()).toBe('memory-grid');

    // Keyboard users reach the grid with Tab: it follows the toolbar's last control.
    await id('memory-reload').focus();
    await e2e.page.keyboard.press('Tab');
    expect(await focusedTestid()).toBe('memory-grid');
    await e2e.page.keyboard.press('ArrowLeft');
    await expect.poll(cursorText).toContain(hex8(COUNTER_AT - 1));
  });

  test('a page past the end or not a number is explained with the numbers; a valid page jumps', async () => {
    const info = await e2e.service.memory({ commit: h.left.root, contract: h.counter });
    const pages = Math.ceil(info.memoryLen / PAGE_SIZE);
    const error = () => text('memory-page-error');

    await id('memory-page-input').fill('99');
    await id('memory-page-go').click();
    await expect
      .poll(error)
      .toBe(`page 99 is past the end: this memory has ${pages} pages (0–${pages - 1})`);
    expect(await id('memory-page-input').getAttribute('aria-invalid')).toBe('true');

    await id('memory-page-input').fill('two');
    await id('memory-page-input').press('Enter');
    await expect
      .poll(error)
      .toBe(`"two" is not a page number: this memory has ${pages} pages (0–${pages - 1})`);

    // Typing again clears the complaint; the last page is a valid jump.
    await id('memory-page-input').fill(String(pages - 1));
    expect(await id('memory-page-error').count()).toBe(0);
    await id('memory-page-go').click();
    await expect.poll(cursorText).toContain(hex8((pages - 1) * PAGE_SIZE));
    await expect.poll(async () => (await byte((pages - 1) * PAGE_SIZE))?.marks).toContain('cursor');
  });

  test('text is found as UTF-16LE (AssemblyScript strings) as well as UTF-8, and says which matched', async () => {
    // Where the text is, from the committed bytes themselves.
    const info = await e2e.service.memory({ commit: h.left.root, contract: h.counter });
    let expected = -1;
    for (const page of [...info.pages].sort((a, b) => a - b)) {
      const bytes = await committed(h.left.root, page * PAGE_SIZE, PAGE_SIZE);
      const at = bytes.indexOf(Buffer.from(SDK_TEXT, 'utf16le'));
      if (at >= 0) {
        expected = page * PAGE_SIZE + at;
        break;
      }
    }
    expect(expected).toBeGreaterThanOrEqual(0);
    const result = () => text('memory-search-result');
    const highlighted = () => markedBytes(e2e.page, 'match');

    // Both encodings by default for text: the UTF-16LE copy is found and named.
    await id('memory-search-mode').selectOption('text');
    await id('memory-search').fill(SDK_TEXT);
    await id('memory-search-go').click();
    await expect.poll(result).toContain(hex8(expected));
    expect(await result()).toContain('UTF-16LE');
    expect(await text('memory-search-match-encoding')).toBe('UTF-16LE');
    await expect.poll(cursorText).toContain(hex8(expected));
    // Every byte of the match is highlighted: two per character.
    await expect.poll(highlighted).toBe(SDK_TEXT.length * 2);

    // UTF-8 alone has no such bytes here, and says so; UTF-16LE alone finds it again.
    await id('memory-search-mode').selectOption('utf8');
    await id('memory-search-go').click();
    await expect.poll(result).toContain('No match');
    await id('memory-search-mode').selectOption('utf16le');
    await id('memory-search-go').click();
    await expect.poll(result).toContain(hex8(expected));
    await e2e.screenshot('memory-1024');
  });

  test('at 1024×640 nothing is off-screen or overlapping', async () => {
    const box = async (testid: string) => {
      const b = await id(testid).first().boundingBox();
      if (b === null) throw new Error(`${testid} is not displayed`);
      return b;
    };
    const viewport = e2e.page.viewportSize()!;
    // Every toolbar control inside the window.
    for (const testid of [
      'memory-source',
      'memory-contract',
      'memory-goto',
      'memory-goto-argbuf',
      'memory-length',
      'memory-reload',
    ]) {
      const b = await box(testid);
      expect(b.x + b.width, testid).toBeLessThanOrEqual(viewport.width);
      expect(b.y + b.height, testid).toBeLessThanOrEqual(viewport.height);
    }
    // The hex (offsets, 16 bytes and their ASCII) fits beside the side panels, without overlap.
    const grid = await box('memory-grid');
    const side = await box('memory-inspector');
    expect(grid.x + grid.width).toBeLessThanOrEqual(side.x);
    expect(side.x + side.width).toBeLessThanOrEqual(viewport.width);
    const lastAscii = e2e.page.locator('[data-testid="memory-row"] .ascii').last();
    const ascii = (await lastAscii.boundingBox())!;
    expect(ascii.x + ascii.width).toBeLessThanOrEqual(grid.x + grid.width);
    // The grid shows rows, not a sliver.
    expect(grid.height).toBeGreaterThan(200);
  });

  test('a viewed commit that is deleted is said so, and its nearest surviving ancestor is shown', async () => {
    await id('memory-goto').fill(`0x${COUNTER_AT.toString(16)}`);
    await id('memory-goto-submit').click();
    const [leftByte] = await committed(h.left.root, COUNTER_AT, 1);
    const [baseByte] = await committed(h.base.root, COUNTER_AT, 1);
    expect(leftByte).not.toBe(baseByte);
    const shown = async () => (await byte(COUNTER_AT))?.hex;
    await expect.poll(shown).toBe(leftByte.toString(16).padStart(2, '0'));

    await e2e.service.deleteCommit({ root: h.left.root });
    await expect
      .poll(() => text('memory-notice'))
      .toContain(`commit ${short(h.left.root)} “left” was deleted`);
    expect(await text('memory-notice')).toContain(`its parent ${short(h.base.root)} “deployed”`);
    await expect.poll(() => id('memory-source').inputValue()).toBe(`commit:${h.base.root}`);
    await expect.poll(shown).toBe(baseByte.toString(16).padStart(2, '0'));
    await e2e.screenshot('memory-commit-deleted');

    // No commit before "deployed" survives: nothing is shown, and the notice says why.
    await e2e.service.deleteCommit({ root: h.base.root });
    await expect
      .poll(() => text('memory-notice'))
      .toContain(`commit ${short(h.base.root)} “deployed” was deleted`);
    await id('memory-empty').waitFor();
    expect(await id('memory-grid').count()).toBe(0);
    expect(await id('memory-source').inputValue()).toBe('live');
    await id('memory-notice-dismiss').click();
    expect(await id('memory-notice').count()).toBe(0);
  });
});

if (missing !== undefined) console.warn(`e2e skipped: ${missing}`);

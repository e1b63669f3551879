/**
 * A memory taller than the browser lets an element be: 32 MiB is 2,097,152 rows of 16 bytes,
 * 42 million px at the hex view's 20 px a row, past Chromium's ~33.5 million px, so the view
 * scales its scrollbar. Its last bytes must still be reachable and right: by "Go to address" and
 * by dragging the scrollbar to the bottom (the scroll position set to its end). Each time the row
 * holding the last byte is inside the grid's visible box (not clipped below it) and shows the
 * word the contract wrote there. A wheel notch moves the rows as it would in a short memory, not by
 * the scaled scroll position's pixels. Dragged across the memory, the rows are drawn at most once
 * a frame, however many chunks land in it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractWat, wat } from '../../engine/testing/wat';
import { WRITE_PAGES_BODY } from '../../bench/write-pages-wat';
import { e2eMissing, startE2E, type E2E } from './harness';
import { shownByte } from './memory-bytes';

const missing = e2eMissing();

const PAGES = 512;
const LENGTH = PAGES * 65536;
/** Written at the memory's last four bytes (little-endian: ef be ad de). */
const LAST_WORD = 0xdeadbeef;
const LAST_BYTES = ['ef', 'be', 'ad', 'de'];

/** WRITE_PAGES_BODY's `write(n)` and `poke((u32 offset, u32 word))`: one word written. */
const BODY = `${WRITE_PAGES_BODY}
(func (export "poke") (param i32) (result i32)
  (i32.store (i32.load (i32.const 0)) (i32.load (i32.const 4)))
  (i32.const 0))`;

const u32Hex = (...words: number[]) => Buffer.from(new Uint32Array(words).buffer).toString('hex');

describe.skipIf(missing !== undefined)('a 32 MiB memory in the Memory view', () => {
  let e2e: E2E;
  const id = (testid: string) => e2e.page.getByTestId(testid);

  /** Whether the last byte's digits are inside the grid's visible box, and its text. */
  const lastCell = async () => {
    const shown = await shownByte(e2e.page, LENGTH - 1);
    return shown === null ? null : { inView: shown.inView, text: shown.hex };
  };
  /** The hex of the last four bytes as drawn. */
  const lastWord = () =>
    Promise.all(
      [4, 3, 2, 1].map(async (back) => (await shownByte(e2e.page, LENGTH - back))?.hex ?? null),
    );

  beforeAll(async () => {
    e2e = await startE2E({ viewport: { width: 1440, height: 900 } });
    const session = await e2e.service.openSession({ name: 'big' });
    const bytecode = await wat(contractWat(BODY, { memory: '(memory (export "memory") 1)' }));
    const { contractId } = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'bytes', hex: Buffer.from(bytecode).toString('hex') },
    });
    const gas = String(1n << 50n);
    const call = (fn: string, hex: string) =>
      e2e.service.call({ session: session.id, contract: contractId!, fn, arg: { hex }, gas });
    await call('write', u32Hex(PAGES - 1));
    await call('poke', u32Hex(LENGTH - 4, LAST_WORD));
    await e2e.page.reload();
    await id('session-item').filter({ hasText: 'big' }).click();
    await id('contract-item').first().click();
    await e2e.page
      .locator('[data-testid="nav-memory"], [data-testid="view-tab-memory"]')
      .first()
      .click();
    await id('memory-row').first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  test('the memory is taller than the browser allows an element to be', async () => {
    // Chromium's limit is 33,554,428 px: at the grid's row height the rows would not fit.
    const rowHeight = await id('memory-row')
      .first()
      .evaluate((r) => r.getBoundingClientRect().height);
    expect((LENGTH / 16) * rowHeight).toBeGreaterThan(33_554_428);
  });

  test('"Go to address" of the last byte shows it, in view, with the bytes written there', async () => {
    await id('memory-goto').fill(`0x${(LENGTH - 1).toString(16)}`);
    await id('memory-goto-submit').click();
    await expect.poll(lastCell).toEqual({ inView: true, text: 'de' });
    await expect.poll(lastWord).toEqual(LAST_BYTES);
    await expect.poll(() => id('memory-cursor').innerText()).toContain((LENGTH - 1).toString(16));
  });

  test('scrolled to the very bottom (the scrollbar dragged down), the last row is in view', async () => {
    await id('memory-goto').fill('0x0');
    await id('memory-goto-submit').click();
    await expect.poll(lastCell).toBeNull();
    // The scrollbar thumb dragged to its end: the position past the end is clamped to it.
    await id('memory-grid').evaluate((grid) => {
      grid.scrollTop = grid.scrollHeight;
    });
    await expect.poll(lastCell).toEqual({ inView: true, text: 'de' });
    await expect.poll(lastWord).toEqual(LAST_BYTES);
  });

  test('a byte in the middle, reached by address, is the one asked for', async () => {
    // write(n) puts page p's number in its first word: page 300 starts 2c 01 00 00.
    const page = 300;
    await id('memory-goto').fill(`0x${(page * 65536).toString(16)}`);
    await id('memory-goto-submit').click();
    const cellText = async (offset: number) => (await shownByte(e2e.page, offset))?.hex;
    await expect.poll(() => cellText(page * 65536)).toBe('2c');
    await expect.poll(() => cellText(page * 65536 + 1)).toBe('01');
  });
  test('a wheel notch moves the rows by its pixels at the row height, not by scaled scroll pixels', async () => {
    // 32 MiB is scaled about 5 to 1: the browser's own wheel scroll of 120 px would move the
    // rows ~31 rows, where the same notch in a memory short enough for no scaling moves 6.
    const at = 300 * 65536;
    await id('memory-goto').fill(`0x${at.toString(16)}`);
    await id('memory-goto-submit').click();
    await expect.poll(async () => (await shownByte(e2e.page, at))?.inView).toBe(true);
    /** The first row wholly in view, as a row number. */
    const topRow = () =>
      e2e.page.evaluate(() => {
        const grid = document.querySelector<HTMLElement>('[data-testid="memory-grid"]')!;
        const top = grid.getBoundingClientRect().top;
        const rows = [...grid.querySelectorAll<HTMLElement>('[data-testid="memory-row"]')];
        const perRow = Number(rows[1].dataset.offset) - Number(rows[0].dataset.offset);
        const first = rows.find((r) => r.getBoundingClientRect().top >= top - 0.5);
        return first === undefined ? null : Number(first.dataset.offset) / perRow;
      });
    const rowHeight = await id('memory-row')
      .first()
      .evaluate((r) => r.getBoundingClientRect().height);
    const before = (await topRow())!;
    const grid = (await id('memory-grid').boundingBox())!;
    await e2e.page.mouse.move(grid.x + grid.width / 2, grid.y + grid.height / 2);
    await e2e.page.mouse.wheel(0, 120);
    await expect.poll(topRow).toBe(before + 120 / rowHeight);
    await e2e.page.mouse.wheel(0, -240);
    await expect.poll(topRow).toBe(before - 120 / rowHeight);
  });

  test('dragged across the memory, the rows are drawn at most once a frame', async () => {
    await id('memory-goto').fill('0x0');
    await id('memory-goto-submit').click();
    await expect.poll(async () => (await shownByte(e2e.page, 0))?.inView).toBe(true);
    // In the page, for 60 frames: a far scroll position each frame (a fast drag of the thumb;
    // each lands on rows whose bytes are not loaded), the chunks it asks for landing in later
    // frames. A drawing of the rows repaints every mark, so it clears the zero-bytes highlight
    // once: those clears, counted between one frame's end (a message posted from its animation
    // frame callback runs after its rendering) and the next's, are the drawings of each frame.
    const perFrame = await e2e.page.evaluate(async (frames) => {
      const grid = document.querySelector<HTMLElement>('[data-testid="memory-grid"]')!;
      const zero = CSS.highlights.get('memory-zero')!;
      let draws = 0;
      zero.clear = function (this: Highlight) {
        draws++;
        Highlight.prototype.clear.call(this);
      };
      const range = grid.scrollHeight - grid.clientHeight;
      const counts: number[] = [];
      await new Promise<void>((resolve) => {
        let i = 0;
        const tick = () => {
          grid.scrollTop = ((i * 0.37) % 1) * range;
          i++;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            counts.push(draws);
            draws = 0;
            if (i < frames) requestAnimationFrame(tick);
            else resolve();
          };
          channel.port2.postMessage(0);
        };
        requestAnimationFrame(tick);
      });
      delete (zero as Partial<Highlight>).clear;
      return counts;
    }, 60);
    expect(perFrame.filter((n) => n > 0).length).toBeGreaterThan(30);
    expect(Math.max(...perFrame)).toBe(1);
  });
});

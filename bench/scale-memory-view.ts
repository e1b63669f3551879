/**
 * A 256 MiB memory in the Memory view (issue 14 item 5, the UI half), called by scale-memory.ts:
 * the real app served in browser mode (the e2e harness: `npm run build` first), driven in Debian's
 * Chromium at 1440×900. A live session holds the counter sample ("small") and a contract that has
 * written 256 MiB ("big": 4,096 pages of 64 KiB, a distinct word on each). Nothing here asserts a
 * time.
 *
 * - `big_memory_view_open_ms`: the Memory view showing "small"; from the click on "big" in the
 *   sidebar to the frame painted with its first hex rows holding their bytes (the grid labelled
 *   with big's length, no row's byte still loading). Timed in the page (performance.now()), every
 *   wait on DOM mutations. Median of OPENS, alternating with a click back to "small".
 *   It opens at offset 0, in page 0, which the contract never wrote: its rows are zeros made in
 *   the page, no byte is fetched (the open is the memory's info and the rows drawn).
 * - `big_memory_view_open_bytes`: the socket bytes the page received for one such open (the
 *   memory's info and the chunks of the rows in view: never the memory itself), median.
 * - `big_memory_view_goto_written_ms`: "big" open; from "Go to address" of a byte in a written
 *   page whose bytes the view has not loaded (another page each time) to the frame painted with
 *   the row holding it in the grid and no row's byte still loading: the chunks fetched and drawn.
 *   Timed in the page as above, median of OPENS. `_bytes`: the socket bytes received for one.
 * - `big_memory_view_scroll_frame_interval_p95_ms` (the headline) and
 *   `big_memory_view_scroll_main_thread_p95_ms` beside it: the scrollbar's thumb dragged up and
 *   down the whole 256 MiB for ~2 s (a mouse move sets the grid's scroll position in proportion,
 *   as the thumb does, from a scroll range read once before; each move lands thousands of rows
 *   away, so nearly every frame shows rows whose bytes are not loaded yet). The interval between
 *   frames (what the user sees; 16.7 ms at 60 Hz is the floor) and the main thread's work per
 *   frame with input (renderer/bench/frame-timing.ts), p95.
 * - `big_memory_view_wheel_frame_interval_p95_ms` / `_main_thread_p95_ms`: the same pair while
 *   the mouse wheel scrolls the grid (120 px a notch) for ~2 s, from the middle of the memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import type { Page } from 'playwright-core';
import { CHROMIUM, e2eAvailable, startE2E } from '../tests/e2e/harness';
import { contractWat, wat } from '../engine/testing/wat';
import { report } from './measure';
import { TIME_UNTIL_PAINTED } from './time-until-painted';
import { WRITE_PAGES_BODY } from './write-pages-wat';

const PAGES = Number(process.env.SCALE_MEMORY_PAGES ?? 4096);
const OPENS = 7;
const MOVE_MS = 2000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * In the page: click the contract item, resolve with the ms to the frame painted once the grid
 * shows `length` bytes and its rows hold bytes (none pending) (time-until-painted.ts).
 */
const OPEN_IN_PAGE = `({ name, length }) => {
  const item = [...document.querySelectorAll('[data-testid="contract-item"]')]
    .find((el) => el.textContent.includes(name));
  const painted = () => {
    const grid = document.querySelector('[data-testid="memory-grid"]');
    if (grid === null || !(grid.getAttribute('aria-label') || '').startsWith('Memory, ' + length + ' bytes')) return false;
    const rows = grid.querySelectorAll('[data-testid="memory-row"]');
    return rows.length > 0 && grid.querySelector('[data-testid="memory-row"].pending') === null;
  };
  return (${TIME_UNTIL_PAINTED})(() => item.click(), painted);
}`;

function openInPage(page: Page, name: string, length: number): Promise<number> {
  return page.evaluate(`(${OPEN_IN_PAGE})(${JSON.stringify({ name, length })})`) as Promise<number>;
}

/**
 * In the page: "Go to address" `offset`; resolve with the ms to the frame painted once the row
 * holding it is in the grid and no row's byte is still loading.
 */
const GOTO_IN_PAGE = `({ offset, bytesPerRow }) => {
  const input = document.querySelector('[data-testid="memory-goto"]');
  const submit = document.querySelector('[data-testid="memory-goto-submit"]');
  const rowAt = String(offset - (offset % bytesPerRow));
  const painted = () => {
    const grid = document.querySelector('[data-testid="memory-grid"]');
    const rows = [...grid.querySelectorAll('[data-testid="memory-row"]')];
    return rows.some((r) => r.dataset.offset === rowAt) &&
      grid.querySelector('[data-testid="memory-row"].pending') === null;
  };
  const act = () => {
    input.value = '0x' + offset.toString(16);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    submit.click();
  };
  return (${TIME_UNTIL_PAINTED})(act, painted);
}`;

function gotoInPage(page: Page, offset: number, bytesPerRow: number): Promise<number> {
  return page.evaluate(
    `(${GOTO_IN_PAGE})(${JSON.stringify({ offset, bytesPerRow })})`,
  ) as Promise<number>;
}

/** renderer/bench/frame-timing.ts as a script for the served app, as `window.frameTiming`. */
async function frameTimingScript(): Promise<string> {
  const path = fileURLToPath(new URL('../renderer/bench/frame-timing.ts', import.meta.url));
  const { code } = await transform(readFileSync(path, 'utf8'), {
    loader: 'ts',
    format: 'iife',
    globalName: 'frameTiming',
  });
  return `window.frameTiming = (() => { ${code}; return frameTiming; })();`;
}

interface Frames {
  intervalP95: number;
  p95: number;
  frames: number;
}

const START_FRAMES = `window.__frames = window.frameTiming.recordFrames();`;
const STOP_FRAMES = `(() => {
  const { work, intervals } = window.__frames.stop();
  const p = window.frameTiming.percentile;
  return { intervalP95: p(intervals, 95), p95: p(work, 95), frames: intervals.length };
})()`;

/** Drags "the thumb": each mouse move sets the grid's scroll position in proportion to y. */
async function dragThumb(page: Page): Promise<Frames> {
  const box = (await page.getByTestId('memory-grid').boundingBox())!;
  await page.evaluate(`(() => {
    const grid = document.querySelector('[data-testid="memory-grid"]');
    const box = grid.getBoundingClientRect();
    // Read once: the browser moving its own thumb reads no layout, and a read of scrollHeight
    // in the handler forced a layout whenever something had changed the page since the last
    // frame, in the measured frame: work of the bench, not of the view.
    const range = grid.scrollHeight - grid.clientHeight;
    window.__thumb = (e) => {
      const f = Math.min(1, Math.max(0, (e.clientY - box.top) / box.height));
      grid.scrollTop = f * range;
    };
    window.addEventListener('mousemove', window.__thumb);
  })()`);
  const x = box.x + box.width - 8;
  await page.mouse.move(x, box.y + 2);
  await page.evaluate(START_FRAMES);
  const start = Date.now();
  let y = box.y + 2;
  let direction = 1;
  for (let i = 0; Date.now() - start < MOVE_MS; i++) {
    y += direction * 7;
    if (y <= box.y + 2 || y >= box.y + box.height - 2) direction = -direction;
    await page.mouse.move(x, y);
  }
  const frames = (await page.evaluate(STOP_FRAMES)) as Frames;
  await page.evaluate(`window.removeEventListener('mousemove', window.__thumb)`);
  return frames;
}

async function wheel(page: Page): Promise<Frames> {
  const box = (await page.getByTestId('memory-grid').boundingBox())!;
  await page.getByTestId('memory-grid').evaluate((grid) => {
    grid.scrollTop = (grid.scrollHeight - grid.clientHeight) / 2;
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(START_FRAMES);
  const start = Date.now();
  for (let i = 0; Date.now() - start < MOVE_MS; i++) await page.mouse.wheel(0, 120);
  return (await page.evaluate(STOP_FRAMES)) as Frames;
}

export async function scaleMemoryViewBench(): Promise<void> {
  const missing = e2eAvailable();
  if (missing !== undefined || !existsSync(CHROMIUM)) {
    console.log(`scale-memory view: skipped (${missing ?? 'no Chromium'})`);
    return;
  }
  const e2e = await startE2E({ viewport: { width: 1440, height: 900 } });
  try {
    const session = await e2e.service.openSession({ name: 'big memory' });
    await e2e.service.deploy({
      session: session.id,
      source: { kind: 'sample', name: 'counter' },
      name: 'small',
    });
    const bytecode = await wat(
      contractWat(WRITE_PAGES_BODY, { memory: '(memory (export "memory") 1)' }),
    );
    const { contractId } = await e2e.service.deploy({
      session: session.id,
      source: { kind: 'bytes', hex: Buffer.from(bytecode).toString('hex') },
      name: 'big',
    });
    await e2e.service.call({
      session: session.id,
      contract: contractId!,
      fn: 'write',
      arg: { hex: Buffer.from(new Uint32Array([PAGES - 1]).buffer).toString('hex') },
      gas: String(1n << 50n),
    });
    const { memoryLen } = await e2e.service.memory({ session: session.id, contract: contractId! });
    const small = (await e2e.service.contracts({ session: session.id })).find(
      (c) => c.id !== contractId,
    );

    const page = e2e.page;
    let received = 0;
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => (received += payload.length)),
    );
    await page.reload();
    await page.evaluate(await frameTimingScript());
    const id = (testid: string) => page.getByTestId(testid);
    await id('session-item').filter({ hasText: 'big memory' }).click();
    await id('contract-item').filter({ hasText: 'small' }).click();
    await page
      .locator('[data-testid="nav-memory"], [data-testid="view-tab-memory"]')
      .first()
      .click();
    await id('memory-row').first().waitFor();

    const smallLength = (await e2e.service.memory({ session: session.id, contract: small!.id }))
      .memoryLen;
    const opens: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      received = 0;
      opens.push(await openInPage(page, 'big', memoryLen));
      bytes.push(received);
      await openInPage(page, 'small', smallLength);
    }
    report('big_memory_view_open_ms', median(opens));
    report('big_memory_view_open_bytes', median(bytes), 0);
    console.log(`  (opens: ${opens.map((t) => t.toFixed(1)).join(' ')})`);

    await openInPage(page, 'big', memoryLen);
    // Opened at offset 0: the second row starts a row's bytes in.
    const bytesPerRow = Number(await id('memory-row').nth(1).getAttribute('data-offset'));
    const gotos: number[] = [];
    const gotoBytes: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      // Written pages (1 … PAGES), far apart, none loaded before; a row inside the page.
      const target = (1 + ((500 + i * 397) % (PAGES - 1))) * 65536 + 0x1230;
      received = 0;
      gotos.push(await gotoInPage(page, target, bytesPerRow));
      gotoBytes.push(received);
    }
    report('big_memory_view_goto_written_ms', median(gotos));
    report('big_memory_view_goto_written_bytes', median(gotoBytes), 0);
    console.log(`  (gotos: ${gotos.map((t) => t.toFixed(1)).join(' ')})`);

    await page.getByTestId('memory-goto').fill('0x0');
    await page.getByTestId('memory-goto-submit').click();
    const dragged = await dragThumb(page);
    report('big_memory_view_scroll_frame_interval_p95_ms', dragged.intervalP95, 2);
    report('big_memory_view_scroll_main_thread_p95_ms', dragged.p95, 2);
    report('big_memory_view_scroll_frames', dragged.frames, 0);
    const wheeled = await wheel(page);
    report('big_memory_view_wheel_frame_interval_p95_ms', wheeled.intervalP95, 2);
    report('big_memory_view_wheel_main_thread_p95_ms', wheeled.p95, 2);
  } finally {
    await e2e.close();
  }
}

// Run directly: `node --experimental-wasm-memory64 --import tsx bench/scale-memory-view.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await scaleMemoryViewBench();

/**
 * UI benchmarks, measured in Debian's Chromium (headless, the e2e flags) on a page built with
 * vite from the real Graph and Diff views (renderer/bench/bench-page.ts; browser code is
 * kept there so that it is type-checked with the DOM and the `.vue` declarations):
 *
 * - `dag_10k_first_render_ms`: mounting the Graph view on 10,000 commits (store load through
 *   the JSON transport, lane layout, first canvas paint and row overlay) to the painted frame.
 * - `dag_10k_pan_frame_interval_p95_ms` (the pan headline): the p95 time between frames while
 *   dragging the graph for ~2 s: what the user sees. Headless Chromium paces frames at the
 *   display rate (16.7 ms at 60 Hz), so it cannot fall below that; a dropped frame shows as
 *   ≥ 33 ms. Beside it `dag_10k_pan_main_thread_p95_ms` (and `_p50_`): the main thread's work
 *   per frame, how much of the 16.7 ms budget a frame takes (before issue 14 this was
 *   `dag_10k_pan_frame_ms`, a name that promised the frame interval). The same pair zoomed out
 *   to ~10 % (`dag_10k_pan_zoomed_out_…`), where hundreds of nodes are in view.
 * - `dag_10k_js_heap_mb`: the page's JavaScript heap in use with the 10,000-commit graph shown
 *   (Chromium's performance.memory), after the pans.
 * - `hexdiff_page_ms`: from the Diff view's compare() (the view mounted, nothing compared yet)
 *   to the first frame painted with the hex rows of the page it opens: the diff reply, the 64 KiB
 *   page pair's reply (both parsed from JSON, answered at once: no network), bytes decoded, row
 *   model, the view rendered (the states compared, the contracts, the page's header and the rows
 *   in view at the first change), its layout and paint. The changed ranges, the steps that wrote
 *   the page and the pickers' new values follow a frame later (renderer/src/diff/after-paint.ts):
 *   not in this figure, but in `hexdiff_page_complete_ms`, from the same compare() to the frame
 *   painted with those too. A fresh page load each time, so the code is cold (not yet optimised)
 *   as for the first diff a user opens. The page marks `hexdiff-start` and `hexdiff-end`
 *   (performance.mark, the rows' frame), so a Chromium trace (CDP Tracing, category
 *   blink.user_timing) shows where the figure's time goes.
 *
 * First render and hex diff are medians of fresh page loads (5 and 15). Nothing here asserts a time.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tests/e2e/harness';
import { report } from './measure';
import { buildBenchPage, serveBenchPage } from './ui-build';
import type { UiBenchPage } from '../renderer/bench/bench-api';

const COMMITS = 10_000;
const RUNS = 5;
/**
 * hexdiff's fresh loads. A page opens in whole frames: the figure starts just after one, and the
 * rows are painted at the next vsync or the one after, so samples cluster about a frame apart
 * (18–39 ms on a quiet machine) and a median of 5 moved by several ms from run to run.
 */
const HEXDIFF_RUNS = 15;
const PAN_MS = 2000;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

declare const window: { uiBench: UiBenchPage };

/**
 * The median of RUNS first renders of the Graph view on `commits` commits of history `shape`
 * (renderer/bench: 'synthetic' or the 100k 'scale' one), each in a fresh load of the bench page.
 */
export async function medianFirstRender(
  page: Page,
  url: string,
  commits: number,
  shape?: 'scale',
): Promise<number> {
  const renders: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(url);
    renders.push(
      await page.evaluate(([n, s]) => window.uiBench.mountGraph(n, s), [commits, shape] as const),
    );
  }
  return median(renders);
}

/** Drags the graph up and down for `ms` without releasing, one small move at a time. */
export async function pan(
  page: Page,
  ms: number,
): Promise<{ frames: number; p50: number; p95: number; intervalP95: number }> {
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const x = box.x + box.width / 2;
  const top = box.y + 60;
  const bottom = box.y + box.height - 60;
  await page.mouse.move(x, bottom);
  await page.mouse.down();
  await page.evaluate(() => window.uiBench.startFrames());
  const start = Date.now();
  let y = bottom;
  let direction = -1;
  for (let i = 0; Date.now() - start < ms; i++) {
    y += direction * 9;
    if (y <= top || y >= bottom) direction = -direction;
    await page.mouse.move(x + Math.sin(i / 15) * 40, y);
  }
  await page.mouse.up();
  return page.evaluate(() => window.uiBench.stopFrames());
}

/**
 * The pan figures of a graph already shown (`PREFIX_pan_frame_interval_p95_ms` and beside it the
 * main thread's `_p95_`/`_p50_`, `_pan_frames`), then the same pair zoomed out ten steps (~10 %:
 * rows 3 px, hundreds of nodes and most lane lines in view): `PREFIX_pan_zoomed_out_…`.
 */
export async function reportPans(page: Page, prefix: string): Promise<void> {
  const panned = await pan(page, PAN_MS);
  report(`${prefix}_pan_frame_interval_p95_ms`, panned.intervalP95, 2);
  report(`${prefix}_pan_main_thread_p95_ms`, panned.p95, 2);
  report(`${prefix}_pan_main_thread_p50_ms`, panned.p50, 2);
  report(`${prefix}_pan_frames`, panned.frames, 0);
  for (let i = 0; i < 10; i++) await page.getByTestId('graph-zoom-out').click();
  const far = await pan(page, PAN_MS);
  report(`${prefix}_pan_zoomed_out_frame_interval_p95_ms`, far.intervalP95, 2);
  report(`${prefix}_pan_zoomed_out_main_thread_p95_ms`, far.p95, 2);
}

/** The page's JavaScript heap in use (Chromium's performance.memory), in bytes. */
export function jsHeapBytes(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
      NaN,
  );
}

export async function uiBench(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`ui bench skipped: no Chromium at ${CHROMIUM}`);
    return;
  }
  const dir = await buildBenchPage();
  const site = await serveBenchPage(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    report('dag_10k_first_render_ms', await medianFirstRender(page, site.url, COMMITS));

    await reportPans(page, 'dag_10k');
    const heap = await jsHeapBytes(page);
    report('dag_10k_js_heap_mb', heap / 2 ** 20, 1);

    const diffs: number[] = [];
    const complete: number[] = [];
    for (let run = 0; run < HEXDIFF_RUNS; run++) {
      await page.goto(site.url);
      const diff = await page.evaluate(() => window.uiBench.hexDiff());
      diffs.push(diff.ms);
      complete.push(diff.completeMs);
    }
    report('hexdiff_page_ms', median(diffs));
    report('hexdiff_page_complete_ms', median(complete));
    console.log(`  (hexdiff pages: ${diffs.map((ms) => ms.toFixed(1)).join(' ')})`);
    if (errors.length > 0) throw new Error(`bench page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await site.close();
  }
}

// Run directly: `node --import tsx bench/ui-bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await uiBench();

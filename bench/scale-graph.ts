/**
 * The commit graph at 100,000 commits (`scale` group: long, not run by CI), measured like
 * bench/ui-bench.ts in Debian's Chromium (headless, the e2e flags) on the bench page built from
 * the real Graph view and its store, fed a history shaped like long use
 * (renderer/bench/scale-history.ts: a ~17k-commit main line, branches thousands long, fan-outs of
 * 100–400 branches from one base, deleted parents; ~2,000 lanes at the widest).
 *
 * - `dag_100k_first_render_ms`: the same span as `dag_10k_first_render_ms` — from mounting the
 *   Graph view (store load through the JSON transport: the reply's text parsed, as over the
 *   WebSocket; the lane layout; the first canvas paint and the row overlay) to the painted
 *   frame. Median of 5 fresh page loads (ui-bench's medianFirstRender: the browser process and
 *   the built page warm, the page's JavaScript heap new each time). The history is generated
 *   before the clock starts.
 * - `dag_100k_pan_frame_interval_p95_ms` / `dag_100k_pan_main_thread_p95_ms`: dragging the graph
 *   for PAN_MS at 100 %, as in ui-bench (frame-timing.ts: the interval between frames, and the
 *   main thread's work per frame that had input). Once, after the last first render.
 * - `dag_100k_pan_zoomed_out_…`: the same pair zoomed out ten steps (~10 %: rows 3 px, ~300 rows
 *   and their lane lines in view).
 * - `dag_100k_js_heap_mb`: the page's JavaScript heap in use with the 100k graph shown, after
 *   the pans (Chromium's performance.memory.usedJSHeapSize, after a forced GC through CDP so it
 *   is what is live, not garbage awaiting collection).
 * - `git_log_graph_100k_ms`: `git log --graph --oneline --all > /dev/null` (git at /usr/bin/git)
 *   on a repository with the same topology (every commit an empty-tree commit with its label as
 *   the message, every tip a branch; built with `git fast-import` in a temporary folder, deleted
 *   after). Median of GIT_RUNS, after one unmeasured run (warm: the pack in the page cache).
 * - `dag_vs_git_graph_ratio`: `dag_100k_first_render_ms` (it includes our layout) ÷
 *   `git_log_graph_100k_ms`; below 1 we show 100k commits faster than git prints their graph.
 *
 * Nothing here asserts a time.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { CommitNode } from '../engine/api/types';
import { scaleHistory } from '../renderer/bench/scale-history';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tests/e2e/harness';
import { report } from './measure';
import { jsHeapBytes, median, medianFirstRender, reportPans } from './ui-bench';
import { buildBenchPage, serveBenchPage } from './ui-build';

const COMMITS = 100_000;
const GIT_RUNS = 5;
const GIT = '/usr/bin/git';

/** A fast-import stream of `nodes`: one empty-tree commit each (mark i + 1 for nodes[i]). */
function fastImportStream(nodes: readonly CommitNode[]): string {
  const mark = new Map<string, number>();
  const out: string[] = [];
  nodes.forEach((n, i) => {
    mark.set(n.root, i + 1);
    const parent = n.parent === null ? undefined : mark.get(n.parent);
    const seconds = Math.floor(n.createdAt / 1000);
    const message = `${n.label}\n`;
    // A root or an orphan (its parent deleted) is a parentless commit: reset the work ref first.
    if (parent === undefined) out.push('reset refs/heads/work\n');
    out.push(
      `commit refs/heads/work\nmark :${i + 1}\n` +
        `committer Bench <bench@example.com> ${seconds} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}` +
        (parent === undefined ? '' : `from :${parent}\n`) +
        '\n',
    );
  });
  return out.join('');
}

/**
 * The repository: the commits through fast-import, then a branch at every tip (a commit without
 * children, so that `--all` reaches every commit), written as one packed-refs file: thousands of
 * loose refs, each written and synced alone, took minutes on a busy disk.
 */
async function buildGitRepo(dir: string, nodes: readonly CommitNode[]): Promise<void> {
  const run = (args: string[]): void => {
    const r = spawnSync(GIT, args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  };
  run(['init', '-q', '-b', 'work']);
  const marksFile = join(dir, 'marks');
  const child = spawn(
    GIT,
    ['-c', 'core.fsync=none', 'fast-import', '--quiet', `--export-marks=${marksFile}`],
    { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number>((resolve) => child.on('close', resolve));
  child.stdin.end(fastImportStream(nodes));
  const code = await done;
  if (code !== 0) throw new Error(`git fast-import exited ${code}: ${stderr}`);
  const sha = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const [m, hash] = line.split(' ');
    if (hash !== undefined) sha.set(Number(m.slice(1)), hash);
  }
  const hasChild = new Set<string>();
  for (const n of nodes) if (n.parent !== null) hasChild.add(n.parent);
  const refs: string[] = [];
  nodes.forEach((n, i) => {
    if (!hasChild.has(n.root)) refs.push(`${sha.get(i + 1)} refs/heads/tip-${i}`);
  });
  refs.sort((a, b) => (a.slice(41) < b.slice(41) ? -1 : 1));
  writeFileSync(
    join(dir, '.git', 'packed-refs'),
    `# pack-refs with: peeled sorted \n${refs.join('\n')}\n`,
  );
}

/** Median ms of `git log --graph --oneline --all` with its output to /dev/null. */
function timeGitLogGraph(dir: string): number {
  const times: number[] = [];
  const devNull = openSync('/dev/null', 'w');
  try {
    for (let i = 0; i <= GIT_RUNS; i++) {
      const start = performance.now();
      const r = spawnSync(GIT, ['log', '--graph', '--oneline', '--all'], {
        cwd: dir,
        stdio: ['ignore', devNull, 'pipe'],
      });
      const ms = performance.now() - start;
      if (r.status !== 0) throw new Error(`git log --graph failed: ${r.stderr.toString()}`);
      if (i > 0) times.push(ms); // the first run warms the page cache
    }
  } finally {
    closeSync(devNull);
  }
  return median(times);
}

export async function scaleGraphBench(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`scale graph bench skipped: no Chromium at ${CHROMIUM}`);
    return;
  }
  const dir = await buildBenchPage();
  const site = await serveBenchPage(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, '--enable-precise-memory-info'],
  });
  let render = NaN;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    render = await medianFirstRender(page, site.url, COMMITS, 'scale');
    report('dag_100k_first_render_ms', render);

    await reportPans(page, 'dag_100k');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await jsHeapBytes(page);
    report('dag_100k_js_heap_mb', heap / 2 ** 20, 1);
    if (errors.length > 0) throw new Error(`bench page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await site.close();
  }

  const repo = mkdtempSync(join(tmpdir(), 'pi-git-graph-'));
  try {
    await buildGitRepo(repo, scaleHistory(COMMITS));
    const git = timeGitLogGraph(repo);
    report('git_log_graph_100k_ms', git);
    report('dag_vs_git_graph_ratio', render / git, 3);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

// Run directly: `node --import tsx bench/scale-graph.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await scaleGraphBench();

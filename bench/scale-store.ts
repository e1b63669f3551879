/**
 * The store at 100,000 commits (issue 14 item 4), in the `scale` group (minutes, ~1 GB on disk,
 * deleted after). A child (scale-store-build.ts) builds a chain of commits, one session per
 * commit on the previous one, a tiny write each (one changed page of mostly zeros), copying the
 * store at each mark; then each size is opened in fresh processes (scale-store-child.ts).
 *
 * Figures, per size N (1k, 10k, …):
 * - `store_build_s_<N>`: wall time of building the first N commits (session, call, commit each;
 *   the time spent at earlier marks excluded), in the builder process.
 * - `store_mb_<N>`: the file's size at N commits, just checkpointed.
 * - `store_commit_median_ms_<N>`: median commit time (`Session.commit`, from the call's end to
 *   durable) of the 200 commits just before mark N.
 * - `store_checkpoint_ms_<N>` / `store_checkpoint_mb_<N>`: one explicit checkpoint of the index
 *   at N commits (`FileCommitStore.checkpoint`: sql.js export + append + fsync), and the bytes
 *   it appended. Automatic checkpoints run when the log since the last one reaches max(16 MiB,
 *   4 × the last checkpoint), inside the write queue: the commit after them waits.
 * - `store_open_ms_<N>`: opening the store in a fresh process until it takes writes, what
 *   `createVm({ store: path })` and so the app wait for (sql.js load, checkpoint read and
 *   loaded, log replay: none here, and the writer's inspection of the whole log), median of 3
 *   processes. The file is in the OS's page cache (written just before).
 * - `store_readable_ms_<N>`: the same open until its commits can be read, the inspection
 *   running after it (FileStoreOptions `admission: 'first-write'`; not what the app does yet:
 *   it would have to show a damaged store's refusal when it comes).
 * - `store_rss_mb_<N>`: the engine process's resident memory once open and admitted (a GC first),
 *   median of the same 3.
 * - `commit_list_first_piece_ms_<N>`: the first 1,000 commits (`listCommits({ limit })`),
 *   the first listing of the process; `commit_list_pieces_ms_<N>`: every piece of 1,000;
 *   `commit_list_whole_ms_<N>` / `commit_list_whole_heap_mb_<N>`: the whole list at once, and the
 *   JS heap it retains. Medians of the same 3.
 * - `commit_graph_first_piece_ms_<N>`: the API's `commitGraph({ limit: 1000 })` just after
 *   opening the service, one process: a node per commit, each with its change against its
 *   parent (contracts touched, pages changed), recorded when the commit was written (the graph
 *   diffs only commits stored without it, or whose parent was deleted).
 * - `commit_flat_ratio_<N>` (N ≥ 10k): median commit time on the N-commit store ÷ on fresh
 *   stores at 10 commits (commits 11 to 15 of each), alternated: 5 commits on the big store
 *   and one fresh store, in turn first, 20 rounds (store-bench.ts's commitFlat, same commit
 *   shape as the build). Most of a commit's wall time is its two fsyncs, which a loaded disk
 *   stretches: so also
 * - `commit_flat_cpu_ratio_<N>`: the same samples' CPU time (user + system of the process,
 *   `Session.commit` only), big ÷ fresh: whether the store's own work grows with its size.
 * - `store_open_cpu_ms_<N>`: the CPU time of the open until readable, same processes.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { report } from './measure';

const runChild = promisify(execFile);
const NODE_ARGS = ['--expose-gc', '--experimental-wasm-memory64', '--import', 'tsx'];
const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const label = (n: number): string => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

interface Mark {
  mark: number;
  buildMs: number;
  fileBytes: number;
  checkpointMs: number;
  checkpointBytes: number;
  commitMedianMs: number;
  small?: number[];
  large?: number[];
  smallCpu?: number[];
  largeCpu?: number[];
}

/** Build the chain in a child; report each mark as it comes (a build takes minutes). */
async function build(dir: string, target: number, marks: number[]): Promise<Mark[]> {
  const child = spawn(
    process.execPath,
    [...NODE_ARGS, script('scale-store-build.ts'), dir, String(target), marks.join(',')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const seen: Mark[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const m = JSON.parse(line) as Mark;
    seen.push(m);
    const n = label(m.mark);
    report(`store_build_s_${n}`, m.buildMs / 1000, 1);
    report(`store_mb_${n}`, m.fileBytes / 1e6, 1);
    report(`store_commit_median_ms_${n}`, m.commitMedianMs, 2);
    report(`store_checkpoint_ms_${n}`, m.checkpointMs, 1);
    report(`store_checkpoint_mb_${n}`, m.checkpointBytes / 1e6, 1);
    if (m.small !== undefined && m.large !== undefined)
      report(`commit_flat_ratio_${n}`, median(m.large) / median(m.small));
    if (m.smallCpu !== undefined && m.largeCpu !== undefined)
      report(`commit_flat_cpu_ratio_${n}`, median(m.largeCpu) / median(m.smallCpu));
  }
  const code = await new Promise<number | null>((r) => child.on('close', r));
  if (code !== 0)
    throw new Error(`the store builder exited with ${code} after ${seen.length} marks`);
  return seen;
}

async function child(args: string[]): Promise<Record<string, number>> {
  const { stdout } = await runChild(process.execPath, [...NODE_ARGS, ...args], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

/** The open and listing figures of one store file of `commits` commits (see the top comment). */
async function measureStoreFile(path: string, commits: number): Promise<void> {
  const n = label(commits);
  const opens: Array<Record<string, number>> = [];
  for (let run = 0; run < 3; run++)
    opens.push(await child([script('scale-store-child.ts'), 'open', path]));
  const med = (key: string) => median(opens.map((o) => o[key]));
  report(`store_open_ms_${n}`, med('admittedMs'), 1);
  report(`store_readable_ms_${n}`, med('openMs'), 1);
  report(`store_open_cpu_ms_${n}`, med('openCpuMs'), 1);
  report(`store_rss_mb_${n}`, med('rssMb'), 1);
  report(`commit_list_first_piece_ms_${n}`, med('firstPieceMs'), 1);
  report(`commit_list_pieces_ms_${n}`, med('allPiecesMs'), 1);
  report(`commit_list_whole_ms_${n}`, med('wholeMs'), 1);
  report(`commit_list_whole_heap_mb_${n}`, med('wholeHeapMb'), 1);
  const graph = await child([script('scale-store-child.ts'), 'graph', path]);
  report(`commit_graph_first_piece_ms_${n}`, graph.graphFirstPieceMs, 1);
}

export async function scaleStoreBench(
  target = 100_000,
  marks = [1_000, 10_000, 100_000],
): Promise<void> {
  const free = statfsSync(tmpdir());
  const freeGb = (free.bavail * free.bsize) / 1e9;
  // Measured: ~14 KB a commit with its checkpoints at 10k; copies at the marks below the target.
  const needGb = (target * 20e3 * 1.2) / 1e9;
  if (freeGb < needGb + 5)
    throw new Error(
      `${tmpdir()} has ${freeGb.toFixed(1)} GB free; the build needs ~${needGb.toFixed(1)} GB and 5 to spare`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'pi-scale-store-'));
  try {
    await build(dir, target, marks);
    for (const mark of marks)
      await measureStoreFile(join(dir, mark < target ? `store-${mark}.pis` : 'state.pis'), mark);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

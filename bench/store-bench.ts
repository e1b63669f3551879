/**
 * Store figures of issue #3, on the file store (sql.js index + append-only file), in a temp dir:
 * commit latency as the store grows, diff cost among many pages, session open cost against the
 * number of contracts, and bytes stored per changed page.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { ContractId, Root } from '../engine/core/ids';
import { toContractId } from '../engine/core/ids';
import { contractWat, wat } from '../engine/testing/wat';
import { createVm, type Vm } from '../engine/vm/vm';
import { openFileStore } from '../engine/store/file-store';
import { medianNs, nowNs, report } from './measure';
import { journalBench } from './journal-bench';

const runChild = promisify(execFile);

const OWNER = new Uint8Array(32);
const GAS = 1n << 40n;

/** `write(offset u32 ‖ bytes)`: copies the bytes to the offset, in a memory of `pages` pages. */
const writer = (pages = 80): Promise<Uint8Array> =>
  wat(
    contractWat(
      `(func (export "write") (param $len i32) (result i32)
        (memory.copy (i32.load (i32.const 0)) (i32.const 4) (i32.sub (local.get $len) (i32.const 4)))
        (i32.const 0))`,
      { memory: `(memory (export "memory") ${pages})` },
    ),
  );

function writeArg(offset: number, bytes: Uint8Array): Uint8Array {
  const arg = new Uint8Array(4 + bytes.length);
  new DataView(arg.buffer).setUint32(0, offset, true);
  arg.set(bytes, 4);
  return arg;
}

function tempStore(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pi-bench-'));
  return { dir, path: join(dir, 'state.pis') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/**
 * Median commit latency on a store holding 10 commits vs one holding 10,000 commits and
 * ≥ 100 MB of pages. Each commit: a genesis session writes 16 KiB of fresh random bytes into a
 * page (a new ~16 KiB blob) and commits. The process is warmed up on a throwaway store first, so
 * that JIT compilation does not inflate the small-store figure. The small figure really is at
 * 10 commits: many fresh stores each get 10 untimed commits, then commits 11 to 15 are timed.
 */
async function commitFlat(): Promise<void> {
  const bytecode = await writer();
  const committer = async (path: string) => {
    const vm = await createVm({ store: path });
    let commits = 0;
    const once = async (): Promise<number> => {
      const s = vm.session();
      const { contractId } = s.deploy(bytecode, { owner: OWNER }, GAS);
      s.callRaw(
        contractId,
        'write',
        writeArg(65536 * (1 + (commits % 64)), randomBytes(16384)),
        GAS,
      );
      const start = process.hrtime.bigint();
      await s.commit(`c${commits++}`);
      return Number(process.hrtime.bigint() - start);
    };
    const sample = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await once());
      return out;
    };
    return { vm, once, sample, count: () => commits };
  };
  const warm = tempStore();
  const warmup = await committer(warm.path);
  await warmup.sample(300);
  await warmup.vm.close();
  rmSync(warm.dir, { recursive: true, force: true });

  const small: number[] = [];
  for (let store = 0; store < 30; store++) {
    const { dir, path } = tempStore();
    const c = await committer(path);
    await c.sample(10);
    small.push(...(await c.sample(5)));
    await c.vm.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const { dir, path } = tempStore();
  const c = await committer(path);
  while (c.count() < 10_000) await c.once();
  const large = await c.sample(200);
  const bytes = statSync(path).size;
  await c.vm.close();
  rmSync(dir, { recursive: true, force: true });
  report('commit_flat_ratio', median(large) / median(small));
  report('commit_median_ms_10_commits', median(small) / 1e6, 3);
  report('commit_median_ms_10k_commits', median(large) / 1e6, 3);
  report('commit_p99_ms_10_commits', percentile(small, 0.99) / 1e6, 3);
  report('commit_p99_ms_10k_commits', percentile(large, 0.99) / 1e6, 3);
  report('store_mb_at_10k_commits', bytes / 1e6, 0);
}

/**
 * Two commits differing in one page among 10,000 pages (10 contracts × 1,000 pages):
 * - `diff_one_page_cold_ms` (the headline): the first diff in a fresh process that has just
 *   opened the store (bench/cold-diff-child.ts), through the StateView as the API and the CLI ask
 *   it; the median of 7 processes. The file is in the OS's page cache (written just before).
 * - `diff_one_page_second_ms`: the same diff again in that process, its trees read.
 * - `diff_one_page_warm_ms` / `diff_one_page_view_warm_ms`: the 200th and later repetitions in
 *   the process that wrote the store (diffCommits; through the StateView), everything cached.
 * - `store_open_10k_pages_ms`: opening that store, in the same fresh processes.
 */
async function diffOnePage(): Promise<void> {
  const { dir, path } = tempStore();
  const vm = await createVm({ store: path });
  const bytecode = await writer(1024);
  const g = vm.session();
  const ids: ContractId[] = [];
  for (let c = 0; c < 10; c++) {
    const id = toContractId(new Uint8Array(32).fill(c + 1));
    g.deploy(bytecode, { owner: OWNER, contractId: id }, GAS);
    for (let p = 1; p <= 1000; p++)
      g.callRaw(id, 'write', writeArg(65536 * (p % 1024), new Uint8Array([p & 255, c])), GAS);
    ids.push(id);
  }
  const a = await g.commit('a');
  const s = vm.session({ base: a });
  s.callRaw(ids[3], 'write', writeArg(65536 * 500 + 7, new Uint8Array([0xee])), GAS);
  const b = await s.commit('b');
  const ns = medianNs(() => vm.diffCommits(a, b), 200, 20);
  const diff = vm.diffCommits(a, b);
  const viewed: number[] = [];
  for (let run = 0; run < 220; run++) {
    const start = nowNs();
    await vm.at(b).changesSince(vm.at(a));
    if (run >= 20) viewed.push(Number(nowNs() - start));
  }
  await vm.close();
  const cold: Array<{ openMs: number; firstMs: number; secondMs: number; contracts: number }> = [];
  for (let run = 0; run < 7; run++) cold.push(await coldDiff(path, a, b));
  rmSync(dir, { recursive: true, force: true });
  const med = (pick: (r: (typeof cold)[number]) => number) =>
    cold.map(pick).sort((x, y) => x - y)[cold.length >> 1];
  report(
    'diff_one_page_cold_ms',
    med((r) => r.firstMs),
    3,
  );
  report(
    'diff_one_page_second_ms',
    med((r) => r.secondMs),
    3,
  );
  report('diff_one_page_warm_ms', ns / 1e6, 3);
  report('diff_one_page_view_warm_ms', median(viewed) / 1e6, 3);
  report(
    'store_open_10k_pages_ms',
    med((r) => r.openMs),
    1,
  );
  report('diff_one_page_contracts_changed', diff.length, 0);
  if (cold.some((r) => r.contracts !== diff.length))
    throw new Error(`a cold diff found ${cold.map((r) => r.contracts)} contracts changed`);
}

async function coldDiff(path: string, a: string, b: string) {
  const script = fileURLToPath(new URL('./cold-diff-child.ts', import.meta.url));
  const { stdout } = await runChild(
    process.execPath,
    ['--experimental-wasm-memory64', '--import', 'tsx', script, path, a, b],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    openMs: number;
    firstMs: number;
    secondMs: number;
    contracts: number;
  };
}

/** Opening a session and making its first call, on a commit with 1,000 contracts vs 1. */
async function sessionOpen(): Promise<void> {
  const counter = new Uint8Array(
    (await import('node:fs')).readFileSync(
      new URL('../contracts/build/counter.wasm', import.meta.url),
    ),
  );
  const measure = async (contracts: number): Promise<number> => {
    const { dir, path } = tempStore();
    const vm: Vm = await createVm({ store: path });
    const g = vm.session();
    const ids: ContractId[] = [];
    for (let i = 0; i < contracts; i++) {
      const bytes = new Uint8Array(32);
      new DataView(bytes.buffer).setUint32(0, i + 1, true);
      ids.push(
        g.deploy(counter, { owner: OWNER, contractId: toContractId(bytes) }, GAS).contractId,
      );
    }
    const root: Root = await g.commit();
    await vm.close();
    // A fresh VM on the file, as when the app opens a store.
    const reopened = await createVm({ store: await openFileStore(path, { readOnly: true }) });
    const target = ids[ids.length >> 1];
    const none = new Uint8Array(0);
    const ns = medianNs(
      () => {
        const s = reopened.session({ base: root });
        s.callRaw(target, 'read_value', none, GAS);
        s.close();
      },
      300,
      30,
    );
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
    return ns;
  };
  const one = await measure(1);
  const thousand = await measure(1000);
  report('session_open_ratio', thousand / one);
  report('session_open_and_first_call_us_1000_contracts', thousand / 1000, 1);
}

/** Store growth per changed page when each commit rewrites one page with random bytes. */
async function bytesPerPage(): Promise<void> {
  const { dir, path } = tempStore();
  const vm = await createVm({ store: path });
  const bytecode = await writer();
  const g = vm.session();
  const { contractId } = g.deploy(bytecode, { owner: OWNER }, GAS);
  let root = await g.commit();
  const before = statSync(path).size;
  let pages = 0;
  for (let i = 0; i < 200; i++) {
    const s = vm.session({ base: root });
    s.callRaw(contractId, 'write', writeArg(65536 * (2 + (i % 8)), randomBytes(65536 - 4)), GAS);
    pages += s.diffBase().reduce((n, d) => n + d.pages.added.length + d.pages.changed.length, 0);
    root = await s.commit();
  }
  await vm.close(); // includes a checkpoint of the index: counted
  const growth = statSync(path).size - before;
  rmSync(dir, { recursive: true, force: true });
  report('store_bytes_per_changed_page', growth / pages, 0);
  report('store_bytes_per_changed_page_ratio', growth / pages / 65536);
}

export async function storeBench(): Promise<void> {
  await bytesPerPage();
  await sessionOpen();
  await diffOnePage();
  await commitFlat();
  await journalBench();
}

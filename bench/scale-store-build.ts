/**
 * Child process of scale-store.ts: builds a store of `target` commits in `dir`, each one session
 * on the previous commit with a tiny write (4 bytes into one of 3 pages, so every commit changes
 * exactly one page, and pages are mostly zeros: they deflate to a few hundred bytes), as fast as
 * the engine allows. The contract's memory is 4 pages: opening a session on a contract costs
 * about 1 ms per page of its memory (measured: 80 pages made each commit's session ~10× slower),
 * which would measure the memory size, not the store. At each mark (1k, 10k, … commits) it checkpoints the index (timed) and, below
 * the target, copies the file to `store-<n>.pis` so the parent can open each size in a fresh
 * process. At the target it measures the commit-time ratio against fresh stores, alternated.
 * Prints one JSON line per mark and a last one with the commit samples.
 *
 * With a fourth argument, a store this builder made (say the 20k copy of an earlier run), it
 * goes on from that store's last commit instead of starting empty (copied to `dir/state.pis`
 * first): the same chain, the same commits through the same store, without rebuilding the
 * first part; `buildMs` then counts only the commits made here.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from '../engine/core/ids';
import { contractWat, wat } from '../engine/testing/wat';
import type { FileCommitStore } from '../engine/store/file-store';
import { createVm, type Vm } from '../engine/vm/vm';

const [dir, targetArg, marksArg, resumeFrom] = process.argv.slice(2);
const target = Number(targetArg);
const marks = marksArg.split(',').map(Number);

const OWNER = new Uint8Array(32);
const GAS = 1n << 40n;

/** `write(offset u32 ‖ bytes)`: copies the bytes to the offset (as store-bench.ts's writer). */
const bytecode = await wat(
  contractWat(
    `(func (export "write") (param $len i32) (result i32)
      (memory.copy (i32.load (i32.const 0)) (i32.const 4) (i32.sub (local.get $len) (i32.const 4)))
      (i32.const 0))`,
    { memory: '(memory (export "memory") 4)' },
  ),
);

/** The n-th commit's argument: its number, written at a page chosen round-robin among 3. */
function tinyWrite(n: number): Uint8Array {
  const arg = new Uint8Array(8);
  const view = new DataView(arg.buffer);
  view.setUint32(0, 65536 * (1 + (n % 3)) + 8 * (Math.floor(n / 3) % 8000), true);
  view.setUint32(4, n, true);
  return arg;
}

/**
 * A chain of commits on one store; `once` makes the next one and returns its commit's ns. On a
 * store that has commits already, the chain goes on from its last one (this builder's chain).
 */
async function chain(path: string) {
  const resumed = existsSync(path);
  const vm: Vm = await createVm({ store: path });
  let head: Root;
  let contractId;
  let count: number;
  if (resumed) {
    const last = vm.commitRecords().at(-1)!;
    const probe = vm.session({ base: last.root });
    [contractId] = probe.contractIds();
    probe.close();
    head = last.root;
    count = Number(last.label.slice(1)) + 1;
  } else {
    const g = vm.session();
    contractId = g.deploy(bytecode, { owner: OWNER }, GAS).contractId;
    head = await g.commit('genesis');
    count = 1;
  }
  /** The last commit's CPU time (user + system, µs): what the commit cost, without the waits. */
  let lastCpuUs = 0;
  const once = async (): Promise<number> => {
    const s = vm.session({ base: head });
    s.callRaw(contractId, 'write', tinyWrite(count), GAS);
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    head = await s.commit(`c${count++}`);
    const used = process.cpuUsage(cpu);
    lastCpuUs = used.user + used.system;
    return Number(process.hrtime.bigint() - start);
  };
  return { vm, once, count: () => count, lastCpuUs: () => lastCpuUs };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const line = (o: object) => console.log(JSON.stringify(o));

// Warm the JIT on a throwaway chain first, as store-bench.ts's commitFlat does.
{
  const warmDir = mkdtempSync(join(dir, 'warm-'));
  const warm = await chain(join(warmDir, 'state.pis'));
  for (let i = 0; i < 300; i++) await warm.once();
  await warm.vm.close();
  rmSync(warmDir, { recursive: true, force: true });
}

/**
 * commit_flat_ratio's samples at the big store's current size, alternated: 5 commits on the big
 * store, then one fresh store's commits 11 to 15 (10 untimed first); `rounds` rounds, the big
 * store first in even rounds and second in odd ones (the disk's state after a mark's copy must
 * not weigh on one side only). Wall times in ns, and each commit's CPU time in µs.
 */
async function flatSamples(
  big: Awaited<ReturnType<typeof chain>>,
  rounds: number,
): Promise<{ small: number[]; large: number[]; smallCpu: number[]; largeCpu: number[] }> {
  const out = {
    small: [] as number[],
    large: [] as number[],
    smallCpu: [] as number[],
    largeCpu: [] as number[],
  };
  const onBig = async () => {
    for (let i = 0; i < 5; i++) {
      out.large.push(await big.once());
      out.largeCpu.push(big.lastCpuUs());
    }
  };
  const onFresh = async () => {
    const freshDir = mkdtempSync(join(dir, 'small-'));
    const fresh = await chain(join(freshDir, 'state.pis'));
    while (fresh.count() < 10) await fresh.once();
    for (let i = 0; i < 5; i++) {
      out.small.push(await fresh.once());
      out.smallCpu.push(fresh.lastCpuUs());
    }
    await fresh.vm.close();
    rmSync(freshDir, { recursive: true, force: true });
  };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      await onBig();
      await onFresh();
    } else {
      await onFresh();
      await onBig();
    }
  }
  return out;
}

const path = join(dir, 'state.pis');
if (resumeFrom !== undefined) copyFileSync(resumeFrom, path);
const big = await chain(path);
const store = big.vm.store as FileCommitStore;
const buildStart = process.hrtime.bigint();
let window: number[] = [];
/** Time spent at marks (checkpoint, copy, flat samples): not part of the build time. */
let excludedMs = 0;
for (const mark of marks) {
  while (big.count() < mark) {
    window.push(await big.once());
    if (window.length > 200) window.shift();
  }
  const buildMs = ms(buildStart) - excludedMs;
  const markStart = process.hrtime.bigint();
  const before = statSync(path).size;
  const start = process.hrtime.bigint();
  await store.checkpoint();
  const checkpointMs = ms(start);
  const fileBytes = statSync(path).size;
  if (mark < target) {
    const copy = join(dir, `store-${mark}.pis`);
    copyFileSync(path, copy);
    // Flushed now: hundreds of MB written back during the flat samples would slow their fsyncs.
    const fd = openSync(copy, 'r+');
    fsyncSync(fd);
    closeSync(fd);
  }
  const sorted = [...window].sort((a, b) => a - b);
  line({
    mark,
    buildMs,
    fileBytes,
    checkpointMs,
    checkpointBytes: fileBytes - before,
    commitMedianMs: sorted[sorted.length >> 1] / 1e6,
    commitMaxMs: sorted.at(-1)! / 1e6,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    ...(mark >= 10_000 ? await flatSamples(big, 20) : {}),
  });
  window = [];
  excludedMs += ms(markStart);
}

await big.vm.close();

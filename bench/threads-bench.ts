/**
 * `parallel_speedup_2`: throughput of two sessions on two worker threads ÷ one session on one
 * worker thread. The same two workers run a fixed batch of CPU-bound calls (fibonacci), one
 * alone, then both at once, alternating over seven rounds; ratio of the medians.
 */
import { readFileSync } from 'node:fs';
import type { ContractId } from '../engine/core/ids';
import { encode, t } from '../engine/rkyv';
import { WorkerSession } from '../engine/threads/worker-session';
import { resultOf } from '../engine/vm/async-session';
import { createVm } from '../engine/vm/vm';
import { report } from './measure';

const OWNER = new Uint8Array(32);
const ARG = encode(t.u32, 24);
const CALLS = 300;

export async function threadsBench(): Promise<void> {
  const fib = new Uint8Array(
    readFileSync(new URL('../contracts/build/fibonacci.wasm', import.meta.url)),
  );
  const vm = await createVm();
  const sessions = await Promise.all([0, 1].map(() => WorkerSession.open(vm)));
  const ids: ContractId[] = await Promise.all(
    sessions.map(
      async (s) => resultOf(await s.deploy(fib, { owner: OWNER }, 1_000_000n)).contractId,
    ),
  );
  const batch = async (k: number): Promise<void> => {
    for (let i = 0; i < CALLS; i++) resultOf(await sessions[k].call(ids[k], 'nth', ARG, 1n << 50n));
  };
  await Promise.all([batch(0), batch(1)]); // warm both workers' compiled code
  // Alternate the two measurements so that drift (other load, CPU clocks) hits both alike.
  const ones: number[] = [];
  const twos: number[] = [];
  for (let round = 0; round < 7; round++) {
    let start = performance.now();
    await batch(round % 2);
    ones.push(CALLS / (performance.now() - start));
    start = performance.now();
    await Promise.all([batch(0), batch(1)]);
    twos.push((2 * CALLS) / (performance.now() - start));
  }
  await Promise.all(sessions.map((s) => s.close()));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  report('parallel_speedup_2', median(twos) / median(ones));
  report('fib24_calls_per_s_one_worker', median(ones) * 1000, 0);
  report('machine_parallel_ratio_2', await machineParallelism());
}

/**
 * What the machine gives two busy threads right now (2.0 on two idle cores): read
 * parallel_speedup_2 against it when other work shares the machine.
 */
async function machineParallelism(): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const spin = `let n = 0; const end = Date.now() + 1000; while (Date.now() < end) n++; require('node:worker_threads').parentPort.postMessage(n);`;
  const run = (k: number): Promise<number[]> =>
    Promise.all(
      Array.from(
        { length: k },
        () =>
          new Promise<number>((resolve) =>
            new Worker(spin, { eval: true }).once('message', resolve),
          ),
      ),
    );
  const [one] = await run(1);
  const two = await run(2);
  return (two[0] + two[1]) / one;
}

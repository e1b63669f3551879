/**
 * Engine figures of issue #2: metering overhead, per-call overhead, root update cost per page.
 */
import { readFileSync } from 'node:fs';
import { blake3 } from '../engine/hash/blake3';
import { encode, t } from '../engine/rkyv';
import type { ContractId } from '../engine/core/ids';
import type { Session } from '../engine/vm/session';
import { unmeteredTracer } from '../engine/testing/unmetered-tracer';
import { createVm } from '../engine/vm/vm';
import { medianNs, report } from './measure';
import { engineVsWasmtime } from './wasmtime-bench';

const OWNER = new Uint8Array(32);
const wasm = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../contracts/build/${name}.wasm`, import.meta.url)));

/**
 * `metering_overhead_ratio`: fibonacci.nth(25) (~250,000 function invocations) through the same
 * engine, session and call path twice, once on the contract's module and once on the same module
 * instrumented without metering (engine/testing/unmetered-tracer.ts: no gas charges, no
 * out-of-gas checks; gas still threaded through calls, pages still tracked), alternated so that
 * machine noise falls on both alike; the ratio of their medians. Only the metering differs. (The
 * figure before issue 14 divided by the raw, uninstrumented module called directly: another
 * module and no engine, which came out faster metered than not, 0.82–0.89.)
 */
async function meteringOverhead(): Promise<void> {
  const vm = await createVm();
  const session = vm.session();
  const { contractId } = session.deploy(wasm('fibonacci'), { owner: OWNER }, 1_000_000n);
  const arg = encode(t.u32, 25);
  const call = () => session.callRaw(contractId, 'nth', arg, 1n << 60n);
  const metered: number[] = [];
  const unmetered: number[] = [];
  for (let i = 0; i < 33; i++) {
    for (const [samples, tracer] of [
      [metered, undefined],
      [unmetered, unmeteredTracer],
    ] as const) {
      session.setTracer(tracer);
      const start = process.hrtime.bigint();
      call();
      if (i >= 3) samples.push(Number(process.hrtime.bigint() - start));
    }
  }
  session.setTracer(undefined);
  report('metering_overhead_ratio', median(metered) / median(unmetered));
  report('fibonacci_nth25_metered_ms', median(metered) / 1e6, 3);
  report('fibonacci_nth25_unmetered_ms', median(unmetered) / 1e6, 3);
}

/** Median µs of a top-level counter.increment, receipt included. */
async function callOverhead(): Promise<void> {
  const vm = await createVm();
  const session = vm.session();
  const { contractId } = session.deploy(wasm('counter'), { owner: OWNER }, 1_000_000n);
  const none = new Uint8Array(0);
  const ns = medianNs(
    () => session.callRaw(contractId, 'increment', none, 1_000_000n),
    20_000,
    2_000,
  );
  report('call_overhead_us', ns / 1000);
}

/**
 * Root update cost against a raw BLAKE3 of one 64 KiB page (`blake3_64k_us`, the native hasher),
 * the median of 1,000 updates each after a call (the call not timed):
 * - `root_single_page_ratio` (the headline, the common case): `pages.bump` changes one byte of
 *   one page and takes no argument, so nothing else is dirty (an argument is written to page 0,
 *   which then needs hashing too). The time of `root()`: that page's hash, its path in the page
 *   tree (8 nodes) and in the contracts tree (32 nodes). The page's hash is updated from the 1 KiB
 *   chunk the call wrote (merkle/page-hash-trees.ts), as for any page changed again in a few
 *   chunks after its first hash in the session; its tree is built at the second update, which the
 *   median leaves out (the 20 first updates are not counted). 1.0 = one whole page hash.
 * - `root_single_page_first_ratio`: the same change in a session opened on a commit, so that the
 *   page is hashed for the first time in the session, whole (a new session per sample, 300; the
 *   session's opening and the call not timed). Every root paid this before issue 14.
 * - `root_per_page_ratio`: `write_many` dirties 16 pages (and page 0, its argument); the root
 *   time ÷ 16, so the tree work is spread over many pages.
 */
async function rootPerPage(): Promise<void> {
  const page = new Uint8Array(65536).map((_, i) => (i * 31) & 0xff);
  const rawHash = medianNs(() => blake3(page), 2000);
  const vm = await createVm();
  const medianRoot = (call: (session: Session, id: ContractId, i: number) => void): number => {
    const session = vm.session();
    const { contractId } = session.deploy(wasm('pages'), { owner: OWNER }, 1_000_000n);
    const samples: number[] = [];
    for (let i = 0; i < 1020; i++) {
      call(session, contractId, i);
      const start = process.hrtime.bigint();
      session.root();
      if (i >= 20) samples.push(Number(process.hrtime.bigint() - start));
    }
    session.close();
    return median(samples);
  };
  const none = new Uint8Array(0);
  const single = medianRoot((s, id) => s.callRaw(id, 'bump', none, 1n << 40n));
  const sixteen = medianRoot((s, id, i) =>
    s.callRaw(id, 'write_many', encode(t.tuple(t.u32, t.u32), [1 + (i % 4), 16]), 1n << 40n),
  );
  const first = await medianFirstRoot(vm, none);
  report('root_single_page_ratio', single / rawHash);
  report('root_single_page_us', single / 1000);
  report('root_single_page_first_ratio', first / rawHash);
  report('root_per_page_ratio', sixteen / 16 / rawHash);
  report('blake3_64k_us', rawHash / 1000);
}

/** `root_single_page_first_ratio`'s samples: bump once in a fresh session on a commit, root. */
async function medianFirstRoot(vm: Awaited<ReturnType<typeof createVm>>, none: Uint8Array) {
  const setup = vm.session();
  const { contractId } = setup.deploy(wasm('pages'), { owner: OWNER }, 1_000_000n);
  setup.callRaw(contractId, 'bump', none, 1n << 40n);
  const base = await setup.commit();
  const samples: number[] = [];
  for (let i = 0; i < 320; i++) {
    const session = vm.session({ base });
    session.callRaw(contractId, 'bump', none, 1n << 40n);
    const start = process.hrtime.bigint();
    session.root();
    if (i >= 20) samples.push(Number(process.hrtime.bigint() - start));
    session.close();
  }
  return median(samples);
}

function median(samples: number[]): number {
  samples.sort((x, y) => x - y);
  return samples[samples.length >> 1];
}

export async function engineBench(): Promise<void> {
  await meteringOverhead();
  await callOverhead();
  await rootPerPage();
  await engineVsWasmtime();
}

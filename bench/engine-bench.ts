/**
 * Engine figures of issue #2: metering overhead, per-call overhead, root update cost per page.
 */
import { readFileSync } from 'node:fs';
import { blake3 } from '../engine/hash/blake3';
import { encode, t } from '../engine/rkyv';
import type { ContractId } from '../engine/core/ids';
import type { Session } from '../engine/vm/session';
import { createVm } from '../engine/vm/vm';
import { medianNs, report } from './measure';
import { engineVsWasmtime } from './wasmtime-bench';

const OWNER = new Uint8Array(32);
const wasm = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../contracts/build/${name}.wasm`, import.meta.url)));

/** fibonacci.nth through the engine vs the same export of the unmetered module, called directly. */
async function meteringOverhead(): Promise<void> {
  const n = 25;
  const bytes = wasm('fibonacci');
  const vm = await createVm();
  const session = vm.session();
  const { contractId } = session.deploy(bytes, { owner: OWNER }, 1_000_000n);
  const arg = encode(t.u32, n);
  const metered = medianNs(() => session.callRaw(contractId, 'nth', arg, 1n << 60n), 15);

  const module = new WebAssembly.Module(bytes);
  const imports: Record<string, Record<string, () => never>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    imports[imp.module] ??= {};
    imports[imp.module][imp.name] = () => {
      throw new Error(`import ${imp.name} called`);
    };
  }
  const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
  const exports = instance.exports as Record<string, unknown>;
  const memory = exports.memory as WebAssembly.Memory;
  const a = Number((exports.A as WebAssembly.Global).value);
  const nth = exports.nth as (len: number) => number;
  const plain = medianNs(() => {
    new Uint8Array(memory.buffer).set(arg, a);
    nth(arg.length);
  }, 15);
  report('metering_overhead_ratio', metered / plain);
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
 * Root update cost against a raw BLAKE3 of one 64 KiB page (`blake3_64k_us`), the median of 1,000
 * updates each after a call (the call not timed):
 * - `root_single_page_ratio` (the headline, the common case): `pages.bump` changes exactly one
 *   page and takes no argument, so nothing else is dirty (an argument is written to page 0, which
 *   then needs hashing too). The time of `root()`: that page's hash, its path in the page tree (8
 *   nodes) and in the contracts tree (32 nodes). 1.0 would be the page hash alone.
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
    samples.sort((x, y) => x - y);
    return samples[samples.length >> 1];
  };
  const none = new Uint8Array(0);
  const single = medianRoot((s, id) => s.callRaw(id, 'bump', none, 1n << 40n));
  const sixteen = medianRoot((s, id, i) =>
    s.callRaw(id, 'write_many', encode(t.tuple(t.u32, t.u32), [1 + (i % 4), 16]), 1n << 40n),
  );
  report('root_single_page_ratio', single / rawHash);
  report('root_single_page_us', single / 1000);
  report('root_per_page_ratio', sixteen / 16 / rawHash);
  report('blake3_64k_us', rawHash / 1000);
}

export async function engineBench(): Promise<void> {
  await meteringOverhead();
  await callOverhead();
  await rootPerPage();
  await engineVsWasmtime();
}

/**
 * Big memories (issue 14 item 5), in the `scale` group: a contract that has written 256 MiB
 * (4,096 pages of 64 KiB, a distinct word on each, so no two pages are equal and each deflates
 * well), on a store file in a temp dir (deleted after). Engine figures only, each one run (a run
 * takes tens of seconds):
 * - `big_memory_write_ms`: the call that grows the memory to 4,096 pages and writes every page.
 * - `big_memory_root_ms`: `Session.root()` right after that call: every page hashed, the page
 *   tree and the contracts tree built (the first root of the session; cold).
 * - `big_memory_commit_ms`: `Session.commit()` next: the root again (cached) plus encoding,
 *   deflating and appending 4,096 pages and their nodes, fsync, index.
 * - `big_memory_session_call_ms`: a new session on that commit and its first call (writes one
 *   word in one page): the contract and its 256 MiB memory loaded from the store.
 * - `big_memory_child_commit_ms`: committing that one-page change.
 * - `big_memory_diff_one_page_ms`: the diff of the child against its parent through the
 *   StateView (`changesSince`), the first in this process for those two commits.
 * - `memory_first_touch_256mib_ms`: the machine's floor under the write and the session call:
 *   copying 256 MiB into a new WebAssembly memory of 4,096 pages (shared, as a contract's is),
 *   page by page, first touch (the operating system maps each page then). Beside it
 *   `memory_second_touch_256mib_ms`, the same copy again into the same memory. Where the first
 *   is many times the second, the machine's page faults are what the big memory figures measure
 *   (this machine's VM, under load: 1.1–3.0 s against 0.02–0.05 s).
 * Then the Memory view on such a memory in Chromium (its opening and scroll smoothness):
 * scale-memory-view.ts, which lists its figures.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractWat, wat } from '../engine/testing/wat';
import { createVm } from '../engine/vm/vm';
import { report } from './measure';
import { scaleMemoryViewBench } from './scale-memory-view';
import { WRITE_PAGES_BODY } from './write-pages-wat';

const PAGES = 4096;
const GAS = 1n << 50n;

/** WRITE_PAGES_BODY's `write(n)`, and `poke((u32 offset, u32 word))`: one word written. */
const BODY = `${WRITE_PAGES_BODY}
(func (export "poke") (param i32) (result i32)
  (i32.store (i32.load (i32.const 0)) (i32.load (i32.const 4)))
  (i32.const 0))`;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** `memory_first_touch_256mib_ms` and `memory_second_touch_256mib_ms` (see above). */
function firstTouch(): void {
  const page = new Uint8Array(65536).fill(7);
  const memory = new WebAssembly.Memory({ initial: PAGES, maximum: 65536, shared: true });
  const view = new Uint8Array(memory.buffer);
  for (const figure of ['memory_first_touch_256mib_ms', 'memory_second_touch_256mib_ms']) {
    const start = process.hrtime.bigint();
    for (let p = 0; p < PAGES; p++) view.set(page, p * 65536);
    report(figure, ms(start), 1);
  }
}

export async function scaleMemoryBench(): Promise<void> {
  firstTouch();
  const dir = mkdtempSync(join(tmpdir(), 'pi-scale-memory-'));
  try {
    const path = join(dir, 'state.pis');
    const vm = await createVm({ store: path });
    const bytecode = await wat(contractWat(BODY, { memory: '(memory (export "memory") 1)' }));
    const s = vm.session();
    const id = s.deploy(bytecode, { owner: new Uint8Array(32) }, GAS).contractId;
    let start = process.hrtime.bigint();
    s.callRaw(id, 'write', new Uint8Array(new Uint32Array([PAGES - 1]).buffer), GAS);
    report('big_memory_write_ms', ms(start), 1);
    start = process.hrtime.bigint();
    s.root();
    report('big_memory_root_ms', ms(start), 1);
    start = process.hrtime.bigint();
    const parent = await s.commit('256 MiB');
    report('big_memory_commit_ms', ms(start), 1);
    report('big_memory_store_mb', statSync(path).size / 1e6, 1);

    start = process.hrtime.bigint();
    const child = vm.session({ base: parent });
    child.callRaw(id, 'poke', new Uint8Array(new Uint32Array([65536 * 2000 + 64, 7]).buffer), GAS);
    report('big_memory_session_call_ms', ms(start), 1);
    start = process.hrtime.bigint();
    const root = await child.commit('one page');
    report('big_memory_child_commit_ms', ms(start), 1);
    start = process.hrtime.bigint();
    const diff = await vm.at(root).changesSince(vm.at(parent));
    report('big_memory_diff_one_page_ms', ms(start), 1);
    // Page 0 holds the call's argument: the one data page is the other.
    const pages = diff
      .flatMap((d) => [...d.pages.changed, ...d.pages.added])
      .filter((p) => p !== 0);
    if (pages.length !== 1)
      throw new Error(`the one-page change diffed as pages ${pages.join(', ')}`);
    await vm.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await scaleMemoryViewBench();
}

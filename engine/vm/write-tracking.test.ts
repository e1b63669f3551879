// Write tracking by chunk (wasm/write-marks.ts) and page hashes updated from the chunks written
// (merkle/page-hash-trees.ts). The oracle for a root: the same calls in a session that computes
// its root only at the end, so that every page is hashed whole, once, by the native hasher.
import { describe, expect, test } from 'vitest';
import type { ContractId, Root } from '../core/ids';
import { GAS_TABLES } from '../wasm/gas-schedule';
import { contractWat, wat } from '../testing/wat';
import { instrumentModule } from '../wasm/instrument';
import { parseModule } from '../wasm/module';
import type { Session } from './session';
import { createVm, type Vm } from './vm';

const OWNER = new Uint8Array(32);
const GAS = 10_000_000n;

// The argument (at 0): three u32s a, b, c.
const BODY = `
  (func $a (result i32) (i32.load (i32.const 0)))
  (func $b (result i32) (i32.load (i32.const 4)))
  (func $c (result i32) (i32.load (i32.const 8)))
  (func (export "store64") (param i32) (result i32)
    (i64.store (call $a) (i64.extend_i32_u (call $b)) (i64.const 0x0101010101010101) (i64.mul)) (i32.const 0))
  (func (export "store32") (param i32) (result i32) (i32.store (call $a) (call $b)) (i32.const 0))
  (func (export "store16") (param i32) (result i32) (i32.store16 (call $a) (call $b)) (i32.const 0))
  (func (export "store8") (param i32) (result i32) (i32.store8 (call $a) (call $b)) (i32.const 0))
  (func (export "v128") (param i32) (result i32)
    (v128.store (call $a) (i8x16.splat (call $b))) (i32.const 0))
  (func (export "fill") (param i32) (result i32) (memory.fill (call $a) (call $b) (call $c)) (i32.const 0))
  (func (export "copy") (param i32) (result i32) (memory.copy (call $a) (call $b) (call $c)) (i32.const 0))
  (func (export "storeThenFail") (param i32) (result i32)
    (i64.store (call $a) (i64.const -1)) unreachable)
  (func (export "growThenStore") (param i32) (result i32)
    (drop (memory.grow (call $c))) (i64.store (call $a) (i64.extend_i32_u (call $b))) (i32.const 0))
  (func (export "read") (param i32) (result i32) (memory.copy (i32.const 0) (call $a) (i32.const 16)) (i32.const 16))`;

const CONTRACT = contractWat(BODY, { memory: '(memory (export "memory") 4)' });

type Op = [fn: string, a: number, b: number, c?: number];

function args(a: number, b: number, c = 0): Uint8Array {
  const out = new Uint8Array(12);
  const view = new DataView(out.buffer);
  view.setUint32(0, a, true);
  view.setUint32(4, b, true);
  view.setUint32(8, c, true);
  return out;
}

async function deployed(
  vm: Vm,
  base?: Root,
  contract = CONTRACT,
): Promise<{ s: Session; id: ContractId }> {
  const s = vm.session(base === undefined ? {} : { base });
  const { contractId } = s.deploy(await wat(contract), { owner: OWNER }, GAS);
  return { s, id: contractId };
}

function run(s: Session, id: ContractId, [fn, a, b, c]: Op): void {
  try {
    s.callRaw(id, fn, args(a, b, c), GAS);
  } catch (e) {
    if (fn !== 'storeThenFail') throw e;
  }
}

function read(s: Session, id: ContractId, at: number): number[] {
  return [...s.callRaw(id, 'read', args(at, 0), GAS).data];
}

const KIB = 1024;
const PAGE = 65536;

describe('write tracking by chunk', () => {
  test('a store straddling two pages writes both: committed, read back, and reverted on failure', async () => {
    const vm = await createVm();
    const { s, id } = await deployed(vm);
    run(s, id, ['store64', PAGE - 4, 0xab]);
    const root = await s.commit();
    const next = vm.session({ base: root });
    expect(read(next, id, PAGE - 4).slice(0, 8)).toEqual(Array(8).fill(0xab));
    run(next, id, ['storeThenFail', 2 * PAGE - 4, 0]);
    expect(read(next, id, 2 * PAGE - 4).slice(0, 8)).toEqual(Array(8).fill(0));
    // The page only the failed store reached is not dirty: the same reads without it give the
    // same root (the reads write their result, and the argument, into page 0).
    const reads = vm.session({ base: root });
    read(reads, id, PAGE - 4);
    read(reads, id, 2 * PAGE - 4);
    expect(next.root()).toBe(reads.root());
  });

  test('roots updated call after call equal the root of the same calls hashed once', async () => {
    const ops: Op[] = [];
    // Writes at chunk and page boundaries, straddling or not, by every kind of writer, each page
    // written many times so that its hash tree is built and then updated.
    for (let round = 0; round < 4; round++) {
      ops.push(
        ['store64', 3 * KIB - 3, round + 1],
        ['store32', PAGE - 2, round + 7],
        ['store16', 31 * KIB + 1023, round + 3],
        ['store8', 63 * KIB + 1023, round + 5],
        ['v128', 32 * KIB - 8, round + 9],
        ['fill', PAGE + 5 * KIB - 10, round + 2, 20],
        ['copy', 2 * PAGE + 10 * KIB - 100, 3 * KIB - 3, 200],
        ['storeThenFail', 40 * KIB - 4, 0],
        ['fill', 3 * PAGE, round, 12 * KIB], // wide: hashed whole, its tree dropped
        ['store8', 3 * PAGE + 100, round + 1], // then small again
      );
    }
    const vm = await createVm();
    const step = await deployed(vm);
    const once = await deployed(vm);
    const roots: string[] = [];
    for (const op of ops) {
      run(step.s, step.id, op);
      roots.push(step.s.root());
      run(once.s, once.id, op);
    }
    expect(step.s.root()).toBe(once.s.root());
    // Every intermediate root too: replay a prefix in a fresh session and hash once.
    for (const k of [0, 9, 10, 23, ops.length - 2]) {
      const fresh = await deployed(vm);
      for (const op of ops.slice(0, k + 1)) run(fresh.s, fresh.id, op);
      expect(roots[k], `after op ${k} (${ops[k][0]})`).toBe(fresh.s.root());
    }
  });

  test('from a commit: pages loaded from the store are updated correctly too', async () => {
    const vm = await createVm();
    const first = await deployed(vm);
    run(first.s, first.id, ['fill', 0, 7, 4 * PAGE]);
    const base = await first.s.commit();
    const step = vm.session({ base });
    const once = vm.session({ base });
    for (let i = 0; i < 6; i++) {
      const op: Op = ['store32', 2 * PAGE + 17 * KIB + 4 * i, i];
      run(step, first.id, op);
      step.root();
      run(once, first.id, op);
    }
    expect(step.root()).toBe(once.root());
  });

  test('a memory of 300 pages, and memory grown by the call', async () => {
    const big = contractWat(BODY, { memory: '(memory (export "memory") 300)' });
    const vm = await createVm();
    const step = await deployed(vm, undefined, big);
    const once = await deployed(vm, undefined, big);
    const ops: Op[] = [];
    for (let i = 0; i < 3; i++) {
      ops.push(['store64', 299 * PAGE + 5 * KIB - 4, i + 1]);
      ops.push(['growThenStore', (300 + i) * PAGE + 7 * KIB - 2, i + 1, 1]);
      ops.push(['store32', (300 + i) * PAGE + 7 * KIB - 2, i + 9]);
    }
    for (const op of ops) {
      run(step.s, step.id, op);
      step.s.root();
      run(once.s, once.id, op);
    }
    expect(step.s.root()).toBe(once.s.root());
    const root = await step.s.commit();
    const next = vm.session({ base: root });
    expect(read(next, step.id, 302 * PAGE + 7 * KIB - 2).slice(0, 4)).toEqual([11, 0, 0, 0]);
    expect(read(next, step.id, 302 * PAGE + 7 * KIB + 2).slice(0, 4)).toEqual([0, 0, 0, 0]);
  });
});

describe('what tracking adds to every instance', () => {
  // V8 allocates a table's entries with each instance, one per top-level call, at a few ns an
  // entry: a table by chunk cost 1 ms a call on a 300-page memory. Chunks go to a bitmap instead.
  test('one empty table whatever the memory size, and the bitmap through an import', async () => {
    for (const pages of [1, 300]) {
      const original = parseModule(
        await wat(contractWat(BODY, { memory: `(memory (export "memory") ${pages})` })),
      );
      const instrumented = parseModule(instrumentModule(original, GAS_TABLES.head).bytes);
      expect(instrumented.tables.map((t) => t.limits.min)).toEqual([0n]);
      expect(instrumented.imports.map((i) => i.name)).toContain('markChunk');
    }
  });
});

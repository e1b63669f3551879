// The oracle's copy of a module must compute exactly what the original computes (only where
// fuel is charged may differ): both run here in V8, the copy with its `__oracle` host functions
// written in JavaScript, and must leave the same memory and return the same value.
import { describe, expect, test } from 'vitest';
import { wat } from '../testing/wat';
import { oracleModule } from './oracle-module';

const SOURCE = `(module
  (type $t (func (param i32) (result i32)))
  (import "env" "hdebug" (func $hd (param i32)))
  (memory (export "memory") 1)
  (global (export "A") i32 (i32.const 0))
  (global $fn funcref (ref.func $dbl))
  (table 2 funcref) (elem (i32.const 0) $inc $dbl)
  (data (i32.const 100) "abcdefgh")
  (data $p "passive!")
  (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $t) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "f") (param i32) (result i32)
    (memory.copy (i32.const 200) (i32.const 100) (i32.const 8))
    (memory.fill (i32.const 300) (i32.const 7) (i32.const 4))
    (memory.init $p (i32.const 400) (i32.const 2) (i32.const 6))
    (data.drop $p)
    (i32.store (i32.const 500) (memory.grow (i32.const 1)))
    (i64.store (i32.const 508) (i64.const -1))
    (i32.store (i32.const 0) (call_indirect (type $t) (call $inc (local.get 0)) (i32.const 1)))
    (call $hd (i32.const 0))
    (i32.const 4)))`;

type Memory = WebAssembly.Memory;

function oracleImports(memory: () => Memory, passive: Map<number, Uint8Array>) {
  const bytes = () => new Uint8Array(memory().buffer);
  const dropped = new Set<number>();
  return {
    memory_grow: (delta: number) => memory().grow(delta),
    memory_copy: (dst: number, src: number, n: number) => bytes().copyWithin(dst, src, src + n),
    memory_fill: (dst: number, value: number, n: number) => bytes().fill(value, dst, dst + n),
    'memory_init.1': (dst: number, src: number, n: number) => {
      const data = dropped.has(1) ? new Uint8Array(0) : passive.get(1)!;
      if (src + n > data.length) throw new Error('out of bounds');
      bytes().set(data.subarray(src, src + n), dst);
    },
    'data_drop.1': () => dropped.add(1),
  };
}

async function runBoth(table: 'head' | '0.19') {
  const original = await wat(SOURCE);
  const copy = oracleModule(original, table);
  const debug: number[] = [];
  const env = { hdebug: (n: number) => debug.push(n) };
  const a = await WebAssembly.instantiate(original, { env });
  // The host functions need the copy's memory, which exists once the copy is instantiated.
  const late: { instance?: WebAssembly.Instance } = {};
  const memoryOfCopy = () => late.instance!.exports.memory as Memory;
  const b = await WebAssembly.instantiate(copy.bytes, {
    env,
    __oracle: oracleImports(memoryOfCopy, copy.passiveSegments),
  });
  late.instance = b.instance;
  return { a: a.instance, b: b.instance, copy, debug };
}

describe('the oracle copy', () => {
  for (const table of ['head', '0.19'] as const) {
    test(`computes what the original computes (${table})`, async () => {
      const { a, b, debug } = await runBoth(table);
      const f = (i: WebAssembly.Instance) => (i.exports.f as (n: number) => number)(20);
      expect(f(b)).toBe(f(a));
      const memory = (i: WebAssembly.Instance) =>
        Buffer.from((i.exports.memory as Memory).buffer).toString('hex');
      expect(memory(b)).toBe(memory(a));
      // (20 + 1) * 2 through the table, at A[0]; the host import was reached from both.
      expect(new DataView((a.exports.memory as Memory).buffer).getInt32(0, true)).toBe(42);
      expect(debug).toEqual([0, 0]);
    });
  }

  test('pads each store with its head surcharge in (i32.const 0, drop) pairs, only under head', async () => {
    const original = await wat(SOURCE);
    const pairs = (bytes: Uint8Array) =>
      Buffer.from(bytes).toString('hex').split('41001a').length - 1;
    const base = pairs(oracleModule(original, '0.19').bytes);
    // Two i32.store (16: 15 pairs each) and one i64.store (32: 31 pairs).
    expect(pairs(oracleModule(original, 'head').bytes) - base).toBe(15 + 15 + 31);
  });

  test("imports each replacement once, after the contract's own imports", async () => {
    const { copy } = await runBoth('head');
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(copy.bytes)).map(
      (i) => `${i.module}.${i.name}`,
    );
    expect(imports).toEqual([
      'env.hdebug',
      '__oracle.memory_copy',
      '__oracle.memory_fill',
      '__oracle.memory_init.1',
      '__oracle.data_drop.1',
      '__oracle.memory_grow',
    ]);
    expect([...copy.passiveSegments.keys()]).toEqual([1]);
    expect(copy.activeSegments).toEqual([0]);
  });
});

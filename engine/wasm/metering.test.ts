import { describe, expect, test } from 'vitest';
import { contractWat, wat } from '../testing/wat';
import { createVm } from '../vm/vm';
import type { Session } from '../vm/session';
import type { ContractId } from '../core/ids';
import { isPiecrustError } from '../core/errors';
import { readFileSync } from 'node:fs';
import { decode, encode, t } from '../rkyv';
import { unmeteredTracer } from '../testing/unmetered-tracer';

const OWNER = new Uint8Array(32);
const NONE = new Uint8Array(0);

async function deploy(
  body: string,
  opts?: Parameters<typeof contractWat>[1],
): Promise<{ s: Session; id: ContractId }> {
  const vm = await createVm();
  const s = vm.session();
  const { contractId } = s.deploy(await wat(contractWat(body, opts)), { owner: OWNER }, 1_000_000n);
  return { s, id: contractId };
}

function gasOf(s: Session, id: ContractId, fn: string, limit = 1_000_000n): bigint {
  return s.callRaw(id, fn, NONE, limit).gasSpent;
}

// Every figure below is the sum of the operator costs (spec §4.1's table) plus ENTRY (1) per
// function invocation, written out term by term; tests/oracle checks the same rule against
// wasmtime's own fuel count.
const ENTRY = 1n;

describe('gas metering (spec §4)', () => {
  test('counts every executed operator once, control operators free, plus the entry', async () => {
    // i32.const (1) + i32.const (1) + i32.add (1) + drop (0) + nop (0) + block/end (0) + i32.const (1)
    const { s, id } = await deploy(`(func (export "f") (param i32) (result i32)
      i32.const 1 i32.const 2 i32.add drop nop (block nop) i32.const 0)`);
    expect(gasOf(s, id, 'f')).toBe(ENTRY + 4n);
  });

  test('even a body of one constant costs its entry', async () => {
    const { s, id } = await deploy(`(func (export "f") (param i32) (result i32) i32.const 0)`);
    expect(gasOf(s, id, 'f')).toBe(ENTRY + 1n);
  });

  test('stores cost 4 gas per byte of their width class', async () => {
    const { s, id } = await deploy(`
      (func (export "s32") (param i32) (result i32) (i32.store (i32.const 8) (i32.const 1)) (i32.const 0))
      (func (export "s8") (param i32) (result i32) (i32.store8 (i32.const 8) (i32.const 1)) (i32.const 0))
      (func (export "s64") (param i32) (result i32) (i64.store (i32.const 8) (i64.const 1)) (i32.const 0))
      (func (export "s64_8") (param i32) (result i32) (i64.store8 (i32.const 8) (i64.const 1)) (i32.const 0))
      (func (export "f64") (param i32) (result i32) (f64.store (i32.const 8) (f64.const 1)) (i32.const 0))
      (func (export "v128") (param i32) (result i32) (v128.store (i32.const 16) (v128.const i64x2 1 2)) (i32.const 0))`);
    // entry + two consts + the store + the returned const
    expect(gasOf(s, id, 's32')).toBe(ENTRY + 1n + 1n + 16n + 1n);
    expect(gasOf(s, id, 's8')).toBe(ENTRY + 1n + 1n + 16n + 1n);
    expect(gasOf(s, id, 's64')).toBe(ENTRY + 1n + 1n + 32n + 1n);
    expect(gasOf(s, id, 's64_8')).toBe(ENTRY + 1n + 1n + 32n + 1n);
    expect(gasOf(s, id, 'f64')).toBe(ENTRY + 1n + 1n + 32n + 1n);
    expect(gasOf(s, id, 'v128')).toBe(ENTRY + 1n + 1n + 64n + 1n);
  });

  test('loops are charged per iteration, branches and calls included, each callee its entry', async () => {
    const { s, id } = await deploy(`
      (func $dec (param i32) (result i32) (i32.sub (local.get 0) (i32.const 1)))
      (func (export "loop10") (param i32) (result i32) (local i32)
        (local.set 1 (i32.const 10))
        (loop $l (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
        (i32.const 0))
      (func (export "call") (param i32) (result i32) (drop (call $dec (i32.const 5))) (i32.const 0))
      (func (export "call3") (param i32) (result i32)
        (drop (call $dec (call $dec (call $dec (i32.const 5))))) (i32.const 0))`);
    // setup: i32.const + local.set = 2; per iteration: local.get, i32.const, i32.sub, local.tee,
    // br_if = 5; the returned i32.const = 1
    expect(gasOf(s, id, 'loop10')).toBe(ENTRY + 2n + 10n * 5n + 1n);
    // i32.const, call, [$dec: entry, local.get, i32.const, i32.sub], drop (0), i32.const
    const dec = ENTRY + 3n;
    expect(gasOf(s, id, 'call')).toBe(ENTRY + 1n + 1n + dec + 1n);
    // three calls: three call operators and three entries of $dec
    expect(gasOf(s, id, 'call3')).toBe(ENTRY + 1n + 3n * (1n + dec) + 1n);
  });

  test('a call to a host import costs its call operator only (no entry: not a wasm body)', async () => {
    const { s, id } = await deploy(
      `(func (export "f") (param i32) (result i32) (call $limit) drop (i32.const 0))`,
      { imports: '(import "env" "limit" (func $limit (result i64)))' },
    );
    // entry, call (1), drop (0), i32.const
    expect(gasOf(s, id, 'f')).toBe(ENTRY + 1n + 1n);
  });

  test('out of gas is detected at loop headers; the state is reverted', async () => {
    const { s, id } = await deploy(`(func (export "spin") (param i32) (result i32)
      (i32.store (i32.const 100) (i32.const 7)) (loop $l (br $l)) (i32.const 0))`);
    const before = s.root();
    let error: unknown;
    try {
      s.callRaw(id, 'spin', NONE, 10_000n);
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'OutOfGas')).toBe(true);
    expect(s.root()).toBe(before);
  });

  test('straight-line code may overdraw: the call succeeds and spends exactly its limit', async () => {
    const body = Array.from({ length: 20 }, () => 'i32.const 1 drop').join(' ');
    const { s, id } = await deploy(
      `(func (export "f") (param i32) (result i32) ${body} (i32.const 0))`,
    );
    const receipt = s.callRaw(id, 'f', NONE, 5n);
    expect(receipt.gasSpent).toBe(5n);
    // 20 × (i32.const + drop) + i32.const
    expect(gasOf(s, id, 'f')).toBe(ENTRY + 20n + 1n);
  });

  test('the entry is charged before the entry check: a limit of 1 traps at once', async () => {
    const { s, id } = await deploy(`
      (func $g (result i32) (i32.const 1))
      (func (export "f") (param i32) (result i32) (drop (call $g)) (drop (call $g)) (i32.const 0))
      (func (export "one") (param i32) (result i32) (i32.const 0))`);
    expect(() => s.callRaw(id, 'one', NONE, 1n)).toThrow('OutOfGas');
    // 2 = entry + i32.const: the check after the entry sees 1 left and passes
    expect(s.callRaw(id, 'one', NONE, 2n).gasSpent).toBe(2n);
    // f with 2: its entry leaves 1; the call operator (1) and $g's entry (1) leave -1 at $g's check
    expect(() => s.callRaw(id, 'f', NONE, 2n)).toThrow('OutOfGas');
    // f with 4: the first $g passes its check with 4 - 1 - 1 - 1 = 1 left and its i32.const
    // leaves 0; the second call and entry take it to -2 at the second $g's entry check
    expect(() => s.callRaw(id, 'f', NONE, 4n)).toThrow('OutOfGas');
    // entry, 2 × (call + [$g: entry + i32.const]), i32.const
    expect(gasOf(s, id, 'f')).toBe(ENTRY + 2n * (1n + ENTRY + 1n) + 1n);
  });

  test('NaN results are canonical, as wasmtime makes them', async () => {
    const { s, id } = await deploy(`(func (export "nan") (param i32) (result i32)
      (f64.store (i32.const 0) (f64.div (f64.const 0) (f64.const 0)))
      (f32.store (i32.const 8) (f32.sqrt (f32.const -1)))
      (i32.const 12))`);
    const data = s.callRaw(id, 'nan', NONE, 1000n).data;
    expect(Buffer.from(data).toString('hex')).toBe('000000000000f87f' + '0000c07f');
  });

  test('metering survives call_indirect, tables and tail calls', async () => {
    const { s, id } = await deploy(`
      (type $t (func (param i32) (result i32)))
      (table 2 funcref) (elem (i32.const 0) $inc $tail)
      (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))
      (func $tail (type $t) (return_call $inc (local.get 0)))
      (func (export "f") (param i32) (result i32)
        (i32.store (i32.const 0) (call_indirect (type $t) (i32.const 41) (i32.const 1)))
        (i32.const 4))`);
    const r = s.callRaw(id, 'f', NONE, 1000n);
    expect(Buffer.from(r.data).readUInt32LE(0)).toBe(42);
    // f: entry, i32.const 0, i32.const 41, i32.const 1, call_indirect, [tail: entry, local.get,
    // return_call, [inc: entry, local.get, i32.const, i32.add]], i32.store (16), i32.const 4
    expect(r.gasSpent).toBe(ENTRY + 3n + 1n + (ENTRY + 2n) + (ENTRY + 3n) + 16n + 1n);
  });
});

describe('the benchmark baseline: the module instrumented without metering', () => {
  test('computes what the metered module computes and spends no gas, even with 1 gas to spend', async () => {
    const vm = await createVm();
    const s = vm.session();
    const bytes = readFileSync(new URL('../../contracts/build/fibonacci.wasm', import.meta.url));
    const { contractId } = s.deploy(new Uint8Array(bytes), { owner: OWNER }, 1_000_000n);
    const arg = encode(t.u32, 20);
    const metered = s.callRaw(contractId, 'nth', arg, 10_000_000n);
    expect(metered.gasSpent).toBeGreaterThan(100_000n);
    const previous = s.setTracer(unmeteredTracer);
    try {
      const plain = s.callRaw(contractId, 'nth', arg, 1n);
      expect(decode(t.u64, plain.data)).toBe(10_946n); // nth(0) = nth(1) = 1
      expect(plain.data).toEqual(metered.data);
      expect(plain.gasSpent).toBe(0n);
    } finally {
      s.setTracer(previous);
    }
    // The tracer gone, the contract is metered again.
    expect(s.callRaw(contractId, 'nth', arg, 10_000_000n).gasSpent).toBe(metered.gasSpent);
  });
});

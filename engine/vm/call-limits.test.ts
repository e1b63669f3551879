// What stops a call besides its gas (call-context.ts): gas handed out in slices, so that a time
// limit or an interrupt flag is looked at every few milliseconds whatever the limit; and memory
// that grows in place. Figures are the table's costs plus ENTRY per invocation, term by term.
import { describe, expect, test } from 'vitest';
import { isPiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import { contractWat, wat } from '../testing/wat';
import { GAS_SLICE } from './call-context';
import type { Session } from './session';
import type { SessionOptions } from './types';
import { createVm } from './vm';

const ENTRY = 1n;
const OWNER = new Uint8Array(32);
const NONE = new Uint8Array(0);
const U64_MAX = (1n << 64n) - 1n;

// loop(n): i32.store of n, then n iterations of (local.get, i32.const, i32.sub, local.tee,
// br_if) = 5 each; spin: a write, then an endless loop; grow: memory.grow(1) until it fails.
const BODY = `
  (func (export "loop") (param i32) (result i32) (local i32)
    (local.set 1 (i32.load (i32.const 0)))
    (loop $l (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (i32.const 0))
  (func (export "spin") (param i32) (result i32)
    (i32.store (i32.const 64) (i32.const 7)) (loop $l (br $l)) (i32.const 0))
  (func (export "grow") (param i32) (result i32)
    (block $full (loop $l (br_if $full (i32.lt_s (memory.grow (i32.const 1)) (i32.const 0))) (br $l)))
    (i32.store (i32.const 0) (memory.size)) (i32.const 4))
  (func (export "wait") (param i32) (result i32)
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))) (i32.const 0))
  (func (export "call_spin") (param i32) (result i32)
    (drop (call $c (i32.const 128) (i32.const 160) (i32.const 4) (i32.const 0) (i64.const 0)))
    (i32.const 0))
  (data (i32.const 160) "spin")`;
const IMPORTS = '(import "env" "c" (func $c (param i32 i32 i32 i32 i64) (result i32)))';

async function deployed(options: SessionOptions = {}): Promise<{ s: Session; id: ContractId }> {
  const vm = await createVm();
  const s = vm.session(options);
  const bytecode = await wat(contractWat(BODY, { imports: IMPORTS }));
  return { s, id: s.deploy(bytecode, { owner: OWNER }, 1_000_000n).contractId };
}

const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

/** loop(n): entry, i32.load with its const (2) + local.set, n × 5, i32.const. */
const loopGas = (n: bigint) => ENTRY + 3n + 5n * n + 1n;

describe('gas slices', () => {
  test('a call spanning several slices costs exactly the rule', async () => {
    const { s, id } = await deployed();
    const n = (3n * GAS_SLICE) / 5n + 12_345n; // about three slices
    // The argument is written at A = 0, where loop reads n.
    expect(s.callRaw(id, 'loop', u32(Number(n)), U64_MAX).gasSpent).toBe(loopGas(n));
  });

  test('out of gas falls where one check on the whole remaining gas would put it', async () => {
    const { s, id } = await deployed();
    const n = (2n * GAS_SLICE) / 5n + 777n;
    // The header of iteration i sees limit − entry − setup (3) − 5i; the last one is i = n − 1,
    // and it must see more than 0.
    const least = ENTRY + 3n + 5n * (n - 1n) + 1n;
    const ok = s.callRaw(id, 'loop', u32(Number(n)), least);
    expect(ok.gasSpent).toBe(least); // the last body and the final const overdraw
    let error: unknown;
    try {
      s.callRaw(id, 'loop', u32(Number(n)), least - 1n);
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'OutOfGas')).toBe(true);
  });
});

describe('time limits and interrupts', () => {
  test('u64::MAX gas and an endless loop: the time limit stops it, reverted, the session goes on', async () => {
    const { s, id } = await deployed({ timeoutMs: 300 });
    const before = s.root();
    let error: unknown;
    try {
      s.callRaw(id, 'spin', NONE, U64_MAX);
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'Interrupted')).toBe(true);
    expect((error as Error).message).toContain('time limit of 0.3 s');
    expect(s.root()).toBe(before); // the write before the loop is reverted
    expect(s.callRaw(id, 'loop', u32(3), 1000n).gasSpent).toBe(loopGas(3n));
  });

  test('an interrupt crosses every frame: the caller gets no error code, the whole call stops', async () => {
    const { s, id } = await deployed({ timeoutMs: 300 });
    // call_spin calls spin on itself (the id at 128): re-entrant, the callee never returns.
    // The argument lands at A = 0: the callee id at 128 (the name "spin" is data at 160).
    const arg = new Uint8Array(128 + 32);
    arg.set(Buffer.from(id, 'hex'), 128);
    let error: unknown;
    try {
      s.callRaw(id, 'call_spin', arg, U64_MAX);
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'Interrupted')).toBe(true);
  });

  test('a flag set by another thread interrupts the running call', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { s, id } = await deployed({ interrupt: flag });
    // No other thread here: the flag is already set when the first slice runs out.
    Atomics.store(flag, 0, 1);
    expect(() => s.callRaw(id, 'spin', NONE, U64_MAX)).toThrow('Interrupted: stopped on request');
    Atomics.store(flag, 0, 0);
    // Within one slice nothing looks at it: a call that needs no refill is not interrupted.
    Atomics.store(flag, 0, 1);
    expect(s.callRaw(id, 'loop', u32(10), 1000n).gasSpent).toBe(loopGas(10n));
  });
});

describe('memory', () => {
  test('memory.grow(1) to 4 GiB, one page at a time, takes what a user would wait for', async () => {
    // V8 ran a full GC for every grow of an unshared memory past ~64 MiB: 386 s for this call.
    const { s, id } = await deployed();
    const r = s.callRaw(id, 'grow', NONE, U64_MAX);
    expect(Buffer.from(r.data).readUInt32LE(0)).toBe(65536);
  }, 60_000);

  test('memory.atomic.wait traps (piecrust memories are unshared) instead of blocking', async () => {
    const { s, id } = await deployed();
    let error: unknown;
    try {
      s.callRaw(id, 'wait', NONE, 1_000_000n);
    } catch (e) {
      error = e;
    }
    expect(isPiecrustError(error, 'RuntimeError')).toBe(true);
  }, 60_000);
});

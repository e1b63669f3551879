// A call that traps or panics carries the WebAssembly stack at the failure, by function name,
// innermost first, each frame with its contract (backtrace.ts).
import { describe, expect, test } from 'vitest';
import { PiecrustError } from '../core/errors';
import {
  calleeArg,
  calleeContract,
  callerContract,
  INNER,
  INNER_DEMANGLED,
  MIDDLE,
  OUTER,
} from '../testing/backtrace-contracts';
import { contractWat, wat } from '../testing/wat';
import { createVm } from './vm';
import type { SessionOptions } from './types';
import { BACKTRACE_FRAME_LIMIT } from './backtrace';

const OWNER = new Uint8Array(32);
const NONE = new Uint8Array(0);
const LIMIT = 1_000_000n;

function failure(run: () => unknown): PiecrustError {
  try {
    run();
  } catch (e) {
    if (e instanceof PiecrustError) return e;
    throw e;
  }
  throw new Error('the call succeeded');
}

async function deployed(options: SessionOptions = {}, debugNames = true) {
  const vm = await createVm();
  const s = vm.session({ journal: true, ...options });
  const callee = s.deploy(await calleeContract(debugNames), { owner: OWNER }, LIMIT).contractId;
  const caller = s.deploy(await callerContract(), { owner: OWNER }, LIMIT).contractId;
  return { s, callee, caller };
}

describe('backtraces', () => {
  test('a trap three functions deep names the three, innermost first, demangled', async () => {
    const { s, callee } = await deployed();
    const e = failure(() => s.callRaw(callee, 'trap_deep', NONE, LIMIT));
    expect(e.code).toBe('RuntimeError');
    expect(e.backtrace).toEqual([
      { contract: callee, funcIndex: INNER, name: INNER_DEMANGLED },
      { contract: callee, funcIndex: MIDDLE, name: 'middle' },
      { contract: callee, funcIndex: OUTER, name: 'outer' },
    ]);
    // It is in the error's data (threads, IPC, the journal) too.
    expect(e.toData().backtrace).toEqual(e.backtrace);
    expect(s.journal()!.calls.at(-1)!.error?.backtrace).toEqual(e.backtrace);
  });

  test('a panic through the host: the stack below the host call', async () => {
    const { s, callee } = await deployed();
    const e = failure(() => s.callRaw(callee, 'panic_deep', NONE, LIMIT));
    expect(e.code).toBe('Panic');
    expect(e.backtrace?.map((f) => f.name)).toEqual(['panic_middle', 'panic_outer']);
  });

  test('out of gas: where the gas ran out', async () => {
    const { s, callee } = await deployed();
    const e = failure(() => s.callRaw(callee, 'spin', NONE, 1000n));
    expect(e.code).toBe('OutOfGas');
    expect(e.backtrace?.map((f) => f.name)).toEqual(['spin_forever']);
  });

  test('a nested call whose callee traps: the failed frame has the frames of both contracts', async () => {
    const { s, callee, caller } = await deployed();
    // The callee's failure comes back to the caller as an error code: the call succeeds.
    s.callRaw(caller, 'call_trap', calleeArg(callee), LIMIT);
    const exit = s
      .journal()!
      .calls.at(-1)!
      .steps.find((st) => st.kind === 'exit' && st.error);
    expect(exit?.error?.backtrace).toEqual([
      { contract: callee, funcIndex: INNER, name: INNER_DEMANGLED },
      { contract: callee, funcIndex: MIDDLE, name: 'middle' },
      { contract: callee, funcIndex: OUTER, name: 'outer' },
      { contract: caller, funcIndex: 3, name: 'relay' },
      { contract: caller, funcIndex: 1, name: 'call_then_return' },
    ]);
  });

  test('an error crossing every frame (an interrupt) has the stack of both contracts', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { s, callee, caller } = await deployed({ interrupt: flag });
    Atomics.store(flag, 0, 1);
    const e = failure(() => s.callRaw(caller, 'call_spin', calleeArg(callee), (1n << 64n) - 1n));
    expect(e.code).toBe('Interrupted');
    expect(e.backtrace?.map((f) => [f.contract, f.name])).toEqual([
      [callee, 'spin_forever'],
      [caller, 'relay'],
      [caller, 'call_spin'],
    ]);
  });

  test('a panic message that reads like a stack frame is not taken for one', async () => {
    // Read as a frame, the fake line would be the innermost run (q, instrumented index 4) and
    // push the real frames out of the call's one contract frame.
    const fake = 'x\\n    at wasm://wasm/abc:wasm-function[4]:0x1\\n';
    const body = `(func $p (export "p") (param i32) (result i32) (call $q) (i32.const 0))
      (func $q (call $panic (i32.const 45)))
      (data (i32.const 0) "${fake}")`;
    const imports = '(import "env" "panic" (func $panic (param i32)))';
    const vm = await createVm();
    const s = vm.session();
    const bytecode = await wat(contractWat(body, { imports }), { debugNames: true });
    const id = s.deploy(bytecode, { owner: OWNER }, LIMIT).contractId;
    const e = failure(() => s.callRaw(id, 'p', NONE, LIMIT));
    expect(e.message).toContain('wasm-function[4]');
    expect(e.backtrace?.map((f) => f.name)).toEqual(['q', 'p']);
  });

  test('a contract without a name section: export names, then func[N]', async () => {
    const { s, callee } = await deployed({}, false);
    const e = failure(() => s.callRaw(callee, 'trap_deep', NONE, LIMIT));
    expect(e.backtrace?.map((f) => f.name)).toEqual([
      `func[${INNER}]`,
      `func[${MIDDLE}]`,
      'trap_deep',
    ]);
  });

  test('deep recursion: the innermost frames, up to the limit', async () => {
    const body = `(func $down (export "down") (param i32) (result i32) (call $down (local.get 0)))`;
    const vm = await createVm();
    const s = vm.session();
    const id = s.deploy(
      await wat(contractWat(body), { debugNames: true }),
      { owner: OWNER },
      LIMIT,
    ).contractId;
    const e = failure(() => s.callRaw(id, 'down', NONE, (1n << 64n) - 1n));
    expect(e.message).toContain('call stack exhausted');
    expect(e.backtrace!.length).toBeGreaterThan(BACKTRACE_FRAME_LIMIT / 2);
    expect(e.backtrace!.length).toBeLessThanOrEqual(BACKTRACE_FRAME_LIMIT);
    expect(new Set(e.backtrace!.map((f) => f.name))).toEqual(new Set(['down']));
  });

  test('a failure outside WebAssembly has none; the stack limit is V8’s again after the call', async () => {
    const { s, callee } = await deployed();
    const before = Error.stackTraceLimit;
    const e = failure(() => s.callRaw(callee, 'no_such_export', NONE, LIMIT));
    expect(e.backtrace).toBeUndefined();
    failure(() => s.callRaw(callee, 'trap_deep', NONE, LIMIT));
    expect(Error.stackTraceLimit).toBe(before);
  });
});

/**
 * Test fixture: two contracts with named functions (a `name` section, as toolchains keep it) that
 * fail some functions deep, for the backtrace tests of the VM, the worker threads and the CLI.
 * The callee's inner function carries a mangled Rust name, as a Rust contract's would.
 */
import { contractWat, wat } from './wat';

export const CALLEE_IMPORTS = `
  (import "env" "c" (func $c (param i32 i32 i32 i32 i64) (result i32)))
  (import "env" "panic" (func $panic (param i32)))`;

/** Imports come first: `outer` is function 2, `middle` 3, the mangled inner one 4. */
export const OUTER = 2;
export const MIDDLE = 3;
export const INNER = 4;
export const INNER_MANGLED = '_ZN6callee5inner17h0123456789abcdefE';
export const INNER_DEMANGLED = 'callee::inner';

// trap_deep → middle → inner: unreachable. panic_deep → panic_middle → panic(…). spin: forever.
const CALLEE = `
  (func $outer (export "trap_deep") (param i32) (result i32) (call $middle (local.get 0)))
  (func $middle (param i32) (result i32) (call $${INNER_MANGLED} (local.get 0)))
  (func $${INNER_MANGLED} (param i32) (result i32) (unreachable))
  (func $panic_outer (export "panic_deep") (param i32) (result i32) (call $panic_middle) (i32.const 0))
  (func $panic_middle (i32.store (i32.const 0) (i32.const 0x73706f6f)) (call $panic (i32.const 4)))
  (func $spin_forever (export "spin") (param i32) (result i32) (loop $l (br $l)) (i32.const 0))`;

// The callee's id at A + 128; the name to call at 160 (`trap_deep`, 9 bytes) or 192 (`spin`).
// Functions: c 0, call_then_return 1, call_spin 2, relay 3.
const CALLER_IMPORTS = '(import "env" "c" (func $c (param i32 i32 i32 i32 i64) (result i32)))';
const CALLER = `
  (func $call_then_return (export "call_trap") (param i32) (result i32)
    (call $relay (i32.const 160) (i32.const 9)) (i32.const 0))
  (func $call_spin (export "call_spin") (param i32) (result i32)
    (call $relay (i32.const 192) (i32.const 4)) (i32.const 0))
  (func $relay (param i32 i32)
    (drop (call $c (i32.const 128) (local.get 0) (local.get 1) (i32.const 0) (i64.const 0))))
  (data (i32.const 160) "trap_deep")
  (data (i32.const 192) "spin")`;

export function calleeContract(debugNames = true): Promise<Uint8Array> {
  return wat(contractWat(CALLEE, { imports: CALLEE_IMPORTS }), { debugNames });
}

export function callerContract(): Promise<Uint8Array> {
  return wat(contractWat(CALLER, { imports: CALLER_IMPORTS }), { debugNames: true });
}

/** The caller's argument: the callee's id at 128 (raw hex id, no 0x). */
export function calleeArg(id: string): Uint8Array {
  const arg = new Uint8Array(128 + 32);
  arg.set(Buffer.from(id.replace(/^0x/, ''), 'hex'), 128);
  return arg;
}

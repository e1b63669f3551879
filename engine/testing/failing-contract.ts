/**
 * Test fixture: a contract whose calls fail in each of piecrust's ways after writing memory, and
 * the gas each one spends, counted from the cost table term by term (spec §4.1: i32.const 1,
 * i32.store 16, call 1, unreachable/drop/end 0, and ENTRY 1 per invoked body) — never a number
 * read off the engine. Shared by the engine, API, CLI and end-to-end tests of failed calls.
 */
import { contractWat, wat } from './wat';

export const ENTRY = 1n;
export const CONST = 1n;
export const STORE = 16n;
export const CALL = 1n;
/** `(i32.store (i32.const a) (i32.const v))`: two consts and the store. */
export const STORE_STMT = 2n * CONST + STORE;
/** The limit the calling functions give their callee. */
export const CALLEE_LIMIT = 500n;
/** The `c` call: five consts and the call operator (its `drop` is free). */
export const ICC = 5n * CONST + CALL;

/** "oops" as a little-endian i32: the panic message, written at A = 0. */
const OOPS = 0x73706f6f;

const IMPORTS = `
  (import "env" "c" (func $c (param i32 i32 i32 i32 i64) (result i32)))
  (import "env" "panic" (func $panic (param i32)))`;

// The calling functions find their callee's id at A + 128: the argument (selfArg) puts the
// contract's own id there, so the callee runs re-entrantly in the same instance.
const BODY = `
  (func (export "write_trap") (param i32) (result i32)
    (i32.store (i32.const 1024) (i32.const 42))
    (unreachable))
  (func (export "write_panic") (param i32) (result i32)
    (i32.store (i32.const 70000) (i32.const 7))
    (i32.store (i32.const 0) (i32.const ${OOPS}))
    (call $panic (i32.const 4))
    (i32.const 0))
  (func (export "write_spin") (param i32) (result i32)
    (i32.store (i32.const 2048) (i32.const 9)) (loop $l (br $l)) (i32.const 0))
  (func (export "call_trap_then_panic") (param i32) (result i32)
    (i32.store (i32.const 4096) (i32.const 5))
    (drop (call $c (i32.const 128) (i32.const 160) (i32.const 10) (i32.const 0) (i64.const ${CALLEE_LIMIT})))
    (i32.store (i32.const 0) (i32.const ${OOPS}))
    (call $panic (i32.const 4))
    (i32.const 0))
  (func (export "call_trap_then_return") (param i32) (result i32)
    (drop (call $c (i32.const 128) (i32.const 160) (i32.const 10) (i32.const 0) (i64.const ${CALLEE_LIMIT})))
    (i32.const 0))
  (func (export "call_spin") (param i32) (result i32)
    (drop (call $c (i32.const 128) (i32.const 192) (i32.const 10) (i32.const 0) (i64.const 0)))
    (i32.const 0))
  (data (i32.const 160) "write_trap")
  (data (i32.const 192) "write_spin")`;

/** write_trap: a store, then `unreachable` (free). */
export const WRITE_TRAP_GAS = ENTRY + STORE_STMT;
/** write_panic: two stores, then `panic(4)` (a const and the call). */
export const WRITE_PANIC_GAS = ENTRY + 2n * STORE_STMT + CONST + CALL;
/** call_trap_then_panic: a store, the call (its callee fails: the whole limit is charged), a store, panic. */
export const CALL_TRAP_THEN_PANIC_GAS =
  ENTRY + STORE_STMT + ICC + CALLEE_LIMIT + STORE_STMT + CONST + CALL;
/** call_trap_then_return: the call (the whole limit charged), then `i32.const 0`. */
export const CALL_TRAP_THEN_RETURN_GAS = ENTRY + ICC + CALLEE_LIMIT + CONST;

export function failingContract(): Promise<Uint8Array> {
  return wat(contractWat(BODY, { imports: IMPORTS }));
}

/** The argument of the calling functions: the contract's own id at 128 (raw hex id, no 0x). */
export function selfArg(id: string): Uint8Array {
  const arg = new Uint8Array(128 + 32);
  arg.set(Buffer.from(id.replace(/^0x/, ''), 'hex'), 128);
  return arg;
}

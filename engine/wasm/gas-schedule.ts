/**
 * piecrust's gas schedule (spec §4): dusk-wasmtime's `OperatorCost` with piecrust's overrides,
 * kept as data. Gas = wasmtime fuel: every executed operator costs 1 except the free control
 * operators; stores cost 4 gas per byte of the store *width class* (note `i32.store8` costs the
 * same 16 as `i32.store`). Host charges (emit, host queries) live with the host functions.
 */

/** Gas per byte written by `emit` (topic + data) and the store surcharge base. */
export const BYTE_STORE_COST = 4n;

/** Operators that cost nothing: `nop`, `drop`, `block`, `loop`, `unreachable`, `return`, `else`, `end`. */
export const FREE_OPCODES: readonly number[] = [0x01, 0x1a, 0x02, 0x03, 0x00, 0x0f, 0x05, 0x0b];

/** Single-byte store opcodes and their cost. */
export const STORE_COSTS: Readonly<Record<number, number>> = {
  0x36: 16, // i32.store
  0x38: 16, // f32.store
  0x3a: 16, // i32.store8
  0x3b: 16, // i32.store16
  0x37: 32, // i64.store
  0x39: 32, // f64.store
  0x3c: 32, // i64.store8
  0x3d: 32, // i64.store16
  0x3e: 32, // i64.store32
};

/** 0xfe-prefixed atomic store sub-opcodes and their cost. */
export const ATOMIC_STORE_COSTS: Readonly<Record<number, number>> = {
  0x17: 16, // i32.atomic.store
  0x19: 16, // i32.atomic.store8
  0x1a: 16, // i32.atomic.store16
  0x18: 32, // i64.atomic.store
  0x1b: 32, // i64.atomic.store8
  0x1c: 32, // i64.atomic.store16
  0x1d: 32, // i64.atomic.store32
};

/** 0xfd-prefixed SIMD store sub-opcodes and their cost. */
export const SIMD_STORE_COSTS: Readonly<Record<number, number>> = {
  11: 64, // v128.store
  88: 64, // v128.store8_lane
  89: 64, // v128.store16_lane
  90: 64, // v128.store32_lane
  91: 64, // v128.store64_lane
};

const FREE = new Uint8Array(256);
for (const op of FREE_OPCODES) FREE[op] = 1;

/** Gas charged each time the operator executes. */
export function operatorCost(op: number, sub: number): number {
  if (sub < 0) return FREE[op] ? 0 : (STORE_COSTS[op] ?? 1);
  if (op === 0xfe) return ATOMIC_STORE_COSTS[sub] ?? 1;
  if (op === 0xfd) return SIMD_STORE_COSTS[sub] ?? 1;
  return 1;
}

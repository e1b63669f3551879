/**
 * piecrust's gas tables (spec §4), kept as data. Gas is wasmtime fuel: every executed operator
 * costs its table entry, and every function invocation costs 1 more on entry to its body (a
 * wasmtime `FuncEnvironment` starts with `fuel_consumed: 1`, flushed by the entry check).
 *
 * Two tables, chosen per session:
 * - `head` (piecrust 0.32, dusk-wasmtime `OperatorCost` with piecrust's overrides, the default):
 *   stores cost 4 gas per byte of their *width class* (note `i32.store8` costs the same 16 as
 *   `i32.store`); `emit` charges 4 per byte of topic and data; host queries charge their price.
 * - `0.19` (piecrust 0.19.0, the seed's): every operator 1 except the eight free ones, no store
 *   surcharge, `emit` and host queries free. This is also upstream wasmtime's default table, which
 *   is what makes it checkable against wasmtime itself (tests/oracle).
 */
import type { GasTableName } from '../core/gas-tables';
import { OP } from './instructions';

export type { GasTableName };

/** Gas charged on entry to every function body (exported, called or called indirectly). */
export const FUNCTION_ENTRY_COST = 1;

/** Gas per byte of the store surcharge and of `emit` (topic + data), under `head`. */
export const BYTE_STORE_COST = 4n;

/** Operators that cost nothing: `nop`, `drop`, `block`, `loop`, `unreachable`, `return`, `else`, `end`. */
export const FREE_OPCODES: readonly number[] = [0x01, 0x1a, 0x02, 0x03, 0x00, 0x0f, 0x05, 0x0b];

/** Single-byte store opcodes and their cost under `head`. */
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

/** 0xfe-prefixed atomic store sub-opcodes and their cost under `head`. */
export const ATOMIC_STORE_COSTS: Readonly<Record<number, number>> = {
  0x17: 16, // i32.atomic.store
  0x19: 16, // i32.atomic.store8
  0x1a: 16, // i32.atomic.store16
  0x18: 32, // i64.atomic.store
  0x1b: 32, // i64.atomic.store8
  0x1c: 32, // i64.atomic.store16
  0x1d: 32, // i64.atomic.store32
};

/** 0xfd-prefixed SIMD store sub-opcodes and their cost under `head`. */
export const SIMD_STORE_COSTS: Readonly<Record<number, number>> = {
  11: 64, // v128.store
  88: 64, // v128.store8_lane
  89: 64, // v128.store16_lane
  90: 64, // v128.store32_lane
  91: 64, // v128.store64_lane
};

export interface GasTable {
  readonly name: GasTableName;
  /** Gas charged each time the operator executes (`sub` < 0 for single-byte opcodes). */
  operatorCost(op: number, sub: number): number;
  /** Gas per byte of topic and data charged by `emit`. */
  readonly emitByteCost: bigint;
  /** Whether host queries charge their price before they run. */
  readonly chargesHostQueries: boolean;
}

const FREE = new Uint8Array(256);
for (const op of FREE_OPCODES) FREE[op] = 1;

function headOperatorCost(op: number, sub: number): number {
  if (sub < 0) return FREE[op] ? 0 : (STORE_COSTS[op] ?? 1);
  if (op === OP.prefixAtomic) return ATOMIC_STORE_COSTS[sub] ?? 1;
  if (op === OP.prefixSimd) return SIMD_STORE_COSTS[sub] ?? 1;
  return 1;
}

function flatOperatorCost(op: number, sub: number): number {
  return sub < 0 && FREE[op] ? 0 : 1;
}

export const GAS_TABLES: Readonly<Record<GasTableName, GasTable>> = {
  head: {
    name: 'head',
    operatorCost: headOperatorCost,
    emitByteCost: BYTE_STORE_COST,
    chargesHostQueries: true,
  },
  '0.19': {
    name: '0.19',
    operatorCost: flatOperatorCost,
    emitByteCost: 0n,
    chargesHostQueries: false,
  },
};

/** Surcharge of a store under `head` over the flat table (0 for any other operator). */
export function storeSurcharge(op: number, sub: number): number {
  return headOperatorCost(op, sub) - flatOperatorCost(op, sub);
}

/**
 * What a store-like instruction writes: the value type of its operands, how many it takes, and
 * the width of the write in bytes. Write tracking (body-rewriter.ts) marks the chunk of the first
 * and of the last byte written, so a store that straddles a chunk (or page) boundary marks both.
 */
import { OP } from './instructions';
import { F32, F64, I32, I64, V128, type ValType } from './module';

export interface StoreShape {
  type: ValType;
  /** Value operands (2 for compare-exchange). */
  values: 1 | 2;
  /** Bytes written. */
  width: number;
  /** Atomic: the access must be naturally aligned (else it traps), so it never straddles. */
  aligned: boolean;
}

const shape = (type: ValType, width: number, values: 1 | 2 = 1, aligned = false): StoreShape => ({
  type,
  values,
  width,
  aligned,
});

// Plain stores by opcode: i32/i64/f32/f64.store, then the narrowing ones.
const STORES: Record<number, StoreShape> = {
  0x36: shape(I32, 4),
  0x37: shape(I64, 8),
  0x38: shape(F32, 4),
  0x39: shape(F64, 8),
  0x3a: shape(I32, 1),
  0x3b: shape(I32, 2),
  0x3c: shape(I64, 1),
  0x3d: shape(I64, 2),
  0x3e: shape(I64, 4),
};

// The atomic families repeat seven shapes: i32, i64, i32 8/16-bit, i64 8/16/32-bit.
const ATOMIC_TYPES: ValType[] = [I32, I64, I32, I32, I64, I64, I64];
const ATOMIC_WIDTHS = [4, 8, 1, 2, 1, 2, 4];
const atomic = (k: number, values: 1 | 2): StoreShape =>
  shape(ATOMIC_TYPES[k], ATOMIC_WIDTHS[k], values, true);

// v128.store (11) and v128.store{8,16,32,64}_lane (88–91).
const SIMD_WIDTHS: Record<number, number> = { 11: 16, 88: 1, 89: 2, 90: 4, 91: 8 };

/** The shape of a store-like instruction, or undefined for any other. */
export function storeShape(op: number, sub: number): StoreShape | undefined {
  if (sub < 0) return STORES[op];
  if (op === OP.prefixAtomic) {
    if (sub >= 0x17 && sub <= 0x1d) return atomic(sub - 0x17, 1); // atomic stores
    if (sub >= 0x1e && sub <= 0x47) return atomic((sub - 0x1e) % 7, 1); // read-modify-write
    if (sub >= 0x48 && sub <= 0x4e) return atomic(sub - 0x48, 2); // compare-exchange
    return undefined;
  }
  if (op === OP.prefixSimd) {
    const width = SIMD_WIDTHS[sub];
    return width === undefined ? undefined : shape(V128, width);
  }
  return undefined;
}

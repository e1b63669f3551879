/**
 * Type descriptors for the rkyv-archived values piecrust contracts exchange, and the JS values
 * they map to. Descriptors are plain immutable data so they can cross IPC and be built from the
 * Rust type names the UI accepts (see type-names.ts).
 */
import type { ContractId } from '../core/ids';

/** Types whose archived form has a fixed layout and no type parameters. */
export type PrimitiveKind =
  | 'unit'
  | 'bool'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 'i8'
  | 'i16'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'string'
  | 'contractId'
  | 'contractError';

export interface Prim<K extends PrimitiveKind> {
  readonly kind: K;
}

/** One union member per primitive, so that `switch (type.kind)` narrows precisely. */
export type PrimType = { [K in PrimitiveKind]: Prim<K> }[PrimitiveKind];

export interface VecType<T extends RkyvType = RkyvType> {
  readonly kind: 'vec';
  readonly item: T;
}

export interface ArrayType<T extends RkyvType = RkyvType> {
  readonly kind: 'array';
  readonly item: T;
  readonly length: number;
}

export interface OptionType<T extends RkyvType = RkyvType> {
  readonly kind: 'option';
  readonly some: T;
}

export interface ResultType<O extends RkyvType = RkyvType, E extends RkyvType = RkyvType> {
  readonly kind: 'result';
  readonly ok: O;
  readonly err: E;
}

export interface TupleType<T extends readonly RkyvType[] = readonly RkyvType[]> {
  readonly kind: 'tuple';
  readonly items: T;
}

export type RkyvType = PrimType | VecType | ArrayType | OptionType | ResultType | TupleType;

/** uplink's `ContractError` (HEAD variants). */
export type ContractErrorValue = { panic: string } | 'OutOfGas' | 'DoesNotExist' | 'Unknown';

/** Any decoded value; what `ValueOf` widens to when the descriptor is only known at run time. */
export type RkyvValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | RkyvValue[]
  | { some: RkyvValue }
  | { ok: RkyvValue }
  | { err: RkyvValue }
  | { panic: string };

interface PrimValues {
  unit: null;
  bool: boolean;
  u8: number;
  u16: number;
  u32: number;
  u64: bigint;
  i8: number;
  i16: number;
  i32: number;
  i64: bigint;
  f32: number;
  f64: number;
  string: string;
  contractId: ContractId;
  contractError: ContractErrorValue;
}

/**
 * The JS value of a descriptor. `Option<T>` is `T | null`, except when `null` is itself a value
 * of T (`()` or another Option): then `Some(v)` is `{ some: v }` so that `Some(())` and
 * `Some(None)` stay distinguishable from `None`.
 */
export type ValueOf<T extends RkyvType> = RkyvType extends T ? RkyvValue : NarrowValue<T>;

type NarrowValue<T extends RkyvType> = T extends PrimType
  ? PrimValues[T['kind']]
  : T extends VecType<infer I> | ArrayType<infer I>
    ? SeqValue<I>
    : T extends OptionType<infer S>
      ? OptionValue<S>
      : T extends ResultType<infer O, infer E>
        ? { ok: ValueOf<O> } | { err: ValueOf<E> }
        : T extends TupleType<infer I>
          ? { -readonly [K in keyof I]: I[K] extends RkyvType ? ValueOf<I[K]> : never }
          : never;

type SeqValue<I extends RkyvType> = RkyvType extends I
  ? RkyvValue
  : [I] extends [Prim<'u8'>]
    ? Uint8Array
    : ValueOf<I>[];

type OptionValue<S extends RkyvType> = RkyvType extends S
  ? RkyvValue
  : [S] extends [Prim<'unit'> | OptionType]
    ? { some: ValueOf<S> } | null
    : ValueOf<S> | null;

function prim<K extends PrimitiveKind>(kind: K): Prim<K> {
  return Object.freeze({ kind });
}

/** Descriptor builders, named after the Rust types: `t.option(t.i16)` is `Option<i16>`. */
export const t = {
  unit: prim('unit'),
  bool: prim('bool'),
  u8: prim('u8'),
  u16: prim('u16'),
  u32: prim('u32'),
  u64: prim('u64'),
  i8: prim('i8'),
  i16: prim('i16'),
  i32: prim('i32'),
  i64: prim('i64'),
  f32: prim('f32'),
  f64: prim('f64'),
  string: prim('string'),
  contractId: prim('contractId'),
  contractError: prim('contractError'),
  /** `Vec<u8>`, the usual payload of raw byte arguments. */
  bytes: Object.freeze({ kind: 'vec', item: prim('u8') }) as VecType<Prim<'u8'>>,
  vec<T extends RkyvType>(item: T): VecType<T> {
    return Object.freeze({ kind: 'vec', item });
  },
  array<T extends RkyvType>(item: T, length: number): ArrayType<T> {
    if (!Number.isInteger(length) || length < 0 || length > 0xffff_ffff) {
      throw new RangeError(`array length must be an integer in 0..=4294967295, got ${length}`);
    }
    return Object.freeze({ kind: 'array', item, length });
  },
  option<T extends RkyvType>(some: T): OptionType<T> {
    return Object.freeze({ kind: 'option', some });
  },
  result<O extends RkyvType, E extends RkyvType>(ok: O, err: E): ResultType<O, E> {
    return Object.freeze({ kind: 'result', ok, err });
  },
  tuple<const T extends readonly RkyvType[]>(...items: T): TupleType<T> {
    return Object.freeze({ kind: 'tuple', items: Object.freeze(items) as T });
  },
} as const;

/** Structural equality of descriptors. */
export function typeEquals(a: RkyvType, b: RkyvType): boolean {
  // `()` and the empty tuple are the same Rust type.
  if (isUnit(a) || isUnit(b)) return isUnit(a) && isUnit(b);
  switch (a.kind) {
    case 'vec':
      return b.kind === 'vec' && typeEquals(a.item, b.item);
    case 'array':
      return b.kind === 'array' && a.length === b.length && typeEquals(a.item, b.item);
    case 'option':
      return b.kind === 'option' && typeEquals(a.some, b.some);
    case 'result':
      return b.kind === 'result' && typeEquals(a.ok, b.ok) && typeEquals(a.err, b.err);
    case 'tuple':
      return (
        b.kind === 'tuple' &&
        a.items.length === b.items.length &&
        a.items.every((item, i) => typeEquals(item, b.items[i]))
      );
    default:
      return a.kind === b.kind;
  }
}

/** `()` written either way: `t.unit` or `t.tuple()`. */
export function isUnit(type: RkyvType): boolean {
  return type.kind === 'unit' || (type.kind === 'tuple' && type.items.length === 0);
}

/** Types whose JS value can be `null`; an Option of them wraps Some as `{ some: v }`. */
export function isNullable(type: RkyvType): boolean {
  // The empty tuple is `[]`, not null, so only `()` itself and nested options need wrapping.
  return type.kind === 'unit' || type.kind === 'option';
}

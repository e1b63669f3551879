/**
 * Numeric ranges shared by the encoder and the script-value parser, so that both reject the same
 * numbers with the same "(min..=max)" wording Rust uses for ranges.
 */
export type IntKind = 'u8' | 'u16' | 'u32' | 'u64' | 'i8' | 'i16' | 'i32' | 'i64';

export const INT_KINDS: readonly IntKind[] = ['u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64'];

export function isIntKind(kind: string): kind is IntKind {
  return (INT_KINDS as readonly string[]).includes(kind);
}

export function intRange(kind: IntKind): { min: bigint; max: bigint } {
  const bits = BigInt(kind.slice(1));
  if (kind[0] === 'u') return { min: 0n, max: (1n << bits) - 1n };
  return { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n };
}

export function rangeText(kind: IntKind): string {
  const { min, max } = intRange(kind);
  return `${min}..=${max}`;
}

export function inIntRange(kind: IntKind, value: bigint): boolean {
  const { min, max } = intRange(kind);
  return value >= min && value <= max;
}

/** Finite numbers beyond f32's range would silently become ±Infinity when stored. */
export function fitsF32(value: number): boolean {
  return !Number.isFinite(value) || Number.isFinite(Math.fround(value));
}

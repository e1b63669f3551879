/**
 * Archived size and alignment (spec §7.3) under rkyv 0.7 `size_32`: `usize` is u32, relative
 * pointers are i32, `Option`/`Result`/`ContractError` are `repr(u8)` enums whose variants are laid
 * out as `repr(C)` structs `(tag, fields…)`, and tuples use declaration order with natural padding.
 */
import type { RkyvType, TupleType } from './types';

export interface Layout {
  readonly size: number;
  readonly align: number;
}

/** `ArchivedString` and `ArchivedVec` are both (u32, i32) pairs. */
const POINTER_PAIR: Layout = { size: 8, align: 4 };
/** `ArchivedContractError`: tag @0, the Panic variant's `ArchivedString` @4. */
const CONTRACT_ERROR: Layout = { size: 12, align: 4 };

const FIXED: Record<string, Layout> = {
  unit: { size: 0, align: 1 },
  bool: { size: 1, align: 1 },
  u8: { size: 1, align: 1 },
  i8: { size: 1, align: 1 },
  u16: { size: 2, align: 2 },
  i16: { size: 2, align: 2 },
  u32: { size: 4, align: 4 },
  i32: { size: 4, align: 4 },
  f32: { size: 4, align: 4 },
  u64: { size: 8, align: 8 },
  i64: { size: 8, align: 8 },
  f64: { size: 8, align: 8 },
  string: POINTER_PAIR,
  contractId: { size: 32, align: 1 },
  contractError: CONTRACT_ERROR,
};

export function roundUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

// Descriptors are immutable, so layouts of composite types can be memoised by identity.
const cache = new WeakMap<RkyvType, Layout>();

export function layoutOf(type: RkyvType): Layout {
  const fixed = FIXED[type.kind];
  if (fixed) return fixed;
  let layout = cache.get(type);
  if (!layout) {
    layout = computeLayout(type);
    cache.set(type, layout);
  }
  return layout;
}

export function sizeOf(type: RkyvType): number {
  return layoutOf(type).size;
}

export function alignOf(type: RkyvType): number {
  return layoutOf(type).align;
}

/** Offset of an enum variant's single field: right after the u8 tag, at the field's alignment. */
export function payloadOffset(payload: RkyvType): number {
  return roundUp(1, alignOf(payload));
}

/** Offsets of the tuple fields inside the archived tuple. */
export function tupleOffsets(type: TupleType): number[] {
  const offsets: number[] = [];
  let pos = 0;
  for (const item of type.items) {
    const { size, align } = layoutOf(item);
    pos = roundUp(pos, align);
    offsets.push(pos);
    pos += size;
  }
  return offsets;
}

function enumLayout(payloads: readonly RkyvType[]): Layout {
  let align = 1;
  let size = 1;
  for (const payload of payloads) {
    const l = layoutOf(payload);
    align = Math.max(align, l.align);
    size = Math.max(size, payloadOffset(payload) + l.size);
  }
  return { size: roundUp(size, align), align };
}

function computeLayout(type: RkyvType): Layout {
  switch (type.kind) {
    case 'vec':
      return POINTER_PAIR;
    case 'array': {
      const item = layoutOf(type.item);
      return { size: item.size * type.length, align: item.align };
    }
    case 'option':
      return enumLayout([type.some]);
    case 'result':
      return enumLayout([type.ok, type.err]);
    case 'tuple': {
      const offsets = tupleOffsets(type);
      let align = 1;
      let end = 0;
      type.items.forEach((item, i) => {
        const l = layoutOf(item);
        align = Math.max(align, l.align);
        end = offsets[i] + l.size;
      });
      return { size: roundUp(end, align), align };
    }
    default:
      throw new Error(`unreachable: layout of ${type.kind}`);
  }
}

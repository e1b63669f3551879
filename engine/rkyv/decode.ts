/**
 * Validating reader, equivalent to rkyv 0.7's `check_archived_root` with the default validator
 * followed by deserialization. The root is read at `len − size` (saturating, as rkyv does), which
 * is why an archived `Some(29000_u64)` read as `u64` yields 29000 (spec COMMIT-10).
 *
 * Out-of-line data is checked with rkyv's "subtree range": while an object's children are
 * checked, pointers may only target bytes inside [start, holder); once a child region is done, the
 * range continues after it, so sibling regions must appear in field order and never overlap.
 * Any failure throws `PiecrustError('ValidationError')` whose message is piecrust's Display text,
 * "ValidationError", and whose details name the check (rkyv's error variant), the offset and why.
 */
import { PiecrustError, type ErrorDetails } from '../core/errors';
import { toContractId } from '../core/ids';
import { INLINE_STRING_CAPACITY } from './encode';
import { alignOf, payloadOffset, sizeOf, tupleOffsets } from './layout';
import { formatType } from './type-names';
import {
  isNullable,
  t,
  type ContractErrorValue,
  type RkyvType,
  type RkyvValue,
  type ValueOf,
} from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const CONTRACT_ERRORS: readonly ContractErrorValue[] = ['OutOfGas', 'DoesNotExist', 'Unknown'];

interface Range {
  start: number;
  end: number;
}

/** Validate `bytes` as an archived `type` (root at the end) and return its JS value. */
export function decode<T extends RkyvType>(type: T, bytes: Uint8Array): ValueOf<T> {
  return new Reader(bytes).root(type) as ValueOf<T>;
}

/** Like `decode`, but reports failure as `false` instead of throwing. */
export function validates(type: RkyvType, bytes: Uint8Array): boolean {
  try {
    decode(type, bytes);
    return true;
  } catch (e) {
    if (e instanceof PiecrustError && e.code === 'ValidationError') return false;
    throw e;
  }
}

class Reader {
  private readonly view: DataView;
  /** rkyv's subtree range: where the pointers being checked may point. */
  private range: Range;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.range = { start: 0, end: bytes.length };
  }

  root(type: RkyvType): RkyvValue {
    const size = sizeOf(type);
    const pos = Math.max(0, this.bytes.length - size);
    const saved = this.enter(type, -1, pos, size, alignOf(type));
    const value = this.value(type, pos);
    this.range = saved;
    return value;
  }

  private fail(
    check: string,
    reason: string,
    offset: number,
    type: RkyvType,
    extra: ErrorDetails = {},
  ): never {
    throw new PiecrustError('ValidationError', 'ValidationError', {
      check,
      reason,
      offset,
      type: formatType(type),
      length: this.bytes.length,
      ...extra,
    });
  }

  /**
   * Check an object at `target` (the root when `holder` is -1, else pointed to from `holder`)
   * and narrow the subtree range to the bytes before it; returns the range to restore afterwards.
   */
  private enter(
    type: RkyvType,
    holder: number,
    target: number,
    size: number,
    align: number,
  ): Range {
    const len = this.bytes.length;
    const at = { target, size, align, holder };
    if (target < 0 || target > len) {
      this.fail(
        'OutOfBounds',
        `pointer at ${holder} targets ${target}, outside the buffer 0..${len}`,
        holder,
        type,
        at,
      );
    }
    // The buffer is assumed to start 8-aligned, as hosts and contracts place it.
    if (target % align !== 0) {
      this.fail(
        'Unaligned',
        `${formatType(type)} at ${target} is not ${align}-aligned`,
        target,
        type,
        at,
      );
    }
    if (len - target < size) {
      const why =
        holder < 0
          ? `buffer of ${len} bytes is too short for a ${size}-byte ${formatType(type)}`
          : `${size} bytes at ${target} run past the end of the buffer (${len})`;
      this.fail('Overrun', why, target, type, at);
    }
    const { start, end } = this.range;
    const inside = size === 0 ? target >= start && target <= end : target >= start && target < end;
    if (!inside) {
      const why =
        target >= end
          ? `pointer at ${holder} targets ${target}, not before its holder (subtree ${start}..${end})`
          : `pointer at ${holder} targets ${target}, overlapping an earlier sibling (subtree ${start}..${end})`;
      this.fail('SubtreePointerOutOfBounds', why, holder, type, {
        ...at,
        subtreeStart: start,
        subtreeEnd: end,
      });
    }
    if (end - target < size) {
      this.fail(
        'SubtreePointerOverrun',
        `${size} bytes at ${target} overrun the subtree ${start}..${end}`,
        holder,
        type,
        { ...at, subtreeStart: start, subtreeEnd: end },
      );
    }
    const saved = { start: target + size, end };
    this.range = { start, end: target };
    return saved;
  }

  private value(type: RkyvType, pos: number): RkyvValue {
    const v = this.view;
    switch (type.kind) {
      case 'unit':
        return null;
      case 'bool': {
        const b = v.getUint8(pos);
        if (b > 1) {
          this.fail('InvalidBool', `invalid bool 0x${hex2(b)} at ${pos}`, pos, type, { byte: b });
        }
        return b === 1;
      }
      case 'u8':
        return v.getUint8(pos);
      case 'i8':
        return v.getInt8(pos);
      case 'u16':
        return v.getUint16(pos, true);
      case 'i16':
        return v.getInt16(pos, true);
      case 'u32':
        return v.getUint32(pos, true);
      case 'i32':
        return v.getInt32(pos, true);
      case 'u64':
        return v.getBigUint64(pos, true);
      case 'i64':
        return v.getBigInt64(pos, true);
      case 'f32':
        return v.getFloat32(pos, true);
      case 'f64':
        return v.getFloat64(pos, true);
      case 'string':
        return this.string(pos);
      case 'contractId':
        return toContractId(this.bytes.subarray(pos, pos + 32));
      case 'contractError': {
        const tag = v.getUint8(pos);
        if (tag === 0) return { panic: this.string(pos + 4) };
        if (tag > CONTRACT_ERRORS.length) this.badTag(type, pos, tag);
        return CONTRACT_ERRORS[tag - 1];
      }
      case 'vec': {
        const target = pos + v.getInt32(pos, true);
        const count = v.getUint32(pos + 4, true);
        const itemSize = sizeOf(type.item);
        const saved = this.enter(type, pos, target, count * itemSize, alignOf(type.item));
        const items = this.sequence(type.item, target, count);
        this.range = saved;
        return items;
      }
      case 'array':
        return this.sequence(type.item, pos, type.length);
      case 'option': {
        const tag = v.getUint8(pos);
        if (tag === 0) return null;
        if (tag !== 1) this.badTag(type, pos, tag);
        const some = this.value(type.some, pos + payloadOffset(type.some));
        return isNullable(type.some) ? { some } : some;
      }
      case 'result': {
        const tag = v.getUint8(pos);
        if (tag === 0) return { ok: this.value(type.ok, pos + payloadOffset(type.ok)) };
        if (tag !== 1) this.badTag(type, pos, tag);
        return { err: this.value(type.err, pos + payloadOffset(type.err)) };
      }
      case 'tuple': {
        const offsets = tupleOffsets(type);
        return type.items.map((item, i) => this.value(item, pos + offsets[i]));
      }
    }
  }

  private badTag(type: RkyvType, pos: number, tag: number): never {
    this.fail('InvalidTag', `invalid ${formatType(type)} tag ${tag} at ${pos}`, pos, type, { tag });
  }

  private sequence(item: RkyvType, pos: number, count: number): RkyvValue {
    if (item.kind === 'u8') return this.bytes.slice(pos, pos + count);
    const size = sizeOf(item);
    const out: RkyvValue[] = [];
    for (let i = 0; i < count; i++) out.push(this.value(item, pos + i * size));
    return out;
  }

  private string(pos: number): string {
    const owner = t.string;
    const marker = this.view.getUint8(pos + INLINE_STRING_CAPACITY);
    if ((marker & 0x80) === 0) {
      if (marker > INLINE_STRING_CAPACITY) {
        this.fail(
          'InvalidInlineLength',
          `inline string length ${marker} at ${pos} exceeds ${INLINE_STRING_CAPACITY}`,
          pos,
          owner,
          {
            inlineLength: marker,
          },
        );
      }
      return this.utf8(owner, pos, marker);
    }
    const len = this.view.getUint32(pos, true);
    const target = pos + this.view.getInt32(pos + 4, true);
    const saved = this.enter(owner, pos, target, len, 1);
    const text = this.utf8(owner, target, len);
    this.range = saved;
    return text;
  }

  private utf8(owner: RkyvType, pos: number, len: number): string {
    try {
      return utf8.decode(this.bytes.subarray(pos, pos + len));
    } catch {
      this.fail('Utf8Error', `string bytes ${pos}..${pos + len} are not valid UTF-8`, pos, owner, {
        stringLength: len,
      });
    }
  }
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

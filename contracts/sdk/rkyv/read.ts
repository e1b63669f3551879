// Reading archived values that were validated (or are trusted). Positions are absolute addresses,
// so relative pointers resolve without knowing the buffer.
import { decodeUtf8 } from '../utf8';

/** A borrowed byte range; copy it before the argument buffer is reused. */
export class Slice {
  constructor(
    public ptr: usize,
    public len: u32,
  ) {}

  /** A copy of the bytes; for a vector, `elemSize` is the size of one archived element. */
  toBuffer(elemSize: u32 = 1): ArrayBuffer {
    const n = this.len * elemSize;
    const out = new ArrayBuffer(n);
    memory.copy(changetype<usize>(out), this.ptr, n);
    return out;
  }

  toStr(): string {
    return decodeUtf8(this.ptr, this.len);
  }
}

/** The UTF-8 bytes of an `ArchivedString` at `addr`. */
export function strAt(addr: usize): Slice {
  const tail = load<u8>(addr + 7);
  if ((tail & 0x80) == 0) return new Slice(addr, tail);
  return new Slice(<usize>(<isize>addr + <isize>load<i32>(addr + 4)), load<u32>(addr));
}

/** The elements of an `ArchivedVec<T>` at `addr` (`len` counts elements). */
export function vecAt(addr: usize): Slice {
  return new Slice(<usize>(<isize>addr + <isize>load<i32>(addr)), load<u32>(addr + 4));
}

export function stringAt(addr: usize): string {
  return strAt(addr).toStr();
}

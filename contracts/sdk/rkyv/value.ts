// rkyv 0.7 serialization (spec §7.2): out-of-line dependencies first, in field order, then the value's
// own archived bytes, aligned; the root is the last object. Values are small objects describing what
// to archive; results made of plain numbers are cheaper to store directly (see wrap.ts).
import { A, ARGBUF_LEN } from '../argbuf';
import { panic } from '../panic';
import { utf8 } from '../utf8';
import { alignOf, optionSize, resultSize, sizeOf } from './check';
import { alignUp } from './layout';

/** Writes archives into a byte region, by default the argument buffer, from position 0. */
export class Ser {
  pos: u32 = 0;
  constructor(
    public base: usize = A,
    public cap: u32 = ARGBUF_LEN,
  ) {}

  /** uplink serializes with a `BufferSerializer` over `A` and `expect`s it to succeed. */
  reserve(n: u32): u32 {
    const at = this.pos;
    if (<u64>at + <u64>n > <u64>this.cap) {
      panic(
        'infallible: SerializerError(Overflow { pos: ' +
          at.toString() +
          ', bytes_needed: ' +
          n.toString() +
          ', archive_len: ' +
          this.cap.toString() +
          ' })',
      );
    }
    this.pos = at + n;
    return at;
  }

  pad(align: u32): void {
    const target = alignUp(this.pos, align);
    const at = this.reserve(target - this.pos);
    memory.fill(this.base + at, 0, target - at);
  }

  /** Raw bytes, unaligned; returns where they start. `memory.copy` tolerates `ptr` inside `A`. */
  bytes(ptr: usize, len: u32): u32 {
    const at = this.reserve(len);
    memory.copy(this.base + at, ptr, len);
    return at;
  }

  /** `serialize_value`: returns the position of the archived value. */
  value(v: Value): u32 {
    v.deps(this);
    this.pad(v.align());
    const size = v.size();
    const at = this.reserve(size);
    memory.fill(this.base + at, 0, size);
    v.repr(this, at);
    return at;
  }
}

/** Serializes `v` alone at the start of `A`; returns the archive length. */
export function toArgBuf(v: Value): u32 {
  const s = new Ser();
  s.value(v);
  return s.pos;
}

export abstract class Value {
  abstract size(): u32;
  abstract align(): u32;
  /** Writes out-of-line data (string bytes, vector elements) and remembers where. */
  deps(s: Ser): void {}
  /** Writes the archived bytes at `at` (aligned, zeroed, `size()` long). */
  abstract repr(s: Ser, at: u32): void;
}

export class VUnit extends Value {
  size(): u32 {
    return 0;
  }
  align(): u32 {
    return 1;
  }
  repr(s: Ser, at: u32): void {}
}

/** Integers, floats and bools as their little-endian bit patterns. */
export class VInt extends Value {
  constructor(
    public bytes: u32,
    public bits: u64,
  ) {
    super();
  }
  size(): u32 {
    return this.bytes;
  }
  align(): u32 {
    return this.bytes;
  }
  repr(s: Ser, at: u32): void {
    const p = s.base + at;
    if (this.bytes == 1) store<u8>(p, <u8>this.bits);
    else if (this.bytes == 2) store<u16>(p, <u16>this.bits);
    else if (this.bytes == 4) store<u32>(p, <u32>this.bits);
    else store<u64>(p, this.bits);
  }
}

/** `[u8; N]` and `ContractId`: the bytes inline. */
export class VBytes extends Value {
  constructor(
    public ptr: usize,
    public len: u32,
  ) {
    super();
  }
  size(): u32 {
    return this.len;
  }
  align(): u32 {
    return 1;
  }
  repr(s: Ser, at: u32): void {
    memory.copy(s.base + at, this.ptr, this.len);
  }
}

/**
 * A `Vec<T>` whose elements are already archived bytes (`u8`, ids, numbers): one copy, then offset +
 * length. Building ids or bytes one value at a time would cost gas per element.
 */
export class VVecRaw extends Value {
  elemPos: u32 = 0;
  constructor(
    public ptr: usize,
    public count: u32,
    public elemSize: u32,
    public elemAlign: u32,
  ) {
    super();
  }
  size(): u32 {
    return 8;
  }
  align(): u32 {
    return 4;
  }
  deps(s: Ser): void {
    s.pad(this.elemAlign);
    this.elemPos = s.bytes(this.ptr, this.count * this.elemSize);
  }
  repr(s: Ser, at: u32): void {
    store<i32>(s.base + at, <i32>this.elemPos - <i32>at);
    store<u32>(s.base + at + 4, this.count);
  }
}

/** `String`: inline up to 7 bytes (length in byte 7), otherwise bytes out of line + len + offset. */
export class VStr extends Value {
  elemPos: u32 = 0;
  constructor(public data: ArrayBuffer) {
    super();
  }
  size(): u32 {
    return 8;
  }
  align(): u32 {
    return 4;
  }
  deps(s: Ser): void {
    const len = <u32>this.data.byteLength;
    if (len > 7) this.elemPos = s.bytes(changetype<usize>(this.data), len);
  }
  repr(s: Ser, at: u32): void {
    const len = <u32>this.data.byteLength;
    if (len <= 7) {
      memory.copy(s.base + at, changetype<usize>(this.data), len);
      store<u8>(s.base + at + 7, <u8>len);
    } else {
      store<u32>(s.base + at, len);
      store<i32>(s.base + at + 4, <i32>this.elemPos - <i32>at);
    }
  }
}

/** `Vec<T>`: dependencies of every element, then the aligned element array, then offset + length. */
export class VVec extends Value {
  elemPos: u32 = 0;
  constructor(
    public elems: Value[],
    public elemDesc: string,
  ) {
    super();
  }
  size(): u32 {
    return 8;
  }
  align(): u32 {
    return 4;
  }
  deps(s: Ser): void {
    for (let i = 0; i < this.elems.length; i++) this.elems[i].deps(s);
    s.pad(alignOf(this.elemDesc));
    this.elemPos = s.pos;
    for (let i = 0; i < this.elems.length; i++) {
      const e = this.elems[i];
      const at = s.reserve(e.size());
      memory.fill(s.base + at, 0, e.size());
      e.repr(s, at);
    }
  }
  repr(s: Ser, at: u32): void {
    store<i32>(s.base + at, <i32>this.elemPos - <i32>at);
    store<u32>(s.base + at + 4, <u32>this.elems.length);
  }
}

/** Tuples: fields in declaration order with natural padding (spec §7.3). */
export class VTuple extends Value {
  constructor(public fields: Value[]) {
    super();
  }
  align(): u32 {
    let align: u32 = 1;
    for (let i = 0; i < this.fields.length; i++) align = max(align, this.fields[i].align());
    return align;
  }
  size(): u32 {
    let end: u32 = 0;
    for (let i = 0; i < this.fields.length; i++)
      end = alignUp(end, this.fields[i].align()) + this.fields[i].size();
    return alignUp(end, this.align());
  }
  deps(s: Ser): void {
    for (let i = 0; i < this.fields.length; i++) this.fields[i].deps(s);
  }
  repr(s: Ser, at: u32): void {
    let end: u32 = 0;
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i];
      const offset = alignUp(end, f.align());
      f.repr(s, at + offset);
      end = offset + f.size();
    }
  }
}

/** A derived `#[repr(u8)]` enum value: tag, then at most one field at `fieldAt`. */
export class VEnum extends Value {
  constructor(
    public tag: u8,
    public field: Value | null,
    public sz: u32,
    public al: u32,
    public fieldAt: u32,
  ) {
    super();
  }
  size(): u32 {
    return this.sz;
  }
  align(): u32 {
    return this.al;
  }
  deps(s: Ser): void {
    const f = this.field;
    if (f !== null) f.deps(s);
  }
  repr(s: Ser, at: u32): void {
    store<u8>(s.base + at, this.tag);
    const f = this.field;
    if (f !== null) f.repr(s, at + this.fieldAt);
  }
}

// Constructors. They allocate, so call them inside functions only: a module-level `new` would need
// a start function, which piecrust cannot run.

export function vUnit(): Value {
  return new VUnit();
}
export function vBool(b: bool): Value {
  return new VInt(1, b ? 1 : 0);
}
export function vU8(x: u8): Value {
  return new VInt(1, x);
}
export function vI16(x: i16): Value {
  return new VInt(2, <u64>(<u16>x));
}
export function vU32(x: u32): Value {
  return new VInt(4, x);
}
export function vI32(x: i32): Value {
  return new VInt(4, <u64>(<u32>x));
}
export function vU64(x: u64): Value {
  return new VInt(8, x);
}
export function vI64(x: i64): Value {
  return new VInt(8, <u64>x);
}
export function vF64(x: f64): Value {
  return new VInt(8, reinterpret<u64>(x));
}
export function vBytes(ptr: usize, len: u32): Value {
  return new VBytes(ptr, len);
}
export function vBuffer(buf: ArrayBuffer): Value {
  return new VBytes(changetype<usize>(buf), <u32>buf.byteLength);
}
export function vVecU8(ptr: usize, len: u32): Value {
  return new VVecRaw(ptr, len, 1, 1);
}
export function vVecU8Of(buf: ArrayBuffer): Value {
  return new VVecRaw(changetype<usize>(buf), <u32>buf.byteLength, 1, 1);
}
/** `Vec<ContractId>` from the ids' bytes, back to back. */
export function vIdsOf(buf: ArrayBuffer): Value {
  return new VVecRaw(changetype<usize>(buf), (<u32>buf.byteLength) >> 5, 32, 1);
}
export function vStr(text: string): Value {
  return new VStr(utf8(text));
}
export function vStrUtf8(data: ArrayBuffer): Value {
  return new VStr(data);
}
/** `Vec<T>` of values of type `elemDesc`. */
export function vVec(elems: Value[], elemDesc: string): Value {
  return new VVec(elems, elemDesc);
}
export function vTuple(fields: Value[]): Value {
  return new VTuple(fields);
}

export function vSome(inner: Value): Value {
  const align = inner.align();
  return new VEnum(1, inner, optionSize(inner.size(), align), align, align);
}

/** `None::<T>`, with T given as a descriptor (it decides the size). */
export function vNone(desc: string): Value {
  return new VEnum(0, null, optionSize(sizeOf(desc), alignOf(desc)), alignOf(desc), 0);
}

/** Archived `ContractError` with HEAD tags; `kind` 0 (Panic) carries the message. */
export function vContractError(kind: u8, msg: string): Value {
  return new VEnum(kind, kind == 0 ? vStr(msg) : null, 12, 4, 4);
}

/** `Ok::<T, ContractError>(value)`. */
export function vOk(value: Value): Value {
  const align = value.align();
  return new VEnum(0, value, resultSize(value.size(), align), max<u32>(align, 4), align);
}

/** `Err::<T, ContractError>(err)`, with T given as a descriptor (it decides the size). */
export function vErr(err: Value, okDesc: string): Value {
  return new VEnum(
    1,
    err,
    resultSize(sizeOf(okDesc), alignOf(okDesc)),
    max<u32>(alignOf(okDesc), 4),
    4,
  );
}

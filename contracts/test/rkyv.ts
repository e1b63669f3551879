/**
 * A small, independent rkyv 0.7 encoder for test arguments (spec §7.2/7.3), and readers for results.
 * Independent of the AssemblyScript SDK so that each checks the other against spec §7.4.
 */
export interface Archived {
  size: number;
  align: number;
  deps?(w: Writer): void;
  repr(w: Writer, at: number): void;
}

export class Writer {
  bytes: number[] = [];
  pad(align: number): void {
    while (this.bytes.length % align) this.bytes.push(0);
  }
  raw(data: Uint8Array): number {
    const at = this.bytes.length;
    this.bytes.push(...data);
    return at;
  }
  set(at: number, data: Uint8Array): void {
    data.forEach((b, i) => (this.bytes[at + i] = b));
  }
}

export function encode(value: Archived): Uint8Array {
  const w = new Writer();
  value.deps?.(w);
  w.pad(value.align);
  const at = w.bytes.length;
  for (let i = 0; i < value.size; i++) w.bytes.push(0);
  value.repr(w, at);
  return Uint8Array.from(w.bytes);
}

function le(bytes: number, value: bigint): Uint8Array {
  const out = new Uint8Array(bytes);
  let v = BigInt.asUintN(bytes * 8, value);
  for (let i = 0; i < bytes; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

const prim = (bytes: number, value: bigint): Archived => ({
  size: bytes,
  align: bytes,
  repr: (w, at) => w.set(at, le(bytes, value)),
});
export const unit: Archived = { size: 0, align: 1, repr: () => {} };
export const u8 = (x: number) => prim(1, BigInt(x));
export const bool = (x: boolean) => prim(1, x ? 1n : 0n);
export const i16 = (x: number) => prim(2, BigInt(x));
export const u32 = (x: number) => prim(4, BigInt(x));
export const i32 = (x: number) => prim(4, BigInt(x));
export const u64 = (x: bigint | number) => prim(8, BigInt(x));
export const i64 = (x: bigint | number) => prim(8, BigInt(x));
export const bytes = (data: Uint8Array): Archived => ({
  size: data.length,
  align: 1,
  repr: (w, at) => w.set(at, data),
});

export function vecU8(data: Uint8Array): Archived {
  let pos = 0;
  return {
    size: 8,
    align: 4,
    deps: (w) => (pos = w.raw(data)),
    repr: (w, at) =>
      w.set(at, Uint8Array.from([...le(4, BigInt(pos - at)), ...le(4, BigInt(data.length))])),
  };
}

export function str(text: string): Archived {
  const data = new TextEncoder().encode(text);
  if (data.length <= 7) {
    return {
      size: 8,
      align: 4,
      repr: (w, at) => (w.set(at, data), w.set(at + 7, Uint8Array.of(data.length))),
    };
  }
  let pos = 0;
  return {
    size: 8,
    align: 4,
    deps: (w) => (pos = w.raw(data)),
    repr: (w, at) =>
      w.set(at, Uint8Array.from([...le(4, BigInt(data.length)), ...le(4, BigInt(pos - at))])),
  };
}

export function tuple(...fields: Archived[]): Archived {
  let end = 0;
  let align = 1;
  const offsets = fields.map((f) => {
    align = Math.max(align, f.align);
    const at = Math.ceil(end / f.align) * f.align;
    end = at + f.size;
    return at;
  });
  return {
    size: Math.ceil(end / align) * align,
    align,
    deps: (w) => fields.forEach((f) => f.deps?.(w)),
    repr: (w, at) => fields.forEach((f, i) => f.repr(w, at + offsets[i]!)),
  };
}

/** Reads results: the root of a `size`-byte archived type is at `len − size`. */
export class Reader {
  readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  root(size: number): number {
    return this.data.length - size;
  }
  str(at: number): string {
    const tail = this.data[at + 7]!;
    if ((tail & 0x80) === 0) return new TextDecoder().decode(this.data.subarray(at, at + tail));
    const len = this.view.getUint32(at, true);
    const start = at + this.view.getInt32(at + 4, true);
    return new TextDecoder().decode(this.data.subarray(start, start + len));
  }
  vec(at: number, elemSize = 1): Uint8Array {
    const start = at + this.view.getInt32(at, true);
    return this.data.subarray(start, start + this.view.getUint32(at + 4, true) * elemSize);
  }
  /** `Result<_, ContractError>` error at the root: `Panic("…")`, `OutOfGas`, … or null for `Ok`. */
  contractError(at: number): string | null {
    if (this.data[at] === 0) return null;
    const tag = this.data[at + 4];
    return tag === 0
      ? `Panic(${JSON.stringify(this.str(at + 8))})`
      : ['Panic', 'OutOfGas', 'DoesNotExist', 'Unknown'][tag!]!;
  }
}

/**
 * Byte-level reading and writing of the WebAssembly binary format (LEB128 integers, names,
 * vectors). Readers throw `WasmDecodeError` with the byte offset, so that a malformed module is
 * reported as "unexpected end at byte 1234" rather than as a RangeError deep in the parser.
 */

export class WasmDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
    this.name = 'WasmDecodeError';
  }
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

export class ByteReader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  fail(message: string, at = this.pos): never {
    throw new WasmDecodeError(message, at);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of data');
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const byte = this.u8();
      if (shift === 28 && byte > 0x0f) this.fail('u32 LEB128 out of range', start);
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) this.fail('u32 LEB128 too long', start);
    }
    return result >>> 0;
  }

  /** Signed LEB128 of at most 32 bits. */
  s32(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    const start = this.pos;
    do {
      byte = this.u8();
      if (shift === 28) {
        // The last byte may only carry the sign extension of bit 31.
        const rest = byte & 0x70;
        if ((byte & 0x80) !== 0 || (rest !== 0 && rest !== 0x70))
          this.fail('s32 LEB128 out of range', start);
      }
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (shift < 32 && byte & 0x40) result |= -1 << shift;
    return result | 0;
  }

  /** Signed LEB128 of at most 33 bits (block types). Returned as a JS number. */
  s33(): number {
    let result = 0n;
    let shift = 0n;
    let byte: number;
    const start = this.pos;
    do {
      byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if (shift > 35n) this.fail('s33 LEB128 too long', start);
    } while (byte & 0x80);
    if (byte & 0x40) result -= 1n << shift;
    return Number(result);
  }

  s64(): bigint {
    let result = 0n;
    let shift = 0n;
    let byte: number;
    const start = this.pos;
    do {
      byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if (shift > 70n) this.fail('s64 LEB128 too long', start);
    } while (byte & 0x80);
    if (byte & 0x40) result -= 1n << shift;
    return BigInt.asIntN(64, result);
  }

  u64(): bigint {
    let result = 0n;
    let shift = 0n;
    let byte: number;
    const start = this.pos;
    do {
      byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if (shift > 70n) this.fail('u64 LEB128 too long', start);
    } while (byte & 0x80);
    return BigInt.asUintN(64, result);
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.pos + length > this.end) {
      this.fail(`need ${length} bytes, ${this.end - this.pos} left`);
    }
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  skip(length: number): void {
    this.take(length);
  }

  name(): string {
    const at = this.pos;
    const raw = this.take(this.u32());
    try {
      return utf8Decoder.decode(raw);
    } catch {
      this.fail('name is not valid UTF-8', at);
    }
  }
}

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(value: number): this {
    this.reserve(1);
    this.buf[this.length++] = value;
    return this;
  }

  u32(value: number): this {
    this.reserve(5);
    let v = value >>> 0;
    do {
      let byte = v & 0x7f;
      v >>>= 7;
      if (v !== 0) byte |= 0x80;
      this.buf[this.length++] = byte;
    } while (v !== 0);
    return this;
  }

  s32(value: number): this {
    this.reserve(5);
    let v = value | 0;
    for (;;) {
      const byte = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
      this.buf[this.length++] = done ? byte : byte | 0x80;
      if (done) return this;
    }
  }

  s64(value: bigint): this {
    this.reserve(10);
    let v = BigInt.asIntN(64, value);
    for (;;) {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
      this.buf[this.length++] = done ? byte : byte | 0x80;
      if (done) return this;
    }
  }

  /** Block types: -64 (empty), a value type as a negative number, or a type index. */
  s33(value: number): this {
    return this.s64(BigInt(value));
  }

  u64(value: bigint): this {
    this.reserve(10);
    let v = BigInt.asUintN(64, value);
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      this.buf[this.length++] = byte;
    } while (v !== 0n);
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  name(text: string): this {
    const raw = utf8Encoder.encode(text);
    return this.u32(raw.length).bytes(raw);
  }

  /** Append `inner` prefixed by its byte length (sections, function bodies). */
  sized(inner: ByteWriter): this {
    return this.u32(inner.length).bytes(inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

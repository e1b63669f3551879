/**
 * A growable little-endian byte writer and its reader, for the journal's binary form. Lengths are
 * u32, gas is u64, every read is bounds-checked: a damaged journal is an error with the offset,
 * never a wrong value.
 */
export class BinaryWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.reserve(1);
    this.buf[this.pos++] = v;
    return this;
  }

  u32(v: number): this {
    this.reserve(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
    return this;
  }

  u64(v: bigint): this {
    this.reserve(8);
    this.view.setBigUint64(this.pos, v, true);
    this.pos += 8;
    return this;
  }

  f64(v: number): this {
    this.reserve(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
    return this;
  }

  /** Bytes of a length known to both sides (ids, hashes). */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** Length-prefixed bytes. */
  bytes(bytes: Uint8Array): this {
    return this.u32(bytes.length).raw(bytes);
  }

  str(text: string): this {
    return this.bytes(new TextEncoder().encode(text));
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export class BinaryReader {
  private readonly view: DataView;
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get atEnd(): boolean {
    return this.pos === this.buf.length;
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) {
      throw new Error(`journal cut short: ${n} bytes wanted at offset ${at} of ${this.buf.length}`);
    }
    this.pos += n;
    return at;
  }

  u8(): number {
    return this.buf[this.need(1)];
  }

  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }

  u64(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }

  f64(): number {
    return this.view.getFloat64(this.need(8), true);
  }

  raw(n: number): Uint8Array {
    const at = this.need(n);
    return this.buf.slice(at, at + n);
  }

  bytes(): Uint8Array {
    return this.raw(this.u32());
  }

  str(): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.bytes());
  }
}

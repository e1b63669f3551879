/**
 * The serializer's output: a growable byte buffer whose positions are absolute offsets from the
 * start of the archive, which is what rkyv aligns against (buffers are placed 8-aligned).
 */
export class Writer {
  buf = new Uint8Array(256);
  view = new DataView(this.buf.buffer);
  pos = 0;

  /** Reserve `n` zeroed bytes at the current position and return where they start. */
  reserve(n: number): number {
    const at = this.pos;
    const end = at + n;
    if (end > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < end) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.pos));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.pos = end;
    return at;
  }

  padTo(align: number): void {
    const rem = this.pos % align;
    if (rem !== 0) this.reserve(align - rem);
  }

  write(bytes: Uint8Array): number {
    const at = this.reserve(bytes.length);
    this.buf.set(bytes, at);
    return at;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

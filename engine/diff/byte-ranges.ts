/**
 * Byte ranges that differ between two buffers of the same length (e.g. two versions of a page),
 * merged when closer than `gap` bytes so that a changed u64 reads as one range, not eight.
 * Compares 4 bytes at a time where it can: a 64 KiB page takes a few microseconds.
 */

export interface ByteRange {
  /** Offset of the first differing byte. */
  start: number;
  /** One past the last differing byte. */
  end: number;
}

export function changedRanges(before: Uint8Array, after: Uint8Array, gap = 8): ByteRange[] {
  if (before.length !== after.length) {
    throw new RangeError(`cannot compare buffers of ${before.length} and ${after.length} bytes`);
  }
  const n = before.length;
  const aligned = before.byteOffset % 4 === 0 && after.byteOffset % 4 === 0 ? Math.floor(n / 4) : 0;
  const wa = aligned > 0 ? new Int32Array(before.buffer, before.byteOffset, aligned) : undefined;
  const wb = aligned > 0 ? new Int32Array(after.buffer, after.byteOffset, aligned) : undefined;
  const out: ByteRange[] = [];
  let i = 0;
  const push = (start: number, end: number): void => {
    const last = out[out.length - 1];
    if (last !== undefined && start - last.end <= gap) last.end = end;
    else out.push({ start, end });
  };
  while (i < n) {
    if (wa !== undefined && wb !== undefined && (i & 3) === 0 && i + 4 <= aligned * 4) {
      // Skip equal words quickly.
      let w = i >> 2;
      while (w < aligned && wa[w] === wb[w]) w++;
      i = w << 2;
      if (i >= n) break;
    }
    if (before[i] === after[i]) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && before[i] !== after[i]) i++;
    push(start, i);
  }
  return out;
}

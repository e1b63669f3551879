/**
 * Walking a log that may be damaged (store-inspection.ts, log-rebuild.ts). Records are
 * self-delimiting and checksummed, so a sound log is walked record by record. At a record that
 * does not verify, the walk reports the damaged bytes and goes on at the next intact record:
 * right after the damaged one when its header still gives a length that lands on an intact
 * record (a flipped bit in a body), else at the first following offset where one verifies.
 * That search checksums only offsets whose header is one the encoder can write (known kind,
 * its key length, a body length that fits), so it runs through garbage at memory speed and a
 * false match needs a header that passes and a CRC-32 that matches by chance.
 *
 * Reads go through a window of a few MiB (sequential I/O); a record larger than the window is
 * checksummed piece by piece, so a header that claims gigabytes never makes one huge read.
 */
import { Codec, RECORD_HEADER, RecordKind, type RecordHeader } from './file-format';
import { crc32Range } from './record-crc';

const WINDOW = 8 << 20;

/** Bytes of the log that are not an intact record. */
export interface DamagedRange {
  offset: number;
  length: number;
  message: string;
}

export interface LogVisitor {
  /** An intact record (checksum verified); `bytes()` reads it whole. */
  record(offset: number, header: RecordHeader, bytes: () => Uint8Array): void;
  damage(range: DamagedRange): void;
}

/**
 * Reads `length` bytes at `offset`; into `into` (returning the part filled) when given: the
 * window reads every chunk into one buffer, since a fresh 8 MiB per chunk cost more in page
 * faults than the checksums of a log of small records.
 */
type Read = (offset: number, length: number, into?: Uint8Array) => Uint8Array;

/** A cached span of the log; `get` answers from it, or moves it. */
class Window {
  private start = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private buffer: Uint8Array = new Uint8Array(0);
  constructor(
    private readonly read: Read,
    readonly end: number,
  ) {}

  /** Bytes valid until the next `get` (callers copy what they keep). */
  get(offset: number, length: number): Uint8Array {
    const from = offset - this.start;
    if (from >= 0 && from + length <= this.bytes.length)
      return this.bytes.subarray(from, from + length);
    if (length > WINDOW) return this.read(offset, length);
    const n = Math.min(Math.max(WINDOW, length), this.end - offset);
    if (this.buffer.length < n) this.buffer = new Uint8Array(n);
    this.start = offset;
    this.bytes = this.read(offset, n, this.buffer.subarray(0, n));
    return this.bytes.subarray(0, length);
  }
}

const KNOWN = new Uint8Array(256);
for (const kind of Object.values(RecordKind)) KNOWN[kind] = 1;
/** The key length each kind is written with (modules: a UTF-8 key of up to this many bytes). */
const KEY_LENGTH: Record<number, number> = {
  [RecordKind.Node]: 0,
  [RecordKind.Page]: 32,
  [RecordKind.Bytecode]: 32,
  [RecordKind.Journal]: 32,
  [RecordKind.Driver]: 32,
  [RecordKind.ContractMeta]: 32,
  [RecordKind.Commit]: 32,
  [RecordKind.Delete]: 32,
  [RecordKind.Finalize]: 32,
  [RecordKind.Checkpoint]: 0,
};
const MAX_MODULE_KEY = 1024;

/** A little-endian u32 at `at` (no DataView per header: the walk parses millions). */
const u32 = (b: Uint8Array, at: number): number =>
  (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

function parseHeader(bytes: Uint8Array): RecordHeader {
  const keyLength = bytes[2] | (bytes[3] << 8);
  const bodyLength = u32(bytes, 4);
  return {
    kind: bytes[0] as RecordKind,
    codec: bytes[1] as Codec,
    keyLength,
    bodyLength,
    rawLength: u32(bytes, 8),
    crc: u32(bytes, 12),
    length: RECORD_HEADER + keyLength + bodyLength,
  };
}

/** A header the encoder (file-format.ts `encodeRecord`) could have written. */
function isEncoderHeader(h: RecordHeader): boolean {
  if (KNOWN[h.kind] !== 1 || h.codec > Codec.SparseHashes) return false;
  if (h.kind === RecordKind.Module) {
    if (h.keyLength === 0 || h.keyLength > MAX_MODULE_KEY) return false;
  } else if (h.keyLength !== KEY_LENGTH[h.kind]) return false;
  // Nodes are stored raw or sparse, every other kind raw or deflated.
  if ((h.codec === Codec.SparseHashes) !== (h.kind === RecordKind.Node) && h.codec !== Codec.Raw)
    return false;
  if (h.codec === Codec.Raw && h.rawLength !== h.bodyLength) return false;
  if ((h.kind === RecordKind.Delete || h.kind === RecordKind.Finalize) && h.bodyLength !== 0)
    return false;
  return true;
}

/** Why the bytes at `offset` are not an intact record, or undefined when they are one. */
function problemAt(
  win: Window,
  offset: number,
  header: RecordHeader | undefined,
): string | undefined {
  if (header === undefined) return `only ${win.end - offset} bytes left, less than a record header`;
  if (KNOWN[header.kind] !== 1) return `unknown record kind ${header.kind}`;
  if (header.codec > Codec.SparseHashes) return `unknown codec ${header.codec}`;
  if (offset + header.length > win.end)
    return `a record of ${header.length} bytes would end at ${offset + header.length}, past ${win.end}`;
  let crc: number;
  if (header.length <= WINDOW) {
    // The usual case: the whole record in the window, checksummed in place.
    const bytes = win.get(offset, header.length);
    crc = crc32Range(bytes, RECORD_HEADER, header.length, crc32Range(bytes, 0, 12));
  } else {
    crc = crc32Range(win.get(offset, 12), 0, 12);
    for (let at = offset + RECORD_HEADER; at < offset + header.length; at += WINDOW) {
      const n = Math.min(WINDOW, offset + header.length - at);
      crc = crc32Range(win.get(at, n), 0, n, crc);
    }
  }
  if (crc !== header.crc) {
    return `checksum ${crc.toString(16)} ≠ stored ${header.crc.toString(16)} (kind ${header.kind}, ${header.length} bytes)`;
  }
  return undefined;
}

function headerAt(win: Window, offset: number): RecordHeader | undefined {
  return offset + RECORD_HEADER <= win.end
    ? parseHeader(win.get(offset, RECORD_HEADER))
    : undefined;
}

/** An intact record with an encoder's header starts at `offset`. */
function intactAt(win: Window, offset: number): boolean {
  const header = headerAt(win, offset);
  return (
    header !== undefined &&
    isEncoderHeader(header) &&
    offset + header.length <= win.end &&
    problemAt(win, offset, header) === undefined
  );
}

/** The first offset at or after `from` where an intact record starts, or the end. */
function resync(win: Window, from: number): number {
  for (let p = from; p + RECORD_HEADER <= win.end;) {
    const n = Math.min(WINDOW, win.end - p);
    const bytes = win.get(p, n);
    for (let i = 0; i < n; i++) {
      // Cheap byte tests first: most offsets of garbage (and all of zeros) stop here.
      if (KNOWN[bytes[i]] !== 1 || (i + 1 < n && bytes[i + 1] > Codec.SparseHashes)) continue;
      if (intactAt(win, p + i)) return p + i;
    }
    p += n;
  }
  return win.end;
}

/** Bytes of log walked between two pauses of `walkLogSteps`. */
const STEP = 2 << 20;

/** Visit every intact record and every damaged range of [from, to), in order. */
export function walkLog(read: Read, from: number, to: number, visitor: LogVisitor): void {
  for (const _ of walkLogSteps(read, from, to, visitor));
}

/**
 * `walkLog` in steps: it pauses (yields) after every couple of MiB walked, so that a caller can
 * let other work run between them (a writer's admission checked after the open, file-store.ts).
 */
export function* walkLogSteps(
  read: Read,
  from: number,
  to: number,
  visitor: LogVisitor,
): Generator<void, void, void> {
  const win = new Window(read, to);
  let at = from;
  let paused = from;
  while (at < to) {
    if (at - paused >= STEP) {
      paused = at;
      yield;
    }
    const header = headerAt(win, at);
    const problem = problemAt(win, at, header);
    if (problem === undefined && header !== undefined) {
      const offset = at;
      // A copy: the window's buffer is reused for the next chunk.
      visitor.record(offset, header, () => win.get(offset, header.length).slice());
      at += header.length;
      continue;
    }
    // A flipped bit in a body leaves the header's length good: the next record is right after.
    let next: number | undefined;
    if (header !== undefined && isEncoderHeader(header) && at + header.length <= to) {
      const after = at + header.length;
      if (after === to || intactAt(win, after)) next = after;
    }
    next ??= resync(win, at + 1);
    visitor.damage({
      offset: at,
      length: next - at,
      message: `${next - at} bytes at offset ${at} are not an intact record (${problem}); ${next < to ? `the next intact record is at ${next}` : `no intact record follows before ${to}`}`,
    });
    at = next;
  }
}

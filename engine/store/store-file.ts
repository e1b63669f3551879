/**
 * The store file at the byte level: positioned reads of records, appends at the end of the
 * durable log, the superblock update, fsync. It knows nothing of commits or indexes.
 *
 * Ownership: a StoreFile owns its file descriptor until `close`. Reads are synchronous
 * (`fs.readSync`, lazily, at the offset the index gives); the fsyncs of a commit are
 * asynchronous so that a worker's event loop keeps serving while the disk flushes.
 */
import {
  closeSync,
  constants,
  fdatasync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
} from 'node:fs';
import { promisify } from 'node:util';
import { PiecrustError } from '../core/errors';
import { BufferedWriter, ioError, writeAll, writeFileAtomically } from './atomic-file';
import { assertSingleName } from './store-lock';
import { decodeHeader, decodeRecord, RECORD_HEADER, type DecodedRecord } from './file-format';
import { isRepairable } from './repair-hint';
import {
  chooseSuperblock,
  encodeSlot,
  FORMAT_VERSION,
  LOG_START,
  readSlots,
  slotOffset,
  type SlotState,
  type Superblock,
} from './superblock';

const fdatasyncAsync = promisify(fdatasync);
/** Replay reads the log in chunks of this size (records larger than it are read whole). */
const SCAN_CHUNK = 8 << 20;

/** A fresh, empty store: both superblock slots, no checkpoint, an empty log. */
export async function createEmptyStoreFile(path: string): Promise<void> {
  await writeFileAtomically(path, async (fd) => {
    const head = new Uint8Array(LOG_START);
    head.set(
      encodeSlot({
        formatVersion: FORMAT_VERSION,
        generation: 1,
        durableLength: LOG_START,
        checkpointOffset: 0,
        checkpointLength: 0,
      }),
      slotOffset(1),
    );
    head.set(
      encodeSlot({
        formatVersion: FORMAT_VERSION,
        generation: 0,
        durableLength: LOG_START,
        checkpointOffset: 0,
        checkpointLength: 0,
      }),
      slotOffset(0),
    );
    writeAll(fd, [head], 0);
  });
}

export class StoreFile {
  private constructor(
    readonly path: string,
    private fd: number,
    readonly readOnly: boolean,
    readonly sizeAtOpen: number,
    /** Both superblock slots as found at open (store-inspection.ts reports what is wrong). */
    readonly slots: SlotState[],
    public superblock: Superblock,
  ) {}

  private static withFd<T>(path: string, readOnly: boolean, use: (fd: number) => T): T {
    let fd: number;
    try {
      // O_NONBLOCK: a FIFO at the path must not block the open forever (it is refused below).
      const mode = readOnly ? constants.O_RDONLY : constants.O_RDWR;
      fd = openSync(path, mode | (constants.O_NONBLOCK ?? 0));
    } catch (e) {
      throw ioError(path, 'opening the store', e);
    }
    try {
      if (!fstatSync(fd).isFile())
        throw new PiecrustError('PersistenceError', `${path}: not a regular file`, { path });
      return use(fd);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** Open an existing store file; validates the superblock (the file is not modified). */
  static open(path: string, readOnly: boolean): StoreFile {
    return StoreFile.withFd(path, readOnly, (fd) => {
      // Checked on the descriptor: the file this writer will write is the one that has one name.
      if (!readOnly) assertSingleName(fd, path);
      const size = fstatSync(fd).size;
      const slots = readSlots(fd, size);
      return new StoreFile(path, fd, readOnly, size, slots, chooseSuperblock(slots, size, path));
    });
  }

  /**
   * Open a store whose superblock cannot be trusted, read-only, to read every byte of it as
   * log: its "durable length" is the file's size (log-rebuild.ts finds what is intact). A file
   * that is not a store, or of a newer format, is still refused.
   */
  static openForSalvage(path: string): StoreFile {
    return StoreFile.withFd(path, true, (fd) => {
      const size = fstatSync(fd).size;
      const slots = readSlots(fd, size);
      try {
        chooseSuperblock(slots, size, path);
      } catch (e) {
        if (!isRepairable(e)) throw e;
      }
      const whole: Superblock = {
        formatVersion: FORMAT_VERSION,
        generation: 0,
        durableLength: Math.max(size, LOG_START),
        checkpointOffset: 0,
        checkpointLength: 0,
      };
      return new StoreFile(path, fd, true, size, slots, whole);
    });
  }

  /** The file's size now (the writer's own appends included). */
  size(): number {
    try {
      return fstatSync(this.fd).size;
    } catch (e) {
      throw ioError(this.path, 'reading its size', e);
    }
  }

  get durableLength(): number {
    return this.superblock.durableLength;
  }

  /** Read `length` bytes at `offset` (within the durable log), into `into` when given. */
  readAt(offset: number, length: number, into?: Uint8Array): Uint8Array {
    const out = into === undefined ? new Uint8Array(length) : into.subarray(0, length);
    let done = 0;
    while (done < length) {
      let n: number;
      try {
        n = readSync(this.fd, out, done, length - done, offset + done);
      } catch (e) {
        throw ioError(this.path, `reading ${length} bytes at ${offset}`, e);
      }
      if (n === 0) {
        throw new PiecrustError(
          'PersistenceError',
          `${this.path}: unexpected end of file at ${offset + done} reading ${length} bytes at ${offset}`,
          {
            path: this.path,
            offset,
            length,
          },
        );
      }
      done += n;
    }
    return out;
  }

  /** Read and verify the record at `offset` (its total length known from the index). */
  readRecord(offset: number, length: number): DecodedRecord {
    if (offset < LOG_START || offset + length > this.durableLength) {
      throw new PiecrustError(
        'PersistenceError',
        `${this.path}: record at ${offset} (+${length}) is outside the durable log (${this.durableLength} bytes)`,
        {
          path: this.path,
          offset,
          length,
        },
      );
    }
    const record = decodeRecord(this.readAt(offset, length), offset, this.durableLength);
    if (record.length !== length) {
      throw new PiecrustError(
        'PersistenceError',
        `${this.path}: record at ${offset} is ${record.length} bytes, the index says ${length}`,
        {
          path: this.path,
          offset,
          length,
        },
      );
    }
    return record;
  }

  /**
   * Visit every record in [from, to), verified, in order. Reads in large chunks so that replay
   * is sequential I/O; `onRecord` gets each record with its offset.
   */
  scan(from: number, to: number, onRecord: (record: DecodedRecord, offset: number) => void): void {
    let at = from;
    while (at < to) {
      const chunk = this.readAt(at, Math.min(SCAN_CHUNK, to - at));
      let o = 0;
      while (o < chunk.length) {
        if (chunk.length - o < RECORD_HEADER) break;
        const header = decodeHeader(chunk.subarray(o), at + o, to);
        if (o + header.length > chunk.length) break;
        onRecord(decodeRecord(chunk.subarray(o, o + header.length), at + o, to), at + o);
        o += header.length;
      }
      if (o === 0) {
        // A record larger than a chunk: read it whole.
        const header = decodeHeader(this.readAt(at, RECORD_HEADER), at, to);
        onRecord(decodeRecord(this.readAt(at, header.length), at, to), at);
        o = header.length;
      }
      at += o;
    }
  }

  /** Append records at the end of the durable log (not yet durable: see `commitLength`). */
  /**
   * Records written one by one after the durable end, in buffered chunks (a commit of 256 MiB of
   * pages is never all encoded at once); `finish` says where they went. Nothing is durable, nor
   * past the durable length, until `commitLength`.
   */
  appender(): { add(record: Uint8Array): number; finish(): { offset: number; length: number } } {
    this.assertWritable();
    const offset = this.durableLength;
    const writer = new BufferedWriter(this.fd, offset);
    const wrap = <T>(what: () => T): T => {
      try {
        return what();
      } catch (e) {
        throw ioError(this.path, `appending at ${writer.position}`, e);
      }
    };
    return {
      add: (record) => wrap(() => writer.add(record)),
      finish: () =>
        wrap(() => {
          writer.flush();
          return { offset, length: writer.position - offset };
        }),
    };
  }

  append(records: Uint8Array[]): { offset: number; length: number } {
    this.assertWritable();
    const offset = this.durableLength;
    try {
      return { offset, length: writeAll(this.fd, records, offset) };
    } catch (e) {
      throw ioError(this.path, `appending at ${offset}`, e);
    }
  }

  /**
   * Make everything appended durable and move the durable length (and, with a checkpoint,
   * its location) forward: fsync the data, write the next superblock slot, fsync again.
   */
  async commitLength(
    durableLength: number,
    checkpoint?: { offset: number; length: number },
  ): Promise<void> {
    this.assertWritable();
    const next: Superblock = {
      ...this.superblock,
      generation: this.superblock.generation + 1,
      durableLength,
      checkpointOffset: checkpoint?.offset ?? this.superblock.checkpointOffset,
      checkpointLength: checkpoint?.length ?? this.superblock.checkpointLength,
    };
    try {
      await fdatasyncAsync(this.fd);
      writeAll(this.fd, [encodeSlot(next)], slotOffset(next.generation));
      await fdatasyncAsync(this.fd);
    } catch (e) {
      throw ioError(this.path, 'making the commit durable (fsync)', e);
    }
    this.superblock = next;
  }

  /**
   * Drop a torn tail left by a crash, so the file ends where the durable log does. Only for a
   * tail that store-inspection.ts has proven was never acknowledged (or holds no intact record).
   */
  async truncateTornTail(): Promise<number> {
    this.assertWritable();
    const size = this.size();
    if (size <= this.durableLength) return 0;
    ftruncateSync(this.fd, this.durableLength);
    await fdatasyncAsync(this.fd);
    return size - this.durableLength;
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  private assertWritable(): void {
    if (this.readOnly) {
      throw new PiecrustError('PersistenceError', `${this.path} is open read-only`, {
        path: this.path,
      });
    }
  }
}

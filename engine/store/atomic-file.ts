/**
 * Writing files so that a crash leaves either the old version or the new one: write under a
 * temporary name, fsync, rename into place, fsync the directory. Used to create a store file
 * and to replace it by its compacted copy. Also the shared helpers of positioned writes.
 */
import {
  closeSync,
  fsync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { PiecrustError } from '../core/errors';

const fsyncAsync = promisify(fsync);
/** Appends are coalesced into writes of about this size. */
const WRITE_CHUNK = 4 << 20;

export function ioError(path: string, what: string, e: unknown): PiecrustError {
  const err = e as NodeJS.ErrnoException;
  return new PiecrustError(
    'PersistenceError',
    `${path}: ${what} failed: ${err.message ?? String(e)}`,
    {
      path,
      errno: err.code ?? 'unknown',
    },
  );
}

/** Make a rename or a creation durable: fsync the directory entry. */
export async function syncDirectory(path: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(dirname(path), 'r');
    await fsyncAsync(fd);
  } catch (e) {
    // Some platforms (Windows) cannot open a directory; the rename is then as durable as it gets.
    if (
      (e as NodeJS.ErrnoException).code !== 'EISDIR' &&
      (e as NodeJS.ErrnoException).code !== 'EPERM'
    )
      throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Write a file from scratch under a temporary name, fsync it and rename it into place. */
export async function writeFileAtomically(
  path: string,
  parts: (tmpFd: number) => Promise<void>,
): Promise<void> {
  const tmp = `${path}-tmp-${process.pid}`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    await parts(fd);
    await fsyncAsync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw e instanceof PiecrustError ? e : ioError(path, `writing ${tmp}`, e);
  }
  try {
    await syncDirectory(path);
  } catch (e) {
    throw ioError(path, 'syncing its directory', e);
  }
}

/**
 * Remove temporary files a killed writer left next to the store (an interrupted compaction).
 * Only the lock holder calls this, so no other writer can be using them.
 */
export function removeStaleTemporaries(path: string): void {
  const prefix = `${basename(path)}-tmp-`;
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith(prefix)) unlinkSync(join(dirname(path), name));
  }
}

/** Write `parts` contiguously at `position`, coalescing small ones. Returns the bytes written. */
export function writeAll(fd: number, parts: Uint8Array[], position: number): number {
  let at = position;
  let i = 0;
  while (i < parts.length) {
    let size = parts[i].length;
    let j = i + 1;
    while (j < parts.length && size + parts[j].length <= WRITE_CHUNK) size += parts[j++].length;
    let chunk = parts[i];
    if (j - i > 1) {
      chunk = new Uint8Array(size);
      let o = 0;
      for (let k = i; k < j; k++) {
        chunk.set(parts[k], o);
        o += parts[k].length;
      }
    }
    let done = 0;
    while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done, at + done);
    at += chunk.length;
    i = j;
  }
  return at - position;
}

/** Gathers small positioned writes into large ones (compaction and repair write whole logs). */
export class BufferedWriter {
  private parts: Uint8Array[] = [];
  private pending = 0;
  constructor(
    private readonly fd: number,
    public position: number,
  ) {}

  /** Queue `bytes`; returns the offset they will be written at. */
  add(bytes: Uint8Array): number {
    const at = this.position + this.pending;
    this.parts.push(bytes);
    this.pending += bytes.length;
    if (this.pending >= WRITE_CHUNK) this.flush();
    return at;
  }

  flush(): void {
    this.position += writeAll(this.fd, this.parts, this.position);
    this.parts = [];
    this.pending = 0;
  }
}

/**
 * Reading files a user names (a script, the `wasm` paths in it, a contract to deploy from a
 * path, a file dropped on the app): regular files only, at most MAX_USER_FILE_BYTES. A path can
 * name anything: `/dev/zero` never ends and a FIFO blocks its reader until a writer comes, so the
 * file is opened without blocking and checked on the open descriptor, leaving no window between
 * the check and the read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { PiecrustError } from './errors';

/** 64 MiB: far above any contract or script (the samples are a few KiB), far below the heap. */
export const MAX_USER_FILE_BYTES = 64 * 1024 * 1024;

/** What a non-regular file is, in words: "a directory", "a FIFO (named pipe)"… */
export function fileKind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function sizeText(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

export function openError(path: string, what: string, e: unknown): PiecrustError {
  const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENXIO'
          ? 'it is a socket or a device without a driver, not a regular file'
          : (e as Error).message;
  return new PiecrustError('InvalidInput', `cannot read ${what} ${path}: ${reason}`, {
    path,
    reason: code,
  });
}

/**
 * The bytes of the regular file at `path`; `what` names it in errors ("script", "contract").
 * Throws InvalidInput naming the path and the reason: missing, unreadable, not a regular file
 * (and what it is instead), or over `maxBytes` (with both sizes).
 */
export function readUserFile(
  path: string,
  what: string,
  maxBytes = MAX_USER_FILE_BYTES,
): Uint8Array {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw openError(path, what, e);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new PiecrustError(
        'InvalidInput',
        `cannot read ${what} ${path}: it is ${fileKind(st)}, not a regular file`,
        { path, kind: fileKind(st) },
      );
    }
    const tooBig = (size: number, more: boolean): PiecrustError =>
      new PiecrustError(
        'InvalidInput',
        `cannot read ${what} ${path}: ${more ? 'more than ' : ''}${sizeText(size)}, over the limit of ${sizeText(maxBytes)} (${maxBytes / 1024 / 1024} MiB)`,
        { path, bytes: size, maxBytes },
      );
    if (st.size > maxBytes) throw tooBig(st.size, false);
    // One byte more than the size says, to notice a file that grows while it is read.
    let buf = Buffer.allocUnsafe(st.size + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > maxBytes) throw tooBig(maxBytes, true);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw tooBig(maxBytes, true);
    return new Uint8Array(buf.buffer, buf.byteOffset, length).slice();
  } finally {
    closeSync(fd);
  }
}

/** `readUserFile` as UTF-8 text. */
export function readUserText(path: string, what: string, maxBytes = MAX_USER_FILE_BYTES): string {
  return Buffer.from(readUserFile(path, what, maxBytes)).toString('utf8');
}

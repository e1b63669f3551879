/**
 * Writing a file the user asked for (a saved script and its contracts): whole or not at all. The
 * bytes go to a new file next to the target, which then replaces it by rename, so a full disk
 * or a crash leaves the old file as it was, never a truncated one; and a FIFO or a device at the
 * path (writing into a FIFO blocks until a reader comes) is refused instead of written into.
 */
import { closeSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { PiecrustError } from '../core/errors';
import { fileKind } from '../core/user-files';

/** Write `bytes` to `path` (a real path: WritableFolders.check's answer), replacing any file. */
export function replaceFile(path: string, bytes: Uint8Array): void {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st !== undefined && !st.isFile()) {
    throw new PiecrustError(
      'InvalidInput',
      `refused to write ${path}: it is ${fileKind(st)}, not a regular file`,
      { path, kind: fileKind(st) },
    );
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw new PiecrustError('InvalidInput', `cannot write ${path}: ${(e as Error).message}`, {
      path,
      reason: (e as NodeJS.ErrnoException).code ?? 'unknown',
    });
  }
}

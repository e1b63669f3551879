/**
 * The one path a store file is known by: its real path. A store is locked, created, opened and
 * compacted through it, so that every symlink to the file (or to a directory on the way) and
 * every relative spelling finds the same lock file (store-lock.ts), and so that compaction,
 * which renames a new file into place, replaces the file rather than a symlink to it.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PiecrustError } from '../core/errors';
import { ioError } from './atomic-file';

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The real path of the store at `path`, or, when there is no file yet, of where it will be. */
export function canonicalStorePath(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw ioError(full, 'resolving the path', e);
  }
  // Creating a store here would replace the link with a file, leaving its target to whoever
  // else uses the link: refuse instead.
  if (isSymlink(full)) {
    throw new PiecrustError(
      'PersistenceError',
      `${full} is a symbolic link to ${readlinkSync(full)}, which does not exist`,
      { path: full },
    );
  }
  try {
    return join(realpathSync(dirname(full)), basename(full));
  } catch {
    return full; // no such directory: opening the store reports it
  }
}

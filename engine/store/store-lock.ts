/**
 * One writer per store file. Node has no flock or fcntl lock without a native addon, so the
 * lock is a file created with O_EXCL next to the store (`<store>-lock`), holding the writer's
 * pid and host. A writer killed with `kill -9` leaves it behind: a lock whose process is gone
 * on this host is stale and taken over; any other lock refuses the open with the pid that
 * holds it (a lock from another host is respected: its processes cannot be seen from here).
 * Read-only opens take no lock: they read a snapshot.
 *
 * The lock is the file's, not a path's:
 * - symlinks and relative spellings: the store is always reached through its real path
 *   (real-path.ts), and the lock file sits next to it, so every path finds the same lock;
 * - hard links: another name of the same inode, perhaps in another directory, cannot be found
 *   from the file, so no lock next to one name can be seen through the other. A writer
 *   therefore refuses a file with more than one name (`assertSingleName`, on the open
 *   descriptor, so the name it checked is the file it writes). Compaction renames a new file
 *   into place, which would split such names into two diverging stores anyway.
 */
import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { PiecrustError } from '../core/errors';

interface LockOwner {
  pid: number;
  host: string;
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string')
      return { pid: parsed.pid, host: parsed.host };
  } catch {
    // unreadable or half-written: judged below as "not ours, owner unknown"
  }
  return undefined;
}

/** A lock file with no readable owner is half-written; past this age its writer is gone. */
const UNREADABLE_GRACE_MS = 5_000;

function isStale(lockPath: string, owner: LockOwner | undefined): boolean {
  if (owner !== undefined) return owner.host === hostname() && !isAlive(owner.pid);
  try {
    return Date.now() - statSync(lockPath).mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return true; // gone already
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class StoreLock {
  private constructor(readonly path: string) {}

  /** Take the lock of the store at `storePath`, taking over a stale one. */
  static acquire(storePath: string): StoreLock {
    const lockPath = `${storePath}-lock`;
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = openSync(lockPath, 'wx');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new PiecrustError(
            'PersistenceError',
            `${lockPath}: cannot create the lock file: ${(e as Error).message}`,
            { path: lockPath },
          );
        }
        const owner = readOwner(lockPath);
        if (!isStale(lockPath, owner)) {
          const who =
            owner === undefined ? 'an unknown process' : `pid ${owner.pid} on ${owner.host}`;
          throw new PiecrustError(
            'PersistenceError',
            `${storePath} is locked by ${who} (another writer has it open; open it read-only, or remove ${lockPath} if that process is gone)`,
            { path: storePath, lock: lockPath, pid: owner?.pid ?? -1 },
          );
        }
        try {
          unlinkSync(lockPath);
        } catch {
          // another process took it over first; try again
        }
        continue;
      }
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
      } finally {
        closeSync(fd);
      }
      return new StoreLock(lockPath);
    }
    throw new PiecrustError(
      'PersistenceError',
      `${storePath}: could not take the lock ${lockPath}`,
      { path: storePath, lock: lockPath },
    );
  }

  release(): void {
    const owner = readOwner(this.path);
    if (owner !== undefined && owner.pid === process.pid) unlinkSync(this.path);
  }
}

/** Refuse to write a store file that has other names (hard links): see the module comment. */
export function assertSingleName(fd: number, path: string): void {
  const links = fstatSync(fd).nlink;
  if (links <= 1) return;
  throw new PiecrustError(
    'PersistenceError',
    `${path}: the store file has ${links} names (hard links); a writer through another name would not see this writer's lock, and compaction would split the names into two diverging stores. Writers refuse it: remove the other names (or copy the file), or open it read-only`,
    { path, links },
  );
}

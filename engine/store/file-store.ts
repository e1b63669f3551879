/**
 * The persistent CommitStore: one file on disk. Blobs (pages, Merkle and index nodes, contract
 * records, bytecode, modules, journals) and commit records are appended to a checksummed log
 * (file-format.ts) behind a two-slot superblock (superblock.ts); sql.js holds the commits table
 * and where every blob is (sql-index.ts), checkpointed into the log now and then and replayed
 * at open (log-replay.ts). A commit costs O(what it wrote): its records are appended and
 * fsynced, then the superblock's durable length moves past them (fsynced again) before
 * `writeCommit` resolves. Deleted data is collected and compacted away (compaction.ts).
 *
 * `openFileStore(path)` resolves the file's real path (real-path.ts), creates the file when
 * missing, takes the writer lock (store-lock.ts), validates the superblock, refuses a damaged
 * file unless forced (writer-admission.ts), loads the index and drops a tail that was never
 * acknowledged; `{ readOnly: true }` opens a snapshot without the lock, for inspection while
 * another process writes. Every failure to open is a PersistenceError with the numbers, and
 * leaves the file untouched; damage the log can get past says how to repair it
 * (repair-hint.ts, `check --repair`).
 */
import { existsSync } from 'node:fs';
import { PiecrustError } from '../core/errors';
import { initHashing } from '../hash/blake3';
import { removeStaleTemporaries } from './atomic-file';
import { FileCommitStore } from './file-commit-store';
import type { FileStoreOptions, FileStoreStats } from './file-store-options';
import { loadIndex } from './log-replay';
import { createEmptyStoreFile, StoreFile } from './store-file';
import { StoreLock } from './store-lock';
import { canonicalStorePath } from './real-path';
import { admitWriter, admitWriterInSteps } from './writer-admission';

export { FileCommitStore };
export type { FileStoreOptions, FileStoreStats };

export async function openFileStore(
  path: string,
  options: FileStoreOptions = {},
): Promise<FileCommitStore> {
  const readOnly = options.readOnly ?? false;
  await initHashing();
  let full = path;
  let lock: StoreLock | undefined;
  try {
    // Every path to the file (symlinks, relative spellings) becomes the one its lock is beside.
    full = canonicalStorePath(path);
    lock = readOnly ? undefined : StoreLock.acquire(full);
    if (!readOnly) removeStaleTemporaries(full);
    if (!existsSync(full)) {
      if (readOnly)
        throw new PiecrustError('PersistenceError', `${full}: no store at this path`, {
          path: full,
        });
      await createEmptyStoreFile(full);
    }
    const file = StoreFile.open(full, readOnly);
    try {
      const force = options.force ?? false;
      const later = options.admission === 'first-write';
      // Before the index is even loaded: a writer must not build on a damaged file.
      const admission = readOnly || later ? undefined : admitWriter(file, force);
      const { index } = await loadIndex(file, options.sqlWasm, options.schemaVersion);
      const store = new FileCommitStore(file, index, lock, options);
      if (admission !== undefined) await store.admit(admission);
      else if (later && store.needsMigrationCheckpoint()) {
        // A store upgraded by this open is checkpointed at once, as an admitted writer does.
        try {
          await store.admit(admitWriter(file, force));
        } catch (e) {
          index.close();
          throw e;
        }
      } else if (later) store.admitLater((closed) => admitWriterInSteps(file, force, closed));
      return store;
    } catch (e) {
      file.close();
      throw e;
    }
  } catch (e) {
    lock?.release();
    if (e instanceof PiecrustError && !e.message.includes(full)) {
      throw new PiecrustError(e.code, `${full}: ${e.message}`, { path: full, ...e.details });
    }
    throw e;
  }
}

/** The options and the statistics of the file store (file-store.ts). */
import type { SqlWasm } from './sql-js';

export interface FileStoreOptions {
  /** Open a snapshot for reading only (no lock; another process may be writing). */
  readOnly?: boolean;
  /**
   * Write to a store that its open-time inspection finds damaged (store-inspection.ts); the
   * problems accepted are in `acceptedProblems`. Never past intact records beyond the durable
   * length: those refuse every writer.
   */
  force?: boolean;
  /**
   * When a writer's inspection of the log (writer-admission.ts) runs: `'open'` (the default)
   * before `openFileStore` returns, so a damaged store is refused there; `'first-write'` after
   * it, a few MiB at a time between other work, so that a big store is readable at once (the
   * walk reads the whole log before the checkpoint: seconds at 100k commits). Every write then
   * waits for the verdict, and a damaged store refuses each of them with the open's message.
   */
  admission?: 'open' | 'first-write';
  /** sql.js's wasm (a path or its bytes); default node_modules/sql.js/dist/sql-wasm.wasm. */
  sqlWasm?: SqlWasm;
  /** Log bytes after which the index is checkpointed (at least 4× the last checkpoint). */
  checkpointMinBytes?: number;
  /** Compact after a collection when this fraction of the file is dead (default 0.5)… */
  compactDeadFraction?: number;
  /** …and at least this many bytes are (default 8 MiB). */
  compactMinBytes?: number;
  /** Bytes of decoded blobs kept in memory (default 32 MiB). */
  cacheBytes?: number;
  /** Keep the index at this schema version. Only for tests of migrations. @internal */
  schemaVersion?: number;
}

export interface FileStoreStats {
  path: string;
  readOnly: boolean;
  schemaVersion: number;
  /** Durable bytes of the file. */
  fileBytes: number;
  /** Bytes the index references: blobs, commit records, the checkpoint, the superblock. */
  liveBytes: number;
  /** Bytes compaction would reclaim: collected blobs, old checkpoints, deleted commits. */
  deadBytes: number;
  bytesSinceCheckpoint: number;
  commits: number;
  nodes: number;
  pages: number;
  bytecodes: number;
  modules: number;
  journals: number;
  /** Data-driver modules stored for contracts (each once, by hash). */
  drivers: number;
}

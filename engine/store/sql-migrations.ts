/**
 * The schema of the store's sql.js index, as numbered migrations. `MIGRATIONS[i]` takes a
 * database from version i to i + 1 (version 0 is an empty database); the version lives in
 * SQLite's `user_version`. A store is opened by loading its last checkpoint and applying the
 * migrations it lacks, in order, before the log written after that checkpoint is replayed, so
 * replay always runs against the current schema. Never edit a released migration: add one.
 */
import type { Database } from 'sql.js';
import { PiecrustError } from '../core/errors';

export type Migration = (db: Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  // v1: the commits table and the blob index. Bulky bytes live in the log; rows point at them.
  (db) =>
    db.run(`
      CREATE TABLE commits (
        seq INTEGER PRIMARY KEY,
        root BLOB NOT NULL UNIQUE,
        parent BLOB,
        index_root BLOB NOT NULL,
        contract_count INTEGER NOT NULL,
        label TEXT NOT NULL,
        created_at REAL NOT NULL,
        finalized INTEGER NOT NULL DEFAULT 0,
        record_offset INTEGER NOT NULL,
        record_length INTEGER NOT NULL
      );
      CREATE TABLE blobs (
        kind INTEGER NOT NULL,
        key BLOB NOT NULL,
        record_offset INTEGER NOT NULL,
        record_length INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
      ) WITHOUT ROWID;`),
  // v2: what each commit wrote (for the UI's commit details; NULL for commits written before
  // v2, whose summary is unknown) and an index to find a commit's children without a scan.
  (db) =>
    db.run(`
      ALTER TABLE commits ADD COLUMN pages_written INTEGER;
      ALTER TABLE commits ADD COLUMN bytes_written INTEGER;
      CREATE INDEX commits_by_parent ON commits (parent);`),
  // v3: the gas table each commit's calls were metered with (NULL for commits written before
  // tables were recorded).
  (db) => db.run(`ALTER TABLE commits ADD COLUMN gas_table TEXT;`),
  // v4: labels of a state committed again under another label (the log's later commit record
  // of a root already there; the first label stays in `commits`).
  (db) =>
    db.run(`
      CREATE TABLE commit_labels (
        seq INTEGER PRIMARY KEY,
        root BLOB NOT NULL,
        label TEXT NOT NULL,
        record_offset INTEGER NOT NULL,
        record_length INTEGER NOT NULL,
        UNIQUE (root, label)
      );`),
  // v5: contracts' names and attached data-drivers (contract-meta.ts), outside the state: the
  // last metadata record of each contract, and where it is. The driver bytes are a blob.
  (db) =>
    db.run(`
      CREATE TABLE contract_meta (
        contract BLOB PRIMARY KEY,
        name TEXT,
        driver BLOB,
        record_offset INTEGER NOT NULL,
        record_length INTEGER NOT NULL
      ) WITHOUT ROWID;`),
  // v6: what each commit changed against its parent (CommitRecord `changes`, for the commit
  // graph): the pages changed, and the contracts touched as their 32-byte ids one after the
  // other. NULL for commits written before it was recorded (the graph then diffs them).
  (db) =>
    db.run(`
      ALTER TABLE commits ADD COLUMN pages_changed INTEGER;
      ALTER TABLE commits ADD COLUMN contracts_touched BLOB;`),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersionOf(db: Database): number {
  return Number(db.exec('PRAGMA user_version')[0].values[0][0]);
}

/**
 * Bring `db` to `target` (default: the latest). Returns the version it had. A database newer
 * than this build is refused rather than guessed at.
 */
export function migrate(db: Database, path: string, target = SCHEMA_VERSION): number {
  const from = schemaVersionOf(db);
  if (from > SCHEMA_VERSION) {
    throw new PiecrustError(
      'PersistenceError',
      `${path}: written by a newer version: index schema ${from}, this build knows up to ${SCHEMA_VERSION}`,
      { path, schemaVersion: from, supported: SCHEMA_VERSION },
    );
  }
  for (let v = from; v < target; v++) {
    db.run('BEGIN');
    try {
      MIGRATIONS[v](db);
      db.run(`PRAGMA user_version = ${v + 1}`);
      db.run('COMMIT');
    } catch (e) {
      db.run('ROLLBACK');
      throw new PiecrustError(
        'PersistenceError',
        `${path}: migrating the index from schema ${v} to ${v + 1} failed: ${(e as Error).message}`,
        {
          path,
          from: v,
          to: v + 1,
        },
      );
    }
  }
  return from;
}

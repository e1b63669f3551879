/**
 * The store's index in sql.js: the commits table and, for every blob, where its record is in
 * the log (kind + key → offset, length). It is small next to the log (about 50 bytes a blob)
 * and lives in memory; the store checkpoints it into the log now and then and replays the log
 * written after the checkpoint at open.
 *
 * Ownership: a SqlIndex owns its sql.js Database (and its prepared statements) until `close`.
 * The sql.js module (the wasm) is loaded once per location and shared (sql-js.ts); rows map to
 * records in sql-rows.ts.
 */
import type { Database, SqlValue, Statement } from 'sql.js';
import { bytesToHex, type ContractId, type Root } from '../core/ids';
import type { CommitSummary } from './commit-codec';
import type { ContractMeta } from './contract-meta';
import type { CommitPage, CommitRecord } from './commit-store';
import type { RecordKind } from './file-format';
import { loadSqlJs, type SqlWasm } from './sql-js';
import { migrate, SCHEMA_VERSION, schemaVersionOf } from './sql-migrations';
import {
  asBytes,
  COMMIT_COLUMNS,
  commitColumns,
  contractIdBytes,
  hex32,
  toCommit,
  toMeta,
} from './sql-rows';

export interface RecordLocation {
  offset: number;
  length: number;
}

export class SqlIndex {
  private readonly statements = new Map<string, Statement>();

  private constructor(
    private readonly db: Database,
    /** The version the database was at when loaded (before migrations). */
    readonly loadedVersion: number,
    /** The version it is at now. */
    readonly schemaVersion: number,
  ) {}

  /**
   * A database from checkpoint bytes (or a new empty one), migrated to `targetVersion`.
   * Throws a PersistenceError for a schema newer than this build.
   */
  static async open(
    wasm: SqlWasm | undefined,
    bytes: Uint8Array | undefined,
    path: string,
    targetVersion = SCHEMA_VERSION,
  ): Promise<SqlIndex> {
    const SQL = await loadSqlJs(wasm);
    const db = new SQL.Database(bytes);
    try {
      // The database lives in sql.js's memory file system and is made durable by checkpoints,
      // so SQLite's own rollback journal file is pure cost (measured: a third of a commit).
      db.run(
        'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY',
      );
      const loaded = migrate(db, path, targetVersion);
      return new SqlIndex(db, loaded, schemaVersionOf(db));
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private one(sql: string, params: SqlValue[]): SqlValue[] | undefined {
    const s = this.stmt(sql);
    try {
      s.bind(params);
      return s.step() ? s.get() : undefined;
    } finally {
      s.reset();
    }
  }

  private all(sql: string, params: SqlValue[] = []): SqlValue[][] {
    const s = this.stmt(sql);
    const rows: SqlValue[][] = [];
    try {
      s.bind(params);
      while (s.step()) rows.push(s.get());
    } finally {
      s.reset();
    }
    return rows;
  }

  private run(sql: string, params: SqlValue[]): void {
    this.stmt(sql).run(params);
  }

  /** Run `fn` in one transaction (sql.js has no durability: this is for speed and atomicity). */
  transaction<T>(fn: () => T): T {
    this.db.run('BEGIN');
    try {
      const out = fn();
      this.db.run('COMMIT');
      return out;
    } catch (e) {
      this.db.run('ROLLBACK');
      throw e;
    }
  }

  getBlob(kind: RecordKind, key: Uint8Array): RecordLocation | undefined {
    const row = this.one(
      'SELECT record_offset, record_length FROM blobs WHERE kind = ? AND key = ?',
      [kind, key],
    );
    return row === undefined ? undefined : { offset: Number(row[0]), length: Number(row[1]) };
  }

  /** Index a blob unless its key is already there (a replayed duplicate keeps the first copy). */
  putBlob(kind: RecordKind, key: Uint8Array, at: RecordLocation): void {
    this.run(
      'INSERT OR IGNORE INTO blobs (kind, key, record_offset, record_length) VALUES (?, ?, ?, ?)',
      [kind, key, at.offset, at.length],
    );
  }

  moveBlob(kind: RecordKind, key: Uint8Array, offset: number): void {
    this.run('UPDATE blobs SET record_offset = ? WHERE kind = ? AND key = ?', [offset, kind, key]);
  }

  deleteBlob(kind: RecordKind, key: Uint8Array): void {
    this.run('DELETE FROM blobs WHERE kind = ? AND key = ?', [kind, key]);
  }

  /** Every indexed blob in log order (compaction copies sequentially; GC sweeps). */
  blobs(): Array<{ kind: RecordKind; key: Uint8Array; offset: number; length: number }> {
    return this.all(
      'SELECT kind, key, record_offset, record_length FROM blobs ORDER BY record_offset',
    ).map((r) => ({
      kind: Number(r[0]) as RecordKind,
      key: asBytes(r[1]),
      offset: Number(r[2]),
      length: Number(r[3]),
    }));
  }

  /** Index a commit record; false when its root is already indexed (the row is left as it is). */
  insertCommit(c: CommitRecord, at: RecordLocation, summary: CommitSummary | undefined): boolean {
    const params: SqlValue[] = [
      hex32(c.root),
      c.parent === null ? null : hex32(c.parent),
      hex32(c.indexRoot),
      c.contractCount,
      c.label,
      c.createdAt,
      c.finalized ? 1 : 0,
      at.offset,
      at.length,
    ];
    if (this.schemaVersion >= 6) {
      this.run(
        `INSERT OR IGNORE INTO commits (${COMMIT_COLUMNS}, record_offset, record_length, pages_written, bytes_written, gas_table, pages_changed, contracts_touched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          ...params,
          summary?.pagesWritten ?? null,
          summary?.bytesWritten ?? null,
          c.gasTable ?? null,
          c.changes?.pagesChanged ?? null,
          c.changes === undefined ? null : contractIdBytes(c.changes.contractsTouched),
        ],
      );
    } else if (this.schemaVersion >= 3) {
      this.run(
        `INSERT OR IGNORE INTO commits (${COMMIT_COLUMNS}, record_offset, record_length, pages_written, bytes_written, gas_table) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          ...params,
          summary?.pagesWritten ?? null,
          summary?.bytesWritten ?? null,
          c.gasTable ?? null,
        ],
      );
    } else if (this.schemaVersion >= 2) {
      this.run(
        `INSERT OR IGNORE INTO commits (${COMMIT_COLUMNS}, record_offset, record_length, pages_written, bytes_written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...params, summary?.pagesWritten ?? null, summary?.bytesWritten ?? null],
      );
    } else {
      this.run(
        `INSERT OR IGNORE INTO commits (${COMMIT_COLUMNS}, record_offset, record_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params,
      );
    }
    return this.db.getRowsModified() > 0;
  }

  getCommit(root: Root): CommitRecord | undefined {
    const row = this.one(
      `SELECT ${commitColumns(this.schemaVersion)} FROM commits WHERE root = ?`,
      [hex32(root)],
    );
    if (row === undefined) return undefined;
    const commit = toCommit(row);
    if (this.schemaVersion >= 4) {
      const later = this.all('SELECT label FROM commit_labels WHERE root = ? ORDER BY seq', [
        hex32(root),
      ]).map((r) => String(r[0]));
      if (later.length > 0) commit.laterLabels = later;
    }
    return commit;
  }

  /**
   * A later label of an indexed commit (its state committed again), with where its commit record
   * is. Schema v4 and up; a label already recorded is ignored.
   */
  addLabel(root: Root, label: string, at: RecordLocation): void {
    this.run(
      'INSERT OR IGNORE INTO commit_labels (root, label, record_offset, record_length) VALUES (?, ?, ?, ?)',
      [hex32(root), label, at.offset, at.length],
    );
  }

  /** Every later label's record, in the order they were written (compaction copies them). */
  labelRecords(): Array<{ root: Root; label: string; offset: number; length: number }> {
    if (this.schemaVersion < 4) return [];
    return this.all(
      'SELECT root, label, record_offset, record_length FROM commit_labels ORDER BY seq',
    ).map((r) => ({
      root: bytesToHex(asBytes(r[0])) as Root,
      label: String(r[1]),
      offset: Number(r[2]),
      length: Number(r[3]),
    }));
  }

  moveLabel(root: Root, label: string, offset: number): void {
    this.run('UPDATE commit_labels SET record_offset = ? WHERE root = ? AND label = ?', [
      offset,
      hex32(root),
      label,
    ]);
  }

  /** Bytes of the log holding a commit's later labels. */
  labelBytes(root: Root): number {
    if (this.schemaVersion < 4) return 0;
    return Number(
      this.one('SELECT COALESCE(SUM(record_length), 0) FROM commit_labels WHERE root = ?', [
        hex32(root),
      ])?.[0] ?? 0,
    );
  }

  /**
   * A contract's metadata record (the last one wins). Schema v5 and up; ignored below, where an
   * index opened at an older schema has no table for it.
   */
  putContractMeta(id: ContractId, meta: ContractMeta, at: RecordLocation): void {
    if (this.schemaVersion < 5) return;
    this.run(
      'INSERT OR REPLACE INTO contract_meta (contract, name, driver, record_offset, record_length) VALUES (?, ?, ?, ?, ?)',
      [
        hex32(id),
        meta.name ?? null,
        meta.driver === undefined ? null : hex32(meta.driver),
        at.offset,
        at.length,
      ],
    );
  }

  getContractMeta(id: ContractId): ContractMeta | undefined {
    if (this.schemaVersion < 5) return undefined;
    const row = this.one('SELECT name, driver FROM contract_meta WHERE contract = ?', [hex32(id)]);
    return row === undefined ? undefined : toMeta(row);
  }

  /** Every contract's metadata with where its record is, in log order. */
  contractMetaRecords(): Array<{
    id: ContractId;
    meta: ContractMeta;
    offset: number;
    length: number;
  }> {
    if (this.schemaVersion < 5) return [];
    return this.all(
      'SELECT name, driver, contract, record_offset, record_length FROM contract_meta ORDER BY record_offset',
    ).map((r) => ({
      id: bytesToHex(asBytes(r[2])) as ContractId,
      meta: toMeta(r),
      offset: Number(r[3]),
      length: Number(r[4]),
    }));
  }

  moveContractMeta(id: ContractId, offset: number): void {
    this.run('UPDATE contract_meta SET record_offset = ? WHERE contract = ?', [offset, hex32(id)]);
  }

  /** Where a commit's record is in the log. */
  commitLocation(root: Root): RecordLocation | undefined {
    const row = this.one('SELECT record_offset, record_length FROM commits WHERE root = ?', [
      hex32(root),
    ]);
    return row === undefined ? undefined : { offset: Number(row[0]), length: Number(row[1]) };
  }

  moveCommit(root: Root, offset: number): void {
    this.run('UPDATE commits SET record_offset = ? WHERE root = ?', [offset, hex32(root)]);
  }

  listCommits(): CommitRecord[] {
    const commits = this.all(
      `SELECT ${commitColumns(this.schemaVersion)} FROM commits ORDER BY seq`,
    ).map(toCommit);
    const later = new Map<string, string[]>();
    for (const r of this.labelRecords()) later.set(r.root, [...(later.get(r.root) ?? []), r.label]);
    if (later.size > 0)
      for (const c of commits) {
        const labels = later.get(c.root);
        if (labels !== undefined) c.laterLabels = labels;
      }
    return commits;
  }

  /**
   * A piece of `listCommits`: the commits after `after` (by seq, the primary key, so only the
   * piece is read), at most `limit`; undefined when `after` is not indexed. Later labels are
   * looked up for the piece's commits only.
   */
  listCommitPage(page: CommitPage): CommitRecord[] | undefined {
    let seq = -1;
    if (page.after !== undefined) {
      const row = this.one('SELECT seq FROM commits WHERE root = ?', [hex32(page.after)]);
      if (row === undefined) return undefined;
      seq = Number(row[0]);
    }
    const commits = this.all(
      `SELECT ${commitColumns(this.schemaVersion)} FROM commits WHERE seq > ? ORDER BY seq LIMIT ?`,
      [seq, page.limit ?? -1],
    ).map(toCommit);
    if (this.schemaVersion >= 4)
      for (const c of commits) {
        const later = this.all('SELECT label FROM commit_labels WHERE root = ? ORDER BY seq', [
          hex32(c.root),
        ]).map((r) => String(r[0]));
        if (later.length > 0) c.laterLabels = later;
      }
    return commits;
  }

  /** Commits whose parent is `root` (uses the v2 index). */
  children(root: Root): Root[] {
    return this.all('SELECT root FROM commits WHERE parent = ? ORDER BY seq', [hex32(root)]).map(
      (r) => bytesToHex(asBytes(r[0])) as Root,
    );
  }

  summary(root: Root): CommitSummary | undefined {
    if (this.schemaVersion < 2) return undefined;
    const row = this.one('SELECT pages_written, bytes_written FROM commits WHERE root = ?', [
      hex32(root),
    ]);
    if (row === undefined || row[0] === null || row[1] === null) return undefined;
    return { pagesWritten: Number(row[0]), bytesWritten: Number(row[1]) };
  }

  deleteCommit(root: Root): void {
    this.run('DELETE FROM commits WHERE root = ?', [hex32(root)]);
    if (this.schemaVersion >= 4)
      this.run('DELETE FROM commit_labels WHERE root = ?', [hex32(root)]);
  }

  finalizeCommit(root: Root): void {
    this.run('UPDATE commits SET finalized = 1 WHERE root = ?', [hex32(root)]);
  }

  commitCount(): number {
    return Number(this.one('SELECT COUNT(*) FROM commits', [])?.[0] ?? 0);
  }

  /** Row counts per blob kind, and commits (scans the blob index: for stats, not hot paths). */
  counts(): { commits: number; blobs: Map<RecordKind, number> } {
    const blobs = new Map<RecordKind, number>();
    for (const [kind, n] of this.all('SELECT kind, COUNT(*) FROM blobs GROUP BY kind'))
      blobs.set(Number(kind) as RecordKind, Number(n));
    return { commits: this.commitCount(), blobs };
  }

  /** Bytes of the log that rows point at (blob and commit records). */
  referencedBytes(): number {
    const blobs = Number(
      this.one('SELECT COALESCE(SUM(record_length), 0) FROM blobs', [])?.[0] ?? 0,
    );
    const commits = Number(
      this.one('SELECT COALESCE(SUM(record_length), 0) FROM commits', [])?.[0] ?? 0,
    );
    const labels = this.labelRecords().reduce((n, r) => n + r.length, 0);
    const metas =
      this.schemaVersion < 5
        ? 0
        : Number(
            this.one('SELECT COALESCE(SUM(record_length), 0) FROM contract_meta', [])?.[0] ?? 0,
          );
    return blobs + commits + labels + metas;
  }

  /** The whole database as SQLite file bytes, for a checkpoint. */
  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    for (const s of this.statements.values()) s.free();
    this.statements.clear();
    this.db.close();
  }
}

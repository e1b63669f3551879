/**
 * The file store itself (opened by `openFileStore`, file-store.ts): the CommitStore API over a
 * StoreFile (the log), a SqlIndex (where everything is) and a BlobReader (verified, cached
 * reads). Everything that changes the file runs through one queue, so a commit, a delete, a
 * checkpoint and a compaction never interleave; reads are synchronous and never wait for it.
 *
 * Ownership and lifetime: owns the file descriptor, the sql.js database and (unless read-only)
 * the writer lock until `close`. After an I/O failure on the write path it refuses further
 * writes (the file itself is intact: what was acknowledged is durable) until reopened.
 */
import { PiecrustError } from '../core/errors';
import { hexToBytes, type ContractId, type Root } from '../core/ids';
import { BlobReader, type RecordProblem } from './blob-reader';
import type { CommitSummary } from './commit-codec';
import {
  addsLabel,
  unknownAfter,
  type CommitBatch,
  type CommitPage,
  type CommitRecord,
  type CommitStore,
} from './commit-store';
import { encodeCommitBody } from './commit-codec';
import { checkDriverBytes, encodeContractMeta, type ContractMeta } from './contract-meta';
import { collectGarbage, compactFile, type GarbageCollection } from './compaction';
import { encodeRecord, RecordKind } from './file-format';
import type { FileStoreOptions, FileStoreStats } from './file-store-options';
import type { SqlIndex } from './sql-index';
import { hex32 } from './sql-rows';
import type { StoreFile } from './store-file';
import { inspectStoreFile, type Inspection, type StoreProblem } from './store-inspection';
import type { StoreLock } from './store-lock';
import type { Admission } from './writer-admission';
import { LOG_START } from './superblock';
import { appendCommit, newBlobs } from './write-commit';

const utf8 = new TextEncoder();

export class FileCommitStore implements CommitStore {
  readonly location: string;
  readonly readOnly: boolean;
  private readonly blobs: BlobReader;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by an I/O failure on the write path: the file is fine, this handle may not be. */
  private failure: Error | undefined;
  private closed = false;
  private closing = false;
  /** Writes wait for the writer's admission when it runs after the open (`admitLater`). */
  private admitted: Promise<void> = Promise.resolve();
  private deletesSinceCollection = 0;
  /** The file's problems a forced writer accepted at open (writer-admission.ts). */
  acceptedProblems: StoreProblem[] = [];
  /**
   * Bytes of the log that index rows point at, summed over the whole index the first time it is
   * needed (stats, collection), then kept up to date: not at open, where the sum over every blob
   * row cost seconds at 25k commits and nothing needs it.
   */
  private referencedTotal: number | undefined;

  constructor(
    private file: StoreFile,
    private index: SqlIndex,
    private readonly lock: StoreLock | undefined,
    private readonly options: FileStoreOptions,
  ) {
    this.location = file.path;
    this.readOnly = file.readOnly;
    this.blobs = new BlobReader(file, index, options.cacheBytes ?? 32 << 20);
  }

  private get referenced(): number {
    this.referencedTotal ??= this.index.referencedBytes();
    return this.referencedTotal;
  }

  /** Counted only once summed: the sum, when it comes, includes what the index has by then. */
  private addReferenced(delta: number): void {
    if (this.referencedTotal !== undefined) this.referencedTotal += delta;
  }

  /**
   * A writer's admission (writer-admission.ts), decided: drop a torn tail (when proven
   * droppable), persist a migrated schema.
   */
  async admit(admission: Admission): Promise<void> {
    this.acceptedProblems = admission.problems;
    if (admission.dropTail) await this.file.truncateTornTail();
    else if (this.file.size() > this.file.durableLength) {
      // writer-admission.ts refuses such a store; never append over records that may matter.
      throw new PiecrustError(
        'PersistenceError',
        `${this.location}: intact records past the durable length ${this.file.durableLength}; not writing`,
        { path: this.location },
      );
    }
    if (this.needsMigrationCheckpoint()) await this.writeCheckpoint();
  }

  /** The index was migrated at open from a checkpoint of an older schema: a writer persists it. */
  needsMigrationCheckpoint(): boolean {
    return (
      this.index.loadedVersion !== this.index.schemaVersion &&
      this.file.superblock.checkpointOffset !== 0
    );
  }

  /**
   * Resolves once writes are admitted (at once unless admitted after the open); rejects with
   * the refusal of a damaged store, as every write then does.
   */
  whenAdmitted(): Promise<void> {
    return this.admitted;
  }

  /**
   * Admit writes once `decide` has inspected the file (FileStoreOptions `admission:
   * 'first-write'`): every write waits for it, and fails with its refusal. `decide` is told when
   * the store is closed, and then stops.
   */
  admitLater(decide: (closed: () => boolean) => Promise<Admission>): void {
    this.admitted = decide(() => this.closed || this.closing).then((a) => this.admit(a));
    this.admitted.catch(() => {}); // every write reports it
  }

  // ------------------------------------------------------------------ reads

  getCommit(root: Root): CommitRecord | undefined {
    return this.open().getCommit(root);
  }

  listCommits(page?: CommitPage): CommitRecord[] {
    const index = this.open();
    if (page === undefined) return index.listCommits();
    const commits = index.listCommitPage(page);
    if (commits === undefined) throw unknownAfter(this.location, page.after!);
    return commits;
  }

  getNode(key: string): Uint8Array | undefined {
    return this.read(RecordKind.Node, hex32(key));
  }

  getPage(key: string): Uint8Array | undefined {
    return this.read(RecordKind.Page, hex32(key));
  }

  getBytecode(key: string): Uint8Array | undefined {
    return this.read(RecordKind.Bytecode, hex32(key));
  }

  getModule(key: string): Uint8Array | undefined {
    return this.read(RecordKind.Module, utf8.encode(key));
  }

  getJournal(root: Root): Uint8Array | undefined {
    return this.read(RecordKind.Journal, hex32(root));
  }

  getContractMeta(id: ContractId): ContractMeta | undefined {
    return this.open().getContractMeta(id);
  }

  listContractMeta(): Map<ContractId, ContractMeta> {
    return new Map(
      this.open()
        .contractMetaRecords()
        .map((r) => [r.id, r.meta]),
    );
  }

  getDriver(hash: string): Uint8Array | undefined {
    return this.read(RecordKind.Driver, hex32(hash));
  }

  /** What a commit wrote (undefined for commits written before schema v2). */
  commitSummary(root: Root): CommitSummary | undefined {
    return this.open().summary(root);
  }

  /** Commits whose parent is `root`, oldest first. */
  children(root: Root): Root[] {
    return this.open().children(root);
  }

  /** The file's superblock, unindexed log and tail, verified (for checkStore). */
  inspectFile(): Inspection {
    this.open();
    return inspectStoreFile(this.file);
  }

  /** Every blob and commit record the index references, read and verified (for checkStore). */
  verifyRecords(onProblem: (p: RecordProblem) => void): number {
    this.open();
    return this.blobs.verifyAll(onProblem);
  }

  private read(kind: RecordKind, key: Uint8Array): Uint8Array | undefined {
    this.open();
    return this.blobs.read(kind, key);
  }

  // ------------------------------------------------------------------ writes

  writeCommit(batch: CommitBatch): Promise<void> {
    return this.exclusive(async () => {
      const existing = this.index.getCommit(batch.commit.root);
      if (existing !== undefined) {
        if (addsLabel(existing, batch.commit.label)) await this.appendLabel(batch.commit);
        return;
      }
      const blobs = newBlobs(this.index, batch);
      const written = await this.durably(() =>
        appendCommit(this.file, this.index, batch.commit, blobs),
      );
      this.addReferenced(written);
      for (const b of blobs)
        if (b.kind === RecordKind.Node) this.blobs.remember(b.kind, b.key, b.body);
      this.scheduleCheckpoint();
    });
  }

  /**
   * The driver blob (unless stored already) and then the metadata record, in one durable append;
   * indexed only once durable, as a commit is. The record it replaces becomes dead bytes.
   */
  writeContractMeta(id: ContractId, meta: ContractMeta, driverBytes?: Uint8Array): Promise<void> {
    return this.exclusive(async () => {
      checkDriverBytes(meta, driverBytes);
      if (this.index.schemaVersion < 5)
        throw new PiecrustError(
          'PersistenceError',
          `${this.location}: the index is at schema ${this.index.schemaVersion}; contract names need 5`,
          { path: this.location },
        );
      const key = hexToBytes(id);
      const driverKey = meta.driver === undefined ? undefined : hex32(meta.driver);
      const storeDriver =
        driverKey !== undefined && this.index.getBlob(RecordKind.Driver, driverKey) === undefined;
      if (storeDriver && driverBytes === undefined)
        throw new PiecrustError(
          'PersistenceError',
          `contract ${id}: driver ${meta.driver} is not stored and no bytes were given`,
          { contract: id },
        );
      const records = storeDriver
        ? [encodeRecord(RecordKind.Driver, driverKey!, driverBytes!)]
        : [];
      records.push(encodeRecord(RecordKind.ContractMeta, key, encodeContractMeta(meta)));
      const old = this.index.contractMetaRecords().find((r) => r.id === id);
      await this.durably(async () => {
        const { offset, length } = this.file.append(records);
        await this.file.commitLength(offset + length);
        const metaAt = offset + length - records.at(-1)!.length;
        this.index.transaction(() => {
          if (storeDriver)
            this.index.putBlob(RecordKind.Driver, driverKey!, {
              offset,
              length: records[0].length,
            });
          this.index.putContractMeta(id, meta, { offset: metaAt, length: records.at(-1)!.length });
        });
      });
      this.addReferenced(records.reduce((n, r) => n + r.length, 0) - (old?.length ?? 0));
    });
  }

  deleteCommit(root: Root): Promise<void> {
    return this.exclusive(async () => {
      const at = this.index.commitLocation(root);
      if (at === undefined) return;
      await this.appendMarker(RecordKind.Delete, root);
      const journal = this.index.getBlob(RecordKind.Journal, hex32(root));
      const labels = this.index.labelBytes(root);
      this.index.transaction(() => {
        this.index.deleteCommit(root);
        this.index.deleteBlob(RecordKind.Journal, hex32(root));
      });
      this.addReferenced(-(at.length + (journal?.length ?? 0) + labels));
      // Collection marks from every commit: amortise it over a tenth of the commits.
      this.deletesSinceCollection++;
      if (this.deletesSinceCollection >= Math.max(1, this.index.commitCount() / 10))
        await this.collectLocked(true);
    });
  }

  finalizeCommit(root: Root): Promise<void> {
    return this.exclusive(async () => {
      const commit = this.index.getCommit(root);
      if (commit === undefined || commit.finalized) return;
      await this.appendMarker(RecordKind.Finalize, root);
      this.index.finalizeCommit(root);
    });
  }

  /** Mark and sweep now; compacts too when `compact` and enough of the file is dead. */
  collectGarbage(options: { compact?: boolean } = {}): Promise<Omit<GarbageCollection, 'removed'>> {
    return this.exclusive(() => this.collectLocked(options.compact ?? false));
  }

  /** Collect garbage and rewrite the file with only live data. */
  compact(): Promise<{ bytesBefore: number; bytesAfter: number }> {
    return this.exclusive(async () => {
      await this.collectLocked(false);
      return this.compactLocked();
    });
  }

  /** Checkpoint the index into the log now (also done on close and as the log grows). */
  checkpoint(): Promise<void> {
    return this.exclusive(() => this.writeCheckpoint());
  }

  private async writeCheckpoint(): Promise<void> {
    const body = this.index.export();
    await this.durably(async () => {
      const record = encodeRecord(RecordKind.Checkpoint, new Uint8Array(0), body);
      const { offset, length } = this.file.append([record]);
      await this.file.commitLength(offset + length, { offset, length });
    });
  }

  stats(): FileStoreStats {
    const { commits, blobs } = this.open().counts();
    const sb = this.file.superblock;
    const liveBytes = LOG_START + this.referenced + sb.checkpointLength;
    return {
      path: this.location,
      readOnly: this.readOnly,
      schemaVersion: this.index.schemaVersion,
      fileBytes: sb.durableLength,
      liveBytes,
      deadBytes: sb.durableLength - liveBytes,
      bytesSinceCheckpoint: this.bytesSinceCheckpoint(),
      commits,
      nodes: blobs.get(RecordKind.Node) ?? 0,
      pages: blobs.get(RecordKind.Page) ?? 0,
      bytecodes: blobs.get(RecordKind.Bytecode) ?? 0,
      modules: blobs.get(RecordKind.Module) ?? 0,
      journals: blobs.get(RecordKind.Journal) ?? 0,
      drivers: blobs.get(RecordKind.Driver) ?? 0,
    };
  }

  /**
   * Checkpoint (unless `checkpoint: false`, which leaves the log to be replayed at the next
   * open, as after a crash) and release the file, the index and the lock.
   */
  async close(options: { checkpoint?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    await this.queue.catch(() => {});
    // An admission still walking the log stops: no write is waiting for it.
    this.closing = true;
    await this.admitted.catch(() => {});
    const wanted = options.checkpoint ?? true;
    if (wanted && !this.readOnly && this.failure === undefined && this.bytesSinceCheckpoint() > 0) {
      await this.checkpoint().catch(() => {}); // the log is durable without it; open replays it
    }
    this.closed = true;
    this.index.close();
    this.file.close();
    this.lock?.release();
  }

  // ------------------------------------------------------------------ internals

  private open(): SqlIndex {
    if (this.closed)
      throw new PiecrustError('PersistenceError', `${this.location}: the store is closed`, {
        path: this.location,
      });
    return this.index;
  }

  /** Run write-side work one at a time, refusing it on a read-only, closed or failed store. */
  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.open();
      if (this.readOnly)
        throw new PiecrustError('PersistenceError', `${this.location} is open read-only`, {
          path: this.location,
        });
      if (this.failure !== undefined) {
        throw new PiecrustError(
          'PersistenceError',
          `${this.location}: the store refuses writes after an I/O failure (${this.failure.message}); reopen it`,
          {
            path: this.location,
          },
        );
      }
      await this.admitted;
      return op();
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  /** An I/O failure on the write path leaves this handle unsure of the file: stop writing. */
  private async durably<T>(op: () => Promise<T> | T): Promise<T> {
    try {
      return await op();
    } catch (e) {
      this.failure = e as Error;
      throw e;
    }
  }

  /**
   * The same state committed again under a new label: a second commit record of the root (which
   * replay reads as a label; older builds ignore it), and the label indexed.
   */
  private async appendLabel(commit: CommitRecord): Promise<void> {
    if (this.index.schemaVersion < 4) return; // an index opened at an older schema has no labels table
    const record = encodeRecord(
      RecordKind.Commit,
      hex32(commit.root),
      encodeCommitBody(commit, { pagesWritten: 0, bytesWritten: 0 }),
    );
    await this.durably(async () => {
      const { offset, length } = this.file.append([record]);
      await this.file.commitLength(offset + length);
      this.index.addLabel(commit.root, commit.label, { offset, length });
    });
    this.addReferenced(record.length);
  }

  private async appendMarker(kind: RecordKind, root: Root): Promise<void> {
    await this.durably(async () => {
      const { offset, length } = this.file.append([
        encodeRecord(kind, hex32(root), new Uint8Array(0)),
      ]);
      await this.file.commitLength(offset + length);
    });
  }

  private bytesSinceCheckpoint(): number {
    const sb = this.file.superblock;
    return sb.durableLength - Math.max(LOG_START, sb.checkpointOffset + sb.checkpointLength);
  }

  private scheduleCheckpoint(): void {
    const sb = this.file.superblock;
    const since = this.bytesSinceCheckpoint();
    // Geometric spacing: replay at open stays within a few times the index size, and the dead
    // checkpoints within a fifth of the log.
    if (since < Math.max(this.options.checkpointMinBytes ?? 16 << 20, 4 * sb.checkpointLength))
      return;
    this.checkpoint().catch(() => {}); // a failure marks the store failed; the next write reports it
  }

  private async collectLocked(compact: boolean): Promise<Omit<GarbageCollection, 'removed'>> {
    this.deletesSinceCollection = 0;
    const gc = collectGarbage(this.index, this.index.listCommits(), this);
    this.addReferenced(-gc.bytesFreed);
    for (const r of gc.removed) this.blobs.forget(r.kind, r.key);
    const fileBytes = this.file.durableLength;
    const deadBytes =
      fileBytes - (LOG_START + this.referenced + this.file.superblock.checkpointLength);
    if (
      compact &&
      deadBytes >= (this.options.compactMinBytes ?? 8 << 20) &&
      deadBytes >= fileBytes * (this.options.compactDeadFraction ?? 0.5)
    ) {
      await this.compactLocked();
    }
    return { blobsRemoved: gc.blobsRemoved, bytesFreed: gc.bytesFreed };
  }

  private async compactLocked(): Promise<{ bytesBefore: number; bytesAfter: number }> {
    const result = await this.durably(() =>
      compactFile(this.file, this.index, this.options.sqlWasm),
    );
    this.file.close();
    this.index.close();
    this.file = result.file;
    this.index = result.index;
    this.blobs.attach(result.file, result.index);
    this.referencedTotal = undefined; // a new index: summed when next needed
    return { bytesBefore: result.bytesBefore, bytesAfter: result.bytesAfter };
  }
}

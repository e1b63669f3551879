/**
 * The read side of the file store: a blob is looked up in the index, read at its offset
 * (`fs.readSync`, only when asked: nothing is loaded up front), verified — checksum, kind, and
 * that it is the blob asked for — and decoded. Small byte-bounded caches per kind keep the hot
 * Merkle nodes and pages in memory, whatever the size of the file.
 *
 * Ownership: owned by one FileCommitStore; `attach` points it at the new file and index after
 * a compaction (offsets change, contents do not, so the caches stay valid).
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex } from '../core/ids';
import { blake3 } from '../hash/blake3';
import { RecordKind } from './file-format';
import { LruCache } from './lru-cache';
import type { SqlIndex } from './sql-index';
import type { StoreFile } from './store-file';

export interface RecordProblem {
  offset: number;
  kind: number;
  message: string;
}

export class BlobReader {
  private readonly caches: ReadonlyMap<RecordKind, LruCache<Uint8Array>>;

  constructor(
    private file: StoreFile,
    private index: SqlIndex,
    cacheBytes: number,
  ) {
    const code = new LruCache<Uint8Array>(cacheBytes / 4);
    this.caches = new Map([
      [RecordKind.Node, new LruCache<Uint8Array>(cacheBytes / 4)],
      [RecordKind.Page, new LruCache<Uint8Array>(cacheBytes / 2)],
      [RecordKind.Bytecode, code],
      [RecordKind.Module, code],
    ]);
  }

  attach(file: StoreFile, index: SqlIndex): void {
    this.file = file;
    this.index = index;
  }

  /** The decoded blob, or undefined when the index does not have it. */
  read(kind: RecordKind, key: Uint8Array): Uint8Array | undefined {
    const cache = this.caches.get(kind);
    const cacheKey = kind === RecordKind.Module ? `m:${bytesToHex(key)}` : bytesToHex(key);
    const hit = cache?.get(cacheKey);
    if (hit !== undefined) return hit;
    const at = this.index.getBlob(kind, key);
    if (at === undefined) return undefined;
    const record = this.file.readRecord(at.offset, at.length);
    // A node's key is not stored: it is its hash, which also proves the bytes are the ones asked for.
    const stored = kind === RecordKind.Node ? blake3(record.body) : record.key;
    if (record.kind !== kind || bytesToHex(stored) !== bytesToHex(key)) {
      throw new PiecrustError(
        'PersistenceError',
        `${this.file.path}: the index maps ${cacheKey} (kind ${kind}) to the record at ${at.offset}, which holds kind ${record.kind} key ${bytesToHex(stored)}`,
        { path: this.file.path, offset: at.offset, kind: record.kind },
      );
    }
    cache?.set(cacheKey, record.body);
    return record.body;
  }

  /** Seed the cache with a blob just written (the next session on the new commit reads it). */
  remember(kind: RecordKind, key: Uint8Array, body: Uint8Array): void {
    this.caches.get(kind)?.set(bytesToHex(key), body);
  }

  forget(kind: RecordKind, key: Uint8Array): void {
    this.caches
      .get(kind)
      ?.delete(kind === RecordKind.Module ? `m:${bytesToHex(key)}` : bytesToHex(key));
  }

  /** Read and verify every blob and commit record the index references. Returns how many. */
  verifyAll(onProblem: (p: RecordProblem) => void): number {
    let count = 0;
    const check = (offset: number, length: number, kind: number): void => {
      count++;
      try {
        this.file.readRecord(offset, length);
      } catch (e) {
        onProblem({ offset, kind, message: (e as Error).message });
      }
    };
    for (const b of this.index.blobs()) check(b.offset, b.length, b.kind);
    for (const c of this.index.listCommits()) {
      const at = this.index.commitLocation(c.root);
      if (at !== undefined) check(at.offset, at.length, RecordKind.Commit);
    }
    for (const label of this.index.labelRecords())
      check(label.offset, label.length, RecordKind.Commit);
    for (const meta of this.index.contractMetaRecords())
      check(meta.offset, meta.length, RecordKind.ContractMeta);
    return count;
  }
}

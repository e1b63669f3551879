/**
 * The write path of one commit: encode the blobs the store does not have yet and the commit
 * record (last, so that replay sees a commit only after everything it references), append them
 * (record by record, in buffered chunks: the encoded commit is never all in memory), make them
 * durable, and only then index them — so that nothing a reader can find is ever lost by a crash,
 * and a failed write leaves the index as it was (all-or-nothing).
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, hexToBytes } from '../core/ids';
import { blake3 } from '../hash/blake3';
import { encodeCommitBody } from './commit-codec';
import type { CommitBatch, CommitRecord } from './commit-store';
import { encodeRecord, RecordKind } from './file-format';
import type { SqlIndex } from './sql-index';
import { hex32 } from './sql-rows';
import type { StoreFile } from './store-file';

export interface Blob {
  kind: RecordKind;
  /** The index key (a node's is the hash of its bytes, and is not stored in its record). */
  key: Uint8Array;
  body: Uint8Array;
}

const NO_KEY = new Uint8Array(0);
const utf8 = new TextEncoder();

/**
 * The blobs of a batch that the store does not have yet (identical blobs are stored once).
 * A node must hash to its key: its record does not store the key, replay recomputes it.
 */
export function newBlobs(index: SqlIndex, batch: CommitBatch): Blob[] {
  const blobs: Blob[] = [];
  const add = (kind: RecordKind, key: Uint8Array, body: Uint8Array): void => {
    if (index.getBlob(kind, key) === undefined) blobs.push({ kind, key, body });
  };
  for (const [k, v] of batch.nodes) {
    if (bytesToHex(blake3(v)) !== k) {
      throw new PiecrustError(
        'PersistenceError',
        `node ${k} is not the BLAKE3 of its ${v.length} bytes`,
        { key: k },
      );
    }
    add(RecordKind.Node, hex32(k), v);
  }
  for (const [k, v] of batch.pages) add(RecordKind.Page, hex32(k), v);
  for (const [k, v] of batch.bytecodes) add(RecordKind.Bytecode, hex32(k), v);
  for (const [k, v] of batch.modules) add(RecordKind.Module, utf8.encode(k), v);
  if (batch.journal !== undefined) add(RecordKind.Journal, hex32(batch.commit.root), batch.journal);
  return blobs;
}

/** Append, fsync, index. Returns the bytes appended. */
export async function appendCommit(
  file: StoreFile,
  index: SqlIndex,
  commit: CommitRecord,
  blobs: Blob[],
): Promise<number> {
  const appender = file.appender();
  const locations = blobs.map((b) => {
    const record = encodeRecord(b.kind, b.kind === RecordKind.Node ? NO_KEY : b.key, b.body);
    return { offset: appender.add(record), length: record.length };
  });
  const summary = {
    pagesWritten: blobs.filter((b) => b.kind === RecordKind.Page).length,
    bytesWritten: locations.reduce((n, r) => n + r.length, 0),
  };
  const commitRecord = encodeRecord(
    RecordKind.Commit,
    hexToBytes(commit.root),
    encodeCommitBody(commit, summary),
  );
  const commitOffset = appender.add(commitRecord);
  const { offset, length } = appender.finish();
  await file.commitLength(offset + length);
  index.transaction(() => {
    blobs.forEach((b, i) => index.putBlob(b.kind, b.key, locations[i]));
    index.insertCommit(commit, { offset: commitOffset, length: commitRecord.length }, summary);
  });
  return length;
}

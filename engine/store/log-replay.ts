/**
 * Rebuilding the index at open: load the checkpoint the superblock points at (or start empty),
 * migrate it to the current schema, then replay every record written after it up to the
 * durable length. Replay verifies each record's checksum, so damage in the part of the log that
 * the index does not cover yet is found at open, with its offset; nothing is written. Damage to
 * the checkpoint or the replayed log is repairable (repair-hint.ts): the error says how.
 */
import { PiecrustError } from '../core/errors';
import { bytesToHex, type ContractId, type Root } from '../core/ids';
import { blake3 } from '../hash/blake3';
import { decodeCommitBody } from './commit-codec';
import { addsLabel } from './commit-store';
import { decodeContractMeta } from './contract-meta';
import { RecordKind, type DecodedRecord } from './file-format';
import { SqlIndex } from './sql-index';
import type { SqlWasm } from './sql-js';
import type { StoreFile } from './store-file';
import { repairableError } from './repair-hint';
import { LOG_START } from './superblock';

/** Apply one replayed record to the index (also used to rebuild an index, log-rebuild.ts). */
export function apply(index: SqlIndex, record: DecodedRecord, offset: number): void {
  const at = { offset, length: record.length };
  switch (record.kind) {
    case RecordKind.Node:
      // Nodes are stored without their key: it is the hash of their bytes.
      index.putBlob(record.kind, blake3(record.body), at);
      return;
    case RecordKind.Page:
    case RecordKind.Bytecode:
    case RecordKind.Module:
    case RecordKind.Journal:
    case RecordKind.Driver:
      index.putBlob(record.kind, record.key, at);
      return;
    case RecordKind.Commit: {
      const { commit, summary } = decodeCommitBody(record.key, record.body);
      if (index.insertCommit(commit, at, summary)) return;
      // A later commit record of a root already there: the same state committed again, which
      // records its label only (builds before schema v4 ignore it).
      const existing = index.getCommit(commit.root);
      if (existing !== undefined && index.schemaVersion >= 4 && addsLabel(existing, commit.label))
        index.addLabel(commit.root, commit.label, at);
      return;
    }
    case RecordKind.Delete: {
      const root = bytesToHex(record.key) as Root;
      index.deleteCommit(root);
      index.deleteBlob(RecordKind.Journal, record.key);
      return;
    }
    case RecordKind.Finalize:
      index.finalizeCommit(bytesToHex(record.key) as Root);
      return;
    case RecordKind.ContractMeta:
      index.putContractMeta(
        bytesToHex(record.key) as ContractId,
        decodeContractMeta(record.body),
        at,
      );
      return;
    case RecordKind.Checkpoint:
      // An older checkpoint than the superblock's: already folded into the one we loaded.
      return;
  }
}

export interface LoadedIndex {
  index: SqlIndex;
  /** Records replayed after the checkpoint. */
  replayed: number;
}

export async function loadIndex(
  file: StoreFile,
  wasm: SqlWasm | undefined,
  targetVersion?: number,
): Promise<LoadedIndex> {
  const sb = file.superblock;
  let checkpoint: Uint8Array | undefined;
  let from = LOG_START;
  if (sb.checkpointOffset !== 0) {
    checkpoint = readCheckpoint(file);
    from = sb.checkpointOffset + sb.checkpointLength;
  }
  let index: SqlIndex;
  try {
    index = await SqlIndex.open(wasm, checkpoint, file.path, targetVersion);
  } catch (e) {
    if (e instanceof PiecrustError) throw e; // a newer schema: not damage
    throw repairableError(
      file.path,
      `the index checkpoint at offset ${sb.checkpointOffset} (${sb.checkpointLength} bytes) passes its checksum but is not a database: ${(e as Error).message}`,
      { offset: sb.checkpointOffset },
    );
  }
  let replayed = 0;
  try {
    index.transaction(() =>
      file.scan(from, sb.durableLength, (record, offset) => {
        apply(index, record, offset);
        replayed++;
      }),
    );
  } catch (e) {
    index.close();
    if (isIoError(e)) throw e;
    throw repairableError(
      file.path,
      `the log replayed after the checkpoint (${from}–${sb.durableLength}) is damaged: ${(e as Error).message}`,
      { from, durableLength: sb.durableLength },
    );
  }
  return { index, replayed };
}

/** A failed read (atomic-file.ts `ioError`), not damage: repairing would not help. */
function isIoError(e: unknown): boolean {
  return e instanceof PiecrustError && e.details.errno !== undefined;
}

/** The checkpoint's body; damage to it is repairable: the log before it rebuilds the index. */
function readCheckpoint(file: StoreFile): Uint8Array {
  const sb = file.superblock;
  let record: DecodedRecord;
  try {
    record = file.readRecord(sb.checkpointOffset, sb.checkpointLength);
  } catch (e) {
    if (isIoError(e)) throw e;
    throw repairableError(
      file.path,
      `the index checkpoint at offset ${sb.checkpointOffset} (${sb.checkpointLength} bytes) is damaged: ${(e as Error).message}`,
      { offset: sb.checkpointOffset, length: sb.checkpointLength },
    );
  }
  if (record.kind !== RecordKind.Checkpoint) {
    throw repairableError(
      file.path,
      `the superblock points at a record of kind ${record.kind} at ${sb.checkpointOffset}, not a checkpoint`,
      { offset: sb.checkpointOffset, kind: record.kind },
    );
  }
  return record.body;
}

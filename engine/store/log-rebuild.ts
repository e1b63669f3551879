/**
 * Rebuilding the index from the log alone, for a store whose superblock or checkpoint cannot be
 * trusted: every intact record of the whole file, in order (log-walk.ts skips what is damaged),
 * replayed into a fresh index as an open replays the records after a checkpoint. Checkpoints
 * are skipped (the rebuild replaces them); records past the durable length are included — they
 * passed their checksums, and one of them may be the commit a lost superblock acknowledged.
 *
 * Every kind of change is in the log (commits, deletes, finalizations; compaction keeps the
 * finalization markers), so the rebuilt index lists the same commits with the same flags. It
 * may index blobs that garbage collection had dropped from the old index: they are intact, no
 * commit needs them, and the next collection drops them again.
 *
 * With `place`, each record is handed over to be copied (repair.ts) and indexed where it lands.
 */
import { decodeCommitBody } from './commit-codec';
import { decodeContractMeta } from './contract-meta';
import { decodeRecord, RecordKind } from './file-format';
import { apply } from './log-replay';
import { walkLog, type DamagedRange } from './log-walk';
import { SqlIndex } from './sql-index';
import type { SqlWasm } from './sql-js';
import type { StoreFile } from './store-file';
import { LOG_START } from './superblock';

export interface Rebuilt {
  index: SqlIndex;
  /** Records replayed into the index. */
  records: number;
  /** Their bytes. */
  bytes: number;
  /** Of them, how many lay past the durable length of the newest intact superblock slot. */
  pastDurable: number;
  /** Bytes that are not an intact record (and intact records whose body does not decode). */
  damaged: DamagedRange[];
}

export interface RebuildOptions {
  wasm?: SqlWasm;
  /** Where the newest intact superblock slot says the durable log ends, if one does. */
  durableLength?: number;
  /** Copy a record elsewhere; returns its new offset, which the index then records. */
  place?: (bytes: Uint8Array) => number;
}

export async function rebuildIndex(
  file: StoreFile,
  options: RebuildOptions = {},
): Promise<Rebuilt> {
  const index = await SqlIndex.open(options.wasm, undefined, file.path);
  const out: Rebuilt = { index, records: 0, bytes: 0, pastDurable: 0, damaged: [] };
  const end = file.size();
  try {
    index.transaction(() =>
      walkLog((o, n, into) => file.readAt(o, n, into), LOG_START, Math.max(LOG_START, end), {
        record(offset, header, bytes) {
          if (header.kind === RecordKind.Checkpoint) return;
          const raw = bytes();
          let record;
          try {
            // Decode everything before copying: a record that is copied is one that replays.
            record = decodeRecord(raw, offset);
            if (record.kind === RecordKind.Commit) decodeCommitBody(record.key, record.body);
            if (record.kind === RecordKind.ContractMeta) decodeContractMeta(record.body);
          } catch (e) {
            out.damaged.push({
              offset,
              length: header.length,
              message: `the record at offset ${offset} (kind ${header.kind}, ${header.length} bytes) passes its checksum but does not decode: ${(e as Error).message}`,
            });
            return;
          }
          const at = options.place === undefined ? offset : options.place(raw);
          apply(index, record, at);
          out.records++;
          out.bytes += header.length;
          if (options.durableLength !== undefined && offset >= options.durableLength)
            out.pastDurable++;
        },
        damage: (range) => out.damaged.push(range),
      }),
    );
  } catch (e) {
    index.close();
    throw e;
  }
  return out;
}

/**
 * Reclaiming space. Garbage collection is mark and sweep: mark what the remaining commits
 * reach (reachability.ts), drop every other blob from the index. That frees nothing on disk —
 * the log is append-only — so compaction then writes a new file holding only what the index
 * points at, in log order, with a fresh checkpoint, fsyncs it and renames it over the old one
 * (then fsyncs the directory). A crash at any point leaves either the old file or the new one,
 * both complete. A reader that opened the old file keeps reading it (its descriptor holds the
 * old inode), which is what a read-only snapshot promises.
 */
import { bytesToHex, hexToBytes, type Root } from '../core/ids';
import type { NodeStore } from '../merkle/sparse-tree';
import type { CommitRecord } from './commit-store';
import { encodeRecord, RecordKind, verifyRecord } from './file-format';
import { collectReachable, isModuleReachable } from './reachability';
import { SqlIndex } from './sql-index';
import type { SqlWasm } from './sql-js';
import { BufferedWriter, writeFileAtomically } from './atomic-file';
import { sealStoreFile } from './seal-store-file';
import { StoreFile } from './store-file';
import { LOG_START } from './superblock';

export interface GarbageCollection {
  blobsRemoved: number;
  /** Bytes of log records no longer referenced (reclaimed by the next compaction). */
  bytesFreed: number;
  /** Keys of the removed blobs, so that caches can forget them. */
  removed: Array<{ kind: RecordKind; key: Uint8Array }>;
}

/** Mark from every commit (finalized ones included: descendants may share their data) and sweep. */
export function collectGarbage(
  index: SqlIndex,
  commits: CommitRecord[],
  nodes: NodeStore & { getJournal(root: Root): Uint8Array | undefined },
): GarbageCollection {
  // The journals' page versions are kept with their commits, like the states' pages.
  const live = collectReachable(commits, nodes, (root) => nodes.getJournal(root));
  // A driver lives while a contract's metadata names it (contract-meta.ts), whatever the commits.
  const drivers = new Set(index.contractMetaRecords().map((r) => r.meta.driver));
  const decoder = new TextDecoder();
  const removed: GarbageCollection['removed'] = [];
  let bytesFreed = 0;
  for (const blob of index.blobs()) {
    let keep: boolean;
    if (blob.kind === RecordKind.Node) keep = live.nodes.has(bytesToHex(blob.key));
    else if (blob.kind === RecordKind.Page) keep = live.pages.has(bytesToHex(blob.key));
    else if (blob.kind === RecordKind.Bytecode) keep = live.bytecodes.has(bytesToHex(blob.key));
    else if (blob.kind === RecordKind.Module)
      keep = isModuleReachable(live, decoder.decode(blob.key));
    else if (blob.kind === RecordKind.Driver) keep = drivers.has(bytesToHex(blob.key));
    else keep = live.journals.has(bytesToHex(blob.key));
    if (keep) continue;
    removed.push({ kind: blob.kind, key: blob.key });
    bytesFreed += blob.length;
  }
  index.transaction(() => {
    for (const r of removed) index.deleteBlob(r.kind, r.key);
  });
  return { blobsRemoved: removed.length, bytesFreed, removed };
}

export interface Compaction {
  file: StoreFile;
  index: SqlIndex;
  bytesBefore: number;
  bytesAfter: number;
}

/**
 * Write the live part of `file` to a new file and rename it into place. Returns the new file
 * and its index; the caller closes the old ones. On failure the old file is untouched.
 */
export async function compactFile(
  file: StoreFile,
  index: SqlIndex,
  wasm: SqlWasm | undefined,
): Promise<Compaction> {
  // The new file's index starts as a copy, so the live index keeps serving reads meanwhile.
  const next = await SqlIndex.open(wasm, index.export(), file.path);
  try {
    await writeFileAtomically(file.path, async (fd) => {
      const out = new BufferedWriter(fd, LOG_START);
      next.transaction(() => {
        const labels = new Map<string, Array<{ label: string; offset: number; length: number }>>();
        for (const r of index.labelRecords())
          labels.set(r.root, [...(labels.get(r.root) ?? []), r]);
        for (const blob of index.blobs()) {
          const bytes = file.readAt(blob.offset, blob.length);
          verifyRecord(bytes, blob.offset);
          next.moveBlob(blob.kind, blob.key, out.add(bytes));
        }
        for (const commit of index.listCommits()) {
          const at = index.commitLocation(commit.root);
          if (at === undefined) continue;
          const bytes = file.readAt(at.offset, at.length);
          verifyRecord(bytes, at.offset);
          next.moveCommit(commit.root, out.add(bytes));
          // Later labels after their commit's record, so that replay reads them as labels.
          for (const label of labels.get(commit.root) ?? []) {
            const labelRecord = file.readAt(label.offset, label.length);
            verifyRecord(labelRecord, label.offset);
            next.moveLabel(commit.root, label.label, out.add(labelRecord));
          }
          // A commit record says "finalized" only if it was at commit time: keep the marker, so
          // that the log alone still rebuilds the index (log-rebuild.ts, `check --repair`).
          if (commit.finalized)
            out.add(encodeRecord(RecordKind.Finalize, hexToBytes(commit.root), new Uint8Array(0)));
        }
        // Contracts' metadata after the blobs (their drivers among them), in log order.
        for (const meta of index.contractMetaRecords()) {
          const bytes = file.readAt(meta.offset, meta.length);
          verifyRecord(bytes, meta.offset);
          next.moveContractMeta(meta.id, out.add(bytes));
        }
      });
      sealStoreFile(out, fd, next.export());
    });
  } catch (e) {
    next.close();
    throw e;
  }
  const bytesBefore = file.durableLength;
  const reopened = StoreFile.open(file.path, false);
  return { file: reopened, index: next, bytesBefore, bytesAfter: reopened.durableLength };
}

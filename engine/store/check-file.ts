/**
 * `check` of a store file (check-command.ts): the store opened read-only and checked
 * (check.ts). When the file does not open because of damage the log can get past — a damaged
 * superblock or checkpoint, a truncated file, a damaged record in the replayed log (repair-hint.ts
 * marks those errors) — the check does not stop at the error: it rebuilds the index from every
 * intact record (log-rebuild.ts), in memory, and checks that, so the report shows exactly what
 * `check --repair` would write. Nothing is written.
 */
import { checkStore, type CheckReport } from './check';
import { FileCommitStore } from './file-commit-store';
import { openFileStore } from './file-store';
import { rebuildIndex } from './log-rebuild';
import { canonicalStorePath } from './real-path';
import { isRepairable } from './repair-hint';
import type { SqlWasm } from './sql-js';
import { StoreFile } from './store-file';
import { newestValidSlot } from './superblock';

export async function checkStoreFile(path: string, wasm?: SqlWasm): Promise<CheckReport> {
  let store;
  try {
    store = await openFileStore(path, { readOnly: true, sqlWasm: wasm });
  } catch (e) {
    if (!isRepairable(e)) throw e;
    return checkRebuilt(canonicalStorePath(path), e.message, wasm);
  }
  try {
    return checkStore(store);
  } finally {
    await store.close();
  }
}

async function checkRebuilt(path: string, openError: string, wasm?: SqlWasm): Promise<CheckReport> {
  const file = StoreFile.openForSalvage(path);
  let rebuilt;
  try {
    rebuilt = await rebuildIndex(file, {
      wasm,
      durableLength: newestValidSlot(file.slots)?.durableLength,
    });
  } catch (e) {
    file.close();
    throw e;
  }
  const store = new FileCommitStore(file, rebuilt.index, undefined, {});
  try {
    const report = checkStore(store);
    report.problems.unshift(
      { kind: 'unopenable', message: openError },
      ...rebuilt.damaged.map((d) => ({
        kind: 'corrupt-record' as const,
        offset: d.offset,
        message: d.message,
      })),
    );
    report.notes.push(
      `checked as rebuilt from the log (what --repair writes): ${rebuilt.records} intact records, ${report.commits} commits${rebuilt.pastDurable > 0 ? `, ${rebuilt.pastDurable} records from past the durable length` : ''}`,
    );
    report.ok = false;
    return report;
  } finally {
    await store.close();
  }
}

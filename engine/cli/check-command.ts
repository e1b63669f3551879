/**
 * `piecrust-inspector check --store FILE`: verify a store file (engine/store/check.ts) and print
 * the report. The store is opened read-only, so a check never modifies the file and may run
 * while another process writes it. Exit codes: 0 clean, 1 damaged, 2 the file cannot be opened
 * as a store at all (the reason is printed).
 */
import { isPiecrustError } from '../core/errors';
import { checkStore, formatCheckReport } from '../store/check';
import { openFileStore } from '../store/file-store';
import type { Output } from './run-command';

export async function checkCommand(storePath: string, json: boolean, io: Output): Promise<number> {
  let store;
  try {
    store = await openFileStore(storePath, { readOnly: true });
  } catch (e) {
    if (!isPiecrustError(e)) throw e;
    if (json) io.out(JSON.stringify({ error: e.toData(), exitCode: 2 }));
    else io.err(`error: ${e.message}`);
    return 2;
  }
  try {
    const report = checkStore(store);
    io.out(json ? JSON.stringify(report) : formatCheckReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

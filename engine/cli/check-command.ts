/**
 * `piecrust-inspector check --store FILE [--repair [--out NEW]]`: verify a store file
 * (engine/store/check-file.ts) and print the report. The store is only read, so a check may run
 * while another process writes it. With `--repair`, a store found damaged is rebuilt from the
 * intact records of its log into a NEW file (engine/store/repair.ts; default
 * `NAME.repaired.EXT` beside it), which is then checked in turn; the damaged file is never
 * modified. Exit codes: 0 clean (or, with --repair, the copy is clean), 1 damaged (or the copy
 * still is), 2 the file cannot be read as a store at all, or the copy cannot be written.
 */
import { isPiecrustError } from '../core/errors';
import { formatCheckReport, type CheckReport } from '../store/check';
import { checkStoreFile } from '../store/check-file';
import { repairCommand } from '../store/repair-hint';
import { defaultRepairTarget, repairStoreFile, type RepairResult } from '../store/repair';
import { plural } from './count-words';
import type { Output } from './run-command';

export interface CheckOptions {
  json: boolean;
  repair: boolean;
  /** Where --repair writes (default: `defaultRepairTarget`). */
  out?: string;
}

function formatRepair(r: RepairResult): string {
  const lines = [
    `repair: wrote ${r.target}: ${plural(r.commits, 'commit')} from ${plural(r.records, 'intact record')} (${plural(r.bytes, 'byte')}) of the log${r.pastDurable > 0 ? `, ${r.pastDurable} of them from past the durable length` : ''}`,
  ];
  for (const d of r.damaged) lines.push(`  left behind: ${d.message}`);
  lines.push(
    `${r.source} was not changed; compare the two, then replace it with the copy if you wish`,
  );
  return lines.join('\n');
}

export async function checkCommand(
  storePath: string,
  options: CheckOptions,
  io: Output,
): Promise<number> {
  const { json } = options;
  const fail = (e: unknown): number => {
    if (!isPiecrustError(e)) throw e;
    if (json) io.out(JSON.stringify({ error: e.toData(), exitCode: 2 }));
    else io.err(`error: ${e.message}`);
    return 2;
  };
  let report: CheckReport;
  try {
    report = await checkStoreFile(storePath);
  } catch (e) {
    return fail(e);
  }
  if (!options.repair) {
    if (json) io.out(JSON.stringify(report));
    else {
      io.out(formatCheckReport(report));
      if (!report.ok)
        io.out(`to rebuild it from its log into a new file: ${repairCommand(report.location)}`);
    }
    return report.ok ? 0 : 1;
  }
  if (!json) io.out(formatCheckReport(report));
  if (report.ok) {
    if (json) io.out(JSON.stringify({ ...report, repair: null }));
    else io.out('nothing to repair; no file written');
    return 0;
  }
  let result: RepairResult;
  let copy: CheckReport;
  try {
    result = await repairStoreFile(
      report.location,
      options.out ?? defaultRepairTarget(report.location),
    );
    copy = await checkStoreFile(result.target);
  } catch (e) {
    return fail(e);
  }
  if (json) io.out(JSON.stringify({ ...report, repair: { ...result, report: copy } }));
  else io.out(`${formatRepair(result)}\n${formatCheckReport(copy)}`);
  return copy.ok ? 0 : 1;
}

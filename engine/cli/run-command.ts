/**
 * `piecrust-inspector run SCRIPT.json [--store FILE] [--profile DIR] [--json]`: run a script,
 * print one line per step and `N passed, N failed`. Exit codes: 0 all passed, 1 a step failed,
 * 2 invalid script (or a `--profile` directory that cannot be written).
 */
import { PiecrustError } from '../core/errors';
import { shortId } from '../core/ids';
import { errorText } from '../core/error-text';
import { loadScriptFile } from '../script/script-file';
import { ScriptRunner, type ScriptHost } from '../script/script-runner';
import { storedContractHooks } from '../script/stored-contract-hooks';
import type { StepResult } from '../script/step-result';
import { checkedCommitOps } from '../api/known-commit';
import { localSession } from '../vm/async-session';
import type { Vm } from '../vm/vm';
import type { GasTableName } from '../core/gas-tables';
import { gasText } from './gas-text';
import { prepareProfileDir, ProfileDirError, ProfileFiles } from './profile-files';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** A value a data-driver decoded, or its refusal, as `json=…` / `decodeError=…`. */
function decodedText(d: { decoded?: unknown; decodeError?: string }): string | undefined {
  if (d.decodeError !== undefined) return `decodeError=${d.decodeError}`;
  return 'decoded' in d ? `json=${JSON.stringify(d.decoded)}` : undefined;
}

/**
 * The events of a call whose contracts have drivers, one indented line each under the step's
 * line (events of contracts without one are only counted, as before).
 */
function eventLines(r: StepResult): string[] {
  return (r.emitted ?? []).flatMap((e) => {
    const decoded = decodedText(e);
    if (decoded === undefined) return [];
    const reverted = e.reverted === true ? ' (reverted)' : '';
    return [`    event ${e.topic} from ${e.source}${reverted}  data=${e.data}  ${decoded}`];
  });
}

/** Where a failed call trapped or panicked: `at name (contract)` per frame, innermost first. */
function backtraceLines(r: StepResult): string[] {
  return (r.error?.backtrace ?? []).map((f) => `    at ${f.name} (${shortId(f.contract)})`);
}

export function formatStep(r: StepResult): string {
  const parts = [`${r.passed ? 'ok  ' : 'FAIL'} #${r.index} ${r.title}`];
  if (r.contractId !== undefined) parts.push(`id=${r.contractId}`);
  if (r.root !== undefined) parts.push(`root=${r.root}`);
  if (r.data !== undefined) parts.push(`data=${r.data}`);
  const decoded = decodedText(r);
  if (decoded !== undefined) parts.push(decoded);
  if (r.gasSpent !== undefined) parts.push(`gas=${gasText(r.gasSpent, r.gasLimit, r.error)}`);
  if (r.events !== undefined && r.events > 0) parts.push(`events=${r.events}`);
  let reason = r.reason;
  if (r.error !== undefined) {
    const error = errorText(r.error);
    parts.push(`error=${error}`);
    // The reason ends with the error just printed ("expected success, got <error>"): its code
    // is enough there.
    if (reason?.endsWith(error) === true)
      reason = `${reason.slice(0, -error.length)}${r.error.code}`;
  }
  let line = parts.join('  ');
  // A step that failed on its own error has that error as its reason: print it once.
  if (reason !== undefined && reason !== r.error?.message) line += `  — ${reason}`;
  return [line, ...backtraceLines(r), ...eventLines(r)].join('\n');
}

/**
 * `gasTable` (`--piecrust`) is the table of every session the script opens unless the script
 * names one itself; without either, a session on a commit goes on in that commit's table.
 */
export async function runCommand(
  scriptPath: string,
  vm: Vm,
  json: boolean,
  io: Output,
  options: { gasTable?: GasTableName; timeoutMs?: number; profileDir?: string } = {},
): Promise<number> {
  const { gasTable, timeoutMs, profileDir } = options;
  const fail = (message: string): number => {
    if (json) io.out(JSON.stringify({ error: message, exitCode: 2 }));
    else io.err(`error: ${message}`);
    return 2;
  };
  let loaded;
  try {
    // A script on a store may name the contracts stored there (deployed by an earlier run).
    loaded = loadScriptFile(scriptPath, { storedContracts: vm.contractNames().values() });
  } catch (e) {
    return fail(e instanceof PiecrustError || e instanceof Error ? e.message : String(e));
  }
  let profiles: ProfileFiles | undefined;
  if (profileDir !== undefined) {
    // Before anything runs: a run whose profiles cannot be kept is not worth running.
    try {
      prepareProfileDir(profileDir);
    } catch (e) {
      if (!(e instanceof ProfileDirError)) throw e;
      return fail(e.message);
    }
    profiles = new ProfileFiles(profileDir, loaded.script.steps.length);
  }
  // Against a store file, record every call (as the app's service does) so that the journal is
  // kept with each commit and `show` can list it; an in-memory run keeps nothing to show.
  const journal = vm.store.location !== ':memory:';
  const host: ScriptHost = {
    openSession: async (options) =>
      localSession(
        vm.session({ ...options, journal, timeoutMs, gasTable: options.gasTable ?? gasTable }),
      ),
    // As in the app: an unknown root is an error, not piecrust's silent no-op.
    ...checkedCommitOps(vm),
    // Deploys' names and drivers kept in the store; those kept before used by this run.
    ...storedContractHooks(vm),
  };
  const runner = new ScriptRunner(host, loaded.script, {
    readWasm: loaded.readWasm,
    readDriver: loaded.readDriver,
    // Only with --profile: without it calls go through the session's plain `call`.
    ...(profiles === undefined ? {} : { onCallProfile: profiles.collect }),
  });
  const print = (r: StepResult): void => {
    const profile = profiles?.write(r.index);
    if (json)
      io.out(JSON.stringify(profile === undefined ? r : { ...r, profile: profile.summary }));
    else io.out([formatStep(r), ...(profile?.lines ?? [])].join('\n'));
  };
  let results;
  try {
    results = await runner.run(print);
  } catch (e) {
    // A profile the directory no longer takes (a full disk): the run stops there.
    if (!(e instanceof ProfileDirError)) throw e;
    await runner.finish().catch(() => undefined);
    return fail(e.message);
  }
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  io.out(json ? JSON.stringify({ passed, failed }) : `${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

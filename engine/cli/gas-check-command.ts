/**
 * `piecrust-inspector gas-check SCRIPT.json [--piecrust head|0.19] [--boundaries] [--json]`:
 * run a script on the engine and re-run every deploy (`init`) and call step in wasmtime under the
 * same gas table, one line per step with both figures and their difference (gascheck/).
 * `gas-check --setup` makes the Python environment the check needs.
 *
 * Exit codes: 0 every step agrees (or is excluded, with the reason), 1 a step differs, 2 invalid
 * script or usage, 3 the wasmtime oracle is unavailable (the engine's figures are still printed).
 */
import { PiecrustError } from '../core/errors';
import type { GasTableName } from '../core/gas-tables';
import { gasCheck, type Outcome, type StepComparison } from '../gascheck/gas-check';
import { defaultVenvDir, findOraclePython, setUpOraclePython } from '../gascheck/python-env';
import { WasmtimeOracle } from '../gascheck/wasmtime-oracle';
import { loadScriptFile } from '../script/script-file';
import type { Script } from '../script/script-schema';
import type { StepResult } from '../script/step-result';
import { plural } from './count-words';
import type { Output } from './run-command';

function outcomeText(o: Outcome | undefined): string {
  if (o === undefined) return '—';
  if (o.ok) return String(o.gasSpent);
  // A failed call's gas up to its failure, compared too (its receipt-less figure).
  return o.gasSpent === undefined ? `error ${o.error}` : `error ${o.error} (${o.gasSpent} spent)`;
}

export function formatComparison(c: StepComparison): string {
  const parts = [
    `#${c.step} ${c.title}`,
    c.gasTable,
    `engine ${outcomeText(c.ours)}`,
    `wasmtime ${outcomeText(c.wasmtime)}`,
  ];
  if (c.difference !== undefined) parts.push(`diff ${c.difference}`);
  const status =
    c.status === 'match'
      ? 'ok'
      : c.status === 'unchecked'
        ? 'unchecked'
        : `${c.status.toUpperCase()}: ${c.notes.join('; ')}`;
  parts.push(status);
  if (c.status === 'match' && c.boundaries !== undefined) {
    parts.push(
      `limits ${c.boundaries.map((b) => `${b.limit} ${b.ours.ok ? 'ok' : b.ours.error}`).join(', ')} agree`,
    );
  }
  return parts.join('  ');
}

function comparisonJson(c: StepComparison): Record<string, unknown> {
  const outcome = (o: Outcome | undefined) =>
    o === undefined ? null : { ok: o.ok, gasSpent: o.gasSpent?.toString(), error: o.error };
  return {
    step: c.step,
    title: c.title,
    kind: c.kind,
    gasTable: c.gasTable,
    limit: c.limit.toString(),
    engine: outcome(c.ours),
    wasmtime: outcome(c.wasmtime),
    difference: c.difference?.toString(),
    status: c.status,
    notes: c.notes,
    boundaries: c.boundaries?.map((b) => ({
      limit: b.limit.toString(),
      engine: outcome(b.ours),
      wasmtime: outcome(b.wasmtime),
      agree: b.agree,
    })),
  };
}

export async function gasCheckSetupCommand(io: Output): Promise<number> {
  io.out(`setting up ${defaultVenvDir()} (python3 -m venv, pip install wasmtime)…`);
  const runtime = await setUpOraclePython();
  if ('unavailable' in runtime) {
    io.err(`error: ${runtime.unavailable}`);
    return 3;
  }
  io.out(`wasmtime ${runtime.version} ready: ${runtime.python}`);
  return 0;
}

export async function gasCheckCommand(
  scriptPath: string,
  options: {
    gasTable: GasTableName | undefined;
    boundaries: boolean;
    json: boolean;
    timeoutMs?: number;
  },
  io: Output,
): Promise<number> {
  let script: Script;
  let readWasm: (path: string) => Uint8Array;
  try {
    ({ script, readWasm } = loadScriptFile(scriptPath));
  } catch (e) {
    const message = e instanceof PiecrustError || e instanceof Error ? e.message : String(e);
    if (options.json) io.out(JSON.stringify({ error: message, exitCode: 2 }));
    else io.err(`error: ${message}`);
    return 2;
  }
  const runtime = await findOraclePython();
  let oracle: WasmtimeOracle | undefined;
  let unavailable: string | undefined;
  if ('python' in runtime) {
    try {
      oracle = await WasmtimeOracle.start(runtime.python);
    } catch (e) {
      unavailable = (e as Error).message;
    }
  } else {
    unavailable = runtime.unavailable;
  }
  if (unavailable !== undefined && !options.json) {
    io.err(
      `wasmtime oracle unavailable: ${unavailable}\n` +
        '  (run `piecrust-inspector gas-check --setup`, or set PIECRUST_WASMTIME_PYTHON to a python with the wasmtime package)\n' +
        "  the engine's figures follow, unchecked",
    );
  }
  let steps: StepComparison[];
  let results: StepResult[];
  try {
    ({ steps, results } = await gasCheck(script, oracle, {
      gasTable: options.gasTable,
      boundaries: options.boundaries,
      timeoutMs: options.timeoutMs,
      readWasm,
      onStep: (c) => io.out(options.json ? JSON.stringify(comparisonJson(c)) : formatComparison(c)),
    }));
  } finally {
    await oracle?.close();
  }
  const count = (status: StepComparison['status']) =>
    steps.filter((s) => s.status === status).length;
  const differs = count('differs') + count('diverged') + count('failed');
  const unmet = results.filter((r) => !r.passed);
  const summary = {
    steps: steps.length,
    match: count('match'),
    differs,
    excluded: count('excluded'),
    unchecked: count('unchecked'),
    wasmtime: oracle?.version ?? null,
    ...(unavailable === undefined ? {} : { unavailable }),
  };
  if (unmet.length > 0 && !options.json) {
    io.err(
      `note: ${unmet.length} step(s) did not meet the script's expectations (#${unmet.map((r) => r.index).join(', #')}); \`piecrust-inspector run\` shows why`,
    );
  }
  if (options.json)
    io.out(JSON.stringify({ ...summary, unmetExpectations: unmet.map((r) => r.index) }));
  else if (oracle !== undefined) {
    io.out(
      `${plural(summary.steps, 'step')}: ${summary.match} match, ${differs} differ, ${summary.excluded} excluded (wasmtime ${oracle.version})`,
    );
  } else io.out(`${plural(summary.steps, 'step')}, unchecked: the wasmtime oracle is unavailable`);
  if (oracle === undefined) return 3;
  return differs > 0 ? 1 : 0;
}

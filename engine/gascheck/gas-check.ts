/**
 * `gas-check`: run a script on the engine, re-run every deploy (`init`) and call step in
 * wasmtime under the same gas table, and compare: outcome, gas spent, returned bytes, and the
 * gas left at every host call on the way. With `boundaries`, every successful step with spend S
 * is also run at limits S−1, S and S+1 in both engines (each from a fresh VM that replays the
 * script up to that step): success or out of gas must agree at each, which checks where the
 * out-of-gas checks sit (function entries, loop headers) and the overdraft rule.
 *
 * The script always runs on a fresh in-memory VM: checking gas never writes to a store.
 */
import { checkedCommitOps } from '../api/known-commit';
import type { GasTableName } from '../core/gas-tables';
import { DEFAULT_GAS_TABLE } from '../core/gas-tables';
import { localSession } from '../vm/async-session';
import { ScriptRunner } from '../script/script-runner';
import type { StepResult } from '../script/step-result';
import type { Script, Step } from '../script/script-schema';
import { createVm, type Vm } from '../vm/vm';
import { CallRecorder, type RecordedCall } from './call-recorder';
import type { OracleResult, WasmtimeOracle } from './wasmtime-oracle';

/** One engine's outcome of a call. */
export interface Outcome {
  ok: boolean;
  gasSpent?: bigint;
  /** Error code when it failed (OutOfGas, Panic, RuntimeError, …). */
  error?: string;
}

/**
 * `match`: both agree; `differs`/`diverged`: they do not (the notes say where); `excluded`: left
 * out, with the reason; `failed`: the oracle could not run the step; `unchecked`: no oracle.
 */
export type ComparisonStatus =
  'match' | 'differs' | 'excluded' | 'diverged' | 'failed' | 'unchecked';

export interface BoundaryRun {
  limit: bigint;
  ours: Outcome;
  wasmtime: Outcome | undefined;
  agree: boolean;
  notes: string[];
}

export interface StepComparison {
  step: number;
  title: string;
  kind: 'deploy' | 'call';
  gasTable: GasTableName;
  limit: bigint;
  ours: Outcome;
  wasmtime?: Outcome;
  /** wasmtime's gas − ours, when both report one. */
  difference?: bigint;
  status: ComparisonStatus;
  /** Why: exclusions, divergences, disagreements (with the numbers). */
  notes: string[];
  boundaries?: BoundaryRun[];
}

export interface GasCheckOptions {
  /** The table when the script names none (`"piecrust"`). */
  gasTable?: GasTableName;
  /** Reads a `.wasm` path as written in the script. */
  readWasm(path: string): Uint8Array;
  /** Also compare at S−1, S, S+1 for every successful step. */
  boundaries?: boolean;
  /** Called as each step's comparison is ready. */
  onStep?(c: StepComparison): void;
  /** Prepare each fresh VM before the script runs (register host queries). */
  configureVm?(vm: Vm): void;
  /** Wall-clock limit of every engine call (ms): a stopped call is not re-run in wasmtime. */
  timeoutMs?: number;
}

function ourOutcome(call: RecordedCall): Outcome {
  return call.error === undefined
    ? { ok: true, gasSpent: call.gasSpent }
    : { ok: false, error: call.error.code, gasSpent: call.gasSpent };
}

function theirOutcome(r: OracleResult): Outcome | undefined {
  if (r.ok === undefined) return undefined;
  return r.ok
    ? { ok: true, gasSpent: r.gasSpent === undefined ? undefined : BigInt(r.gasSpent) }
    : {
        ok: false,
        error: r.error?.code,
        gasSpent: r.gasSpent === undefined ? undefined : BigInt(r.gasSpent),
      };
}

const STACK_EXHAUSTED = /call stack exhausted|Maximum call stack size exceeded/i;

/** Either runtime ran out of stack: the depth it stopped at is its own. */
function stackExhausted(call: RecordedCall, result: OracleResult): boolean {
  return (
    STACK_EXHAUSTED.test(call.error?.message ?? '') ||
    STACK_EXHAUSTED.test(result.error?.message ?? '')
  );
}

/** Compare one recorded call with wasmtime's run of it; the notes say every disagreement. */
export function compareOutcomes(
  call: RecordedCall,
  result: OracleResult,
): { status: ComparisonStatus; notes: string[]; wasmtime?: Outcome } {
  if (result.excluded !== undefined) return { status: 'excluded', notes: [result.excluded] };
  if (result.divergence !== undefined) {
    return { status: 'diverged', notes: [result.divergence, ...result.divergences] };
  }
  const ours = ourOutcome(call);
  const wasmtime = theirOutcome(result);
  const notes = [...result.divergences];
  if (wasmtime === undefined) return { status: 'differs', notes: [...notes, 'no outcome'] };
  if (ours.ok !== wasmtime.ok) {
    notes.push(
      ours.ok
        ? `the engine succeeded (gas ${ours.gasSpent}), wasmtime failed with ${wasmtime.error} (${result.error?.message ?? ''})`
        : `the engine failed with ${ours.error}, wasmtime succeeded (fuel ${wasmtime.gasSpent})`,
    );
  } else if (ours.ok) {
    if (ours.gasSpent !== wasmtime.gasSpent) {
      notes.push(`gas: engine ${ours.gasSpent}, wasmtime ${wasmtime.gasSpent}`);
    }
  } else if (ours.error !== wasmtime.error) {
    notes.push(
      `error: engine ${ours.error}, wasmtime ${wasmtime.error} (${result.error?.message ?? ''})`,
    );
  } else if (ours.gasSpent !== wasmtime.gasSpent && !stackExhausted(call, result)) {
    // piecrust gives a failed call no receipt, but the app and the CLI show what it spent: the
    // gas wasmtime's counter says was spent when it stopped. (Not for a stack overflow: where
    // the stack runs out is each runtime's own limit, V8's here, wasmtime's there.)
    notes.push(`gas at the failure: engine ${ours.gasSpent}, wasmtime ${wasmtime.gasSpent}`);
  }
  return { status: notes.length === 0 ? 'match' : 'differs', notes, wasmtime };
}

/** A step that a comparison is made for: deploys run `init`, calls their function. */
function limitOf(step: Step): bigint | undefined {
  return step.op === 'call' || step.op === 'deploy' ? step.gas : undefined;
}

interface ScriptRun {
  results: StepResult[];
  /** The recorded top-level call of each step that made one. */
  calls: Map<number, RecordedCall>;
}

/** Run `script` on a fresh VM, recording every top-level call, step by step. */
async function runRecorded(
  script: Script,
  options: GasCheckOptions,
  stopAfter?: number,
): Promise<ScriptRun> {
  const table = script.piecrust ?? options.gasTable ?? DEFAULT_GAS_TABLE;
  const vm = await createVm({ gasTable: table });
  options.configureVm?.(vm);
  const sink: RecordedCall[] = [];
  const runner = new ScriptRunner(
    {
      openSession: async (sessionOptions) => {
        const session = vm.session({ ...sessionOptions, timeoutMs: options.timeoutMs });
        session.setTracer(new CallRecorder(session.gasTable.name, sink));
        return localSession(session);
      },
      ...checkedCommitOps(vm),
    },
    stopAfter === undefined ? script : { ...script, steps: script.steps.slice(0, stopAfter + 1) },
    { readWasm: options.readWasm },
  );
  const calls = new Map<number, RecordedCall>();
  try {
    while (!runner.done) {
      const before = sink.length;
      const r = await runner.step();
      if (r !== undefined && sink.length > before) calls.set(r.index, sink[sink.length - 1]);
    }
    await runner.finish();
  } finally {
    await vm.close();
  }
  return { results: runner.results, calls };
}

/** `script` with step `index` at gas `limit` and no expectation (any outcome is compared). */
function withLimit(script: Script, index: number, limit: bigint): Script {
  const steps = script.steps.slice();
  const step = steps[index];
  if (step.op === 'call' || step.op === 'deploy')
    steps[index] = { ...step, gas: limit, expect: {} };
  return { ...script, steps };
}

async function boundaryRuns(
  script: Script,
  index: number,
  spent: bigint,
  options: GasCheckOptions,
  oracle: WasmtimeOracle,
): Promise<BoundaryRun[]> {
  const runs: BoundaryRun[] = [];
  for (const limit of [spent - 1n, spent, spent + 1n]) {
    if (limit < 0n) continue;
    const run = await runRecorded(withLimit(script, index, limit), options, index);
    const call = run.calls.get(index);
    if (call === undefined) {
      runs.push({
        limit,
        ours: { ok: false, error: 'no call' },
        wasmtime: undefined,
        agree: false,
        notes: ['the step made no call'],
      });
      continue;
    }
    const result = await oracle.run(call);
    const compared = compareOutcomes(call, result);
    const ours = ourOutcome(call);
    runs.push({
      limit,
      ours,
      wasmtime: compared.wasmtime,
      agree: compared.status === 'match' || compared.status === 'excluded',
      notes: compared.notes,
    });
  }
  return runs;
}

/**
 * Run the script and compare every step that ran a contract function. Without an oracle
 * (`undefined`), the steps are listed with the engine's gas only (status `unchecked`).
 */
export async function gasCheck(
  script: Script,
  oracle: WasmtimeOracle | undefined,
  options: GasCheckOptions,
): Promise<{ steps: StepComparison[]; results: StepResult[] }> {
  const run = await runRecorded(script, options);
  const steps: StepComparison[] = [];
  for (const [index, call] of [...run.calls].sort((a, b) => a[0] - b[0])) {
    const step = script.steps[index];
    const comparison: StepComparison = {
      step: index,
      title: run.results[index]?.title ?? step.op,
      kind: call.kind,
      gasTable: call.gasTable,
      limit: limitOf(step) ?? call.gasLimit,
      ours: ourOutcome(call),
      status: 'unchecked',
      notes: [],
    };
    if (call.error?.code === 'Interrupted') {
      // Nothing to compare: the engine did not finish it (and wasmtime would not either).
      comparison.status = 'failed';
      comparison.notes = [call.error.message];
    } else if (oracle !== undefined) {
      let result: OracleResult;
      try {
        result = await oracle.run(call);
      } catch (e) {
        comparison.status = 'failed';
        comparison.notes = [`the wasmtime oracle failed: ${(e as Error).message}`];
        options.onStep?.(comparison);
        steps.push(comparison);
        continue;
      }
      const compared = compareOutcomes(call, result);
      comparison.status = compared.status;
      comparison.notes = compared.notes;
      comparison.wasmtime = compared.wasmtime;
      const ours = comparison.ours.gasSpent;
      const theirs = compared.wasmtime?.gasSpent;
      if (ours !== undefined && theirs !== undefined) comparison.difference = theirs - ours;
      if (
        options.boundaries &&
        call.error === undefined &&
        call.gasSpent !== undefined &&
        compared.status === 'match'
      ) {
        comparison.boundaries = await boundaryRuns(script, index, call.gasSpent, options, oracle);
        const disagreeing = comparison.boundaries.filter((b) => !b.agree);
        if (disagreeing.length > 0) {
          comparison.status = 'differs';
          for (const b of disagreeing) {
            comparison.notes.push(
              `at limit ${b.limit}: ${b.notes.join('; ') || 'outcomes differ'}`,
            );
          }
        }
      }
    }
    options.onStep?.(comparison);
    steps.push(comparison);
  }
  return { steps, results: run.results };
}

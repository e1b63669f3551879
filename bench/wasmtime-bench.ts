/**
 * `engine_vs_wasmtime_ratio`: the engine against wasmtime itself (the engine piecrust is built
 * on), on a compute-heavy call, measured in this one run.
 *
 * Definition: median wall time of `fibonacci.nth(24)` through the engine (a top-level call:
 * fresh instance per call, as piecrust does; metered under `head`) ÷ median wall time of the same
 * call in wasmtime with fuel (the Python package, in a child process: a fresh Store and Instance
 * per call, the module compiled once, the argument written, the fuel set, the export called;
 * the memory is what the data segments make it, as fibonacci keeps no other state). The
 * wasmtime module is the oracle's copy under `head` (stores padded with constant pairs that
 * cranelift folds away), so both count the same gas, which is checked. Both sides run 101
 * measured calls after 50 unmeasured ones (steady state: V8 tiers code up, cranelift does not).
 * wasmtime's time includes Python's per-call overhead (store and instance creation through the C
 * API, ~0.15 ms: see `wasmtime_nth0_ms`), which a Rust embedder like piecrust does not pay;
 * `engine_vs_wasmtime_call_ratio` takes it out.
 */
import { readFileSync } from 'node:fs';
import { encode, t } from '../engine/rkyv';
import { CallRecorder } from '../engine/gascheck/call-recorder';
import { findOraclePython } from '../engine/gascheck/python-env';
import { WasmtimeOracle } from '../engine/gascheck/wasmtime-oracle';
import { createVm } from '../engine/vm/vm';
import { medianNs, report } from './measure';

// Enough unmeasured calls for V8 to tier the module up to optimized code (piecrust's cranelift
// compiles ahead of time): the figures are steady state on both sides.
const RUNS = 101;
const WARMUP = 50;
const LIMIT = 1n << 40n;

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

export async function engineVsWasmtime(): Promise<void> {
  const runtime = await findOraclePython();
  if ('unavailable' in runtime) {
    console.log(
      `# engine_vs_wasmtime_ratio skipped: wasmtime oracle unavailable (${runtime.unavailable})`,
    );
    return;
  }
  const bytes = new Uint8Array(
    readFileSync(new URL('../contracts/build/fibonacci.wasm', import.meta.url)),
  );
  const vm = await createVm({ gasTable: 'head' });
  const session = vm.session();
  const { contractId } = session.deploy(bytes, { owner: new Uint8Array(32) }, 1_000_000n);
  const oracle = await WasmtimeOracle.start(runtime.python);
  try {
    /** Median ns of nth(n) in each engine, after checking both count the same gas. */
    const measure = async (n: number): Promise<{ engine: number; wasmtime: number }> => {
      const arg = encode(t.u32, n);
      const recorder = new CallRecorder('head');
      session.setTracer(recorder);
      const gas = session.callRaw(contractId, 'nth', arg, LIMIT).gasSpent;
      session.setTracer(undefined);
      const contract = recorder.calls[0].contracts.get(contractId)!;
      const engine = medianNs(() => session.callRaw(contractId, 'nth', arg, LIMIT), RUNS, WARMUP);
      const result = await oracle.bench({
        codeHash: contract.codeHash,
        bytecode: contract.bytecode,
        table: 'head',
        argBuffer: contract.argBuffer,
        fn: 'nth',
        arg,
        limit: LIMIT,
        iterations: RUNS + WARMUP,
      });
      if (BigInt(result.fuel) !== gas) {
        throw new Error(`fibonacci.nth(${n}): engine gas ${gas}, wasmtime fuel ${result.fuel}`);
      }
      return { engine, wasmtime: median(result.seconds.slice(WARMUP)) * 1e9 };
    };
    const heavy = await measure(24);
    // nth(0): one call of fib, so what remains is each side's fixed cost per top-level call.
    const fixed = await measure(0);
    report('engine_nth24_ms', heavy.engine / 1e6, 3);
    report('wasmtime_nth24_ms', heavy.wasmtime / 1e6, 3);
    report('engine_nth0_ms', fixed.engine / 1e6, 3);
    report('wasmtime_nth0_ms', fixed.wasmtime / 1e6, 3);
    // The figure: whole calls, fresh instance per call on both sides.
    report('engine_vs_wasmtime_ratio', heavy.engine / heavy.wasmtime);
    // The same with each side's fixed per-call cost (nth(0)) taken out: execution only.
    report(
      'engine_vs_wasmtime_call_ratio',
      (heavy.engine - fixed.engine) / (heavy.wasmtime - fixed.wasmtime),
    );
  } finally {
    await oracle.close();
    await vm.close();
  }
}

/**
 * The WebAssembly stack where a call trapped or panicked, by function name (issue 13).
 *
 * Nothing runs on the normal path: V8 records the stack of every error when it is created (a
 * `WebAssembly.RuntimeError` at the trap, a `PiecrustError` in the host function that threw
 * it), and `captureBacktrace` reads it from `error.stack` only once a frame's export has thrown.
 * V8 prints a wasm frame as `wasm://wasm/<module>:wasm-function[<index>]:0x<offset>`, numbering
 * functions in the *instrumented* module, which the contract module maps back to the original
 * (the engine's wrappers and helpers have no original index and are dropped).
 *
 * Which contract a frame belongs to: wasm frames come in runs, one per contract frame, separated
 * by JavaScript frames (the `c` host call and the engine code that invokes the callee's export).
 * Caught in the innermost frame's `invoke`, the innermost run is that frame's and each run
 * further out is the next frame down the call stack.
 */
import { PiecrustError, type BacktraceFrame } from '../core/errors';
import type { Frame } from './call-frame';

/** V8 keeps 10 frames by default; a call's frames are counted from the trap outwards. */
export const BACKTRACE_FRAME_LIMIT = 200;

const WASM_FRAME = /wasm:\/\/wasm\/[^\s:()]*:wasm-function\[(\d+)\]:0x[0-9a-f]+/;
const FRAME_LINE = /^\s+at /;

/** Backtraces of thrown values that are not PiecrustErrors (a RuntimeError, a RangeError). */
const attached = new WeakMap<object, BacktraceFrame[]>();

/**
 * The wasm function indices in an error's stack, grouped in runs (innermost first). Only the
 * frame lines after the `Name: message` header are read: a message (a contract's panic text)
 * could contain anything, frame-like lines included.
 */
export function wasmRuns(error: Error): number[][] {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const header = `${error.name}: ${error.message}`;
  const frames = stack.startsWith(header) ? stack.slice(header.length) : stack;
  const runs: number[][] = [];
  let current: number[] | undefined;
  for (const line of frames.split('\n')) {
    if (!FRAME_LINE.test(line)) continue;
    const wasm = WASM_FRAME.exec(line);
    if (wasm === null) {
      current = undefined;
      continue;
    }
    if (current === undefined) {
      current = [];
      runs.push(current);
    }
    current.push(Number(wasm[1]));
  }
  return runs;
}

/**
 * Read the backtrace of `target`, thrown while `frames[frames.length - 1]` ran its export, and
 * keep it with the error (once: an error crossing several frames keeps the innermost view).
 */
export function captureBacktrace(target: unknown, frames: readonly Frame[]): void {
  if (!(target instanceof Error) || backtraceOf(target) !== undefined) return;
  const backtrace: BacktraceFrame[] = [];
  const runs = wasmRuns(target);
  for (let i = 0; i < runs.length && i < frames.length; i++) {
    const contract = frames[frames.length - 1 - i].contract;
    const module = contract.module;
    for (const index of runs[i]) {
      const funcIndex = module.originalFunctionIndex(index, contract.live?.profiling === true);
      if (funcIndex === undefined) continue;
      backtrace.push({ contract: contract.id, funcIndex, name: module.functionName(funcIndex) });
    }
  }
  if (backtrace.length === 0) return;
  if (target instanceof PiecrustError) target.backtrace = backtrace;
  else attached.set(target, backtrace);
}

/** The backtrace kept with a thrown value, if any. */
export function backtraceOf(error: unknown): BacktraceFrame[] | undefined {
  if (error instanceof PiecrustError) return error.backtrace;
  return typeof error === 'object' && error !== null ? attached.get(error) : undefined;
}

/** Run `fn` with V8 keeping up to BACKTRACE_FRAME_LIMIT frames in the stacks of new errors. */
export function withBacktraceLimit<T>(fn: () => T): T {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = BACKTRACE_FRAME_LIMIT;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = saved;
  }
}

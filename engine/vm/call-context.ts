/**
 * One top-level call in progress: the stack of frames, the instances created for it, and the
 * gas bookkeeping between the host and the instances' gas globals. Lives from the start of
 * `Session.callRaw` (or deploy's `init`) to its end; `finish` drops every instance, so wasm
 * globals never survive a top-level call.
 *
 * Gas: an instance's exported i64 global holds a slice (at most GAS_SLICE) of the remaining gas
 * of the frame currently running in it; the rest waits in `Frame.reserve`. Where the slice runs
 * out, the instrumented check calls `refill`, which hands out the next slice, or throws out of
 * gas when the frame has none left: the check points are wasmtime's either way. Between slices
 * the call's deadline and interrupt flag are looked at, so any call can be stopped, cleanly (it
 * fails and reverts like any failed call), within one slice of work (a few milliseconds).
 */
import { PiecrustError } from '../core/errors';
import type { Event } from './types';
import { Frame } from './call-frame';
import { PAGE_SIZE } from './host-abi';
import type { LiveInstance, LoadedContract } from './loaded-contract';
import { CHUNK_BASE_EXPORT, GAS_EXPORT, RESET_EXPORT } from '../wasm/instrumented-layout';
import type { JournalRecorder } from '../journal/recorder';
import type { CallTracer } from './call-tracer';
import type { ErrorData } from '../core/errors';
import { captureBacktrace, withBacktraceLimit } from './backtrace';

export const MAX_CALL_DEPTH = 48;
/** Gas handed to wasm at a time: a refill every ~2^24 gas, i.e. every few milliseconds. */
export const GAS_SLICE = 1n << 24n;

/** What may stop a call before its gas does (session options; both optional). */
export interface CallLimits {
  /** Wall-clock limit of a top-level call, in milliseconds. */
  timeoutMs?: number;
  /** Set to non-zero (by another thread) to interrupt the running call. */
  interrupt?: Int32Array;
}

/** Errors that must cross every frame untouched (a host query panic with containment off). */
export class UncontainedError extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'UncontainedError';
  }
}

export class CallContext {
  readonly frames: Frame[] = [];
  private readonly participants = new Set<LoadedContract>();

  private readonly started = performance.now();
  private readonly deadline: number | undefined;

  constructor(
    readonly events: Event[],
    private readonly recorder?: JournalRecorder,
    private readonly tracer?: CallTracer,
    private readonly limits: CallLimits = {},
  ) {
    this.deadline = limits.timeoutMs === undefined ? undefined : this.started + limits.timeoutMs;
  }

  get top(): Frame {
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) throw new Error('no frame is running');
    return frame;
  }

  /**
   * Push a frame for `contract` (instantiating it if it has no instance in this call yet) and
   * open a new snapshot level for its memory.
   */
  push(
    contract: LoadedContract,
    fn: string,
    limit: bigint,
    eventCheckpoint: number,
    arg?: Uint8Array,
  ): Frame {
    if (this.frames.length >= MAX_CALL_DEPTH) {
      throw new PiecrustError('SessionError', `Maximum call depth exceeded (${MAX_CALL_DEPTH})`, {
        depth: this.frames.length,
        max: MAX_CALL_DEPTH,
      });
    }
    const caller = this.frames[this.frames.length - 1];
    if (caller !== undefined) caller.remainingAtCall = this.remaining(caller);
    const live = contract.live ?? this.instantiate(contract);
    const frame = new Frame(contract, fn, limit, eventCheckpoint);
    this.recorder?.boundary(
      {
        kind: 'enter',
        depth: this.frames.length,
        contract: contract.id,
        fn,
        gas: limit,
        data: arg?.slice(),
      },
      contract.id,
    );
    this.frames.push(frame);
    live.resetMarks();
    return frame;
  }

  private instantiate(contract: LoadedContract): LiveInstance {
    let instance: WebAssembly.Instance;
    let profiling: WebAssembly.Module | undefined;
    try {
      const imports =
        this.tracer === undefined
          ? contract.imports
          : this.tracer.instantiate(contract, contract.imports, this);
      profiling = this.tracer?.moduleFor?.(contract);
      instance = new WebAssembly.Instance(profiling ?? contract.module.module, imports);
    } catch (e) {
      if (e instanceof PiecrustError || e instanceof UncontainedError) throw e;
      throw new PiecrustError(
        'RuntimeError',
        `instantiating contract ${contract.id} failed: ${(e as Error).message}`,
        {
          contract: contract.id,
        },
      );
    }
    const exports = instance.exports as Record<string, unknown>;
    const live: LiveInstance = {
      exports,
      gas: exports[GAS_EXPORT] as WebAssembly.Global,
      resetMarks: exports[RESET_EXPORT] as () => void,
      chunkBase: exports[CHUNK_BASE_EXPORT] as WebAssembly.Global,
      ...(profiling === undefined ? {} : { profiling: true }),
    };
    live.chunkBase.value = contract.writes.base;
    contract.live = live;
    this.participants.add(contract);
    return live;
  }

  /**
   * Run the frame's function; the caller has checked that it is exported. What it throws keeps
   * the WebAssembly stack it was thrown from, by function name (backtrace.ts).
   */
  invoke(frame: Frame, argLen: number): number {
    const fn = frame.contract.live?.exports[frame.fn] as ((n: number) => number) | undefined;
    if (fn === undefined) throw new Error(`${frame.fn} is not an instantiated export`);
    return withBacktraceLimit(() => {
      try {
        return fn(argLen);
      } catch (e) {
        captureBacktrace(e instanceof UncontainedError ? e.original : e, this.frames);
        throw e;
      }
    });
  }

  /** The frame's gas left: its reserve plus its slice, which an overdraft may have taken below 0. */
  remaining(frame: Frame): bigint {
    const live = frame.contract.live;
    if (live === undefined) return frame.reserve;
    const total = frame.reserve + (live.gas.value as bigint);
    return total > 0n ? total : 0n;
  }

  setRemaining(frame: Frame, value: bigint): void {
    const live = frame.contract.live;
    if (live === undefined) return;
    const slice = value > GAS_SLICE ? GAS_SLICE : value;
    live.gas.value = slice;
    frame.reserve = value - slice;
  }

  /**
   * The instrumented check found the slice used up (`local` ≤ 0, possibly overdrawn): the next
   * slice, or out of gas when the frame has nothing left — exactly where wasmtime's check on the
   * whole remaining gas would trap. Also where a deadline or an interrupt stops the call.
   */
  refill(local: bigint): bigint {
    const frame = this.top;
    const live = frame.contract.live;
    const total = frame.reserve + local;
    if (total <= 0n) {
      frame.reserve = 0n;
      if (live !== undefined) live.gas.value = 0n;
      throw new PiecrustError('OutOfGas', 'OutOfGas', {});
    }
    try {
      this.checkInterrupt();
    } catch (e) {
      // The call stops here: what it spent is the gas that really ran, so publish the count.
      if (live !== undefined) live.gas.value = local;
      throw e;
    }
    const slice = total > GAS_SLICE ? GAS_SLICE : total;
    const reserve = total - slice;
    // What the host reads (reserve + global) stays the value last published, as wasmtime's fuel
    // in memory stays what its last flush wrote: a check point publishes nothing. Only its split
    // between the reserve and the global moves.
    if (live !== undefined) live.gas.value = (live.gas.value as bigint) + frame.reserve - reserve;
    frame.reserve = reserve;
    return slice;
  }

  /** Throw if the call is past its deadline or was asked to stop (crossing every frame). */
  private checkInterrupt(): void {
    const now = performance.now();
    const requested =
      this.limits.interrupt !== undefined && Atomics.load(this.limits.interrupt, 0) !== 0;
    const late = this.deadline !== undefined && now > this.deadline;
    if (!requested && !late) return;
    const elapsedMs = Math.round(now - this.started);
    const message = late
      ? `Interrupted: the call ran longer than its time limit of ${formatSeconds(this.limits.timeoutMs!)} (stopped after ${formatSeconds(elapsedMs)}); its changes were reverted`
      : `Interrupted: stopped on request after ${formatSeconds(elapsedMs)}; its changes were reverted`;
    throw new UncontainedError(
      new PiecrustError('Interrupted', message, {
        reason: late ? 'timeout' : 'request',
        elapsedMs,
        timeoutMs: this.limits.timeoutMs ?? null,
      }),
    );
  }

  /** Host charge (emit, host queries): out of gas leaves nothing, as in piecrust. */
  charge(frame: Frame, cost: bigint): void {
    const remaining = this.remaining(frame);
    if (cost > remaining) {
      this.setRemaining(frame, 0n);
      throw new PiecrustError('OutOfGas', 'OutOfGas', {
        cost: cost.toString(),
        remaining: remaining.toString(),
      });
    }
    this.setRemaining(frame, remaining - cost);
  }

  /**
   * Called by the instrumented code before the first write to a page at the current level: the
   * page is saved for revert, and the chunk bitmap made to cover it (the instrumented code then
   * marks the chunk there).
   */
  touch(contract: LoadedContract, page: number): void {
    const { writes, live } = contract;
    writes.cover(page);
    // The bitmap may have moved since the instance was made (a host write covered a new page).
    if (live !== undefined && live.chunkBase.value !== writes.base) {
      live.chunkBase.value = writes.base;
    }
    this.recorder?.beforeWrite(contract, page);
    this.top.touch(contract, page);
  }

  /** A write by the host into contract memory: saved for revert and marked dirty like any other. */
  hostWrite(contract: LoadedContract, offset: number, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const frame = this.top;
    const last = Math.floor((offset + bytes.length - 1) / PAGE_SIZE);
    for (let page = Math.floor(offset / PAGE_SIZE); page <= last; page++) {
      this.recorder?.beforeWrite(contract, page);
      frame.touch(contract, page);
    }
    contract.writes.markRange(offset, bytes.length);
    contract.view().set(bytes, offset);
  }

  /** The frame succeeded: its changes become provisional in its parent. */
  succeed(frame: Frame, spent: bigint, result?: Uint8Array): void {
    this.popExpect(frame);
    frame.node.spent = spent;
    frame.contract.length = frame.contract.physicalLength();
    const parent = this.frames[this.frames.length - 1];
    this.recorder?.boundary(
      {
        kind: 'exit',
        depth: this.frames.length,
        contract: frame.contract.id,
        fn: frame.fn,
        gas: spent,
        data: result?.slice(),
      },
      parent?.contract.id,
    );
    if (parent === undefined) return;
    frame.mergeInto(parent);
    parent.node.children.push(frame.node);
    parent.contract.live?.resetMarks();
  }

  /**
   * The frame failed after spending `spent` (inclusive, up to the failure): its subtree is
   * reverted and pruned. The journal keeps what the subtree wrote, as it was at the failure,
   * before the revert puts the pages back.
   */
  fail(frame: Frame, spent: bigint, error?: ErrorData): void {
    this.popExpect(frame);
    this.tracer?.frameFailed?.(frame, spent);
    const recorder = this.recorder;
    const reverted = recorder?.writesToRevert(frame.undo);
    frame.revert(
      this.events,
      recorder === undefined ? undefined : (c, page) => recorder.beforeWrite(c, page),
    );
    const parent = this.frames[this.frames.length - 1];
    recorder?.boundary(
      {
        kind: 'exit',
        depth: this.frames.length,
        contract: frame.contract.id,
        fn: frame.fn,
        gas: spent,
        error,
        ...(reverted === undefined || reverted.length === 0 ? {} : { reverted }),
      },
      parent?.contract.id,
    );
    parent?.contract.live?.resetMarks();
  }

  /**
   * Fail `frame` and every frame above it still on the stack (after an exception); returns the
   * gas `frame` spent up to the failure (undefined when it is not on the stack). The innermost
   * frame spent `limit − remaining` (its whole limit when out of gas: remaining is 0), or nothing
   * when it failed before it was given its gas (`started` false). Each frame below it spent what
   * it had spent when it made the call, plus what the callee spent: the gas that really ran,
   * which for an error crossing frames (an interrupt) is the only figure there is.
   */
  unwind(frame: Frame, error?: ErrorData, started = true): bigint | undefined {
    const index = this.frames.indexOf(frame);
    if (index < 0) return undefined;
    let callee: bigint | undefined;
    while (this.frames.length > index) {
      const top = this.top;
      let spent: bigint;
      if (callee === undefined) spent = started ? top.limit - this.remaining(top) : 0n;
      else spent = top.limit - (top.remainingAtCall ?? top.limit) + callee;
      this.fail(top, spent, error);
      callee = spent;
    }
    return callee;
  }

  private popExpect(frame: Frame): void {
    if (this.frames.pop() !== frame) throw new Error('frame stack out of order');
  }

  /** Drop the call's instances; give back memory grown by reverted frames. */
  finish(): void {
    for (const contract of this.participants) {
      contract.live = undefined;
      contract.shrinkToLength();
    }
    this.participants.clear();
  }
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

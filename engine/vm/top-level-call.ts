/**
 * One top-level call of a session (spec §3.4): push the root frame, write the argument, run,
 * and either apply every frame's writes (success: the pages become dirty in the session) or
 * revert them all. Instances live only for the call; `finish` drops them.
 */
import { PiecrustError, toErrorData } from '../core/errors';
import type { JournalRecorder } from '../journal/recorder';
import { CallContext, UncontainedError, type CallLimits } from './call-context';
import { classifyFailure } from './call-errors';
import { withFailedCallGas } from './failed-call-gas';
import { ARGBUF_LEN } from './host-abi';
import type { LoadedContract } from './loaded-contract';
import type { CallTracer } from './call-tracer';
import type { CallReceipt, CallTreeNode, Event } from './types';

const U64_MAX = (1n << 64n) - 1n;

export function checkGas(gasLimit: bigint): void {
  if (typeof gasLimit !== 'bigint' || gasLimit < 0n || gasLimit > U64_MAX) {
    throw new PiecrustError('InvalidInput', `gas limit must be a u64, got ${String(gasLimit)}`, {
      gasLimit: String(gasLimit),
    });
  }
}

/** Fill in exclusive `spent` values: inclusive minus the children's inclusive (spec §1.6). */
function makeExclusive(node: CallTreeNode): void {
  let children = 0n;
  for (const child of node.children) {
    children += child.spent;
    makeExclusive(child);
  }
  node.spent -= children;
}

/** What a top-level call needs from its session. */
export interface CallSite {
  readonly events: Event[];
  readonly recorder: JournalRecorder | undefined;
  /** What observes calls now (gascheck/), if anything. */
  tracer(): CallTracer | undefined;
  /** What may stop a call before its gas does: a time limit, an interrupt flag. */
  limits(): CallLimits;
  /** The call in progress, for the host functions (set for the duration of the call). */
  setActiveCall(ctx: CallContext | undefined): void;
  /** A successful call changed the session's state. */
  changed(): void;
}

export function runTopLevelCall(
  site: CallSite,
  contract: LoadedContract,
  fn: string,
  arg: Uint8Array,
  gasLimit: bigint,
): CallReceipt {
  if (!contract.module.functions.has(fn)) {
    throw new PiecrustError(
      'RuntimeError',
      `RuntimeError: contract ${contract.id} does not export \`${fn}\``,
      {
        contract: contract.id,
        function: fn,
        exports: [...contract.module.functions].join(', '),
      },
    );
  }
  const { events, recorder } = site;
  const tracer = site.tracer();
  const ctx = new CallContext(events, recorder, tracer, site.limits());
  site.setActiveCall(ctx);
  // A deploy records its own journal entry around `init`.
  const recording = recorder !== undefined && !recorder.recording;
  if (recording) recorder.begin('call', contract.id, fn, arg, gasLimit);
  tracer?.begin({
    kind: fn === 'init' ? 'deploy' : 'call',
    contract: contract.id,
    fn,
    arg,
    gasLimit,
  });
  let frame;
  let started = false;
  try {
    frame = ctx.push(contract, fn, gasLimit, events.length, arg);
    ctx.hostWrite(contract, contract.module.argBuffer, arg);
    ctx.setRemaining(frame, gasLimit);
    started = true;
    const retLen = ctx.invoke(frame, arg.length);
    if (retLen < 0 || retLen > ARGBUF_LEN) {
      throw new PiecrustError(
        'RuntimeError',
        `RuntimeError: returned length ${retLen} is outside 0..=${ARGBUF_LEN}`,
        { retLen },
      );
    }
    const data = contract.read(contract.module.argBuffer, retLen);
    const gasSpent = gasLimit - ctx.remaining(frame);
    ctx.succeed(frame, gasSpent, data);
    frame.commitTo((touched, page) => touched.markWritten(page));
    makeExclusive(frame.node);
    site.changed();
    if (recording) recorder.end({ gasSpent, result: data });
    tracer?.end({ gasSpent });
    return { data, gasLimit, gasSpent, events: events.splice(0), callTree: frame.node };
  } catch (e) {
    const error =
      frame === undefined
        ? e
        : classifyFailure(e, ctx.frames.includes(frame) ? ctx.remaining(frame) : 1n);
    const original = error instanceof UncontainedError ? error.original : error;
    // What the call spent up to its failure (nothing when it failed before its frame ran).
    const gasSpent =
      (frame === undefined ? undefined : ctx.unwind(frame, toErrorData(original), started)) ?? 0n;
    const thrown = withFailedCallGas(original, gasLimit, gasSpent);
    if (recording) recorder.end({ error: thrown, gasSpent });
    tracer?.end({ error: thrown, gasSpent });
    throw thrown;
  } finally {
    ctx.finish();
    site.setActiveCall(undefined);
  }
}

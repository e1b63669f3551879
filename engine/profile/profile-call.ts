/**
 * Profile one call on a session: the call runs as it would (same result, gas, events and state:
 * the profiling modules meter alike), with the profiler as the session's tracer for its duration.
 */
import type { ContractId } from '../core/ids';
import { outcomeOf, type CallOutcome } from '../vm/call-outcome';
import type { Session } from '../vm/session';
import type { CallReceipt } from '../vm/types';
import { Profiler, type ProfileNaming } from './profiler';
import type { CallProfile } from './profile-tree';

export interface ProfiledCall {
  /** The call's receipt; undefined when it failed (`error`, thrown as `callRaw` throws it). */
  receipt?: CallReceipt;
  error?: unknown;
  profile: CallProfile;
}

export function profileCall(
  session: Session,
  contract: ContractId,
  fn: string,
  arg: Uint8Array,
  gasLimit: bigint,
  naming: ProfileNaming = {},
): ProfiledCall {
  const profiler = new Profiler(naming);
  // The tracer in place (gascheck's recorder) sits out the profiled call.
  const previous = session.setTracer(profiler);
  let receipt: CallReceipt | undefined;
  let error: unknown;
  let failed = false;
  try {
    receipt = session.callRaw(contract, fn, arg, gasLimit);
  } catch (e) {
    failed = true;
    error = e;
  } finally {
    session.setTracer(previous);
  }
  const profile = profiler.profile({ contract, fn, gasLimit });
  return failed ? { error, profile } : { receipt, profile };
}

/** A call's outcome (what `SessionOperations.call` answers) with its gas profile. */
export type ProfiledCallOutcome = CallOutcome & { profile: CallProfile };

/** The `profileCall` session operation: `profileCall` as an outcome that crosses threads. */
export function profiledCallOutcome(
  session: Session,
  contract: ContractId,
  fn: string,
  arg: Uint8Array,
  gasLimit: bigint,
): ProfiledCallOutcome {
  let profile: CallProfile | undefined;
  const outcome = outcomeOf(session, () => {
    const profiled = profileCall(session, contract, fn, arg, gasLimit);
    profile = profiled.profile;
    if (profiled.receipt === undefined) throw profiled.error;
    return profiled.receipt;
  });
  // The call ran (profileCall throws nothing, the profile is always there) unless the session
  // refused it first (closed, bad gas): then the profile of a call that never began.
  return { ...outcome, profile: profile ?? new Profiler().profile({ contract, fn, gasLimit }) };
}

/**
 * What a session ran, kept by the service so that a session whose thread must be terminated (a
 * call stuck in a host function) can be re-created: the same deploys and calls, replayed in a
 * new session on the same base, with the same meta and gas table, give the same state and
 * journal (the VM is deterministic). The log is kept here, not read from the journal, because a
 * stuck worker answers nothing; and it keeps the requests (bytecode, argument, gas limit), which
 * the journal does not all hold.
 */
import { PiecrustError } from '../core/errors';
import type { ContractId } from '../core/ids';
import type { DeployOptions } from '../vm/types';
import { overriding } from './overriding';
import type { AsyncSession } from '../vm/async-session';

export type ReplayStep = (
  | { kind: 'deploy'; bytecode: Uint8Array; options: DeployOptions; gasLimit: bigint }
  | { kind: 'call'; contract: ContractId; fn: string; arg: Uint8Array; gasLimit: bigint }
) & {
  /** The error code the request ended with, if it failed. */
  error?: string;
};

/** Calls that ended this way are not replayed: they would run away again, or never ran. */
const NOT_REPLAYED = new Set(['Interrupted', 'SessionClosed']);

export class ReplayLog {
  private readonly steps: ReplayStep[] = [];

  /** `handle`, recording every deploy and call in this log once it has ended. */
  recording(handle: AsyncSession): AsyncSession {
    const note = async <O extends { error?: { code: string } }>(
      step: ReplayStep,
      run: Promise<O>,
    ): Promise<O> => {
      try {
        const outcome = await run;
        this.steps.push(
          outcome.error === undefined ? step : { ...step, error: outcome.error.code },
        );
        return outcome;
      } catch (e) {
        this.steps.push({ ...step, error: (e as { code?: string }).code ?? 'Error' });
        throw e;
      }
    };
    return overriding(handle, {
      deploy: (bytecode, options, gasLimit) =>
        note(
          { kind: 'deploy', bytecode, options, gasLimit },
          handle.deploy(bytecode, options, gasLimit),
        ),
      call: (contract, fn, arg, gasLimit) =>
        note(
          { kind: 'call', contract, fn, arg, gasLimit },
          handle.call(contract, fn, arg, gasLimit),
        ),
      // A profiled call changes the state as the call does: it is replayed as a plain one.
      profileCall: (contract, fn, arg, gasLimit) =>
        note(
          { kind: 'call', contract, fn, arg, gasLimit },
          handle.profileCall(contract, fn, arg, gasLimit),
        ),
    });
  }

  /** The steps a re-created session runs again, in order. */
  replayable(): readonly ReplayStep[] {
    return this.steps.filter((s) => s.error === undefined || !NOT_REPLAYED.has(s.error));
  }

  /**
   * Recorded calls that are not replayed (interrupted ones: they are in the journal, reverted,
   * and would only run away again).
   */
  get skipped(): number {
    return this.steps.filter((s) => s.error === 'Interrupted').length;
  }
}

/**
 * Run `steps` in `session`, one after another. A request that failed before fails again the same
 * way (the VM is deterministic) and is part of the replay; only the session ending stops it.
 */
export async function replay(session: AsyncSession, steps: readonly ReplayStep[]): Promise<void> {
  for (const step of steps) {
    const outcome =
      step.kind === 'deploy'
        ? await session.deploy(step.bytecode, step.options, step.gasLimit)
        : await session.call(step.contract, step.fn, step.arg, step.gasLimit);
    if (outcome.error?.code === 'SessionClosed') throw PiecrustError.fromData(outcome.error);
  }
}

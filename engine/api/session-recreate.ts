/**
 * Re-creating a session whose thread must be terminated (its call would not stop): a new thread
 * opens the session as it was opened (base, meta, gas table) and runs its recorded deploys and
 * calls again (session-replay.ts); the session keeps its id and name, so the user's tab, history
 * and views go on, and only the call that would not stop is missing.
 */
import { PiecrustError } from '../core/errors';
import type { GasTableName } from '../core/gas-tables';
import type { InterruptOutcome } from '../threads/worker-session';
import type { SessionOptions } from '../vm/types';
import type { AsyncSession } from '../vm/async-session';
import { replay, type ReplayLog } from './session-replay';
import type { SessionInfo, TerminateResult } from './types';
import type { SessionEntry } from './workspace-state';

/** A session the service has opened and not listed yet. */
export interface StartedSession {
  /** The session, recording its deploys and calls in `log`. */
  handle: AsyncSession;
  interrupt?: (graceMs?: number) => Promise<InterruptOutcome>;
  gasTable: GasTableName;
  /** What it was opened with, the gas table resolved. */
  options: SessionOptions;
  log: ReplayLog;
}

export interface RecreateHost {
  /** Open a session (a new thread) with these options. */
  start(options: SessionOptions): Promise<StartedSession>;
  /** Unlist the session, telling clients why. */
  forget(reason: string): void;
  /** The session's info, read afresh. */
  info(): Promise<SessionInfo>;
  /** Tell clients the session changed. */
  changed(info: SessionInfo): void;
}

/** End `entry`'s thread (a running call with it) and re-create the session on a new one. */
export async function recreateSession(
  entry: SessionEntry,
  host: RecreateHost,
): Promise<TerminateResult> {
  if (entry.replacing)
    throw new PiecrustError('SessionError', `session “${entry.name}” is already being re-created`, {
      session: entry.id,
    });
  entry.replacing = true;
  try {
    // The new thread holds the base before the old one lets go of it: a delete waiting for the
    // base cannot slip in between.
    const started = await host.start(entry.options);
    const before = entry.info;
    const steps = entry.log.replayable();
    const skipped = entry.log.skipped;
    const old = { handle: entry.handle, running: entry.running };
    // The entry takes the new thread first: it is never seen closed, so never forgotten.
    Object.assign(entry, {
      handle: started.handle,
      interrupt: started.interrupt,
      log: started.log,
      recreations: (entry.recreations ?? 0) + 1,
    });
    await old.handle.close();
    // The cut-short call settles (its `tracked` lets go of the session), then the replay takes it.
    await old.running?.catch(() => undefined);
    entry.busy = true;
    try {
      await replay(started.handle, steps);
    } catch (e) {
      await started.handle.close().catch(() => undefined);
      host.forget('terminated: re-creating it failed');
      throw new PiecrustError(
        'SessionError',
        `re-creating session “${entry.name}” failed: ${(e as Error).message}`,
        { session: entry.id },
      );
    } finally {
      entry.busy = false;
    }
    const info = await host.info();
    host.changed(info);
    return {
      outcome: 'recreated',
      session: info,
      skipped,
      sameState: before === undefined || before.root === info.root,
    };
  } finally {
    entry.replacing = false;
  }
}

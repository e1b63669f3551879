/**
 * What a deploy or call hands back across the session boundary, in one answer: its result or
 * its error, and everything the service reports with it (the state root after it, the debug
 * output it printed, where the journal recorded it, the session's summary). Before, the service
 * asked for each afterwards, and read the whole journal twice to learn its length and last
 * entry: a call cost a round trip per question and grew with the session's history.
 */
import { toErrorData, type ErrorData } from '../core/errors';
import type { ContractId, Root } from '../core/ids';
import { isInlineDelta, type JournalCall } from '../journal/types';
import type { Session } from './session';
import type { CallReceipt, DeployResult } from './types';

/** What a session's listing shows, read from the session (no journal crosses for it). */
export interface SessionSummary {
  root: Root;
  contracts: ContractId[];
  /** Calls recorded in its journal, deploys included. */
  calls: number;
  /** How many of `calls` are deploys. */
  deploys: number;
}

export interface Outcome<R> {
  /** The result; undefined when the deploy or call failed (`error`). */
  result?: R;
  error?: ErrorData;
  /** The `hdebug` messages it printed. */
  debug: string[];
  /** Its index in the journal; -1 when it failed before it ran (nothing recorded). */
  journalIndex: number;
  /**
   * A recorded failure: its journal entry and the page versions its last step's reverted
   * changes refer to, which is what showing the failure needs (api/call-results.ts).
   */
  failure?: { call: JournalCall; pages: Array<[hash: string, bytes: Uint8Array]> };
  /** The session after it. */
  session: SessionSummary;
}

export type CallOutcome = Outcome<CallReceipt>;
export type DeployOutcome = Outcome<DeployResult>;

export function summaryOf(session: Session): SessionSummary {
  return {
    root: session.root(),
    contracts: session.contractIds(),
    calls: session.recordedCalls,
    deploys: session.recordedDeploys,
  };
}

/** Run a deploy or call on `session` and gather its outcome. */
export function outcomeOf<R>(session: Session, run: () => R): Outcome<R> {
  const debugBefore = session.debugLog().length;
  const callsBefore = session.recordedCalls;
  let result: R | undefined;
  let error: ErrorData | undefined;
  try {
    result = run();
  } catch (e) {
    error = toErrorData(e);
  }
  const recorded = session.recordedCalls > callsBefore ? session.lastRecordedCall() : undefined;
  return {
    ...(error === undefined ? { result } : { error }),
    debug: session.debugLog().slice(debugBefore),
    journalIndex: recorded?.index ?? -1,
    ...(error !== undefined && recorded !== undefined
      ? { failure: { call: recorded, pages: revertedPages(session, recorded) } }
      : {}),
    session: summaryOf(session),
  };
}

function revertedPages(session: Session, call: JournalCall): Array<[string, Uint8Array]> {
  const hashes = (call.steps.at(-1)?.reverted ?? []).flatMap((d) =>
    isInlineDelta(d) ? [] : [d.before, d.after],
  );
  const unique = [...new Set(hashes)];
  return session
    .journalPages(unique)
    .flatMap((bytes, i) =>
      bytes === undefined ? [] : [[unique[i], bytes] as [string, Uint8Array]],
    );
}

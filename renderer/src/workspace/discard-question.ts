/**
 * What a tab's inline "Discard?" asks: what discarding the session loses, in the words the
 * sidebar counts it with, and the call it stops when one is running (work in progress is lost
 * too). Null when discarding loses nothing: no recorded call and nothing running.
 */
import { recordedCounts, type Recorded } from '../common/lib/session-counts';

export interface RunningWork {
  /** The running call's function; '' while a deploy runs; absent when not known here. */
  fn?: string;
}

export function discardQuestion(recorded: Recorded, running?: RunningWork | null): string | null {
  const lost = recorded.calls > 0 ? recordedCounts(recorded) : undefined;
  if (running === undefined || running === null)
    return lost === undefined ? null : `Discard ${lost}?`;
  const call =
    running.fn === undefined
      ? 'the running call'
      : running.fn === ''
        ? 'the running deploy'
        : `the running call ${running.fn}`;
  return lost === undefined ? `Stop ${call} and discard?` : `Stop ${call} and discard ${lost}?`;
}

/**
 * What a session has recorded, said the same way wherever it is counted (the sidebar, the Steps
 * picker, History): its journal holds deploys and calls, and History lists calls only, so a
 * count never lumps the deploys in with the calls.
 */
import { plural } from './format';

export interface Recorded {
  /** Journal entries, deploys included (SessionInfo.calls). */
  calls: number;
  deploys: number;
}

/** "3 calls", or "1 deploy · 3 calls" once something was deployed. */
export function recordedCounts(r: Recorded): string {
  const calls = plural(r.calls - r.deploys, 'call');
  return r.deploys === 0 ? calls : `${plural(r.deploys, 'deploy')} · ${calls}`;
}

/** The same, in a sentence for a tooltip. */
export function recordedTitle(r: Recorded): string {
  return `Recorded in this session's journal: ${plural(r.deploys, 'deploy')} and ${plural(r.calls - r.deploys, 'call')}`;
}

/**
 * Journal entries of either kind, when only their number is known (what a re-created session
 * replays): "1 deploy or call", "3 deploys and calls", never "3 calls" for deploys too.
 */
export function entriesCount(n: number): string {
  return `${n} ${n === 1 ? 'deploy or call' : 'deploys and calls'}`;
}

/**
 * A long journal in pieces. The Steps view fetches a journal's call list without steps (each call
 * says how many it has) and the steps of the calls it shows in pieces of PIECE_CALLS consecutive
 * calls: a session of 10,000 calls costs its list and the pieces looked at, not every step.
 * Pure: which pieces rows need, and merging a fetched piece into the list.
 */
import type { JournalCallView } from '../../../engine/api/types';

/** Calls per piece: a screenful of the timeline and then some, a few tens of KB of JSON. */
export const PIECE_CALLS = 32;

/** Whether a call's steps are at hand (a call fetched with its steps has no stepCount). */
export function hasSteps(call: JournalCallView): boolean {
  return call.stepCount === undefined || call.steps.length === call.stepCount;
}

/** A piece's call range: `from` up to `to` (exclusive), within a journal of `calls` calls. */
export function pieceRange(piece: number, calls: number): { from: number; to: number } {
  const from = piece * PIECE_CALLS;
  return { from, to: Math.min(calls, from + PIECE_CALLS) };
}

/**
 * The pieces holding calls `first`..`last` (inclusive) that have a call without its steps, in
 * order. Calls are at their index in `journal` (a list fetched from call 0).
 */
export function piecesMissing(
  journal: readonly JournalCallView[],
  first: number,
  last: number,
): number[] {
  const lo = Math.max(0, first);
  const hi = Math.min(journal.length - 1, last);
  const out: number[] = [];
  for (let piece = Math.floor(lo / PIECE_CALLS); piece * PIECE_CALLS <= hi; piece++) {
    const { from, to } = pieceRange(piece, journal.length);
    for (let c = Math.max(from, lo); c < to && c <= hi; c++) {
      if (!hasSteps(journal[c])) {
        out.push(piece);
        break;
      }
    }
  }
  return out;
}

/**
 * The journal with these calls (fetched with their steps) in place of the ones at their index;
 * calls past its end are left out (the list is the journal's extent).
 */
export function mergePiece(
  journal: readonly JournalCallView[],
  calls: readonly JournalCallView[],
): JournalCallView[] {
  const out = journal.slice();
  for (const call of calls) if (call.index < out.length) out[call.index] = call;
  return out;
}

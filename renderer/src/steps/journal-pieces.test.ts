import { describe, expect, test } from 'vitest';
import type { JournalCallView, StepView } from '../../../engine/api/types';
import { hasSteps, mergePiece, PIECE_CALLS, pieceRange, piecesMissing } from './journal-pieces';

const step = (index: number): StepView => ({
  index,
  kind: index === 0 ? 'enter' : 'exit',
  depth: 0,
  contract: 'c',
  fn: 'f',
  pagesChanged: 0,
  events: [],
  debug: [],
});
const call = (index: number, loaded: boolean): JournalCallView => ({
  index,
  kind: 'call',
  contract: 'c',
  fn: 'f',
  arg: '0x',
  gasLimit: '1',
  steps: loaded ? [step(0), step(1)] : [],
  ...(loaded ? {} : { stepCount: 2 }),
});
const list = (n: number): JournalCallView[] => Array.from({ length: n }, (_, i) => call(i, false));

describe('journal pieces', () => {
  test('a call has its steps when fetched with them, or when it has none', () => {
    expect(hasSteps(call(0, true))).toBe(true);
    expect(hasSteps(call(0, false))).toBe(false);
    expect(hasSteps({ ...call(0, false), stepCount: 0 })).toBe(true);
  });

  test('a piece is PIECE_CALLS consecutive calls, the last one cut at the journal end', () => {
    expect(pieceRange(0, 1000)).toEqual({ from: 0, to: PIECE_CALLS });
    expect(pieceRange(2, 1000)).toEqual({ from: 2 * PIECE_CALLS, to: 3 * PIECE_CALLS });
    expect(pieceRange(1, PIECE_CALLS + 5)).toEqual({ from: PIECE_CALLS, to: PIECE_CALLS + 5 });
  });

  test('the pieces a range of calls needs: those with a call still without steps', () => {
    const journal = list(10 * PIECE_CALLS);
    // One call: its piece.
    expect(piecesMissing(journal, 5 * PIECE_CALLS + 3, 5 * PIECE_CALLS + 3)).toEqual([5]);
    // A range across a boundary: both pieces.
    expect(piecesMissing(journal, 2 * PIECE_CALLS - 1, 2 * PIECE_CALLS)).toEqual([1, 2]);
    // Clamped to the journal.
    expect(piecesMissing(journal, -4, 1)).toEqual([0]);
    expect(piecesMissing(journal, 10 * PIECE_CALLS - 1, 99 * PIECE_CALLS)).toEqual([9]);
    expect(piecesMissing([], 0, 3)).toEqual([]);
    // A loaded piece is not asked for again; a piece with one call left is.
    const { from, to } = pieceRange(1, journal.length);
    const loaded = mergePiece(
      journal,
      Array.from({ length: to - from }, (_, i) => call(from + i, true)),
    );
    expect(piecesMissing(loaded, 0, 3 * PIECE_CALLS - 1)).toEqual([0, 2]);
    const allButOne = mergePiece(
      loaded,
      Array.from({ length: PIECE_CALLS - 1 }, (_, i) => call(i, true)),
    );
    expect(piecesMissing(allButOne, 0, PIECE_CALLS * 2 - 1)).toEqual([0]);
  });

  test('merging a piece replaces its calls in place, leaves the rest and the original alone', () => {
    const journal = list(5);
    const merged = mergePiece(journal, [call(1, true), call(2, true), call(9, true)]);
    expect(merged.map(hasSteps)).toEqual([false, true, true, false, false]);
    expect(merged).toHaveLength(5);
    expect(journal.map(hasSteps)).toEqual([false, false, false, false, false]);
  });
});

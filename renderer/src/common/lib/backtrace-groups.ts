/**
 * A trap's backtrace as the error shows it: innermost frame first, runs of frames in the same
 * contract grouped under that contract, and a long stack (a deep recursion) folded after the
 * first frames so the error stays readable. Pure: ErrorBacktrace.vue draws what this returns.
 */
import type { BacktraceFrame } from '../../../../engine/api/types';

/** Frames shown before the rest folds into "N more". */
export const BACKTRACE_FOLD_AFTER = 12;

export interface BacktraceGroup {
  contract: string;
  /** Index of the group's first frame in the whole backtrace: a stable key. */
  start: number;
  frames: BacktraceFrame[];
}

export interface BacktraceView {
  groups: BacktraceGroup[];
  /** Frames folded away (0 when all are shown). */
  hidden: number;
}

export function backtraceView(
  frames: readonly BacktraceFrame[],
  expanded: boolean,
  foldAfter = BACKTRACE_FOLD_AFTER,
): BacktraceView {
  // Folding only what hides at least two frames: "1 more" would take the line it saves.
  const fold = !expanded && frames.length > foldAfter + 1;
  const shown = fold ? frames.slice(0, foldAfter) : frames;
  const groups: BacktraceGroup[] = [];
  shown.forEach((frame, i) => {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.contract === frame.contract) last.frames.push(frame);
    else groups.push({ contract: frame.contract, start: i, frames: [frame] });
  });
  return { groups, hidden: frames.length - shown.length };
}

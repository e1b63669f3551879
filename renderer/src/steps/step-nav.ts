/**
 * Stepping through a journal as a debugger does. A journal is a list of calls; each call is a
 * list of steps, the boundaries where a frame was entered or exited, with the frame's depth. The
 * timeline flattens that into points: "before call c" (step -1, the state the call started
 * from), then each step. Moving forward/back walks points one by one (and so into every nested
 * call); over, into and out move by frames. A call whose steps are not fetched yet (a long
 * journal comes in pieces: journal-pieces.ts) holds its place with `pending` points, one per step,
 * so indexes stay put when its steps arrive.
 */
import type { JournalCallView, StepPoint, StepView } from '../../../engine/api/types';
import { hasSteps } from './journal-pieces';

export interface TimelineEntry {
  call: number;
  /** -1 for the point before the call. */
  step: number;
  /** `pending`: a step whose call's steps are still being fetched (depth 0, fn the call's). */
  kind: 'before' | 'enter' | 'exit' | 'pending';
  depth: number;
  fn: string;
  contract: string;
  /** The call's kind, so a deploy reads as one. */
  callKind: 'deploy' | 'call';
  failed: boolean;
}

/** A call's points: before it, then each step (pending ones while its steps are not fetched). */
function callEntries(call: JournalCallView): TimelineEntry[] {
  const out: TimelineEntry[] = [
    {
      call: call.index,
      step: -1,
      kind: 'before',
      depth: 0,
      fn: call.fn,
      contract: call.contract,
      callKind: call.kind,
      failed: call.error !== undefined,
    },
  ];
  if (!hasSteps(call)) {
    for (let step = 0; step < call.stepCount!; step++) {
      out.push({
        call: call.index,
        step,
        kind: 'pending',
        depth: 0,
        fn: call.fn,
        contract: call.contract,
        callKind: call.kind,
        failed: false,
      });
    }
    return out;
  }
  for (const step of call.steps) {
    out.push({
      call: call.index,
      step: step.index,
      kind: step.kind,
      depth: step.depth,
      fn: step.fn,
      contract: step.contract,
      callKind: call.kind,
      failed: step.error !== undefined,
    });
  }
  return out;
}

/** A journal's timeline with where each call's points start in it (timelineOf's memory). */
export interface BuiltTimeline {
  journal: readonly JournalCallView[];
  entries: TimelineEntry[];
  /** `starts[c]`: the index of call c's "before" point. */
  starts: number[];
}

/**
 * The timeline of a journal. Given the previous one, a journal of as many calls where only some
 * calls were replaced (a piece of steps merged in: the same number of points, pending ones made
 * real) costs those calls' points, not the 30,000 points of a 10,000-call session again; a
 * journal with no call replaced gives the previous entries themselves (nothing to re-render).
 */
export function timelineOf(
  journal: readonly JournalCallView[],
  previous?: BuiltTimeline,
): BuiltTimeline {
  if (previous !== undefined && previous.journal.length === journal.length) {
    let entries: TimelineEntry[] | undefined;
    for (let c = 0; c < journal.length; c++) {
      if (journal[c] === previous.journal[c]) continue;
      const fresh = callEntries(journal[c]);
      const start = previous.starts[c];
      const end = c + 1 < journal.length ? previous.starts[c + 1] : previous.entries.length;
      // A call with another number of points moves every later one: build it all.
      if (fresh.length !== end - start) return timelineOf(journal);
      entries ??= previous.entries.slice();
      for (let i = 0; i < fresh.length; i++) entries[start + i] = fresh[i];
    }
    return { journal, entries: entries ?? previous.entries, starts: previous.starts };
  }
  const entries: TimelineEntry[] = [];
  const starts: number[] = [];
  for (const call of journal) {
    starts.push(entries.length);
    for (const e of callEntries(call)) entries.push(e);
  }
  return { journal, entries, starts };
}

export function buildTimeline(journal: readonly JournalCallView[]): TimelineEntry[] {
  return timelineOf(journal).entries;
}

/**
 * The frame depth the program is in right after this point (-1: outside any call; a pending step
 * counts as inside its call).
 */
export function levelAfter(entry: TimelineEntry): number {
  if (entry.kind === 'before') return -1;
  if (entry.kind === 'pending') return 0;
  return entry.kind === 'enter' ? entry.depth : entry.depth - 1;
}

const clampIndex = (i: number, length: number): number => Math.max(0, Math.min(length - 1, i));

export type Move =
  'next' | 'prev' | 'over' | 'into' | 'out' | 'first' | 'last' | 'nextCall' | 'prevCall';

export function move(timeline: readonly TimelineEntry[], index: number, how: Move): number {
  const n = timeline.length;
  if (n === 0) return 0;
  const i = clampIndex(index, n);
  const here = timeline[i];
  const find = (
    from: number,
    test: (e: TimelineEntry) => boolean,
    step = 1,
  ): number | undefined => {
    for (let j = from; j >= 0 && j < n; j += step) if (test(timeline[j])) return j;
    return undefined;
  };
  switch (how) {
    case 'next':
      return clampIndex(i + 1, n);
    case 'prev':
      return clampIndex(i - 1, n);
    case 'first':
      return 0;
    case 'last':
      return n - 1;
    case 'over': {
      // Skip nested frames: stop at the next point that is not deeper than here.
      const level = levelAfter(here);
      return find(i + 1, (e) => levelAfter(e) <= level) ?? n - 1;
    }
    case 'into': {
      // The next frame entered inside this call; plain "next" when there is none.
      const j = find(i + 1, (e) => e.call !== here.call || e.kind === 'enter');
      return j !== undefined && timeline[j].call === here.call ? j : clampIndex(i + 1, n);
    }
    case 'out': {
      // The exit of the frame we are in; outside any frame, the end of this call.
      const level = levelAfter(here);
      if (level < 0) {
        const last = (find(i + 1, (e) => e.call !== here.call) ?? n) - 1;
        return last > i ? last : clampIndex(i + 1, n);
      }
      return find(i + 1, (e) => e.kind === 'exit' && e.depth === level) ?? n - 1;
    }
    case 'nextCall':
      return find(i + 1, (e) => e.kind === 'before') ?? n - 1;
    case 'prevCall': {
      const start = find(i, (e) => e.kind === 'before', -1) ?? 0;
      return start < i ? start : (find(i - 1, (e) => e.kind === 'before', -1) ?? 0);
    }
  }
}

export function pointOf(entry: TimelineEntry): StepPoint {
  return { call: entry.call, step: entry.step };
}

export function indexOfPoint(timeline: readonly TimelineEntry[], point: StepPoint): number {
  const i = timeline.findIndex((e) => e.call === point.call && e.step === point.step);
  return i >= 0
    ? i
    : Math.max(
        0,
        timeline.findIndex((e) => e.call === point.call),
      );
}

/** The point just before this one in the same call: what "before" bytes are read at. */
export function pointBefore(point: StepPoint): StepPoint {
  return { call: point.call, step: Math.max(-1, point.step - 1) };
}

/** One-line label of a timeline row: `→ increment_counter`, `← increment`, `before #2 read_value`. */
export function entryLabel(entry: TimelineEntry): string {
  const fn = entry.callKind === 'deploy' && entry.fn === '' ? 'deploy' : entry.fn || '(deploy)';
  if (entry.kind === 'before') return `#${entry.call} ${fn}`;
  if (entry.kind === 'pending') return `· ${fn} step ${entry.step}`;
  return `${entry.kind === 'enter' ? '→' : '←'} ${fn}`;
}

/**
 * The gas limit of the frame an exit step leaves: the gas of its enter (the nearest enter before
 * it at the same depth). Undefined for an exit without one (a deploy without `init`).
 */
export function limitOfExit(steps: readonly StepView[], exit: number): string | undefined {
  const depth = steps[exit]?.depth;
  for (let i = exit - 1; i >= 0; i--) {
    const s = steps[i];
    if (s.depth === depth) return s.kind === 'enter' ? s.gas : undefined;
  }
  return undefined;
}

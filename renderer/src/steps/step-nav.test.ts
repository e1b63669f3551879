import { describe, expect, test } from 'vitest';
import type { JournalCallView, StepView } from '../../../engine/api/types';
import {
  buildTimeline,
  timelineOf,
  entryLabel,
  indexOfPoint,
  levelAfter,
  limitOfExit,
  move,
  pointBefore,
  pointOf,
} from './step-nav';

const step = (index: number, kind: 'enter' | 'exit', depth: number, fn: string): StepView => ({
  index,
  kind,
  depth,
  fn,
  contract: 'c',
  gas: '1',
  pagesChanged: 0,
  events: [],
  debug: [],
});

const call = (
  index: number,
  fn: string,
  steps: StepView[],
  kind: 'deploy' | 'call' = 'call',
): JournalCallView => ({
  index,
  kind,
  contract: 'c',
  fn,
  arg: '0x',
  gasLimit: '1',
  steps,
});

// deploy; increment_counter → increment (nested); read_value
const journal = [
  call(0, '', [step(0, 'exit', 0, '')], 'deploy'),
  call(1, 'increment_counter', [
    step(0, 'enter', 0, 'increment_counter'),
    step(1, 'enter', 1, 'increment'),
    step(2, 'exit', 1, 'increment'),
    step(3, 'exit', 0, 'increment_counter'),
  ]),
  call(2, 'read_value', [step(0, 'enter', 0, 'read_value'), step(1, 'exit', 0, 'read_value')]),
];
const t = buildTimeline(journal);
// index: 0 before#0, 1 exit deploy, 2 before#1, 3 →icc, 4 →inc, 5 ←inc, 6 ←icc, 7 before#2, 8 →rv, 9 ←rv

describe('stepping through a journal', () => {
  test('the timeline has a "before" point per call, then its steps', () => {
    expect(t.map((e) => `${e.call}:${e.step}`)).toEqual([
      '0:-1',
      '0:0',
      '1:-1',
      '1:0',
      '1:1',
      '1:2',
      '1:3',
      '2:-1',
      '2:0',
      '2:1',
    ]);
    expect(t.map(levelAfter)).toEqual([-1, -1, -1, 0, 1, 0, -1, -1, 0, -1]);
    expect(entryLabel(t[1])).toBe('← deploy');
    expect(entryLabel(t[2])).toBe('#1 increment_counter');
    expect(entryLabel(t[4])).toBe('→ increment');
  });

  test('forward and back walk every point, clamped at the ends', () => {
    expect(move(t, 4, 'next')).toBe(5);
    expect(move(t, 4, 'prev')).toBe(3);
    expect(move(t, 0, 'prev')).toBe(0);
    expect(move(t, 9, 'next')).toBe(9);
    expect(move([], 3, 'next')).toBe(0);
  });

  test('over skips nested frames, into enters them, out leaves the frame', () => {
    expect(move(t, 3, 'over')).toBe(5); // from →icc over the nested call to ←inc (back in icc)
    expect(move(t, 5, 'over')).toBe(6);
    expect(move(t, 2, 'over')).toBe(6); // before the call: over the whole call
    expect(move(t, 3, 'into')).toBe(4);
    expect(move(t, 2, 'into')).toBe(3);
    expect(move(t, 5, 'into')).toBe(6); // no deeper frame left: next
    expect(move(t, 4, 'out')).toBe(5); // out of increment
    expect(move(t, 3, 'out')).toBe(6); // out of increment_counter
    expect(move(t, 5, 'out')).toBe(6);
    expect(move(t, 2, 'out')).toBe(6); // outside a frame: to the end of this call
  });

  test('call boundaries', () => {
    expect(move(t, 4, 'nextCall')).toBe(7);
    expect(move(t, 4, 'prevCall')).toBe(2);
    expect(move(t, 2, 'prevCall')).toBe(0);
    expect(move(t, 8, 'last')).toBe(9);
    expect(move(t, 8, 'first')).toBe(0);
  });

  test('points ↔ indexes', () => {
    expect(pointOf(t[5])).toEqual({ call: 1, step: 2 });
    expect(indexOfPoint(t, { call: 1, step: 2 })).toBe(5);
    expect(indexOfPoint(t, { call: 2, step: 99 })).toBe(7);
    expect(pointBefore({ call: 1, step: 0 })).toEqual({ call: 1, step: -1 });
    expect(pointBefore({ call: 1, step: -1 })).toEqual({ call: 1, step: -1 });
  });
});

describe('a journal whose steps come in pieces', () => {
  test('a call without its steps holds one pending point per step, so indexes stay put', () => {
    const listed = journal.map((c) => ({ ...c, steps: [], stepCount: c.steps.length }));
    const pending = buildTimeline(listed);
    const full = buildTimeline(journal);
    expect(pending).toHaveLength(full.length);
    expect(pending.map(pointOf)).toEqual(full.map(pointOf));
    expect(pending.filter((e) => e.kind === 'pending')).toHaveLength(7);
    expect(entryLabel(pending[4])).toBe('· increment_counter step 1');
    expect(levelAfter(pending[3])).toBe(0);
    // Once a call's piece arrives its points are the real ones, at the same indexes.
    const partly = buildTimeline([listed[0], journal[1], listed[2]]);
    expect(partly.slice(2, 7)).toEqual(full.slice(2, 7));
    expect(partly[8].kind).toBe('pending');
  });

  test("a piece merged in rebuilds only its calls' points: the others are the same objects", () => {
    const listed = journal.map((c) => ({ ...c, steps: [], stepCount: c.steps.length }));
    const before = timelineOf(listed);
    const merged = timelineOf([listed[0], journal[1], listed[2]], before);
    // As built from scratch…
    expect(merged.entries).toEqual(buildTimeline([listed[0], journal[1], listed[2]]));
    // …but the points of the calls not replaced are kept, not built again.
    const kept = (i: number) => merged.entries[i] === before.entries[i];
    expect(merged.entries.map((e, i) => (e.call === 1 ? 'new' : kept(i)))).toEqual(
      merged.entries.map((e) => (e.call === 1 ? 'new' : true)),
    );
    // Nothing replaced: the same entries (nothing for the view to re-render).
    expect(timelineOf(merged.journal.slice(), merged).entries).toBe(merged.entries);
    // A call whose number of points changed (a live call re-recorded) builds it all again.
    const shorter = [listed[0], { ...journal[1], steps: journal[1].steps.slice(0, 2) }, listed[2]];
    expect(timelineOf(shorter, before).entries).toEqual(buildTimeline(shorter));
  });
});

describe('the limit of the frame an exit leaves', () => {
  test('its enter at the same depth, past nested frames', () => {
    const steps = journal[1].steps.map((s, i) => ({ ...s, gas: `${(i + 1) * 100}` }));
    expect(limitOfExit(steps, 3)).toBe('100'); // ← increment_counter: its enter is step 0
    expect(limitOfExit(steps, 2)).toBe('200'); // ← increment: step 1
    expect(limitOfExit(journal[0].steps, 0)).toBeUndefined(); // a deploy's lone exit
  });
});

import { describe, expect, it } from 'vitest';
import type { BacktraceFrame } from '../../../../engine/api/types';
import { backtraceView } from './backtrace-groups';

const A = '0x' + 'aa'.repeat(32);
const B = '0x' + 'bb'.repeat(32);
const frame = (contract: string, funcIndex: number): BacktraceFrame => ({
  contract,
  funcIndex,
  name: `func[${funcIndex}]`,
});
const names = (view: ReturnType<typeof backtraceView>): string[][] =>
  view.groups.map((g) => g.frames.map((f) => f.name));

describe('backtraceView', () => {
  it('groups runs of frames in one contract, innermost first, keeping their order', () => {
    // The callee's two frames, the caller's relay and entry, then the callee again (re-entered).
    const frames = [frame(B, 4), frame(B, 3), frame(A, 3), frame(A, 1), frame(B, 2)];
    const view = backtraceView(frames, false);
    expect(view.groups.map((g) => [g.contract, g.start])).toEqual([
      [B, 0],
      [A, 2],
      [B, 4],
    ]);
    expect(names(view)).toEqual([['func[4]', 'func[3]'], ['func[3]', 'func[1]'], ['func[2]']]);
    expect(view.hidden).toBe(0);
  });

  it('folds a long stack after the first frames and unfolds it when expanded', () => {
    const frames = Array.from({ length: 30 }, (_, i) => frame(i < 20 ? A : B, i));
    const folded = backtraceView(frames, false, 12);
    expect(folded.groups.flatMap((g) => g.frames)).toEqual(frames.slice(0, 12));
    expect(folded.hidden).toBe(18);
    const all = backtraceView(frames, true, 12);
    expect(all.groups.flatMap((g) => g.frames)).toEqual(frames);
    expect(all.groups.map((g) => g.frames.length)).toEqual([20, 10]);
    expect(all.hidden).toBe(0);
  });

  it('does not fold away a single frame: "1 more" would take the line it saves', () => {
    const frames = Array.from({ length: 13 }, (_, i) => frame(A, i));
    expect(backtraceView(frames, false, 12).hidden).toBe(0);
    expect(backtraceView([...frames, frame(A, 13)], false, 12).hidden).toBe(2);
  });

  it('shows nothing for no frames', () => {
    expect(backtraceView([], false)).toEqual({ groups: [], hidden: 0 });
  });
});

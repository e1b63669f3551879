import { describe, expect, test } from 'vitest';
import type { ScriptStepResult } from '../../../engine/api/types';
import { appendResult, followable } from './script-links';

const call = (index: number, session: string, at: number): ScriptStepResult => ({
  index,
  op: 'call',
  title: `call ${index}`,
  passed: true,
  session,
  journal: { source: { session }, call: at },
});

describe('script step links', () => {
  test('a commit moves its session’s links to the commit; other sessions keep theirs', () => {
    let results = [call(0, 's1', 0), call(1, 's2', 0), call(2, 's1', 1)];
    results = appendResult(results, {
      index: 3,
      op: 'commit',
      title: 'commit',
      passed: true,
      session: 's1',
      root: 'ab',
    });
    expect(results.map((r) => r.journal)).toEqual([
      { source: { commit: 'ab' }, call: 0 },
      { source: { session: 's2' }, call: 0 },
      { source: { commit: 'ab' }, call: 1 },
      undefined,
    ]);
  });

  test('a drop removes its session’s links; a failed drop or commit changes nothing', () => {
    const before = [call(0, 's1', 0)];
    const failed = appendResult(before, {
      index: 1,
      op: 'commit',
      title: 'commit',
      passed: false,
      session: 's1',
    });
    expect(failed[0].journal).toEqual({ source: { session: 's1' }, call: 0 });
    const dropped = appendResult(before, {
      index: 1,
      op: 'drop',
      title: 'drop',
      passed: true,
      session: 's1',
    });
    expect(dropped[0].journal).toBeUndefined();
    expect(dropped[0].title).toBe('call 0');
  });

  test('a session link is followable only while the session is open', () => {
    const r = call(0, 's1', 4);
    expect(followable(r, new Set(['s1']))).toEqual({ source: { session: 's1' }, call: 4 });
    expect(followable(r, new Set())).toBeUndefined();
    const committed = { ...r, journal: { source: { commit: 'ab' }, call: 4 } };
    expect(followable(committed, new Set())).toEqual(committed.journal);
  });
});

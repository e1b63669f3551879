import { describe, expect, test } from 'vitest';
import { pickedRoot, pickerCommits } from './commit-picker';

const commits = Array.from({ length: 10 }, (_, i) => ({ root: `r${i}` }));

describe('pickerCommits', () => {
  test('the newest commits, the picked ones kept, and a count of those left out', () => {
    expect(pickerCommits(commits, [], 3)).toEqual({ shown: commits.slice(0, 3), older: 7 });
    const picked = pickerCommits(commits, ['r8', 'r1', null, 'gone'], 3);
    expect(picked.shown.map((c) => c.root)).toEqual(['r0', 'r1', 'r2', 'r8']);
    expect(picked.older).toBe(6);
    expect(pickerCommits(commits, [])).toEqual({ shown: commits, older: 0 });
  });

  test('pickedRoot reads a root behind its prefix only', () => {
    expect(pickedRoot('commit:ab', 'commit:')).toBe('ab');
    expect(pickedRoot('session:s1', 'commit:')).toBeUndefined();
    expect(pickedRoot(null, 'c:')).toBeUndefined();
  });
});

// checkProfile: the sums a profile must satisfy, and what it says when they do not.
import { expect, test } from 'vitest';
import { checkProfile, type ProfileNode } from './profile-tree';

const node = (name: string, self: bigint, children: ProfileNode[] = []): ProfileNode => ({
  kind: 'function',
  name,
  self,
  total: self + children.reduce((n, c) => n + c.total, 0n),
  calls: 1,
  children,
});

test('a profile that adds up has no problems; each broken sum is named with its numbers', () => {
  const root = {
    ...node('counter.increment', 2n, [node('a', 5n, [node('b', 3n)])]),
    kind: 'contract' as const,
  };
  expect(checkProfile({ root, gasSpent: 10n, gasLimit: 100n })).toEqual([]);
  expect(checkProfile({ root, gasSpent: 11n, gasLimit: 100n })).toEqual([
    "root total 10 ≠ the call's gasSpent 11",
  ]);
  root.children[0].total = 9n;
  expect(checkProfile({ root, gasSpent: 10n, gasLimit: 100n })).toEqual([
    'counter.increment: total 10 ≠ self 2 + children 9',
    'counter.increment;a: total 9 ≠ self 5 + children 3',
  ]);
});

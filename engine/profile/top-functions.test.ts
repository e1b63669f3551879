// topFunctions: self gas merged across paths, recursion counted once in the total, one entry per
// function of a contract, and the order a reader expects.
import { expect, test } from 'vitest';
import { buildProfile, CALLER_ID, callerProfile, COUNTER_ID } from '../testing/sample-profiles';
import { topFunctions } from './top-functions';

test('the functions that spent the most gas themselves come first, with total and calls', () => {
  expect(topFunctions(callerProfile(), 3)).toEqual([
    // increment's total: itself, the Debug fmt, emit and its host charge, fib, drop, malloc.
    {
      name: 'counter::Counter::increment',
      kind: 'function',
      contract: COUNTER_ID,
      self: 800n,
      total: 800n + 230n + 40n + 300n + (50n + 70n) + 12n + 33n,
      calls: 1,
    },
    {
      name: 'caller::Caller::call_counter',
      kind: 'function',
      contract: CALLER_ID,
      self: 420n,
      total: callerProfile().gasSpent - 15n,
      calls: 1,
    },
    { name: '[host emit]', kind: 'host', self: 300n, total: 300n, calls: 1 },
  ]);
});

test('a recursive function: self and calls summed over its levels, its total counted once', () => {
  const fib = topFunctions(callerProfile(), 100).find((f) => f.name === 'counter::fib');
  // Levels of 50, 70 and 0 self gas, entered 1, 2 and 4 times; the outer level's total holds all.
  expect(fib).toMatchObject({ self: 120n, total: 120n, calls: 7 });
});

test('one entry per function of a contract: a name two contracts link is two entries', () => {
  const top = topFunctions(callerProfile(), 100);
  const malloc = top.filter((f) => f.name === 'dlmalloc::dlmalloc::Dlmalloc<A>::malloc');
  expect(malloc.map((f) => [f.contract, f.self])).toEqual([
    [COUNTER_ID, 33n],
    [CALLER_ID, 18n],
  ]);
  // Two functions of one contract the demangler named alike are one entry (25 + 5 gas).
  const defaults = top.filter((f) => f.name.startsWith('<counter::State'));
  expect(defaults).toMatchObject([{ self: 30n, calls: 2 }]);
  // Every node is in exactly one entry: the self gas adds up to the call's.
  expect(top.reduce((n, f) => n + f.self, 0n)).toBe(callerProfile().gasSpent);
});

test('ties on self gas go to more total gas, then to the name; n bounds the list', () => {
  const profile = buildProfile([
    'contract',
    'counter.increment',
    0n,
    1,
    [
      ['function', 'b', 5n, 1],
      ['function', 'a', 5n, 1],
      ['function', 'c', 5n, 1, [['function', 'd', 1n, 1]]],
    ],
  ]);
  expect(topFunctions(profile, 4).map((f) => f.name)).toEqual(['c', 'a', 'b', 'd']);
  expect(topFunctions(profile, 2).map((f) => f.name)).toEqual(['c', 'a']);
  expect(topFunctions(profile, 0)).toEqual([]);
});

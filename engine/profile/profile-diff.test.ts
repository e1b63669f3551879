// Profile diff: per function largest change first, and the two trees aligned by path, for
// profiles of different shapes (a function only in one of them, different roots, a folded import).
import { expect, test } from 'vitest';
import { buildProfile, callerProfile } from '../testing/sample-profiles';
import { profileFromFolded, toFolded } from './folded';
import { diffFunctions, diffTree, type DiffNode } from './profile-diff';

const before = () => callerProfile();
/** increment made cheaper: 300 less gas of its own, no Debug fmt, a checked_add instead. */
const after = () =>
  callerProfile({
    incrementSelf: 500n,
    withDebugFmt: false,
    incrementExtra: [['function', 'counter::Counter::checked_add', 45n, 1]],
  });
const change = after().gasSpent - before().gasSpent; // −300 − 230 + 45 = −485

test('per function: the largest self-gas change first, functions only in one profile included', () => {
  const rows = diffFunctions(before(), after());
  expect(change).toBe(-485n);
  expect(rows.slice(0, 3)).toEqual([
    {
      name: 'counter::Counter::increment',
      kind: 'function',
      side: 'both',
      a: { self: 800n, total: 1535n, calls: 1 },
      b: { self: 500n, total: 1535n + change, calls: 1 },
      selfDelta: -300n,
      totalDelta: change,
    },
    {
      name: '<[u8; 32] as core::fmt::Debug>::fmt',
      kind: 'function',
      side: 'a',
      a: { self: 230n, total: 230n, calls: 1 },
      b: { self: 0n, total: 0n, calls: 0 },
      selfDelta: -230n,
      totalDelta: -230n,
    },
    {
      name: 'counter::Counter::checked_add',
      kind: 'function',
      side: 'b',
      a: { self: 0n, total: 0n, calls: 0 },
      b: { self: 45n, total: 45n, calls: 1 },
      selfDelta: 45n,
      totalDelta: 45n,
    },
  ]);
  // The callers whose own gas did not change, by their total's change, then by name.
  expect(rows.slice(3, 7).map((r) => [r.name, r.selfDelta, r.totalDelta])).toEqual([
    ['caller.call_counter', 0n, change],
    ['caller::Caller::call_counter', 0n, change],
    ['counter.increment', 0n, change],
    ['dusk_core::abi::call<u64, ()>', 0n, change],
  ]);
  expect(rows.slice(7).every((r) => r.selfDelta === 0n && r.totalDelta === 0n)).toBe(true);
  // The self-gas changes account for the whole change of the call's gas.
  expect(rows.reduce((n, r) => n + r.selfDelta, 0n)).toBe(change);
});

test('sorted by total instead: ties on |total change| go to the larger self change', () => {
  const rows = diffFunctions(before(), after(), 'total');
  expect(rows.slice(0, 5).map((r) => r.name)).toEqual([
    'counter::Counter::increment',
    'caller.call_counter',
    'caller::Caller::call_counter',
    'counter.increment',
    'dusk_core::abi::call<u64, ()>',
  ]);
  expect(rows[5].name).toBe('<[u8; 32] as core::fmt::Debug>::fmt');
});

test('the tree is aligned by path: each node has both sides, and only-in-one paths are kept', () => {
  const tree = diffTree(before(), after());
  expect(tree).toMatchObject({ name: 'caller.call_counter', side: 'both', delta: change });
  const increment = at(tree, [
    'caller::Caller::call_counter',
    'dusk_core::abi::call<u64, ()>',
    'counter.increment',
    'counter::Counter::increment',
  ]);
  expect(increment).toMatchObject({ selfDelta: -300n, delta: change });
  // A's children in order, then the one only B has.
  expect(increment.children.map((c) => [c.name, c.side, c.delta])).toEqual([
    ['<[u8; 32] as core::fmt::Debug>::fmt', 'a', -230n],
    ['dusk_core::abi::emit<counter::Incremented>', 'both', 0n],
    ['counter::fib', 'both', 0n],
    ['core::ptr::drop_in_place<alloc::vec::Vec<u8>>', 'both', 0n],
    ['dlmalloc::dlmalloc::Dlmalloc<A>::malloc', 'both', 0n],
    ['counter::Counter::checked_add', 'b', 45n],
  ]);
  // Recursion stays a path: fib under fib under fib.
  expect(at(increment, ['counter::fib', 'counter::fib', 'counter::fib']).a.calls).toBe(4);
  // Two siblings named alike are one node, as in the folded format.
  const defaults = at(tree, [
    'caller::Caller::call_counter',
    '<counter::State as core::default::Default>::default',
  ]);
  expect(defaults).toMatchObject({ a: { self: 30n, total: 30n, calls: 2 }, delta: 0n });
  expectDeltasAddUp(tree);
});

test('different roots are aligned and named A → B; a function only in one keeps its gas', () => {
  const other = buildProfile([
    'contract',
    'counter.increment',
    10n,
    1,
    [['function', 'counter::Counter::increment', 900n, 1]],
  ]);
  const tree = diffTree(before(), other);
  expect(tree.name).toBe('caller.call_counter → counter.increment');
  expect(tree.delta).toBe(other.gasSpent - before().gasSpent);
  expect(tree.children.map((c) => [c.name, c.side])).toEqual([
    ['caller::Caller::call_counter', 'a'],
    ['counter::Counter::increment', 'b'],
  ]);
  expectDeltasAddUp(tree);
  const rows = diffFunctions(before(), other);
  expect(rows.find((r) => r.name === 'counter::Counter::increment')).toMatchObject({
    side: 'both',
    selfDelta: 100n,
  });
  expect(rows.reduce((n, r) => n + r.selfDelta, 0n)).toBe(other.gasSpent - before().gasSpent);
});

test('a folded file read back diffs against its profile with no gas difference', () => {
  const profile = before();
  const imported = profileFromFolded(toFolded(profile));
  const rows = diffFunctions(profile, imported);
  expect(rows.filter((r) => r.selfDelta !== 0n || r.totalDelta !== 0n)).toEqual([]);
  expectDeltasAddUp(diffTree(profile, imported));
});

function at(node: DiffNode, names: string[]): DiffNode {
  return names.reduce((n, name) => {
    const child = n.children.find((c) => c.name === name);
    if (child === undefined) throw new Error(`no ${name} under ${n.name}`);
    return child;
  }, node);
}

/** Every node's change is its own plus its children's, on both sides' totals too. */
function expectDeltasAddUp(node: DiffNode): void {
  const sum = node.children.reduce((n, c) => n + c.delta, 0n);
  expect(node.delta, node.name).toBe(node.selfDelta + sum);
  expect(node.delta, node.name).toBe(node.b.total - node.a.total);
  node.children.forEach(expectDeltasAddUp);
}

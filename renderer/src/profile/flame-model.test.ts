import { describe, expect, test } from 'vitest';
import type { ProfileDiffNodeView, ProfileNodeView } from '../../../engine/api/types';
import {
  flameFromDiff,
  flameFromProfile,
  flamePath,
  sameDiff,
  searchFlame,
  walkFlame,
} from './flame-model';

/** A profile node whose total is its self gas plus its children's totals, as the API's. */
function pn(
  name: string,
  self: bigint,
  children: ProfileNodeView[] = [],
  kind: ProfileNodeView['kind'] = 'function',
): ProfileNodeView {
  const total = children.reduce((s, c) => s + BigInt(c.total), self);
  return { kind, name, self: String(self), total: String(total), calls: 1, children };
}

type Pair = [self: bigint, total: bigint];
function dn(
  name: string,
  a: Pair | null,
  b: Pair | null,
  children: ProfileDiffNodeView[] = [],
): ProfileDiffNodeView {
  const [as, at] = a ?? [0n, 0n];
  const [bs, bt] = b ?? [0n, 0n];
  return {
    name,
    kind: 'function',
    side: a === null ? 'b' : b === null ? 'a' : 'both',
    a: { self: String(as), total: String(at), calls: a === null ? 0 : 1 },
    b: { self: String(bs), total: String(bt), calls: b === null ? 0 : 1 },
    delta: String(bt - at),
    selfDelta: String(bs - as),
    children,
  };
}

describe('flameFromProfile', () => {
  test('gas becomes bigint, keys are name paths, a callee contract keeps its id', () => {
    const callee = {
      ...pn('other.run', 7n, [pn('work', 5n)], 'contract'),
      contract: 'bb'.repeat(32),
    };
    const root = {
      ...pn(
        'counter.increment',
        10n,
        [pn('inc', 20n, [callee]), pn('[host emit]', 3n, [], 'host')],
        'contract',
      ),
      contract: 'aa'.repeat(32),
    };
    const flame = flameFromProfile(root);
    expect(flame.total).toBe(10n + 20n + 12n + 3n);
    expect(flame.self).toBe(10n);
    expect(flame.contract).toBe(root.contract);
    const keys = [...walkFlame(flame)].map((n) => n.key);
    expect(keys).toEqual([
      'counter.increment',
      'counter.increment\ninc',
      'counter.increment\ninc\nother.run',
      'counter.increment\ninc\nother.run\nwork',
      'counter.increment\n[host emit]',
    ]);
    const other = flame.children[0].children[0];
    expect(other).toMatchObject({ kind: 'contract', contract: callee.contract, total: 12n });
    expect(flame.children[1]).toMatchObject({ kind: 'host', total: 3n });
    expect(flame.children[1].contract).toBeUndefined();
    expect(flame.diff).toBeUndefined();
  });

  test('gas above 2^53 is kept exactly', () => {
    const big = 2n ** 63n + 1n;
    const flame = flameFromProfile(pn('root', 1n, [pn('a', big), pn('b', 3n)]));
    expect(flame.total).toBe(big + 4n);
    expect(flame.children[0].total).toBe(big);
  });

  test('siblings with the same name still get unique keys', () => {
    const flame = flameFromProfile(pn('root', 0n, [pn('x', 1n), pn('x', 2n), pn('x', 3n)]));
    const keys = flame.children.map((c) => c.key);
    expect(new Set(keys).size).toBe(3);
    expect(flame.children.map((c) => c.name)).toEqual(['x', 'x', 'x']);
  });

  test('a recursion 20,000 frames deep converts without overflowing the stack', () => {
    let node = pn('f', 1n);
    for (let i = 0; i < 20_000; i++) node = pn('f', 1n, [node]);
    const flame = flameFromProfile(node);
    expect(flame.total).toBe(20_001n);
    expect([...walkFlame(flame)].length).toBe(20_001);
  });
});

describe('flameFromDiff', () => {
  const tree = dn(
    'root',
    [1n, 60n],
    [1n, 81n],
    [
      dn('same', [10n, 10n], [10n, 10n]),
      dn('grew', [20n, 20n], [50n, 50n]),
      dn('gone', [29n, 29n], null),
      dn('new', null, [15n, 20n], [dn('inner', null, [5n, 5n])]),
    ],
  );

  test("side 'b' (the default): B's widths, A-only frames dropped, both sides kept in diff", () => {
    const flame = flameFromDiff(tree);
    expect(flame.children.map((c) => c.name)).toEqual(['same', 'grew', 'new']);
    expect(flame.total).toBe(81n);
    expect(flame.children.reduce((s, c) => s + c.total, flame.self)).toBe(flame.total);
    const grew = flame.children[1];
    expect(grew.total).toBe(50n);
    expect(grew.diff).toMatchObject({
      a: { self: 20n, total: 20n, calls: 1 },
      b: { self: 50n, total: 50n, calls: 1 },
      delta: 30n,
      selfDelta: 30n,
      side: 'both',
    });
    expect(flame.children[2].diff?.side).toBe('b');
    expect(flame.children[2].children.map((c) => c.name)).toEqual(['inner']);
  });

  test("side 'a': A's widths, B-only frames (and their callees) dropped", () => {
    const flame = flameFromDiff(tree, 'a');
    expect(flame.children.map((c) => c.name)).toEqual(['same', 'grew', 'gone']);
    expect(flame.total).toBe(60n);
    expect(flame.children.map((c) => c.total)).toEqual([10n, 20n, 29n]);
    expect(flame.children[2].diff?.side).toBe('a');
    expect(flame.children.reduce((s, c) => s + c.total, flame.self)).toBe(flame.total);
  });

  test('the two sides of one diff are the same diff; another diff or a profile is not', () => {
    expect(sameDiff(flameFromDiff(tree, 'a'), flameFromDiff(tree, 'b'))).toBe(true);
    const other = { ...tree, b: { ...tree.b, total: '82', self: '2' } };
    expect(sameDiff(flameFromDiff(tree, 'b'), flameFromDiff(other, 'b'))).toBe(false);
    const profile = flameFromProfile(pn('root', 1n));
    expect(sameDiff(profile, profile)).toBe(false);
  });

  test('keys match between the two sides, so a zoom survives switching', () => {
    const a = [...walkFlame(flameFromDiff(tree, 'a'))].map((n) => n.key);
    const b = [...walkFlame(flameFromDiff(tree, 'b'))].map((n) => n.key);
    expect(a.filter((k) => b.includes(k))).toEqual(['root', 'root\nsame', 'root\ngrew']);
  });
});

describe('flamePath', () => {
  const flame = flameFromProfile(
    pn('root', 0n, [pn('a', 1n, [pn('ab', 1n, [pn('x', 1n)])]), pn('ab', 2n, [pn('x', 1n)])]),
  );
  test('the nodes from the root down to a key, not confused by a sibling with a prefix name', () => {
    expect(flamePath(flame, 'root\nab\nx').map((n) => n.name)).toEqual(['root', 'ab', 'x']);
    expect(flamePath(flame, 'root\na\nab\nx').map((n) => n.name)).toEqual(['root', 'a', 'ab', 'x']);
    expect(flamePath(flame, 'root')).toEqual([flame]);
    expect(flamePath(flame, 'root\nnope')).toEqual([]);
  });
});

describe('searchFlame', () => {
  // fib calls fib calls fib: the inner calls' gas is inside the outer one's total.
  const flame = flameFromProfile(
    pn(
      'c.nth',
      5n,
      [
        pn('Fib', 10n, [pn('fib', 20n, [pn('fib', 40n)]), pn('helper', 7n)]),
        pn('other', 3n, [pn('FIB', 11n)]),
      ],
      'contract',
    ),
  );

  test('case-insensitive substring; nested matches add no gas', () => {
    const found = searchFlame(flame, 'fib');
    expect(found.matches.size).toBe(4);
    // Outermost matches: Fib (10+20+40+7) and FIB under other (11).
    expect(found.gas).toBe(77n + 11n);
    expect(found.gas).toBeLessThanOrEqual(flame.total);
  });

  test('a match on the root counts the whole call once', () => {
    const found = searchFlame(flame, 'N');
    expect(found.matches.has('c.nth')).toBe(true);
    expect(found.gas).toBe(flame.total);
  });

  test('a blank query matches nothing; an absent name matches nothing', () => {
    expect(searchFlame(flame, '  ').matches.size).toBe(0);
    expect(searchFlame(flame, 'zzz')).toEqual({ matches: new Set(), gas: 0n });
  });
});

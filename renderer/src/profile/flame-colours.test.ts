import { describe, expect, test } from 'vitest';
import type { FlameNode } from './flame-model';
import {
  diffColour,
  diffScale,
  diffTone,
  frameColour,
  kindColour,
  nameShade,
} from './flame-colours';

function diffNode(name: string, selfDelta: bigint, children: FlameNode[] = []): FlameNode {
  const g = { self: 0n, total: 0n, calls: 1 };
  return {
    key: name,
    name,
    kind: 'function',
    self: 0n,
    total: 0n,
    calls: 1,
    diff: { a: g, b: g, delta: selfDelta, selfDelta, side: 'both' },
    children,
  };
}

describe('single profile colours', () => {
  test('a family per kind, a stable shade per name', () => {
    const fnA = kindColour({ kind: 'function', name: 'alpha' });
    expect(kindColour({ kind: 'function', name: 'alpha' })).toBe(fnA);
    expect(fnA).toContain('var(--flame-0)');
    expect(kindColour({ kind: 'contract', name: 'alpha' })).toContain('var(--flame-1)');
    expect(kindColour({ kind: 'host', name: 'alpha' })).toContain('var(--flame-2)');
    // Different names get different shades (some pair among these differs).
    const shades = new Set(
      ['a', 'b', 'c', 'd', 'e'].map((n) => kindColour({ kind: 'function', name: n })),
    );
    expect(shades.size).toBeGreaterThan(1);
    for (const n of ['', 'x', 'fibonacci.nth']) {
      expect(nameShade(n)).toBeGreaterThanOrEqual(0);
      expect(nameShade(n)).toBeLessThanOrEqual(1);
    }
  });
});

describe('diff colours', () => {
  const tree = diffNode('root', 0n, [
    diffNode('up', 40n, [diffNode('deep', -100n)]),
    diffNode('small', 10n),
  ]);

  test('the scale is the largest |selfDelta| anywhere in the tree', () => {
    expect(diffScale(tree)).toBe(100n);
    expect(diffScale({ ...tree, diff: undefined, children: [] })).toBe(0n);
  });

  test('red for more gas in B, blue for less, grey for equal; intensity relative to the scale', () => {
    expect(diffTone(40n, 100n)).toEqual({ sign: 1, intensity: 0.4 });
    expect(diffTone(-100n, 100n)).toEqual({ sign: -1, intensity: 1 });
    expect(diffTone(0n, 100n)).toEqual({ sign: 0, intensity: 0 });
    // Exact beyond 2^53.
    const big = 2n ** 60n;
    expect(diffTone(big / 4n, big).intensity).toBe(0.25);
    const red = frameColour(tree.children[0], 100n);
    const blue = frameColour(tree.children[0].children[0], 100n);
    const grey = frameColour(tree, 100n);
    expect(red).toContain('var(--danger)');
    expect(blue).toContain('var(--accent)');
    expect(grey).not.toContain('var(--danger)');
    expect(grey).not.toContain('var(--accent)');
    // A larger change is a stronger colour.
    const share = (c: string) => Number(/(\d+)%/.exec(c)?.[1]);
    expect(share(diffColour(diffTone(100n, 100n)))).toBeGreaterThan(
      share(diffColour(diffTone(10n, 100n))),
    );
  });
});

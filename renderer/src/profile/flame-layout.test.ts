import { describe, expect, test } from 'vitest';
import type { FlameNode } from './flame-model';
import { flameLabel, flameLayout, gasRatio } from './flame-layout';

/** A flame node whose total is its self gas plus its children's; keys as flame-model makes them. */
function fn(name: string, self: bigint, children: FlameNode[] = []): FlameNode {
  const node: FlameNode = {
    key: name,
    name,
    kind: 'function',
    self,
    total: children.reduce((s, c) => s + c.total, self),
    calls: 1,
    children,
  };
  const rekey = (n: FlameNode, prefix: string): void => {
    n.key = prefix === '' ? n.name : `${prefix}\n${n.name}`;
    for (const c of n.children) rekey(c, n.key);
  };
  rekey(node, '');
  return node;
}

const frameOf = (layout: ReturnType<typeof flameLayout>, name: string) => {
  const f = layout.frames.find((x) => x.node.name === name);
  if (f === undefined) throw new Error(`no frame ${name} in the layout`);
  return f;
};

describe('flameLayout', () => {
  const tree = fn('root', 100n, [fn('a', 300n, [fn('a1', 100n), fn('a2', 200n)]), fn('b', 300n)]);

  test('the root spans the width; children as wide as their share, side by side', () => {
    const layout = flameLayout(tree, null, 1000, 20);
    expect(layout.zoomed).toBe(tree);
    expect(layout.path).toEqual([tree]);
    expect(layout.rows).toBe(3);
    expect(layout.height).toBe(60);
    const root = frameOf(layout, 'root');
    expect(root).toMatchObject({ x: 0, w: 1000, depth: 0 });
    expect(root.dim).toBeUndefined();
    const a = frameOf(layout, 'a');
    const b = frameOf(layout, 'b');
    expect(a.w).toBeCloseTo((600 / 1000) * 1000, 9);
    expect(b.w).toBeCloseTo((300 / 1000) * 1000, 9);
    // Siblings share their edges exactly; children start where the parent starts.
    expect(a.x).toBe(0);
    expect(b.x).toBe(a.x + a.w);
    // The row's widths are the parent's minus its own gas's share.
    expect(a.w + b.w).toBeCloseTo(root.w * (1 - 100 / 1000), 9);
    const a1 = frameOf(layout, 'a1');
    const a2 = frameOf(layout, 'a2');
    expect(a1.w + a2.w).toBeCloseTo(a.w * (300 / 600), 9);
    expect(a2.x).toBe(a1.x + a1.w);
    expect(a1.depth).toBe(2);
  });

  test('zoom: the frame spans the width, its ancestors full width above (dimmed), siblings gone', () => {
    const layout = flameLayout(tree, 'root\na', 800, 20);
    expect(layout.zoomed.name).toBe('a');
    expect(layout.path.map((n) => n.name)).toEqual(['root', 'a']);
    expect(frameOf(layout, 'root')).toMatchObject({ x: 0, w: 800, depth: 0, dim: true });
    const a = frameOf(layout, 'a');
    expect(a).toMatchObject({ x: 0, w: 800, depth: 1 });
    expect(a.dim).toBeUndefined();
    expect(layout.frames.some((f) => f.node.name === 'b')).toBe(false);
    expect(frameOf(layout, 'a1').w).toBeCloseTo(800 / 6, 9);
    expect(frameOf(layout, 'a2')).toMatchObject({ depth: 2 });
    expect(frameOf(layout, 'a2').x).toBeCloseTo(800 / 6, 9);
    expect(frameOf(layout, 'a2').w).toBeCloseTo((800 * 2) / 6, 9);
  });

  test('a call that spent no gas still shows its frame, full width, and no callees', () => {
    const empty = fn('root', 0n, [fn('nothing', 0n)]);
    const layout = flameLayout(empty, null, 640, 20);
    expect(layout.frames.map((f) => [f.node.name, f.x, f.w])).toEqual([['root', 0, 640]]);
  });

  test('an unknown zoom key (another profile) shows the whole call', () => {
    const layout = flameLayout(tree, 'root\nnot-here', 500, 20);
    expect(layout.zoomed).toBe(tree);
    expect(frameOf(layout, 'root').w).toBe(500);
  });

  test('exact above 2^53: a small frame zoomed deep inside a huge call has exact widths', () => {
    // The zoomed frame starts 2^62 + 1 gas into the call: as doubles, offsets that far in are
    // rounded to multiples of 1024, which would smear its 3,000 gas of callees.
    const small = fn('small', 0n, [fn('one', 1000n), fn('two', 2000n)]);
    const huge = fn('root', 1n, [
      fn('big', 2n ** 62n + 1n),
      fn('mid', 0n, [small]),
      fn('tail', 2n ** 62n),
    ]);
    expect(huge.total).toBeGreaterThan(2n ** 63n);
    const layout = flameLayout(huge, 'root\nmid\nsmall', 900, 20);
    expect(frameOf(layout, 'small')).toMatchObject({ x: 0, w: 900 });
    expect(frameOf(layout, 'one')).toMatchObject({ x: 0, w: 300 });
    expect(frameOf(layout, 'two')).toMatchObject({ x: 300, w: 600 });
  });

  test('exact above 2^53: u64::MAX split into halves and a unit of self gas', () => {
    const max = 2n ** 64n - 1n;
    const root = fn('root', 1n, [fn('l', 2n ** 63n - 1n), fn('r', 2n ** 63n - 1n)]);
    expect(root.total).toBe(max);
    const layout = flameLayout(root, null, 1000, 20);
    expect(frameOf(layout, 'l').w).toBeCloseTo(500, 9);
    expect(frameOf(layout, 'r').x).toBeCloseTo(500, 9);
    expect(frameOf(layout, 'l').w + frameOf(layout, 'r').w).toBeLessThanOrEqual(1000);
  });

  test('frames narrower than half a pixel are not drawn, nor their callees', () => {
    const root = fn('root', 0n, [
      fn('wide', 9_990n),
      fn('tiny', 2n, [fn('tinier', 1n)]),
      fn('visible', 7n),
    ]);
    // 1000 px for 10,000 gas: 0.1 px a gas; tiny is 0.3 px, visible 0.7 px.
    const layout = flameLayout(root, null, 1000, 20);
    const names = layout.frames.map((f) => f.node.name);
    expect(names).toEqual(['root', 'wide', 'visible']);
    expect(
      flameLayout(root, null, 1000, 20, { minWidth: 0.2 }).frames.map((f) => f.node.name),
    ).toContain('tiny');
    // Zoomed into tiny, it and its callee are drawn.
    expect(flameLayout(root, 'root\ntiny', 1000, 20).frames.map((f) => f.node.name)).toEqual([
      'root',
      'tiny',
      'tinier',
    ]);
  });

  test('thousands of frames: at most maxFrames drawn, the widest, every drawn frame with its caller', () => {
    // A call with 5,000 callees of growing gas.
    const callees = Array.from({ length: 5000 }, (_, i) => fn(`f${i}`, BigInt(i + 1)));
    const root = fn('root', 0n, callees);
    const layout = flameLayout(root, null, 100_000, 20, { minWidth: 0, maxFrames: 2000 });
    expect(layout.frames.length).toBeLessThanOrEqual(2000);
    expect(layout.frames.length).toBeGreaterThan(1900);
    expect(layout.hidden).toBe(5001 - layout.frames.length);
    const drawn = new Set(layout.frames.map((f) => f.node.name));
    expect(drawn.has('root')).toBe(true);
    expect(drawn.has('f4999')).toBe(true);
    expect(drawn.has('f0')).toBe(false);
    const keys = new Set(layout.frames.map((f) => f.node.key));
    for (const f of layout.frames) {
      const parent = f.node.key.slice(0, f.node.key.lastIndexOf('\n'));
      if (f.depth > 0) expect(keys.has(parent)).toBe(true);
    }
  });
});

describe('gasRatio', () => {
  test('a share of the whole, 0 of nothing', () => {
    expect(gasRatio(1n, 4n)).toBe(0.25);
    expect(gasRatio(2n ** 70n + 1n, 2n ** 72n)).toBeCloseTo(0.25, 15);
    expect(gasRatio(3n, 0n)).toBe(0);
  });
});

describe('flameLabel', () => {
  test('name · gas when it fits, then the name, then the name cut', () => {
    const text = 'fib · 1,234';
    expect(flameLabel('fib', '1,234', text.length * 7 + 8)).toBe(text);
    expect(flameLabel('fib', '1,234', text.length * 7 + 7)).toBe('fib');
    expect(flameLabel('fibonacci', '1', 6 * 7 + 8)).toBe('fibon…');
    expect(flameLabel('fibonacci', '1', 10)).toBe('');
  });
});

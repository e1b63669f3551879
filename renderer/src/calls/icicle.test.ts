import { describe, expect, test } from 'vitest';
import type { CallTreeView } from '../../../engine/api/types';
import { icicleLayout, labelFits } from './icicle';

const leaf = (fn: string, spent: number): CallTreeView => ({
  contract: 'c',
  fn,
  limit: '1000',
  spent: String(spent),
  memLen: 65536,
  children: [],
});

describe('icicle layout', () => {
  test('a nested call: widths are inclusive gas, rows are depths', () => {
    const tree: CallTreeView = {
      ...leaf('increment_counter', 1133),
      children: [leaf('increment', 43)],
    };
    const layout = icicleLayout(tree, 1000, 24);
    expect(layout.total).toBe(1176n);
    expect(layout.height).toBe(48);
    const [root, child] = layout.nodes;
    expect(root).toMatchObject({
      id: '0',
      depth: 0,
      x: 0,
      y: 0,
      width: 1000,
      height: 24,
      inclusive: 1176n,
      exclusive: 1133n,
      share: 1,
    });
    expect(child).toMatchObject({ id: '0.0', depth: 1, y: 24, fn: 'increment', inclusive: 43n });
    expect(child.width).toBeCloseTo((43 / 1176) * 1000, 5);
  });

  test('siblings sit side by side in call order', () => {
    const tree: CallTreeView = { ...leaf('a', 10), children: [leaf('b', 30), leaf('c', 60)] };
    const { nodes } = icicleLayout(tree, 100, 10);
    const b = nodes.find((n) => n.fn === 'b')!;
    const c = nodes.find((n) => n.fn === 'c')!;
    expect(b.x).toBeCloseTo(0);
    expect(b.width).toBeCloseTo(30);
    expect(c.x).toBeCloseTo(30);
    expect(c.width).toBeCloseTo(60);
  });

  test('zero-gas frames (a deploy) still get a visible width', () => {
    const { nodes, total } = icicleLayout(leaf('', 0), 200, 20);
    expect(total).toBe(0n);
    expect(nodes[0]).toMatchObject({ fn: '(deploy)', width: 200, share: 1 });
    const tree: CallTreeView = { ...leaf('a', 1000), children: [leaf('tiny', 0)] };
    const tiny = icicleLayout(tree, 1000, 20).nodes[1];
    expect(tiny.width).toBeGreaterThan(5);
  });

  test('labels are shown only where they fit', () => {
    const { nodes } = icicleLayout(leaf('read_value', 5), 60, 20);
    expect(labelFits(nodes[0], 'read_value')).toBe(false);
    expect(labelFits(nodes[0], 'read')).toBe(true);
  });
});

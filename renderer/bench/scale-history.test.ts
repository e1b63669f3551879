import { describe, expect, test } from 'vitest';
import type { CommitNode } from '../../engine/api/types';
import { FAN_OUT_MIN, scaleHistory } from './scale-history';

/** The shape figures the benchmark's history promises (see scale-history.ts). */
function shape(nodes: CommitNode[]) {
  const index = new Map(nodes.map((n, i) => [n.root, i]));
  const children = new Map<string, number>();
  const depth: number[] = [];
  let roots = 0;
  let orphans = 0;
  let parentAfterChild = 0;
  nodes.forEach((n, i) => {
    const p = n.parent === null ? undefined : index.get(n.parent);
    if (n.parent === null) roots++;
    else if (p === undefined) orphans++;
    else {
      if (p >= i) parentAfterChild++;
      children.set(n.parent, (children.get(n.parent) ?? 0) + 1);
    }
    depth.push(p === undefined ? 1 : depth[p] + 1);
  });
  return {
    roots,
    orphans,
    parentAfterChild,
    unique: index.size,
    longestChain: Math.max(...depth),
    widestFanOut: Math.max(...children.values()),
  };
}

describe('scaleHistory', () => {
  const count = 30_000;
  const nodes = scaleHistory(count);
  const s = shape(nodes);

  test('lists exactly the commits asked for, each root once, parents before children', () => {
    expect(nodes).toHaveLength(count);
    expect(s.unique).toBe(count);
    expect(s.parentAfterChild).toBe(0);
    for (const n of nodes) expect(n.root).toMatch(/^[0-9a-f]{64}$/);
  });

  test('is shaped like long use: a long chain, a wide fan-out from one base, deleted parents', () => {
    expect(s.longestChain).toBeGreaterThan(count / 5);
    expect(s.widestFanOut).toBeGreaterThanOrEqual(FAN_OUT_MIN);
    expect(s.orphans).toBeGreaterThan(count / 2000);
    // Imports are rare: a handful of unrelated histories, not one per few hundred commits.
    expect(s.roots).toBeGreaterThanOrEqual(1);
    expect(s.roots).toBeLessThan(count / 2000);
  });

  test('is deterministic: the same seed gives the same history, another seed another', () => {
    expect(scaleHistory(2000)).toEqual(scaleHistory(2000));
    expect(scaleHistory(2000, { seed: 8 }).map((n) => n.parent)).not.toEqual(
      scaleHistory(2000).map((n) => n.parent),
    );
  });
});

import { describe, expect, test } from 'vitest';
import type { CommitNode } from '../../../engine/api/types';
import { layoutLanes, segmentBottomRow, type LaneLayout } from './lane-layout';
import { syntheticHistory } from './testing/synthetic-history';

let clock = 0;
function commit(root: string, parent: string | null, createdAt = ++clock): CommitNode {
  return {
    root,
    parent,
    label: root,
    labels: [root],
    createdAt,
    finalized: false,
    contractsTouched: [],
    pagesChanged: 1,
  };
}

function laneOf(layout: LaneLayout, root: string): number {
  return layout.commits[layout.rowOf.get(root)!].lane;
}

/** No two segments may share a lane over overlapping rows (in half-rows: a fork takes its lane just above its parent). */
function expectNoLaneOverlap(layout: LaneLayout): void {
  const byLane = new Map<number, Array<[number, number]>>();
  for (const s of layout.segments) {
    const bottom = s.fork === null ? 2 * s.startRow : 2 * s.fork.row - 1;
    const list = byLane.get(s.lane) ?? [];
    list.push([2 * s.topRow, bottom]);
    byLane.set(s.lane, list);
  }
  for (const list of byLane.values()) {
    list.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < list.length; i++) expect(list[i][0]).toBeGreaterThan(list[i - 1][1]);
  }
}

function expectConsistent(layout: LaneLayout, nodes: CommitNode[]): void {
  expect(layout.commits).toHaveLength(new Set(nodes.map((n) => n.root)).size);
  layout.commits.forEach((c, row) => expect(c.row).toBe(row));
  for (const c of layout.commits) {
    if (c.parentRow === null) continue;
    expect(c.parentRow).toBeGreaterThan(c.row); // parents are older: below their children
    expect(layout.commits[c.parentRow].node.root).toBe(c.node.parent);
  }
  for (const s of layout.segments) {
    expect(s.topRow).toBeLessThanOrEqual(s.startRow);
    expect(segmentBottomRow(s)).toBeGreaterThanOrEqual(s.startRow);
    expect(layout.commits[s.topRow].lane).toBe(s.lane);
    expect(layout.commits[s.startRow].lane).toBe(s.lane);
  }
  expectNoLaneOverlap(layout);
}

describe('layoutLanes', () => {
  test('an empty graph', () => {
    expect(layoutLanes([])).toMatchObject({ commits: [], edges: [], segments: [], laneCount: 0 });
  });

  test('a straight line stays on one lane, newest on top', () => {
    const nodes = [commit('a', null), commit('b', 'a'), commit('c', 'b')];
    const layout = layoutLanes([...nodes].reverse());
    expect(layout.commits.map((c) => c.node.root)).toEqual(['c', 'b', 'a']);
    expect(layout.commits.map((c) => c.lane)).toEqual([0, 0, 0]);
    expect(layout.laneCount).toBe(1);
    expect(layout.segments).toEqual([{ lane: 0, topRow: 0, startRow: 2, fork: null }]);
    expect(layout.edges).toEqual([
      { parentRow: 1, childRow: 0, parentLane: 0, childLane: 0 },
      { parentRow: 2, childRow: 1, parentLane: 0, childLane: 0 },
    ]);
  });

  test('branches: the longest-lived child keeps the lane, the others fork to new lanes', () => {
    // a ─ b ─ d ─ f        (main line: reaches the newest commit)
    //  └─ c      └─ e
    const nodes = [
      commit('a', null),
      commit('b', 'a'),
      commit('c', 'a'),
      commit('d', 'b'),
      commit('e', 'd'),
      commit('f', 'd'),
    ];
    const layout = layoutLanes(nodes);
    expectConsistent(layout, nodes);
    expect(['a', 'b', 'd', 'f'].map((r) => laneOf(layout, r))).toEqual([0, 0, 0, 0]);
    expect(laneOf(layout, 'c')).toBe(1);
    // c's lane is free again after c, so e reuses it.
    expect(laneOf(layout, 'e')).toBe(1);
    expect(layout.laneCount).toBe(2);
    const forkOfC = layout.segments.find((s) => s.startRow === layout.rowOf.get('c'))!;
    expect(forkOfC.fork).toEqual({ row: layout.rowOf.get('a'), lane: 0 });
  });

  test('concurrent branches need their own lanes', () => {
    const nodes = [
      commit('a', null),
      commit('b1', 'a'),
      commit('c1', 'a'),
      commit('b2', 'b1'),
      commit('c2', 'c1'),
      commit('m', 'a'),
    ];
    const layout = layoutLanes(nodes);
    expectConsistent(layout, nodes);
    expect(layout.laneCount).toBe(3);
    expect(new Set(['b2', 'c2', 'm'].map((r) => laneOf(layout, r))).size).toBe(3);
  });

  test('a commit whose parent was deleted is a root, flagged orphan', () => {
    const nodes = [commit('a', null), commit('c', 'deleted-b'), commit('d', 'c')];
    const layout = layoutLanes(nodes);
    expectConsistent(layout, nodes);
    const c = layout.commits[layout.rowOf.get('c')!];
    expect(c).toMatchObject({ parentRow: null, orphan: true });
    expect(layout.commits[layout.rowOf.get('a')!].orphan).toBe(false);
    expect(layout.edges).toHaveLength(1);
  });

  test('parents come before children even when clocks disagree; duplicates are ignored', () => {
    const nodes = [
      commit('child', 'parent', 10),
      commit('parent', null, 20),
      commit('parent', null, 20),
    ];
    const layout = layoutLanes(nodes);
    expect(layout.commits.map((c) => c.node.root)).toEqual(['child', 'parent']);
    expectConsistent(layout, nodes);
  });

  test('a cycle (impossible with content addressing) is cut instead of looping', () => {
    const layout = layoutLanes([commit('x', 'y', 1), commit('y', 'x', 2)]);
    expect(layout.commits).toHaveLength(2);
  });

  test('10,000 commits: consistent, compact, and fast', () => {
    const nodes = syntheticHistory(10_000, { seed: 7 });
    layoutLanes(nodes); // warm-up
    const start = performance.now();
    const layout = layoutLanes(nodes);
    const ms = performance.now() - start;
    console.log(
      `layoutLanes(10,000 commits): ${ms.toFixed(1)} ms, ${layout.laneCount} lanes, ${layout.segments.length} segments`,
    );
    expectConsistent(layout, nodes);
    expect(layout.laneCount).toBeLessThan(40);
  });
});

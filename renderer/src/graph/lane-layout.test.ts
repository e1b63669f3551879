import { describe, expect, test } from 'vitest';
import type { CommitNode } from '../../../engine/api/types';
import { ROOT_GAP, layoutLanes, segmentBottomRow, type LaneLayout } from './lane-layout';
import { createRandom, syntheticHistory } from '../../testing/synthetic-history';

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

/** Rows a segment's vertical line covers in its lane: from its top commit down to its first commit, or to where its fork curve enters the lane (one row above the parent). */
function lineRows(s: LaneLayout['segments'][number]): [number, number] {
  return [s.topRow, s.fork === null ? s.startRow : s.fork.row - 1];
}

/**
 * What a viewer sees as connected: commits one above the other on a segment's line, and a fork
 * curve's parent with the branch's first commit. Returned as "child>parent" root pairs.
 */
function drawnLinks(layout: LaneLayout): Set<string> {
  const byLane = new Map<number, number[]>();
  for (const c of layout.commits) byLane.set(c.lane, [...(byLane.get(c.lane) ?? []), c.row]);
  const root = (row: number): string => layout.commits[row].node.root;
  const links = new Set<string>();
  for (const s of layout.segments) {
    const [top, bottom] = lineRows(s);
    const on = (byLane.get(s.lane) ?? []).filter((row) => row >= top && row <= bottom);
    for (let k = 1; k < on.length; k++) links.add(`${root(on[k - 1])}>${root(on[k])}`);
    if (s.fork !== null) {
      expect(layout.commits[s.fork.row].lane).toBe(s.fork.lane);
      links.add(`${root(s.startRow)}>${root(s.fork.row)}`);
    }
  }
  return links;
}

/** Every drawn line joins a child to its parent, and every parent/child pair is drawn. */
function expectLinesAreEdges(layout: LaneLayout): void {
  const edges = new Set(
    layout.commits
      .filter((c) => c.parentRow !== null)
      .map((c) => `${c.node.root}>${c.node.parent}`),
  );
  const drawn = drawnLinks(layout);
  expect([...drawn].filter((l) => !edges.has(l))).toEqual([]);
  expect([...edges].filter((l) => !drawn.has(l))).toEqual([]);
}

/** A root or orphan starts its own lane: no commit and no line in its lane for ROOT_GAP rows below it. */
function expectRootsStandAlone(layout: LaneLayout): void {
  for (const c of layout.commits) {
    if (c.parentRow !== null) continue;
    const below = [c.row + 1, c.row + ROOT_GAP];
    for (const other of layout.commits.slice(below[0], below[1] + 1))
      expect(other.lane, `a commit right below root ${c.node.root}`).not.toBe(c.lane);
    for (const s of layout.segments) {
      if (s.lane !== c.lane) continue;
      const [top, bottom] = lineRows(s);
      expect(top > below[1] || bottom < below[0], `a line right below root ${c.node.root}`).toBe(
        true,
      );
    }
  }
}

/**
 * Commits in the order a store receives them: lines grown on their newest commit, branches off
 * any earlier commit (old ones too), new roots based on genesis, orphans (a parent that was
 * deleted), and now and then the same state committed again.
 */
function arrivals(count: number, seed: number): CommitNode[] {
  const random = createRandom(seed);
  const out: CommitNode[] = [];
  const tips: string[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const root = `s${seed}-${i}`;
    let parent: string | null;
    if (out.length === 0 || roll < 0.05) parent = null;
    else if (roll < 0.09) parent = `deleted-${seed}-${i}`;
    else if (roll < 0.12) {
      out.push(out[Math.floor(random() * out.length)]); // an identical state committed again
      continue;
    } else if (roll < 0.3) parent = out[Math.floor(random() * out.length)].root;
    else parent = tips.length === 0 ? null : tips[Math.floor(random() * tips.length)];
    const tip = parent === null ? -1 : tips.indexOf(parent);
    if (tip >= 0) tips.splice(tip, 1);
    tips.push(root);
    if (tips.length > 6) tips.shift();
    out.push(commit(root, parent, 1000 + i));
  }
  return out;
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

  test("branches: the first child keeps its parent's lane, later children fork to new lanes", () => {
    // a ─ b ─ d ─ e        (each first child continues the lane)
    //  └─ c      └─ f
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
    expect(['a', 'b', 'd', 'e'].map((r) => laneOf(layout, r))).toEqual([0, 0, 0, 0]);
    expect(laneOf(layout, 'c')).toBe(1);
    // c's lane is free again after c, so f reuses it.
    expect(laneOf(layout, 'f')).toBe(1);
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

  test('property: adding a commit never moves an earlier one to another lane', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const sequence = arrivals(160, seed);
      let before = layoutLanes([]);
      for (let k = 1; k <= sequence.length; k++) {
        const after = layoutLanes(sequence.slice(0, k));
        for (const c of before.commits)
          expect(laneOf(after, c.node.root), `seed ${seed}, commit ${k}: ${c.node.root}`).toBe(
            c.lane,
          );
        before = after;
      }
    }
  });

  test('property: lines are drawn only between a parent and its child, and every such pair is drawn', () => {
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const sequence = arrivals(300, seed);
      for (const k of [10, 50, 120, 300]) {
        const layout = layoutLanes(sequence.slice(0, k));
        expectConsistent(layout, sequence.slice(0, k));
        expectLinesAreEdges(layout);
      }
    }
  });

  test('property: roots and orphans start their own lane, with room below them', () => {
    for (const seed of [21, 22, 23, 24, 25, 26]) {
      const layout = layoutLanes(arrivals(300, seed));
      expect(layout.commits.some((c) => c.orphan)).toBe(true);
      expectRootsStandAlone(layout);
    }
  });

  test('an orphan is not placed just above an unrelated line; a root reuses a lane only with room below', () => {
    // a ─ b ─ c, and side off a; then x (its parent deleted) and a new root r.
    const nodes = [
      commit('a', null),
      commit('b', 'a'),
      commit('c', 'b'),
      commit('side', 'a'),
      commit('x', 'deleted'),
      commit('r', null),
    ];
    const layout = layoutLanes(nodes);
    expectConsistent(layout, nodes);
    expectLinesAreEdges(layout);
    expectRootsStandAlone(layout);
    // side's and c's lanes end one and two rows below x: x needs a lane of its own.
    expect(laneOf(layout, 'x')).toBe(2);
    // c ended three rows below r, leaving two empty rows between them: r may take that lane.
    expect(laneOf(layout, 'r')).toBe(laneOf(layout, 'c'));
    expect(layout.rowOf.get('c')! - layout.rowOf.get('r')!).toBe(ROOT_GAP + 1);
  });

  test('a branch off an old commit whose lane was taken since starts a new lane', () => {
    // a ─ b; root r reuses b's lane room later; then a child of b arrives.
    const nodes = [
      commit('a', null),
      commit('side', 'a'),
      commit('b', 'side'),
      commit('m1', 'a'),
      commit('m2', 'm1'),
      commit('m3', 'm2'),
      commit('m4', 'm3'),
      commit('r', null),
      commit('late', 'b'),
    ];
    const layout = layoutLanes(nodes);
    expectConsistent(layout, nodes);
    expectLinesAreEdges(layout);
    expectRootsStandAlone(layout);
    expect(laneOf(layout, 'r')).toBe(laneOf(layout, 'b')); // far enough above b
    expect(laneOf(layout, 'late')).not.toBe(laneOf(layout, 'b'));
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
    expectLinesAreEdges(layout);
    expectRootsStandAlone(layout);
    expect(layout.laneCount).toBeLessThan(40);
  });
});

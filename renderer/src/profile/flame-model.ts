/**
 * The flame graph's model: a gas profile (or a profile diff) as one tree of frames with bigint
 * gas, the form flame-layout.ts lays out and FlameGraph.vue draws. The API sends gas as decimal
 * u64 strings, which can exceed 2^53: every sum here stays in bigint, and only pixel widths
 * (flame-layout.ts) become numbers. Pure, no DOM.
 */
import type { ProfileDiffNodeView, ProfileNodeView } from '../../../engine/api/types';

export interface FlameGas {
  self: bigint;
  total: bigint;
  calls: number;
}

export interface FlameDiff {
  a: FlameGas;
  b: FlameGas;
  /** `b.total − a.total`. */
  delta: bigint;
  /** `b.self − a.self`: what the diff colours show. */
  selfDelta: bigint;
  side: 'both' | 'a' | 'b';
}

export interface FlameNode {
  /**
   * Path key, unique in the tree: names from the root joined by '\n' (stable across zoom and
   * across the two sides of a diff). A name repeated among siblings (two contracts stored under
   * one name) gets `#2`, `#3` so that keys stay unique.
   */
  key: string;
  name: string;
  kind: 'contract' | 'function' | 'host';
  /** Contract id hex, when the node has one. */
  contract?: string;
  /** The width: gas of the node and its children. */
  total: bigint;
  self: bigint;
  calls: number;
  diff?: FlameDiff;
  children: FlameNode[];
}

/** Keys for a node's children: the path plus the name, made unique among siblings. */
function childKeys(parentKey: string, names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return `${parentKey}\n${n === 1 ? name : `${name}#${n}`}`;
  });
}

/**
 * Converts a tree without recursion: a deep recursion in a contract (a profile merged by path
 * is as deep as the wasm stack went) must not overflow the renderer's own stack.
 */
function convert<V extends { name: string; children: V[] }>(
  root: V,
  make: (view: V, key: string) => FlameNode | undefined,
): FlameNode {
  const top = make(root, root.name);
  if (top === undefined) throw new Error(`the root frame ${root.name} has no gas on this side`);
  const stack: Array<[V, FlameNode]> = [[root, top]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [view, node] = item;
    const keys = childKeys(
      node.key,
      view.children.map((c) => c.name),
    );
    view.children.forEach((child, i) => {
      const made = make(child, keys[i]);
      if (made === undefined) return;
      node.children.push(made);
      stack.push([child, made]);
    });
  }
  return top;
}

/** A profile's tree of calls as flame frames (widths: each frame's total gas). */
export function flameFromProfile(root: ProfileNodeView): FlameNode {
  return convert(root, (view, key) => ({
    key,
    name: view.name,
    kind: view.kind,
    ...(view.contract === undefined ? {} : { contract: view.contract }),
    total: BigInt(view.total),
    self: BigInt(view.self),
    calls: view.calls,
    children: [],
  }));
}

function gas(pair: { self: string; total: string; calls: number }): FlameGas {
  return { self: BigInt(pair.self), total: BigInt(pair.total), calls: pair.calls };
}

/**
 * A diff tree drawn with the widths of side `side` (default 'b'); nodes absent on that side
 * (width 0) are dropped. Every node keeps both sides' figures and the deltas in `diff`.
 */
export function flameFromDiff(root: ProfileDiffNodeView, side: 'a' | 'b' = 'b'): FlameNode {
  const other = side === 'a' ? 'b' : 'a';
  return convert(root, (view, key) => {
    // The root is kept even when absent on this side: a graph needs a top frame.
    if (view.side === other && view !== root) return undefined;
    const a = gas(view.a);
    const b = gas(view.b);
    const drawn = side === 'a' ? a : b;
    return {
      key,
      name: view.name,
      kind: view.kind,
      total: drawn.total,
      self: drawn.self,
      calls: drawn.calls,
      diff: { a, b, delta: BigInt(view.delta), selfDelta: BigInt(view.selfDelta), side: view.side },
      children: [],
    };
  });
}

/**
 * Whether two roots are the same diff drawn with either side's widths (flameFromDiff with 'a'
 * and 'b'), rather than two profiles: the same path and both sides' figures at the root.
 */
export function sameDiff(p: FlameNode, q: FlameNode): boolean {
  const same = (x: FlameGas, y: FlameGas) =>
    x.self === y.self && x.total === y.total && x.calls === y.calls;
  return (
    p.key === q.key &&
    p.diff !== undefined &&
    q.diff !== undefined &&
    same(p.diff.a, q.diff.a) &&
    same(p.diff.b, q.diff.b)
  );
}

/** Every node, parents before children, without recursion. */
export function* walkFlame(root: FlameNode): Generator<FlameNode> {
  const stack = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** The nodes from the root down to the node with `key` (empty when no node has it). */
export function flamePath(root: FlameNode, key: string): FlameNode[] {
  const path: FlameNode[] = [];
  let node: FlameNode | undefined = root;
  while (node !== undefined) {
    path.push(node);
    if (node.key === key) return path;
    const here: FlameNode = node;
    // A descendant's key starts with its ancestors' keys and a newline.
    node = here.children.find((c) => key.startsWith(`${c.key}\n`) || key === c.key);
  }
  return [];
}

export interface FlameSearch {
  /** Keys of the frames whose name contains the query (case-insensitive). */
  matches: Set<string>;
  /**
   * Gas of the matched frames, each counted once: a match inside another match is already in
   * its ancestor's total (a recursive function's inner calls), so only outermost ones add up.
   */
  gas: bigint;
}

/** Frames whose name contains `query` (case-insensitive); empty for a blank query. */
export function searchFlame(root: FlameNode, query: string): FlameSearch {
  const needle = query.trim().toLowerCase();
  const matches = new Set<string>();
  let total = 0n;
  if (needle === '') return { matches, gas: total };
  // Depth-first with a flag for "an ancestor matched", so nested matches add no gas.
  const stack: Array<[FlameNode, boolean]> = [[root, false]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, inMatch] = item;
    const hit = node.name.toLowerCase().includes(needle);
    if (hit) {
      matches.add(node.key);
      if (!inMatch) total += node.total;
    }
    for (const c of node.children) stack.push([c, inMatch || hit]);
  }
  return { matches, gas: total };
}

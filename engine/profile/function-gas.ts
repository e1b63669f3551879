import type { CallProfile, ProfileNode, ProfileNodeKind } from './profile-tree';

/** One function's gas over the whole call, all the paths it was reached by merged. */
export interface FunctionGas {
  name: string;
  kind: ProfileNodeKind;
  /** The contract of the first node merged (none for host charges). */
  contract?: string;
  /** Gas spent in the function itself, on every path. */
  self: bigint;
  /**
   * Gas spent in the function and what it called. Under recursion a node nested inside another
   * node of the same function is not counted again: its gas is already in the outer one's total.
   */
  total: bigint;
  calls: number;
}

/**
 * The gas of every function of a profile, merged across paths by `keyOf` (the name alone, or the
 * contract and the name), in the order first met depth first.
 */
export function gasByFunction(
  profile: CallProfile,
  keyOf: (node: ProfileNode) => string,
): Map<string, FunctionGas> {
  const merged = new Map<string, FunctionGas>();
  // How often each key is on the path from the root to the node at hand: a node whose key is
  // already there is a recursive call, whose total its ancestor's total holds.
  const onPath = new Map<string, number>();
  // Iterative, with an exit step per node: a deeply recursive contract must not overflow ours.
  const todo: { node: ProfileNode; exit: boolean }[] = [{ node: profile.root, exit: false }];
  while (todo.length > 0) {
    const { node, exit } = todo.pop()!;
    const key = keyOf(node);
    const depth = onPath.get(key) ?? 0;
    if (exit) {
      if (depth === 1) onPath.delete(key);
      else onPath.set(key, depth - 1);
      continue;
    }
    let fn = merged.get(key);
    if (fn === undefined) {
      fn = { name: node.name, kind: node.kind, self: 0n, total: 0n, calls: 0 };
      if (node.contract !== undefined) fn.contract = node.contract;
      merged.set(key, fn);
    }
    fn.self += node.self;
    fn.calls += node.calls;
    if (depth === 0) fn.total += node.total;
    onPath.set(key, depth + 1);
    todo.push({ node, exit: true });
    for (let i = node.children.length - 1; i >= 0; i--)
      todo.push({ node: node.children[i], exit: false });
  }
  return merged;
}

/** Larger gas first, for sort(): bigints cannot be subtracted into a comparator's number. */
export function compareGasDesc(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

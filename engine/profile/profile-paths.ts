import type { ProfileNode } from './profile-tree';

/** A distinct path from the root and the gas its last node spent itself. */
export interface PathGas<F> {
  frames: F[];
  self: bigint;
}

/**
 * The self gas of every distinct path of a tree, depth first with children in order (so in a
 * flame chart a function's callees sit side by side), paths with no self gas left out.
 *
 * Nodes are told apart by `frameOf`, not by identity: two nodes under one parent with the same
 * frame (the legacy demangler drops the hash that told two functions apart) are one path with
 * both their gas, as a flame-graph viewer would merge them anyway. `frameOf` must give strings
 * without line breaks or numbers (they key the paths, joined by '\n').
 */
export function selfGasByPath<F extends string | number>(
  root: ProfileNode,
  frameOf: (node: ProfileNode) => F,
): PathGas<F>[] {
  const paths = new Map<string, PathGas<F>>();
  // Iterative: a deeply recursive contract must not overflow our stack.
  const todo: { node: ProfileNode; frames: F[] }[] = [{ node: root, frames: [frameOf(root)] }];
  while (todo.length > 0) {
    const { node, frames } = todo.pop()!;
    if (node.self > 0n) {
      const key = frames.join('\n');
      const seen = paths.get(key);
      if (seen === undefined) paths.set(key, { frames, self: node.self });
      else seen.self += node.self;
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      todo.push({ node: child, frames: [...frames, frameOf(child)] });
    }
  }
  return [...paths.values()];
}

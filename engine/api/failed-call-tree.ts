/**
 * A failed call's frames, read from its journal entry: piecrust hands back no receipt and no call
 * tree for it, yet the frames ran and spent gas. Each enter/exit pair of the journal is a node:
 * its limit from the enter, its inclusive spend from the exit (up to the failure for a failed
 * frame), its error if it failed. `spent` is made exclusive as in a receipt's tree, so a failed
 * child's limit, charged to its parent in full, leaves the part it did not spend in the parent's.
 */
import type { JournalCall } from '../journal/types';
import type { CallTreeView } from './types';

export function failedCallTree(call: JournalCall): CallTreeView | undefined {
  const inclusive = new Map<CallTreeView, bigint>();
  const stack: CallTreeView[] = [];
  let root: CallTreeView | undefined;
  for (const step of call.steps) {
    if (step.kind === 'enter') {
      const node: CallTreeView = {
        contract: step.contract,
        fn: step.fn,
        limit: step.gas.toString(),
        spent: '0',
        children: [],
      };
      stack.at(-1)?.children.push(node);
      stack.push(node);
      root ??= node;
      continue;
    }
    const node = stack.pop();
    if (node === undefined) continue; // a deploy without init: one exit, no frame
    inclusive.set(node, step.gasNotRecorded ? 0n : step.gas);
    if (step.error !== undefined) node.error = { ...step.error };
  }
  if (root !== undefined) makeExclusive(root, inclusive);
  return root;
}

function makeExclusive(node: CallTreeView, inclusive: ReadonlyMap<CallTreeView, bigint>): void {
  let children = 0n;
  for (const child of node.children) {
    children += inclusive.get(child) ?? 0n;
    makeExclusive(child, inclusive);
  }
  const own = (inclusive.get(node) ?? 0n) - children;
  node.spent = (own < 0n ? 0n : own).toString();
}

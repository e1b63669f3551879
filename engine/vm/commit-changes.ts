/**
 * A commit's change against its parent in the commit graph's terms: the contracts it touched and
 * the pages it changed. A session computes it when it writes a commit (the nodes it reads are the
 * ones the session has just read or written), and the store keeps it with the commit
 * (CommitRecord `changes`), so that the graph does not diff every commit again when it is opened;
 * the graph computes it itself for commits stored without it.
 */
import { diffIndexes, type ContractDiff } from '../diff/state-diff';
import type { NodeStore } from '../merkle/sparse-tree';
import type { CommitChanges } from '../store/commit-store';

/** The graph's summary of a diff (`diffIndexes`' order of contracts is kept). */
export function commitChanges(diffs: ContractDiff[]): CommitChanges {
  return {
    contractsTouched: diffs.map((c) => c.contract),
    pagesChanged: diffs.reduce(
      (n, c) => n + c.pages.added.length + c.pages.changed.length + c.pages.removed.length,
      0,
    ),
  };
}

/** The change from one contract index root to another (zeros: the empty index, genesis). */
export function changesBetween(nodes: NodeStore, from: Uint8Array, to: Uint8Array): CommitChanges {
  return commitChanges(diffIndexes(nodes, from, to));
}

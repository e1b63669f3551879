/** The commit graph: every commit with what it changed since its parent, computed once per root. */
import { ZERO_ROOT } from '../core/ids';
import { commitLabels, type CommitRecord } from '../store/commit-store';
import type { CommitNode } from './types';
import type { WorkspaceState } from './workspace-state';

export function commitNode(ws: WorkspaceState, commit: CommitRecord): CommitNode {
  const cached = ws.commitNodes.get(commit.root);
  // What can change after a commit is written: its finalization, and labels (the same state
  // committed again).
  if (cached !== undefined)
    return { ...cached, finalized: commit.finalized, labels: commitLabels(commit) };
  // Against genesis when it has no parent, or its parent was deleted.
  const parent = commit.parent === null ? undefined : ws.vm.store.getCommit(commit.parent);
  const changes = ws.vm.at(commit).changesSinceCommit(ws.vm.at(parent ?? ZERO_ROOT));
  const node: CommitNode = {
    root: commit.root,
    parent: commit.parent,
    label: commit.label,
    labels: commitLabels(commit),
    createdAt: commit.createdAt,
    finalized: commit.finalized,
    contractsTouched: changes.map((c) => c.contract),
    pagesChanged: changes.reduce(
      (n, c) => n + c.pages.added.length + c.pages.changed.length + c.pages.removed.length,
      0,
    ),
    ...(commit.gasTable === undefined ? {} : { gasTable: commit.gasTable }),
  };
  ws.commitNodes.set(commit.root, node);
  return node;
}

export function commitGraph(ws: WorkspaceState): CommitNode[] {
  return ws.vm.commitRecords().map((c) => commitNode(ws, c));
}

/** The commit graph: every commit with what it changed since its parent, computed once per root. */
import { PiecrustError } from '../core/errors';
import { ZERO_ROOT } from '../core/ids';
import type { Vm } from '../vm/vm';
import { commitChanges } from '../vm/commit-changes';
import { knownCommit } from './known-commit';
import { commitLabels, type CommitPage, type CommitRecord } from '../store/commit-store';
import type { CommitNode } from './types';
import type { WorkspaceState } from './workspace-state';

export function commitNode(ws: WorkspaceState, commit: CommitRecord): CommitNode {
  const cached = ws.commitNodes.get(commit.root);
  // What can change after a commit is written: its finalization, and labels (the same state
  // committed again).
  if (cached !== undefined)
    return { ...cached, finalized: commit.finalized, labels: commitLabels(commit) };
  // Against genesis when it has no parent, or its parent was deleted. The change recorded when
  // the commit was written is against its parent: used only while that parent is still there.
  const parent = commit.parent === null ? undefined : ws.vm.store.getCommit(commit.parent);
  const againstRecorded = commit.parent === null || parent !== undefined;
  const changes =
    againstRecorded && commit.changes !== undefined
      ? commit.changes
      : commitChanges(ws.vm.at(commit).changesSinceCommit(ws.vm.at(parent ?? ZERO_ROOT)));
  const node: CommitNode = {
    root: commit.root,
    parent: commit.parent,
    label: commit.label,
    labels: commitLabels(commit),
    createdAt: commit.createdAt,
    finalized: commit.finalized,
    contractsTouched: [...changes.contractsTouched],
    pagesChanged: changes.pagesChanged,
    ...(commit.gasTable === undefined ? {} : { gasTable: commit.gasTable }),
  };
  ws.commitNodes.set(commit.root, node);
  return node;
}

/**
 * The piece of the graph a request asks for, checked here (in-process callers skip the
 * transports' schema): a known `after`, a whole `limit` ≥ 1.
 */
export function commitPage(vm: Vm, req: { after?: string; limit?: number }): CommitPage {
  const { limit } = req;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1))
    throw new PiecrustError('InvalidInput', `limit must be a whole number ≥ 1, not ${limit}`, {
      limit,
    });
  return { after: req.after === undefined ? undefined : knownCommit(vm, req.after), limit };
}

/** The graph's nodes, all of them or a piece (`page`: store/commit-store.ts's CommitPage). */
export function commitGraph(ws: WorkspaceState, page?: CommitPage): CommitNode[] {
  return ws.vm.commitRecords(page).map((c) => commitNode(ws, c));
}

/**
 * The commit graph: every commit with what it changed since its parent, as recorded when it was
 * written (diffed here for commits stored without it), once per root.
 */
import { PiecrustError } from '../core/errors';
import { ZERO_ROOT, type Root } from '../core/ids';
import type { Vm } from '../vm/vm';
import { commitChanges } from '../vm/commit-changes';
import { knownCommit } from './known-commit';
import {
  commitLabels,
  type CommitChanges,
  type CommitPage,
  type CommitRecord,
} from '../store/commit-store';
import type { CommitNode } from './types';
import type { WorkspaceState } from './workspace-state';

/**
 * A commit's node. `listed`: roots known to be in the store (the piece being read), so that
 * parents among them need no lookup.
 */
export function commitNode(
  ws: WorkspaceState,
  commit: CommitRecord,
  listed?: ReadonlySet<Root>,
): CommitNode {
  const cached = ws.commitNodes.get(commit.root);
  // What can change after a commit is written: its finalization, and labels (the same state
  // committed again).
  if (cached !== undefined)
    return { ...cached, finalized: commit.finalized, labels: commitLabels(commit) };
  const changes = recordedChanges(ws, commit, listed) ?? diffedChanges(ws, commit);
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
 * The change recorded when the commit was written, which is against its parent: usable while
 * that parent is there (or it has none), not once it was deleted (the node is then against
 * genesis). Undefined for commits written before changes were recorded.
 */
function recordedChanges(
  ws: WorkspaceState,
  commit: CommitRecord,
  listed: ReadonlySet<Root> | undefined,
): CommitChanges | undefined {
  if (commit.changes === undefined || commit.parent === null) return commit.changes;
  const parentThere =
    listed?.has(commit.parent) === true || ws.vm.store.getCommit(commit.parent) !== undefined;
  return parentThere ? commit.changes : undefined;
}

/** Diffed from the stored trees: against the parent, or genesis without one (or once deleted). */
function diffedChanges(ws: WorkspaceState, commit: CommitRecord): CommitChanges {
  const parent = commit.parent === null ? undefined : ws.vm.store.getCommit(commit.parent);
  return commitChanges(ws.vm.at(commit).changesSinceCommit(ws.vm.at(parent ?? ZERO_ROOT)));
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
  const commits = ws.vm.commitRecords(page);
  const listed = new Set(commits.map((c) => c.root));
  return commits.map((c) => commitNode(ws, c, listed));
}
